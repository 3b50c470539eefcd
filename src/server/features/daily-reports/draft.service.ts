import type { Db } from '../../db/database';
import type { RegionRow } from '../regions';
import { localDay, type Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import { METRICS, emptyFigures, type Figures } from '../../../shared/rollups';
import {
  COUNTS_UPWARDS,
  REPORT_LEVELS,
  type DailyReport,
  type DailyReportChild,
  type DailyReportChildren,
  type DailyReportCorrections,
} from '../../../shared/daily-reports';
import { audit } from '../audit';
import { readRollups } from '../rollups';
import { findRegionById } from '../regions';
import {
  applyCorrections,
  mayPrepare,
  parseChildren,
  parseCorrections,
  parseFigures,
  proxyUnitOf,
  recordVersion,
  toDailyReport,
  type Change,
} from './report.model';
import { findReportById, findReportOfUnit, insertReport, reportsOfPaths, updateReport } from './reports.repository';
import { listReportingChildren } from './units.repository';

const add = (a: Figures, b: Figures) => {
  for (const m of METRICS) a[m] += b[m];
};

/**
 * What Qunfang computes for a unit's report of a day, read from roll-ups and stored reports only
 * (never from history, so it costs the same on day 1 and day 60):
 * - a village: its roll-up of the day;
 * - a township, county …: the sum of its children's submitted (or reviewed) reports' final figures,
 *   plus its own part (本级) — its roll-up minus its children's roll-ups, i.e. what sits on the node
 *   itself, such as a checkpoint registered directly on the township. Children that have not
 *   submitted are listed as missing and not summed. Beside the sum it keeps the live roll-up of the
 *   whole jurisdiction and of each child (辖区实时数, what the big screen shows), so a county whose
 *   townships have not reported sees the real figures next to its sum rather than a sheet of zeros.
 */
async function computeDailyFigures(
  db: Db,
  region: Pick<RegionRow, 'id' | 'path' | 'level'>,
  day: string,
): Promise<{ computed: Figures; children: DailyReportChildren | null }> {
  if (region.level === 'village') {
    return { computed: (await readRollups(db, [region.path], day)).get(region.path)!, children: null };
  }
  const kids = await listReportingChildren(db, region.id);
  const rollups = await readRollups(db, [region.path, ...kids.map((k) => k.path)], day);
  const reports = new Map(
    (
      await reportsOfPaths(
        db,
        kids.map((k) => k.path),
        day,
      )
    ).map((r) => [r.region_path, r]),
  );
  const own = { ...rollups.get(region.path)! };
  const computed = emptyFigures();
  const included: DailyReportChild[] = [];
  const missing: DailyReportChild[] = [];
  for (const k of kids) {
    const live = rollups.get(k.path)!;
    for (const m of METRICS) own[m] -= live[m];
    const r = reports.get(k.path);
    const child = {
      regionId: k.id,
      name: k.name,
      level: k.level,
      path: k.path,
      reportId: r?.id ?? null,
      status: r?.status ?? 'none',
      version: Number(r?.version ?? 0),
      submittedAt: r?.submitted_at ?? null,
      figures: null,
      live: { ...live },
      proxyUnit: r?.submitted_proxy_unit ?? null,
    } satisfies DailyReportChild;
    if (r && COUNTS_UPWARDS.includes(r.status)) {
      const figures = parseFigures(r.figures);
      add(computed, figures);
      included.push({ ...child, figures });
    } else missing.push(child);
  }
  add(computed, own);
  return { computed, children: { included, missing, own, live: rollups.get(region.path)! } };
}

/** The unit and day a report is drafted for: in the actor's jurisdiction, a reporting level, not in the future, filed by the actor. */
async function unitToDraft(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  regionId: string,
  day: string | undefined,
) {
  const region = await findRegionById(db, regionId);
  if (!region || !pathInScope(region.path, scopeOf(actor))) throw new AppError('REGION_NOT_FOUND');
  if (!REPORT_LEVELS.includes(region.level)) throw new AppError('DAILY_REPORT_UNIT_INVALID');
  if (region.status !== 'active') throw new AppError('REGION_RETIRED');
  const today = localDay(clock.now(), timeZone);
  const theDay = day ?? today;
  if (theDay > today) throw new AppError('DAILY_REPORT_DAY_INVALID', { today });
  if (!mayPrepare(actor, region)) throw new AppError('DAILY_REPORT_NOT_YOURS');
  return { region, day: theDay };
}

/** Corrections carried over to new computed figures: each now corrects the new figure; one that now agrees with it falls away. */
function carryCorrections(corrections: DailyReportCorrections, computed: Figures): DailyReportCorrections {
  const out: DailyReportCorrections = {};
  for (const [m, c] of Object.entries(corrections) as [
    keyof Figures,
    NonNullable<DailyReportCorrections[keyof Figures]>,
  ][]) {
    if (c.to !== computed[m]) out[m] = { ...c, from: computed[m] };
  }
  return out;
}

function childrenChanges(before: DailyReportChildren | null, after: DailyReportChildren | null): Change[] {
  const key = (c: DailyReportChild) => `${c.name}${c.version > 0 ? ` v${c.version}` : ''}`;
  const list = (x: DailyReportChildren | null) => (x ? x.included.map(key).join('、') : '');
  return list(before) === list(after) ? [] : [{ field: 'children.included', from: list(before), to: list(after) }];
}

/**
 * 起草/重新汇总: start a unit's report of a day, or recompute the draft it has (a draft or a
 * returned report). Corrections and narrative are kept; a correction that now agrees with the
 * computed figure falls away. A submitted or reviewed report is not touched (409
 * DAILY_REPORT_LOCKED): it stands as it went up. Only the unit itself drafts, or its township for a
 * village (代填, recorded on the version; see mayPrepare). The live figures (辖区实时数) are
 * reference, not content: when only they moved the draft takes them without a new version.
 * Reads roll-ups and stored reports only (computeDailyFigures), so a county's draft costs the same
 * whatever the length of history. Returns the report and whether it was created.
 */
export async function draftDailyReport(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  regionId: string,
  day?: string,
): Promise<{ report: DailyReport; created: boolean }> {
  const once = () =>
    db.transaction().execute(async (trx) => {
      const { region, day: theDay } = await unitToDraft(trx, clock, timeZone, actor, regionId, day);
      const existing = await findReportOfUnit(trx, region.path, theDay, true);
      if (existing && !(existing.status === 'draft' || existing.status === 'returned'))
        throw new AppError('DAILY_REPORT_LOCKED', { status: existing.status });
      const { computed, children } = await computeDailyFigures(trx, region, theDay);
      const now = clock.now().toISOString();
      const computedJson = JSON.stringify(computed);
      const childrenJson = children ? JSON.stringify(children) : null;
      const proxyUnit = await proxyUnitOf(trx, actor, region);

      if (!existing) {
        const id = uuidv7(clock.now().getTime());
        const row = {
          id,
          region_id: region.id,
          region_path: region.path,
          level: region.level,
          day: theDay,
          status: 'draft' as const,
          version: 0,
          revision: 1,
          figures: computedJson,
          computed: computedJson,
          computed_at: now,
          corrections: '{}',
          children: childrenJson,
          assessment: null,
          problems: null,
          requests: null,
          missing_note: null,
          created_by: actor.id,
          created_at: now,
          submitted_by: null,
          submitted_by_name: null,
          submitted_proxy_unit: null,
          submitted_at: null,
          reviewed_by: null,
          reviewed_by_name: null,
          reviewed_at: null,
          review_note: null,
          updated_at: now,
        };
        await insertReport(trx, row);
        await recordVersion(trx, clock, actor, row, 'draft', [], null, proxyUnit);
        await audit(trx, clock, actor, {
          action: 'daily_report.draft',
          entityType: 'daily_report',
          entityId: id,
          regionPath: region.path,
          details: { day: theDay, proxyUnit },
        });
        return { id, created: true };
      }

      const before = parseFigures(existing.computed);
      const corrections = carryCorrections(parseCorrections(existing.corrections), computed);
      const changes: Change[] = METRICS.filter((m) => before[m] !== computed[m]).map((m) => ({
        field: `computed.${m}`,
        from: before[m],
        to: computed[m],
      }));
      changes.push(...childrenChanges(parseChildren(existing.children), children));
      const correctionsJson = JSON.stringify(corrections);
      if (changes.length === 0 && correctionsJson === existing.corrections) {
        // nothing the report says moved: only say when it was last looked at, with the live figures of then
        await updateReport(trx, existing.id, { computed_at: now, children: childrenJson });
        return { id: existing.id, created: false };
      }
      const set = {
        computed: computedJson,
        children: childrenJson,
        corrections: correctionsJson,
        figures: JSON.stringify(applyCorrections(computed, corrections)),
        computed_at: now,
        revision: Number(existing.revision) + 1,
        updated_at: now,
      };
      await updateReport(trx, existing.id, set);
      await recordVersion(trx, clock, actor, { ...existing, ...set }, 'refresh', changes, null, proxyUnit);
      return { id: existing.id, created: false };
    });
  let result: { id: string; created: boolean };
  try {
    result = await once();
  } catch (err) {
    // two first drafts of one unit and day at once: the loser's insert hits the unique key; run again as a refresh
    const code = String((err as { code?: string }).code ?? '');
    if (code !== '23505' && !code.startsWith('SQLITE_CONSTRAINT')) throw err;
    result = await once();
  }
  return { report: toDailyReport((await findReportById(db, result.id))!, actor), created: result.created };
}
