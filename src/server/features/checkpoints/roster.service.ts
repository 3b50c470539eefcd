import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { addDays, startOfLocalDay } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf, type Scope } from '../../access/scope';
import { audit } from '../audit';
import { findUserInScope } from '../users';
import { findPersonInScope } from '../residents';
import { getSite, listSites } from './sites.service';
import {
  assignmentsWithPartyBranch,
  findAssignment,
  findShiftInScope,
  insertAssignment,
  insertShifts,
  shiftStartsOfSite,
  shiftsBetween,
  shiftsOfUserAt,
  updateAssignment,
} from './sites.repository';

const HOUR = 3600_000;

/**
 * Plan a site's shifts for some days: each local day is cut at the given start hours (three
 * 8-hour shifts by default: 0:00, 8:00, 16:00); each shift runs to the next start. Shifts that
 * already exist at the same start are kept, so planning twice is harmless.
 */
export async function planShifts(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  input: { siteId: string; fromDay: string; days: number; startHours: number[] },
) {
  const site = await getSite(db, scopeOf(actor), input.siteId);
  const hours = [...new Set(input.startHours)].sort((a, b) => a - b);
  const starts: Date[] = [];
  for (let d = 0; d < input.days; d++) {
    const midnight = startOfLocalDay(addDays(input.fromDay, d), timeZone);
    for (const h of hours) starts.push(new Date(midnight.getTime() + h * HOUR));
  }
  const end = new Date(startOfLocalDay(addDays(input.fromDay, input.days), timeZone).getTime() + hours[0]! * HOUR);
  const now = clock.now().toISOString();
  const existing = await shiftStartsOfSite(
    db,
    site.id,
    starts[0]!.toISOString(),
    starts[starts.length - 1]!.toISOString(),
  );
  const rows = starts
    .map((s, i) => ({
      id: uuidv7(),
      site_id: site.id,
      region_path: site.region_path,
      starts_at: s.toISOString(),
      ends_at: (starts[i + 1] ?? end).toISOString(),
      created_at: now,
    }))
    .filter((r) => !existing.has(r.starts_at));
  await db.transaction().execute(async (trx) => {
    await insertShifts(trx, rows);
    await audit(trx, clock, actor, {
      action: 'checkpoint.shifts_plan',
      entityType: 'checkpoint_site',
      entityId: site.id,
      regionPath: site.region_path,
      details: { fromDay: input.fromDay, days: input.days, created: rows.length },
    });
  });
  return rows.length;
}

async function getShift(db: Db, scope: Scope, id: string) {
  const shift = await findShiftInScope(db, scope, id);
  if (!shift) throw new AppError('SHIFT_NOT_FOUND');
  return shift;
}

/** Put someone on a shift: a user, a registered person (party member, volunteer), or a name. */
export async function assignToShift(
  db: Db,
  clock: Clock,
  actor: Actor,
  shiftId: string,
  who: { userId?: string; personId?: string; name?: string },
) {
  const scope = scopeOf(actor);
  const shift = await getShift(db, scope, shiftId);
  let name = who.name;
  if (who.userId) {
    const user = await findUserInScope(db, scope, who.userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    name ??= user.display_name;
  }
  if (who.personId) {
    const person = await findPersonInScope(db, scope, who.personId);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    name ??= person.name;
  }
  if (!name)
    throw new AppError('VALIDATION', {
      issues: [{ path: ['name'], message: 'a user, a person or a name is required' }],
    });
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    await insertAssignment(trx, {
      id,
      shift_id: shift.id,
      region_path: shift.region_path,
      user_id: who.userId ?? null,
      person_id: who.personId ?? null,
      name,
      checked_in_at: null,
      checked_out_at: null,
      created_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'checkpoint.assign',
      entityType: 'duty_shift',
      entityId: shift.id,
      regionPath: shift.region_path,
      details: { name },
    });
  });
  return id;
}

/** Check in or out of a shift — the person on duty themself, or whoever manages the site. */
export async function checkInOut(db: Db, clock: Clock, actor: Actor, assignmentId: string, what: 'in' | 'out') {
  const row = await findAssignment(db, assignmentId);
  if (!row || !pathInScope(row.region_path, scopeOf(actor))) throw new AppError('NOT_FOUND');
  if (row.user_id !== actor.id && actor.role === 'checkpoint' && row.user_id !== null) throw new AppError('FORBIDDEN');
  const now = clock.now().toISOString();
  await updateAssignment(db, assignmentId, what === 'in' ? { checked_in_at: now } : { checked_out_at: now });
}

/** Shifts with their people at one site (or all sites in scope) in a time window. */
export async function rosterBetween(db: Db, scope: Scope, from: string, to: string, siteId?: string) {
  const shifts = await shiftsBetween(db, scope, from, to, siteId);
  // 亮身份: a party member on duty is shown as one (党员先锋岗), with their home branch
  const people = await assignmentsWithPartyBranch(
    db,
    shifts.map((s) => s.id),
  );
  return shifts.map((s) => ({ ...s, people: people.filter((p) => p.shift_id === s.id) }));
}

/**
 * Every site-hour from now to 48 hours ahead with nobody on duty, per active site in scope,
 * merged into runs ("东门卡口 02:00–08:00 无人值守"). An assignment counts until checked out.
 */
export async function rosterGaps(db: Db, clock: Clock, scope: Scope, hoursAhead = 48) {
  const now = clock.now();
  const start = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
  const end = new Date(start.getTime() + hoursAhead * HOUR);
  const sites = (await listSites(db, scope, { status: 'active' })).filter((s) => s.hours === '24h');
  const shifts = await rosterBetween(db, scope, start.toISOString(), end.toISOString());
  const gaps: { siteId: string; siteName: string; from: string; to: string }[] = [];
  for (const site of sites) {
    const covered = shifts.filter((s) => s.site_id === site.id && s.people.some((p) => !p.checked_out_at));
    let runStart: number | null = null;
    for (let t = start.getTime(); t <= end.getTime(); t += HOUR) {
      const open = t < end.getTime() && !covered.some((s) => Date.parse(s.starts_at) <= t && t < Date.parse(s.ends_at));
      if (open && runStart === null) runStart = t;
      if (!open && runStart !== null) {
        gaps.push({
          siteId: site.id,
          siteName: site.name,
          from: new Date(runStart).toISOString(),
          to: new Date(t).toISOString(),
        });
        runStart = null;
      }
    }
  }
  return gaps;
}

/** The shifts the actor is on right now (a crew's own site for the entry screen). */
export async function myCurrentShifts(db: Db, clock: Clock, actor: Actor) {
  return shiftsOfUserAt(db, actor.id, clock.now().toISOString());
}
