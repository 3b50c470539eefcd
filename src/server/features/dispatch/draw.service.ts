import type { Db } from '../../db/database';
import type { DispatchItemTable } from './dispatch.table';
import { localDay, type Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import type { DispatchDraw, DispatchSheet } from '../../../shared/dispatch';
import { audit } from '../audit';
import { listSites, rosterGaps } from '../checkpoints';
import { missedFollowUps } from '../isolation';
import { townshipsOverlapping, zeroReportStatus } from '../zero-reports';
import { getDispatch } from './dispatch.service';
import {
  findPreviousSheet,
  findSheetId,
  insertItems,
  insertSheetOnce,
  listAssignedOpenItems,
  listNewCases,
  listNewFeverAlerts,
  listPublishedSeekNotices,
} from './dispatch.repository';

/** At most this many lines of one kind on a sheet: a sheet is read aloud at a meeting, not a register. */
const PER_KIND = 200;
/** A first sheet (no previous one) looks back this far. */
const FIRST_LOOKBACK_MS = 24 * 3600_000;
/** How far ahead a sheet looks for hours of a checkpoint with nobody on duty. */
const ROSTER_HOURS_AHEAD = 24;

type Line = Pick<DispatchItemTable, 'kind' | 'region_path' | 'source_type' | 'source_id' | 'title'> &
  Partial<Pick<DispatchItemTable, 'units'>>;

const CLASSIFICATION: Record<string, string> = {
  suspected: '疑似病例',
  confirmed: '确诊病例',
  asymptomatic: '无症状感染者',
  excluded: '排除病例',
};

function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

type MissingUnit = Awaited<ReturnType<typeof zeroReportStatus>>['missing'][number];

/**
 * Units owing the day's zero report, one line per township/street with the units inside (a meeting
 * hands a township its silent villages at once, not 200 lines one by one); a unit outside every
 * township (a county-level site) keeps a line of its own.
 */
export function zeroReportLines(
  missing: readonly MissingUnit[],
  townships: readonly { id: string; name: string; path: string }[],
  day: string,
): Line[] {
  const lines: Line[] = [];
  const byTownship = new Map<string, { township: (typeof townships)[number]; units: MissingUnit[] }>();
  for (const u of missing) {
    const township = townships.find((t) => u.regionPath.startsWith(t.path));
    if (!township) {
      if (lines.length < PER_KIND)
        lines.push({
          kind: 'zero_report_missing',
          region_path: u.regionPath,
          source_type: u.unitType,
          source_id: u.unitId,
          title: `${day} 零报告未报：${u.name}`,
        });
      continue;
    }
    const group = byTownship.get(township.id);
    if (group) group.units.push(u);
    else byTownship.set(township.id, { township, units: [u] });
  }
  for (const { township, units } of byTownship.values()) {
    const names = units.map((u) => u.name);
    const shown = names.slice(0, 5).join('、');
    lines.push({
      kind: 'zero_report_missing',
      region_path: township.path,
      source_type: 'township',
      source_id: township.id,
      title: `${day} 零报告未报：${township.name} ${units.length} 个单位（${shown}${names.length > 5 ? ' 等' : ''}）`,
      units: JSON.stringify(units.map((u) => ({ unitType: u.unitType, unitId: u.unitId, name: u.name }))),
    });
  }
  return lines;
}

/**
 * The lines of a sheet for a jurisdiction, drawn at `now`:
 * - new cases and new fever alerts recorded after `since` (the previous sheet) — only what is new;
 * - overdue follow-ups (one line per isolated person), units owing today's zero report, hours in
 *   the next day with nobody on duty at a 24-hour checkpoint, and seek notices still published —
 *   as they stand now, whether or not an earlier sheet listed them.
 */
async function dispatchLines(
  db: Db,
  clock: Clock,
  timeZone: string,
  scope: Scope,
  since: string,
  day: string,
): Promise<Line[]> {
  const now = clock.now().toISOString();
  const [cases, fevers, missed, zero, gaps, sites, notices, townships] = await Promise.all([
    listNewCases(db, scope, since, now, PER_KIND),
    listNewFeverAlerts(db, scope, since, now, PER_KIND),
    missedFollowUps(db, clock, scope, PER_KIND),
    zeroReportStatus(db, clock, timeZone, scope, day),
    rosterGaps(db, clock, scope, ROSTER_HOURS_AHEAD),
    listSites(db, scope, { status: 'active' }),
    listPublishedSeekNotices(db, scope, PER_KIND),
    townshipsOverlapping(db, scope),
  ]);

  const lines: Line[] = [];
  for (const c of cases) {
    lines.push({
      kind: 'new_case',
      region_path: c.region_path,
      source_type: 'case',
      source_id: c.id,
      title: `新增${CLASSIFICATION[c.classification] ?? '病例'}：${c.person_name}${c.region_name ? `（${c.region_name}）` : ''}`,
    });
  }
  for (const a of fevers)
    lines.push({
      kind: 'new_fever',
      region_path: a.region_path,
      source_type: 'alert',
      source_id: a.id,
      title: `新增发热：${a.message}`,
    });

  // One line per isolated person: the newest missed slot and how many of theirs are missed.
  const byEpisode = new Map<string, { slot: (typeof missed.items)[number]; n: number }>();
  for (const s of missed.items) {
    const seen = byEpisode.get(s.episodeId);
    if (seen) seen.n++;
    else byEpisode.set(s.episodeId, { slot: s, n: 1 });
  }
  for (const [episodeId, { slot: s, n }] of byEpisode) {
    const observer = s.observerName ? `，观察员 ${s.observerName}` : '，未指定观察员';
    lines.push({
      kind: 'missed_follow_up',
      region_path: s.regionPath,
      source_type: 'isolation_episode',
      source_id: episodeId,
      title: `随访逾期：${s.personName}${s.regionName ? `（${s.regionName}）` : ''} ${s.day} ${s.seq === 1 ? '上午' : '下午'}${n > 1 ? ` 等 ${n} 次` : ''}未随访${observer}`,
    });
  }

  lines.push(...zeroReportLines(zero.missing, townships, day));

  const siteById = new Map(sites.map((s) => [s.id, s]));
  for (const g of gaps.slice(0, PER_KIND)) {
    const site = siteById.get(g.siteId);
    if (!site) continue;
    lines.push({
      kind: 'roster_gap',
      region_path: site.region_path,
      source_type: 'checkpoint_site',
      source_id: g.siteId,
      title: `卡口无人值守：${g.siteName} ${localTime(g.from, timeZone)}–${localTime(g.to, timeZone)}`,
    });
  }

  for (const n of notices)
    lines.push({
      kind: 'open_notice',
      region_path: n.region_path,
      source_type: 'seek_notice',
      source_id: n.id,
      title: `寻人通告仍在发布：${n.title}`,
    });
  return lines;
}

/**
 * Draw the morning or evening sheet (早调度/晚调度) of the actor's jurisdiction for a local day
 * (today by default): what changed since the jurisdiction's previous sheet, or in the last 24 hours
 * when there is none. One sheet per jurisdiction, day and slot: drawing it again — or two people
 * drawing it at once — returns the sheet already drawn (`created: false`).
 */
export async function drawDispatch(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  input: DispatchDraw,
): Promise<{ sheet: DispatchSheet; created: boolean }> {
  const scope = scopeOf(actor);
  const now = clock.now();
  const today = localDay(now, timeZone);
  const day = input.day ?? today;
  if (day > today) throw new AppError('DISPATCH_DAY_INVALID', { day, today });

  const existing = await findSheetId(db, scope.prefix, day, input.slot);
  if (existing) return { sheet: await getDispatch(db, clock, actor, existing), created: false };

  const previous = await findPreviousSheet(db, scope.prefix, now.toISOString());
  const since = previous?.drawn_at ?? new Date(now.getTime() - FIRST_LOOKBACK_MS).toISOString();
  const lines = await dispatchLines(db, clock, timeZone, scope, since, day);
  // A line that still stands keeps the person and due time it was given on the previous sheet, if
  // it was still open there: the evening sheet does not hand the same roster gap out twice.
  const carried = new Map<
    string,
    { assignee_user_id: string | null; assignee_name: string | null; due_at: string | null }
  >();
  if (previous) {
    const before = await listAssignedOpenItems(db, previous.id);
    for (const b of before)
      carried.set(`${b.kind}|${b.source_type}|${b.source_id}`, {
        assignee_user_id: b.assignee_user_id,
        assignee_name: b.assignee_name,
        due_at: b.due_at,
      });
  }

  const drawnId = await db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const id = uuidv7(now.getTime());
    const inserted = await insertSheetOnce(trx, {
      id,
      region_id: actor.regionId,
      region_path: scope.prefix,
      slot: input.slot,
      day,
      since,
      drawn_at: at,
      drawn_by: actor.id,
      drawn_by_name: actor.displayName,
      note: input.note ?? null,
    });
    if (!inserted) return null;
    const rows = lines.map((l) => ({
      ...l,
      id: uuidv7(now.getTime()),
      dispatch_id: id,
      assignee_user_id: null,
      assignee_name: null,
      due_at: null,
      ...carried.get(`${l.kind}|${l.source_type}|${l.source_id}`),
      status: 'open' as const,
      done_at: null,
      done_by: null,
      done_note: null,
      updated_at: at,
      units: l.units ?? null,
    }));
    await insertItems(trx, rows);
    await audit(trx, clock, actor, {
      action: 'dispatch.draw',
      entityType: 'dispatch',
      entityId: id,
      regionPath: scope.prefix,
      details: { slot: input.slot, day, since, items: rows.length },
    });
    return id;
  });
  if (drawnId) return { sheet: await getDispatch(db, clock, actor, drawnId), created: true };
  const raced = await findSheetId(db, scope.prefix, day, input.slot);
  if (!raced) throw new Error('drawDispatch: the sheet another drawer stored is gone');
  return { sheet: await getDispatch(db, clock, actor, raced), created: false };
}
