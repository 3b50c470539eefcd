import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { addDays, localDayStartMs } from '../../clock';
import { inSubtree } from '../../access/scope';
import { FEVER_CELSIUS } from '../../../shared/screening';
import { DEFAULT_GRACE_MINUTES } from '../../../shared/isolation';
import { FIGURES_OF, type ZeroReportFigures, type ZeroReportUnitType } from '../../../shared/zero-reports';
import type { ReportingUnit } from './units.repository';

/**
 * What the zero report of local day D covers: flows over the previous local day [from, to) =
 * [D−1 00:00, D 00:00) in the county's time zone; stocks as of `asOf` — now, but never later than
 * the end of D (a report filed late for a past day counts its stocks as that day ended).
 */
export interface ReportPeriod {
  day: string;
  from: string;
  to: string;
  asOf: string;
}

/** The period the report of local day `day` covers, seen at `now` (see ReportPeriod). */
export function reportPeriod(day: string, timeZone: string, now: Date): ReportPeriod {
  const endOfDay = localDayStartMs(addDays(day, 1), timeZone);
  return {
    day,
    from: new Date(localDayStartMs(addDays(day, -1), timeZone)).toISOString(),
    to: new Date(localDayStartMs(day, timeZone)).toISOString(),
    asOf: new Date(Math.min(now.getTime(), endOfDay)).toISOString(),
  };
}

/** The instant a day's report is due: local midnight of `day` plus the HH:MM deadline. */
export function deadlineOf(day: string, deadline: string, timeZone: string): Date {
  const [h, m] = deadline.split(':').map(Number) as [number, number];
  return new Date(localDayStartMs(day, timeZone) + (h * 60 + m) * 60_000);
}

/** One key for a unit across the three kinds: `village:<id>`, `checkpoint_site:<id>`, `isolation_site:<id>`. */
export const unitKey = (unitType: ZeroReportUnitType, unitId: string) => `${unitType}:${unitId}`;

/** The longest path prefix (on segment boundaries) shared by all the paths: one range for every query. */
function commonPrefix(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let prefix = paths[0]!;
  for (const p of paths) {
    while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  }
  return prefix || '/';
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * Qunfang's own figures for each unit over a report period — what the form is pre-filled with.
 * Every figure is one grouped query over the units' common subtree (villages) or their ids
 * (sites), so a whole county costs the same few queries as one village.
 *
 * - newReturnees: persons tagged 返乡人员 during the day (person_tags.created_at), where they live;
 * - householdsScreened: households visited and found at home (screening_visits, outcome ≠ not_home);
 * - fevers: ≥ 37.3 °C at a door (screening_checks), at a follow-up of someone isolated at home or in
 *   hospital (village) or at the site (isolation site), or among a checkpoint's occupants;
 * - newIsolations / inIsolation / followUpsMissed: isolation episodes not at a centralised site
 *   (village) or at the site; a follow-up slot due that day counts as missed when marked so, or
 *   still pending more than the grace period after its window closed;
 * - passages / peopleChecked / turnedBack: the checkpoint's register.
 */
export async function computeFigures(db: Db, units: readonly ReportingUnit[], period: ReportPeriod): Promise<Map<string, ZeroReportFigures>> {
  const out = new Map<string, ZeroReportFigures>();
  for (const u of units) out.set(unitKey(u.unitType, u.unitId), Object.fromEntries(FIGURES_OF[u.unitType].map((k) => [k, 0])) as ZeroReportFigures);
  const { from, to, asOf } = period;
  const missedBefore = new Date(Date.parse(asOf) - DEFAULT_GRACE_MINUTES * 60_000).toISOString();

  const villages = units.filter((u) => u.unitType === 'village');
  if (villages.length > 0) {
    const prefix = commonPrefix(villages.map((v) => v.regionPath));
    const villageByPath = new Map(villages.map((v) => [v.regionPath, out.get(unitKey('village', v.unitId))!]));
    /** The figures of the village a row's path lies in (rows outside every village are left out). */
    const villageOf = (path: string) => {
      let candidate = path;
      while (candidate.length > 1) {
        const hit = villageByPath.get(candidate);
        if (hit) return hit;
        candidate = candidate.slice(0, candidate.lastIndexOf('/', candidate.length - 2) + 1);
      }
      return undefined;
    };
    const addTo = (rows: { path: string; n: unknown }[], key: keyof ZeroReportFigures) => {
      for (const r of rows) {
        const f = villageOf(r.path);
        if (f) f[key] = (f[key] ?? 0) + n(r.n);
      }
    };
    const [returnees, screened, doorFevers, slotFevers, newEpisodes, stock, missed] = await Promise.all([
      inSubtree(db.selectFrom('person_tags').select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
        .where('tag', '=', 'returnee').where('created_at', '>=', from).where('created_at', '<', to), 'region_path', prefix)
        .groupBy('region_path').execute(),
      inSubtree(db.selectFrom('screening_visits').select(['region_path as path', (eb) => eb.fn.count('household_id').distinct().as('n')])
        .where('visited_at', '>=', from).where('visited_at', '<', to).where('outcome', '<>', 'not_home'), 'region_path', prefix)
        .groupBy('region_path').execute(),
      inSubtree(db.selectFrom('screening_checks').innerJoin('screening_visits', 'screening_visits.id', 'screening_checks.visit_id')
        .select(['screening_visits.region_path as path', (eb) => eb.fn.countAll().as('n')])
        .where('screening_visits.visited_at', '>=', from).where('screening_visits.visited_at', '<', to)
        .where('screening_checks.temperature', '>=', FEVER_CELSIUS), 'screening_visits.region_path', prefix)
        .groupBy('screening_visits.region_path').execute(),
      inSubtree(slotsAtHome(db).select(['follow_up_slots.region_path as path', (eb) => eb.fn.countAll().as('n')])
        .where('follow_up_slots.status', '=', 'filled').where('follow_up_slots.filled_at', '>=', from).where('follow_up_slots.filled_at', '<', to)
        .where('follow_up_slots.temperature', '>=', FEVER_CELSIUS), 'follow_up_slots.region_path', prefix)
        .groupBy('follow_up_slots.region_path').execute(),
      inSubtree(db.selectFrom('isolation_episodes').select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
        .where('site_id', 'is', null).where('created_at', '>=', from).where('created_at', '<', to), 'region_path', prefix)
        .groupBy('region_path').execute(),
      inSubtree(db.selectFrom('isolation_episodes').select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
        .where('site_id', 'is', null).where((eb) => isolatedAt(eb, asOf)), 'region_path', prefix)
        .groupBy('region_path').execute(),
      inSubtree(slotsAtHome(db).select(['follow_up_slots.region_path as path', (eb) => eb.fn.countAll().as('n')])
        .where('follow_up_slots.due_to', '>=', from).where('follow_up_slots.due_to', '<', to)
        .where((eb) => missedSlot(eb, missedBefore)), 'follow_up_slots.region_path', prefix)
        .groupBy('follow_up_slots.region_path').execute(),
    ]);
    addTo(returnees, 'newReturnees');
    addTo(screened, 'householdsScreened');
    addTo(doorFevers, 'fevers');
    addTo(slotFevers, 'fevers');
    addTo(newEpisodes, 'newIsolations');
    addTo(stock, 'inIsolation');
    addTo(missed, 'followUpsMissed');
  }

  const checkpoints = units.filter((u) => u.unitType === 'checkpoint_site').map((u) => u.unitId);
  if (checkpoints.length > 0) {
    const rows = await db.selectFrom('passages')
      .select((eb) => [
        'site_id', eb.fn.countAll().as('passages'), eb.fn.sum('occupant_count').as('people'), eb.fn.sum('fever_count').as('fevers'),
        eb.fn.sum(eb.case().when('decision', '=', 'turned_back').then(1).else(0).end()).as('turned_back'),
      ])
      .where('site_id', 'in', checkpoints).where('at', '>=', from).where('at', '<', to)
      .groupBy('site_id').execute();
    for (const r of rows) {
      const f = out.get(unitKey('checkpoint_site', r.site_id))!;
      f.passages = n(r.passages);
      f.peopleChecked = n(r.people);
      f.fevers = n(r.fevers);
      f.turnedBack = n(r.turned_back);
    }
  }

  const sites = units.filter((u) => u.unitType === 'isolation_site').map((u) => u.unitId);
  if (sites.length > 0) {
    const episodesAt = () => db.selectFrom('isolation_episodes').select(['site_id', (eb) => eb.fn.countAll().as('n')]).where('site_id', 'in', sites);
    const slotsAt = () => db.selectFrom('follow_up_slots').innerJoin('isolation_episodes', 'isolation_episodes.id', 'follow_up_slots.episode_id')
      .select(['isolation_episodes.site_id', (eb) => eb.fn.countAll().as('n')]).where('isolation_episodes.site_id', 'in', sites);
    const [newEpisodes, stock, missed, fevers] = await Promise.all([
      episodesAt().where('created_at', '>=', from).where('created_at', '<', to).groupBy('site_id').execute(),
      episodesAt().where((eb) => isolatedAt(eb, asOf)).groupBy('site_id').execute(),
      slotsAt().where('follow_up_slots.due_to', '>=', from).where('follow_up_slots.due_to', '<', to)
        .where((eb) => missedSlot(eb, missedBefore)).groupBy('isolation_episodes.site_id').execute(),
      slotsAt().where('follow_up_slots.status', '=', 'filled').where('follow_up_slots.filled_at', '>=', from).where('follow_up_slots.filled_at', '<', to)
        .where('follow_up_slots.temperature', '>=', FEVER_CELSIUS).groupBy('isolation_episodes.site_id').execute(),
    ]);
    const put = (rows: { site_id: string | null; n: unknown }[], key: keyof ZeroReportFigures) => {
      for (const r of rows) if (r.site_id) out.get(unitKey('isolation_site', r.site_id))![key] = n(r.n);
    };
    put(newEpisodes, 'newIsolations');
    put(stock, 'inIsolation');
    put(missed, 'followUpsMissed');
    put(fevers, 'fevers');
  }
  return out;
}

/** Follow-up slots of episodes not at a centralised site: at home or in hospital, counted by their village. */
function slotsAtHome(db: Db) {
  return db.selectFrom('follow_up_slots').innerJoin('isolation_episodes', 'isolation_episodes.id', 'follow_up_slots.episode_id')
    .where('isolation_episodes.site_id', 'is', null);
}

/** "Under isolation at `at`": begun by then and not ended by then. */
function isolatedAt(eb: ExpressionBuilder<any, any>, at: string) {
  return eb.and([
    eb('isolation_episodes.created_at', '<=', at),
    eb.or([eb.and([eb('isolation_episodes.ended_at', 'is', null), eb('isolation_episodes.status', '=', 'active')]), eb('isolation_episodes.ended_at', '>', at)]),
  ]);
}

/** A slot is missed when marked so, or still pending `grace` after its window closed (before the sweeper got to it). */
function missedSlot(eb: ExpressionBuilder<any, any>, missedBefore: string) {
  return eb.or([
    eb('follow_up_slots.status', '=', 'missed'),
    eb.and([eb('follow_up_slots.status', '=', 'pending'), eb('follow_up_slots.due_to', '<', missedBefore)]),
  ]);
}
