import type { Selectable } from 'kysely';
import type { DailyReportTable, DailyReportVersionTable, Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../http/actor';
import { pathInScope, scopeOf } from '../../http/scope';
import type { Role } from '../../../shared/enums';
import { METRICS, emptyFigures, type Figures } from '../../../shared/rollups';
import type { DailyReport, DailyReportChildren, DailyReportCorrections, DailyReportVersion } from '../../../shared/daily-reports';
import { findReportById, insertVersion, type DailyReportRow } from './reports.repository';

/**
 * Who files a unit's report: a cadre bound to that very node — the village's grid leader or
 * village cadre (role grid), the township cadre, the county command centre — or the global admin.
 * A township does not file for its villages (it reviews them; filing and reviewing stay apart).
 */
export const ROLES_THAT_REPORT: readonly Role[] = ['admin', 'command', 'township', 'grid'];
/** Who reviews a report: a cadre of the level directly above (township for a village, county for a township), or the global admin. */
export const ROLES_THAT_REVIEW: readonly Role[] = ['admin', 'command', 'township'];

const isGlobalAdmin = (actor: Actor) => actor.role === 'admin' && actor.regionPath === '/';

/** '/a/b/' → '/a/'; the top node has no parent ('/a/' → null). */
export function parentPathOf(path: string): string | null {
  const i = path.lastIndexOf('/', path.length - 2);
  return i <= 0 ? null : path.slice(0, i + 1);
}

export function mayPrepare(actor: Actor, regionPath: string): boolean {
  return ROLES_THAT_REPORT.includes(actor.role) && (isGlobalAdmin(actor) || actor.regionPath === regionPath);
}

export function mayReview(actor: Actor, regionPath: string): boolean {
  return ROLES_THAT_REVIEW.includes(actor.role) && (isGlobalAdmin(actor) || actor.regionPath === parentPathOf(regionPath));
}

export const isOpen = (status: DailyReportTable['status']) => status === 'draft' || status === 'returned';

export function parseFigures(json: string): Figures {
  const raw = JSON.parse(json) as Partial<Figures>;
  const f = emptyFigures();
  for (const m of METRICS) f[m] = Number(raw[m] ?? 0);
  return f;
}

export const parseCorrections = (json: string) => JSON.parse(json) as DailyReportCorrections;
export const parseChildren = (json: string | null) => (json ? (JSON.parse(json) as DailyReportChildren) : null);

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
  const prepare = mayPrepare(actor, r.region_path);
  return {
    id: r.id, regionId: r.region_id, regionName: r.region_name, regionPath: r.region_path, level: r.level, day: r.day,
    status: r.status, version: Number(r.version),
    figures: parseFigures(r.figures), computed: parseFigures(r.computed), computedAt: r.computed_at,
    corrections: parseCorrections(r.corrections), children: parseChildren(r.children),
    assessment: r.assessment, problems: r.problems, requests: r.requests, missingNote: r.missing_note,
    submittedByName: r.submitted_by_name, submittedAt: r.submitted_at,
    reviewedByName: r.reviewed_by_name, reviewedAt: r.reviewed_at, reviewNote: r.review_note, updatedAt: r.updated_at,
    may: {
      edit: prepare && isOpen(r.status),
      submit: prepare && isOpen(r.status),
      review: mayReview(actor, r.region_path) && (r.status === 'submitted' || r.status === 'reviewed'),
    },
  };
}

export function toVersion(v: Selectable<DailyReportVersionTable>): DailyReportVersion {
  return {
    seq: Number(v.seq), version: Number(v.version), action: v.action, status: v.status, at: v.at, actorName: v.actor_name,
    figures: parseFigures(v.figures), computed: parseFigures(v.computed), corrections: parseCorrections(v.corrections),
    children: parseChildren(v.children), assessment: v.assessment, problems: v.problems, requests: v.requests,
    missingNote: v.missing_note, note: v.note, changes: JSON.parse(v.changes),
  };
}

export type Change = { field: string; from: number | string | null; to: number | string | null };

/**
 * Keep the state a report has just been brought to as its next version (the report row must
 * already hold it, with `revision` already moved to this version's seq).
 */
export async function recordVersion(db: Db, clock: Clock, actor: Actor, report: Selectable<DailyReportTable>, action: DailyReportVersion['action'], changes: Change[], note: string | null = null): Promise<void> {
  const now = clock.now();
  await insertVersion(db, {
    id: uuidv7(now.getTime()), report_id: report.id, region_path: report.region_path, seq: Number(report.revision), version: Number(report.version),
    action, status: report.status, figures: report.figures, computed: report.computed, corrections: report.corrections, children: report.children,
    assessment: report.assessment, problems: report.problems, requests: report.requests, missing_note: report.missing_note, note,
    changes: JSON.stringify(changes), actor_id: actor.id, actor_name: actor.displayName || actor.username, at: now.toISOString(),
  });
}
