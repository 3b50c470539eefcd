import { bulkTarget, insertMany, RowBuffer, withBulkWrites } from '../db/bulk-writes';
import type { Db } from '../db/database';
import type { Clock } from '../clock';
import { audit } from '../features/audit';
import { addPersonTags } from '../features/residents';
import { loadHouseholds, PlateMaker, StrangerMaker } from './checkpoint-households';
import {
  cityPicker,
  DAY,
  DAYS,
  FIRST_DAY,
  groupBy,
  HOUR,
  type OutsideVehicle,
  type Profile,
  type SitePlan,
  TRACED_BUS,
  type VehicleType,
} from './checkpoint-model';
import { finishAlerts, finishReferrals, OCCUPANT_TYPES, PASSAGE_TYPES, PassageRecorder } from './checkpoint-passages';
import { planRosters, planSites } from './checkpoint-sites';
import { PassageDrafts } from './checkpoint-traffic';
import { apportion, Rng, TimedIds, WeightedPicker } from './random';

export { TRACED_BUS } from './checkpoint-model';

/**
 * The demo county's checkpoints (卡口), as the reports describe them: the G5 京昆高速 exits, two
 * 108国道 points and a provincial road, the two railway stations, a village entrance (村口卡点) at
 * almost every village and the compound gates (小区门口) of the street communities; three 8-hour
 * shifts a day staffed by the demo checkpoint crews (`checkpoint01…05`, each on the day shift of
 * their own main site), named police and medical staff, and party members and volunteers from the
 * registry — with a handful of shifts nobody was put on; and the passages of 20–31 January 2020:
 * the Spring Festival rush through the highway exits and stations, then the lockdown — village
 * entrances and compound gates open from the 24th, outside plates turned back (劝返), fevers
 * referred to the fever clinic — including bus 晋C60695 from 太原, at the 平遥 exit at 20:03 on
 * 20 January with its 12 passengers (three of them known only by name and phone), the reports'
 * tracing story.
 *
 * Every row is what the checkpoint services would have written for the same work (passages.service
 * `writeBatch`): occupants with an ID number or a phone are linked to the registry — residents to
 * their own person, a stranger to a person created where they were first registered (note
 * "首次登记于卡口：…", tagged non_local, or 未核验身份 when known only by name and phone) —
 * occupants who gave neither stay unlinked; a fever tags the person
 * fever + key_person and raises a 'fever' alert, a referral a 'refer' alert (source_type 'passage').
 * The command centre has acknowledged most alerts; the newest few are open.
 *
 * Deterministic: one seed (the demo's, from settings) gives the same rows on every machine and
 * both engines; ids are UUID v7 at the row's own instant.
 */
export interface CheckpointDemoSummary {
  sites: number;
  shifts: number;
  passages: number;
  occupants: number;
  /** strangers first registered at a checkpoint: persons added to the registry */
  persons: number;
  alerts: number;
}

export interface CheckpointDemoOptions {
  scale: 'small' | 'county';
  progress?: (done: number, total: number, step?: string) => void;
}

/** Days of recent traffic (up to the build's clock) after the January 2020 story. */
const RECENT_DAYS = 14;
const DEFAULT_SEED = 20200120;
/** Rows written per passage (occupants, new persons and their tags), for the progress bar. */
const ROWS_PER_PASSAGE = 3.1;

const SCALE = {
  county: { passages: 200_000, fever: 0.002, openNewest: 10, openOlder: 0.03, outsideVehicles: 9_000, gapShifts: 12 },
  small: { passages: 400, fever: 0.01, openNewest: 1, openOlder: 0.1, outsideVehicles: 60, gapShifts: 1 },
} as const;

/** Relative traffic per day of 20–31 January, by profile: the Spring Festival rush, then the lockdown. */
const DAY_FACTORS: Record<Profile, number[]> = {
  highway: [1.3, 1.4, 1.5, 1.5, 1.1, 0.45, 0.35, 0.3, 0.28, 0.25, 0.25, 0.3],
  road: [1.2, 1.3, 1.4, 1.4, 1.0, 0.5, 0.4, 0.35, 0.32, 0.3, 0.3, 0.32],
  duty: [1.0, 1.0, 1.1, 1.1, 0.9, 0.6, 0.5, 0.45, 0.4, 0.4, 0.4, 0.4],
  station: [1.4, 1.5, 1.6, 1.5, 1.0, 0.4, 0.25, 0.15, 0.1, 0.1, 0.1, 0.1],
  village: [0, 0, 0, 0, 0.6, 0.9, 1, 1, 0.95, 0.95, 0.9, 0.9],
  compound: [0, 0, 0, 0, 0.5, 0.8, 1, 1, 1, 1, 1, 1],
};
/** Passages by local hour: quiet nights, a morning and an afternoon peak. */
const HOURS = new WeightedPicker(
  Array.from({ length: 24 }, (_, h) => h),
  [1, 0.6, 0.4, 0.4, 0.6, 1.2, 2.5, 5, 7, 8, 8.5, 8, 6.5, 6.5, 7.5, 8, 8, 7.5, 6, 4.5, 3.5, 2.5, 1.8, 1.3],
);

/**
 * Build the checkpoints, rosters and passages into a database that holds the demo county (regions,
 * residents, users). Returns what was written.
 */
export async function buildCheckpointDemo(
  db: Db,
  clock: Clock,
  opts: CheckpointDemoOptions,
): Promise<CheckpointDemoSummary> {
  const report = opts.progress ?? (() => {});
  const params = SCALE[opts.scale];
  const seedRow = await db.selectFrom('settings').select('value').where('key', '=', 'demo.seed').executeTakeFirst();
  const seed = (Number(seedRow?.value ?? DEFAULT_SEED) ^ 0x1c0ffee5) >>> 0;
  const rng = new Rng(seed);
  const ids = new TimedIds(new Rng(seed ^ 0x7f4a7c15));

  report(0, 1, 'checkpoints');
  const regions = await db
    .selectFrom('regions')
    .selectAll()
    .where('level', 'in', ['county', 'township', 'village'])
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  const county = regions.find((r) => r.level === 'county');
  if (!county) throw new Error('the checkpoint demo needs the demo county');
  const townships = regions.filter((r) => r.level === 'township');
  const villages = regions.filter((r) => r.level === 'village');
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const countyCode = county.code.slice(0, 6);
  const townshipByCode = (suffix: string) => townships.find((t) => t.code === countyCode + suffix + '000');

  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'region_id', 'region_path'])
    .where('role', 'in', ['command', 'township', 'checkpoint'])
    .orderBy('username')
    .execute();
  const command = users.find((u) => u.username === 'command') ?? users.find((u) => u.role === 'command');
  const townshipUser = new Map(users.filter((u) => u.role === 'township' && u.region_id).map((u) => [u.region_id!, u]));

  const { households, knownIds, knownPlates } = await loadHouseholds(db, rng, villages, regionById, countyCode);
  const byVillage = groupBy(households, (h) => h.village.id);
  const withVehicle = households.filter((h) => h.vehicle);
  const byTownshipVehicle = groupBy(withVehicle, (h) => h.township.id);
  const withDrivers = households.filter((h) => h.drivers.length > 0);

  const plates = new PlateMaker(rng, new Set([...knownPlates, TRACED_BUS.plate]));
  for (const h of households)
    if (h.vehicle) h.vehicle.plate = plates.make('晋K', h.vehicle.type === 'car' && rng.chance(0.04));
  const strangers = new StrangerMaker(rng, knownIds);

  // --- sites -------------------------------------------------------------------------------
  const sites = planSites(rng, ids, opts.scale, townships, villages, byVillage, townshipByCode, users);
  for (const s of sites) {
    const tu = townshipUser.get(s.township.id);
    s.recorderId = s.crewUser?.id ?? tu?.id ?? command?.id ?? null;
  }

  // --- rosters -------------------------------------------------------------------------------
  const roster = planRosters(rng, ids, opts.scale, sites, households, params.gapShifts);

  // --- outside vehicles ----------------------------------------------------------------------
  const outside: OutsideVehicle[] = [];
  for (let i = 0; i < params.outsideVehicles; i++) {
    const city = cityPicker.pick(rng);
    const u = rng.next();
    const type: VehicleType = u < 0.76 ? 'car' : u < 0.9 ? 'truck' : u < 0.97 ? 'van' : 'bus';
    const plate = plates.make(rng.pick(city.plates), type === 'car' && rng.chance(0.05));
    // A quarter of the cars registered elsewhere carry county people home (workers in 太原, in Wuhan…).
    const household =
      type === 'car' && city.label !== '晋中' && withDrivers.length > 0 && rng.chance(0.25)
        ? rng.pick(withDrivers)
        : null;
    const crewSize = household ? 0 : type === 'car' ? rng.int(1, 4) : type === 'bus' ? 1 : rng.int(1, 2);
    const crew = Array.from({ length: crewSize }, () => strangers.make(city));
    outside.push({ plate, type, city, household, crew });
  }
  // Some vehicles come through often (trucks, commuters), most once or twice.
  const outsidePicker = new WeightedPicker(
    outside,
    outside.map((v) => (v.type === 'truck' ? 4 : 1) * (0.2 + rng.next() ** 3 * 6)),
  );

  // --- passages ------------------------------------------------------------------------------
  // passages per site and day (index site * DAYS + day), adding up to the scale's total
  const cellWeights: number[] = [];
  for (const s of sites) {
    for (let d = 0; d < DAYS; d++) cellWeights.push(d < s.opens ? 0 : s.weight * DAY_FACTORS[s.profile][d]!);
  }
  const counts = apportion(params.passages - 1, cellWeights);

  const returneeTrips = households.flatMap((h) =>
    h.members.filter((m) => m.arrival_date === '2020-01-20' && m.returnee_from).map((m) => ({ h, m })),
  );
  const total =
    sites.length +
    roster.shifts.length +
    roster.assignments.length +
    Math.round((params.passages + returneeTrips.length) * ROWS_PER_PASSAGE);
  let done = 0;
  const advance = (step: string) => (n: number) => {
    done += n;
    report(Math.min(done, total - 1), total, step);
  };

  const recentSites = new WeightedPicker(
    sites,
    sites.map((s) => s.weight),
  );
  const gen = new PassageDrafts(rng, opts.scale, households, withVehicle, byTownshipVehicle, outsidePicker, strangers);
  const recorder = new PassageRecorder(rng, ids, opts.scale, params.fever);

  // SQLite's page cache would spill to the log again and again while four indexes of passages grow
  // at random places: the bulk-write mode gives it a big cache for the build only.
  const summary = await withBulkWrites(db, () =>
    db.transaction().execute(async (trx) => {
      const to = bulkTarget(db, trx);
      await insertMany(
        to,
        'checkpoint_sites',
        sites.map((s) => s.row),
        { onRows: advance('checkpoints') },
      );
      await insertMany(to, 'duty_shifts', roster.shifts, { onRows: advance('rosters') });
      await insertMany(to, 'duty_assignments', roster.assignments, { onRows: advance('rosters') });

      const onRows = advance('passages');
      const persons = new RowBuffer(to, 'persons', { onRows });
      const passages = new RowBuffer(to, 'passages', {
        onRows,
        before: persons,
        pgTypes: PASSAGE_TYPES,
        rowsPerStatement: 100,
      });
      const occupants = new RowBuffer(to, 'passage_occupants', {
        onRows,
        before: passages,
        pgTypes: OCCUPANT_TYPES,
        rowsPerStatement: 100,
      });
      recorder.sink = { persons, passages, occupants };

      for (let d = 0; d < DAYS; d++) {
        const events: {
          at: number;
          site: SitePlan;
          kind: 'traffic' | 'bus' | 'returnee';
          extra?: (typeof returneeTrips)[number];
        }[] = [];
        sites.forEach((s, si) => {
          const n = counts[si * DAYS + d] ?? 0;
          for (let k = 0; k < n; k++)
            events.push({
              at: FIRST_DAY + d * DAY + HOURS.pick(rng) * HOUR + rng.int(0, HOUR - 1),
              site: s,
              kind: 'traffic',
            });
        });
        if (d === 0) {
          const exit = sites.find((s) => s.profile === 'highway')!;
          events.push({ at: TRACED_BUS.at, site: exit, kind: 'bus' });
          const exits = sites.filter((s) => s.profile === 'highway');
          const stations = sites.filter((s) => s.profile === 'station');
          for (const trip of returneeTrips) {
            const byRoad = trip.m.transport === 'self_drive' || trip.m.transport === 'coach';
            const site = byRoad || stations.length === 0 ? rng.pick(exits) : rng.pick(stations);
            events.push({ at: FIRST_DAY + rng.int(9 * HOUR, 23 * HOUR), site, kind: 'returnee', extra: trip });
          }
        }
        events.sort((a, b) => a.at - b.at);
        for (const e of events) {
          if (e.kind === 'traffic') await recorder.write(e.site, e.at, gen.traffic(e.site, e.at, d));
          else if (e.kind === 'bus') await recorder.write(e.site, e.at, gen.tracedBus());
          else await recorder.write(e.site, e.at, gen.returnee(e.extra!.h, e.extra!.m));
        }
      }
      // The weeks up to now, at a quarter of lockdown traffic, so the big screen's checkpoint figures
      // and trends are alive on the day the demo is opened (the story above stays in January 2020).
      const nowMs = clock.now().getTime();
      const recentDays = Math.floor((nowMs - FIRST_DAY) / DAY) >= DAYS + RECENT_DAYS ? RECENT_DAYS : 0;
      const recentPerDay = Math.round(params.passages / DAYS / 4);
      const lastMidnight = FIRST_DAY + Math.floor((nowMs - FIRST_DAY) / DAY) * DAY;
      for (let r = recentDays - 1; r >= 0; r--) {
        const dayStart = lastMidnight - r * DAY;
        const events: { at: number; site: SitePlan }[] = [];
        for (let k = 0; k < recentPerDay; k++) {
          const at = dayStart + HOURS.pick(rng) * HOUR + rng.int(0, HOUR - 1);
          if (at < nowMs) events.push({ at, site: recentSites.pick(rng) });
        }
        events.sort((a, b) => a.at - b.at);
        for (const e of events) await recorder.write(e.site, e.at, gen.traffic(e.site, e.at, DAYS - 1));
      }
      await occupants.flush();

      // Through the residents' own rule: a fever tag on someone screening already tagged is kept, not doubled.
      await addPersonTags(to, recorder.tags);
      onRows(recorder.tags.length);
      const alerts = finishAlerts(rng, recorder.alerts, command?.id ?? null, params.openNewest, params.openOlder);
      await insertMany(to, 'referrals', finishReferrals(recorder.referrals, alerts));
      await insertMany(to, 'alerts', alerts);
      const result: CheckpointDemoSummary = {
        sites: sites.length,
        shifts: roster.shifts.length,
        passages: recorder.counts.passages,
        occupants: recorder.counts.occupants,
        persons: recorder.counts.persons,
        alerts: alerts.length,
      };
      await audit(trx, clock, null, {
        action: 'demo.checkpoints',
        entityType: 'region',
        entityId: county.id,
        regionPath: county.path,
        details: { scale: opts.scale, ...result },
      });
      return result;
    }),
  );

  // Statistics and folding the write-ahead log are the caller's (buildDemo does both once, for every table).
  report(total, total, 'done');
  return summary;
}
