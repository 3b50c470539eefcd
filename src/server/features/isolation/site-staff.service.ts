import type { Db } from '../../db/database';
import { localDay, type Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { maskPhone } from '../../../shared/validators';
import type { EndIsolationStaffInput, IsolationStaff, IsolationStaffInput } from '../../../shared/isolation-staff';
import { audit } from '../audit';
import { listTownshipsOverlapping } from '../regions';
import { findPersonInScope } from '../residents';
import { getIsolationSite } from './isolation-sites.service';
import {
  findOpenPeriod,
  findStaffInScope,
  findStaffOfSite,
  insertStaff,
  type IsolationStaffRow,
  staffOnOpenSites,
  updateStaff,
} from './site-staff.repository';

interface StaffContext {
  clock: Clock;
  timeZone: string;
}

function toStaff(r: IsolationStaffRow): IsolationStaff {
  return {
    id: r.id,
    siteId: r.site_id,
    personId: r.person_id,
    personName: r.person_name,
    phone: maskPhone(r.person_phone),
    role: r.role,
    fromDay: r.from_day,
    toDay: r.to_day,
    note: r.note,
    partyMember: r.party_member_id !== null && r.party_member_id !== undefined,
    createdAt: r.created_at,
  };
}

/**
 * A site's staff roster (集中隔离点工作人员): by default who is there today or later, with `all`
 * the ended periods too. 404 for a site outside the jurisdiction.
 */
export async function listSiteStaff(
  db: Db,
  ctx: StaffContext,
  scope: Scope,
  siteId: string,
  show: 'current' | 'all',
): Promise<IsolationStaff[]> {
  const site = await getIsolationSite(db, scope, siteId);
  const today = localDay(ctx.clock.now(), ctx.timeZone);
  return (await findStaffOfSite(db, site.id, show === 'current' ? today : undefined)).map(toStaff);
}

/**
 * Put a registry person on a site's roster in a role from a day (to a day, or open). The person must
 * be in the actor's jurisdiction (as on a checkpoint roster); one open period per person and site —
 * a second is refused with the first's days, so the cadre ends or edits it instead. Audited.
 */
export async function addSiteStaff(
  db: Db,
  ctx: StaffContext,
  actor: Actor,
  siteId: string,
  input: IsolationStaffInput,
): Promise<IsolationStaff> {
  if (input.toDay && input.toDay < input.fromDay)
    throw new AppError('ISOLATION_STAFF_DAYS', { fromDay: input.fromDay, toDay: input.toDay });
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const site = await getIsolationSite(trx, scope, siteId);
    if (site.status !== 'active') throw new AppError('ISOLATION_SITE_CLOSED', { site: site.name });
    const person = await findPersonInScope(trx, scope, input.personId);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    const open = await findOpenPeriod(trx, site.id, person.id, input.fromDay);
    if (open) throw new AppError('ISOLATION_STAFF_ON_ROSTER', { fromDay: open.from_day, toDay: open.to_day });
    const now = ctx.clock.now().toISOString();
    const newId = uuidv7();
    await insertStaff(trx, [
      {
        id: newId,
        site_id: site.id,
        person_id: person.id,
        region_path: site.region_path,
        role: input.role,
        from_day: input.fromDay,
        to_day: input.toDay ?? null,
        note: input.note ?? null,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      },
    ]);
    await audit(trx, ctx.clock, actor, {
      action: 'isolation.staff_add',
      entityType: 'isolation_site',
      entityId: site.id,
      regionPath: site.region_path,
      details: { staffId: newId, personId: person.id, role: input.role, fromDay: input.fromDay, toDay: input.toDay },
    });
    return newId;
  });
  return toStaff((await findStaffInScope(db, scope, id))!);
}

/** A person leaves a site's roster: their last day there (not before their first). Audited; the row stays. */
export async function endSiteStaff(
  db: Db,
  ctx: StaffContext,
  actor: Actor,
  staffId: string,
  input: EndIsolationStaffInput,
): Promise<IsolationStaff> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const row = await findStaffInScope(trx, scope, staffId);
    if (!row) throw new AppError('ISOLATION_STAFF_NOT_FOUND');
    if (input.toDay < row.from_day)
      throw new AppError('ISOLATION_STAFF_DAYS', { fromDay: row.from_day, toDay: input.toDay });
    await updateStaff(trx, row.id, { to_day: input.toDay, updated_at: ctx.clock.now().toISOString() });
    await audit(trx, ctx.clock, actor, {
      action: 'isolation.staff_end',
      entityType: 'isolation_site',
      entityId: row.site_id,
      regionPath: row.region_path,
      details: { staffId: row.id, personId: row.person_id, toDay: input.toDay, was: row.to_day },
    });
  });
  return toStaff((await findStaffInScope(db, scope, staffId))!);
}

/**
 * Who is on the staff rosters of the jurisdiction's open isolation sites on any day of
 * [fromDay, toDay] (local days): one row per site and person. For other features asking who is on
 * duty where (a call-out's "already on duty", the organisation department's front-line count).
 */
export async function isolationStaffOnDuty(db: Db, scope: Scope, fromDay: string, toDay: string) {
  return (await staffOnOpenSites(db, scope, fromDay, toDay)).map((r) => ({
    siteId: r.site_id,
    siteName: r.site_name,
    regionPath: r.region_path,
    personId: r.person_id,
    partyMember: r.party_member_id !== null && r.party_member_id !== undefined,
  }));
}

export interface IsolationStaffFigures {
  townshipId: string;
  townshipName: string;
  townshipPath: string;
  /** distinct persons on an open isolation site's staff roster on the day */
  staffOnDuty: number;
  /** of them, party members (亮身份) */
  partyMembersOnDuty: number;
  /** open isolation sites with anyone on their roster that day */
  sitesStaffed: number;
}

/**
 * Isolation sites' staff figures per township of the jurisdiction on a local day, keyed by township
 * region path: who was on duty, how many of them party members, how many sites were staffed — for the
 * organisation department's page, the big screen and the daily report.
 */
export async function isolationStaffFigures(
  db: Db,
  scope: Scope,
  opts: { day: string },
): Promise<IsolationStaffFigures[]> {
  const [townships, onDuty] = await Promise.all([
    listTownshipsOverlapping(db, scope.prefix),
    isolationStaffOnDuty(db, scope, opts.day, opts.day),
  ]);
  const rows = townships.map((t) => ({
    townshipId: t.id,
    townshipName: t.name,
    townshipPath: t.path,
    staff: new Set<string>(),
    party: new Set<string>(),
    sites: new Set<string>(),
  }));
  for (const d of onDuty) {
    const row = rows.find((r) => d.regionPath.startsWith(r.townshipPath));
    if (!row) continue;
    row.staff.add(d.personId);
    if (d.partyMember) row.party.add(d.personId);
    row.sites.add(d.siteId);
  }
  return rows.map((r) => ({
    townshipId: r.townshipId,
    townshipName: r.townshipName,
    townshipPath: r.townshipPath,
    staffOnDuty: r.staff.size,
    partyMembersOnDuty: r.party.size,
    sitesStaffed: r.sites.size,
  }));
}
