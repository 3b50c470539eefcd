import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { DailyReportTable, DailyReportVersionTable } from './reports.table';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import type { Role } from '../../../shared/enums';
import { METRICS, emptyFigures, type Figures } from '../../../shared/rollups';
import type {
  DailyReport,
  DailyReportChild,
  DailyReportChildren,
  DailyReportCorrections,
  DailyReportVersion,
} from '../../../shared/daily-reports';
import { findRegionById } from '../regions';
import { findReportById, insertVersion, type DailyReportRow } from './reports.repository';

/**
 * Who files a unit's report: a cadre bound to that very node — the village's grid leader or
 * village cadre (role grid bound to the village), the township cadre, the county command centre —
 * or the global admin. A village that cannot file (no cadre at a terminal, a cadre out on the
 * door-to-door round) has its township fill in for it (代填, see mayFillIn); that is recorded on
 * every state it saves and on the submission.
 */
export const ROLES_THAT_REPORT: readonly Role[] = ['admin', 'command', 'township', 'grid'];
/** Who reviews a report: a cadre of the level directly above (township for a village, county for a township), or the global admin. */
const ROLES_THAT_REVIEW: readonly Role[] = ['admin', 'command', 'township'];

const isGlobalAdmin = (actor: Actor) => actor.role === 'admin' && actor.regionPath === '/';

/** '/a/b/' → '/a/'; the top node has no parent ('/a/' → null). */
export function parentPathOf(path: string): string | null {
  const i = path.lastIndexOf('/', path.length - 2);
  return i <= 0 ? null : path.slice(0, i + 1);
}

/** A unit as the rules below need it: its path and level. */
export type ReportUnit = { path: string; level: string };

/** The actor files the unit's report: their own unit's, or a village's by 代填. */
export function mayPrepare(actor: Actor, unit: ReportUnit): boolean {
  return (
    ROLES_THAT_REPORT.includes(actor.role) &&
    (isGlobalAdmin(actor) || actor.regionPath === unit.path || mayFillIn(actor, unit))
  );
}

/**
 * 代填: the township (a cadre of the level directly above, as reviews it) fills in a village's report
 * for it — only a village's, the level where a unit may have nobody at a terminal. The level above
 * still reviews the report, and every state the township saves carries its name.
 */
export function mayFillIn(actor: Actor, unit: ReportUnit): boolean {
  return unit.level === 'village' && !isGlobalAdmin(actor) && mayReview(actor, unit.path);
}

export function mayReview(actor: Actor, regionPath: string): boolean {
  return (
    ROLES_THAT_REVIEW.includes(actor.role) && (isGlobalAdmin(actor) || actor.regionPath === parentPathOf(regionPath))
  );
}

export const isOpen = (status: DailyReportTable['status']) => status === 'draft' || status === 'returned';

export function parseFigures(json: string): Figures {
  const raw = JSON.parse(json) as Partial<Figures>;
  const f = emptyFigures();
  for (const m of METRICS) f[m] = Number(raw[m] ?? 0);
  return f;
}

export const parseCorrections = (json: string) => JSON.parse(json) as DailyReportCorrections;
/** The children snapshot; one stored before the live figures and 代填 were kept reads them as null. */
export function parseChildren(json: string | null): DailyReportChildren | null {
  if (!json) return null;
  const c = JSON.parse(json) as DailyReportChildren;
  const child = (k: DailyReportChild): DailyReportChild => ({
    ...k,
    live: k.live ?? null,
    proxyUnit: k.proxyUnit ?? null,
  });
  return { included: c.included.map(child), missing: c.missing.map(child), own: c.own, live: c.live ?? null };
}

/** The reported figures: the computed ones with each correction applied. */
export function applyCorrections(computed: Figures, corrections: DailyReportCorrections): Figures {
  const f = { ...computed };
  for (const [m, c] of Object.entries(corrections)) if (c) f[m as keyof Figures] = c.to;
  return f;
}

/** A report the actor may see (in their jurisdiction), or 404 — never revealing one outside it. */
export async function reportInScope(db: Db, actor: Actor, id: string, lock = false): Promise<DailyReportRow> {
  const row = await findReportById(db, id, lock);
  if (!row || !pathInScope(row.region_path, scopeOf(actor))) throw new AppError('DAILY_REPORT_NOT_FOUND');
  return row;
}

export function toDailyReport(r: DailyReportRow, actor: Actor): DailyReport {
  const unit = { path: r.region_path, level: r.level };
  const prepare = mayPrepare(actor, unit);
  return {
    id: r.id,
    regionId: r.region_id,
    regionName: r.region_name,
    regionPath: r.region_path,
    level: r.level,
    day: r.day,
    status: r.status,
    version: Number(r.version),
    figures: parseFigures(r.figures),
    computed: parseFigures(r.computed),
    computedAt: r.computed_at,
    corrections: parseCorrections(r.corrections),
    children: parseChildren(r.children),
    assessment: r.assessment,
    problems: r.problems,
    requests: r.requests,
    missingNote: r.missing_note,
    submittedByName: r.submitted_by_name,
    submittedProxyUnit: r.submitted_proxy_unit,
    submittedAt: r.submitted_at,
    reviewedByName: r.reviewed_by_name,
    reviewedAt: r.reviewed_at,
    reviewNote: r.review_note,
    updatedAt: r.updated_at,
    may: {
      edit: prepare && isOpen(r.status),
      submit: prepare && isOpen(r.status),
      review: mayReview(actor, r.region_path) && (r.status === 'submitted' || r.status === 'reviewed'),
      proxy: prepare && actor.regionPath !== r.region_path && mayFillIn(actor, unit),
    },
  };
}

export function toVersion(v: Selectable<DailyReportVersionTable>): DailyReportVersion {
  return {
    seq: Number(v.seq),
    version: Number(v.version),
    action: v.action,
    status: v.status,
    at: v.at,
    actorName: v.actor_name,
    proxyUnit: v.proxy_unit,
    figures: parseFigures(v.figures),
    computed: parseFigures(v.computed),
    corrections: parseCorrections(v.corrections),
    children: parseChildren(v.children),
    assessment: v.assessment,
    problems: v.problems,
    requests: v.requests,
    missingNote: v.missing_note,
    note: v.note,
    changes: JSON.parse(v.changes),
  };
}

export type Change = { field: string; from: number | string | null; to: number | string | null };

/**
 * 代填: the name of the actor's own unit when they act on a report of another unit (a township for
 * its village), else null. Kept with each state so the versions say who filled in for whom.
 */
export async function proxyUnitOf(db: Db, actor: Actor, unit: ReportUnit): Promise<string | null> {
  if (actor.regionPath === unit.path || !mayFillIn(actor, unit) || !actor.regionId) return null;
  return (await findRegionById(db, actor.regionId))?.name ?? null;
}

/**
 * Keep the state a report has just been brought to as its next version (the report row must
 * already hold it, with `revision` already moved to this version's seq). `proxyUnit`: see proxyUnitOf.
 */
export async function recordVersion(
  db: Db,
  clock: Clock,
  actor: Actor,
  report: Selectable<DailyReportTable>,
  action: DailyReportVersion['action'],
  changes: Change[],
  note: string | null = null,
  proxyUnit: string | null = null,
): Promise<void> {
  const now = clock.now();
  await insertVersion(db, {
    id: uuidv7(now.getTime()),
    report_id: report.id,
    region_path: report.region_path,
    seq: Number(report.revision),
    version: Number(report.version),
    action,
    status: report.status,
    figures: report.figures,
    computed: report.computed,
    corrections: report.corrections,
    children: report.children,
    assessment: report.assessment,
    problems: report.problems,
    requests: report.requests,
    missing_note: report.missing_note,
    note,
    changes: JSON.stringify(changes),
    actor_id: actor.id,
    actor_name: actor.displayName || actor.username,
    proxy_unit: proxyUnit,
    at: now.toISOString(),
  });
}
