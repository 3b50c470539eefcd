import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import { idCardProblem, maskIdNumber, maskPhone } from '../../../shared/validators';
import {
  declarationNeedsReview,
  skillsOf,
  type AvailabilitySlot,
  type HealthDeclaration,
  type PublicVolunteerSignup,
  type Volunteer,
  type VolunteerAction,
  type VolunteerInput,
  type VolunteerQuery,
  type VolunteerRevealField,
  type VolunteerStatus,
  type VolunteerUpdate,
} from '../../../shared/volunteers';
import { audit } from '../audit';
import { getRegionInScope, type RegionRow } from '../regions';
import { identifyPersons, personKeys } from '../residents';
import {
  findVolunteerInScope,
  insertVolunteer,
  listVolunteersInScope,
  replaceAvailability,
  repathAvailability,
  updateVolunteer,
  volunteersByPersons,
  type VolunteerRow,
} from './volunteers.repository';
import { leaveVolunteerFromGroup } from './groups.service';

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** A volunteer as lists show them: ID number and phone masked (revealing either is audited). */
export function toVolunteer(r: VolunteerRow): Volunteer {
  const declaration = parseJson<HealthDeclaration | null>(r.health_declaration, null);
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    idNumber: maskIdNumber(r.id_number),
    phone: maskPhone(r.phone),
    regionId: r.region_id,
    regionName: r.region_name ?? null,
    regionPath: r.region_path,
    skills: skillsOf(r.skills),
    availability: parseJson<AvailabilitySlot[]>(r.availability, []),
    healthDeclaration: declaration,
    healthDeclaredAt: r.health_declared_at,
    healthNeedsReview: declarationNeedsReview(declaration),
    status: r.status,
    source: r.source,
    note: r.note,
    approvedAt: r.approved_at,
    groupId: r.group_id ?? null,
    groupName: r.group_name ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getVolunteer(db: Db, scope: Scope, id: string): Promise<VolunteerRow> {
  const row = await findVolunteerInScope(db, scope, id);
  if (!row) throw new AppError('VOLUNTEER_NOT_FOUND');
  return row;
}

/** A volunteer serves in a village or community (村 / 社区): its region is their jurisdiction. */
export function assertServiceRegion(region: RegionRow): void {
  if (region.level !== 'village' || region.status !== 'active') throw new AppError('VOLUNTEER_REGION_LEVEL');
}

/** Slots sorted by weekday and time, duplicates dropped: what is stored and shown. */
function normaliseSlots(slots: readonly AvailabilitySlot[]): AvailabilitySlot[] {
  const seen = new Map(slots.map((s) => [`${s.weekday} ${s.from} ${s.to}`, s]));
  return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, s]) => s);
}

async function writeAvailability(trx: Db, volunteerId: string, regionPath: string, slots: AvailabilitySlot[]) {
  await replaceAvailability(
    trx,
    volunteerId,
    slots.map((s) => ({
      volunteer_id: volunteerId,
      region_path: regionPath,
      weekday: s.weekday,
      from_time: s.from,
      to_time: s.to,
    })),
  );
}

/** Everything one sign-up says, public or by a cadre. */
interface Signup {
  fields: PublicVolunteerSignup;
  region: RegionRow;
  source: 'self' | 'cadre';
  actor: Actor | null;
  note: string | null;
  approve: boolean;
}

/**
 * Sign a person up as a volunteer. The person is the registry's (one ID number, one person;
 * registered at the village if new, untagged); the ID number must pass the GB 11643 check digit and,
 * when registered, carry the same name. One person is one volunteer: a second sign-up is refused
 * (VOLUNTEER_EXISTS) — except after they left, when the same record comes back as a new sign-up.
 * A sign-up waits for the village or township to approve it unless the cadre approves at once.
 */
async function signUp(db: Db, clock: Clock, s: Signup): Promise<{ id: string; regionPath: string; personId: string }> {
  if (idCardProblem(s.fields.idNumber)) throw new AppError('ID_NUMBER_INVALID', { field: 'idNumber' });
  try {
    return await signUpOnce(db, clock, s);
  } catch (err) {
    // two sign-ups of one person at the same moment: the unique index on person_id keeps one
    const code = String((err as { code?: string }).code ?? '');
    if (code === '23505' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE')) throw new AppError('VOLUNTEER_EXISTS');
    throw err;
  }
}

async function signUpOnce(
  db: Db,
  clock: Clock,
  s: Signup,
): Promise<{ id: string; regionPath: string; personId: string }> {
  const f = s.fields;
  return db.transaction().execute(async (trx) => {
    const [person] = await identifyPersons(trx, clock, [
      {
        name: f.name,
        idNumber: f.idNumber,
        phone: f.phone,
        place: {
          regionId: s.region.id,
          regionPath: s.region.path,
          note: `首次登记于志愿者报名：${s.region.name}`,
          tagFor: () => null, // a volunteer is not a key person
          source: 'volunteers',
        },
      },
    ]);
    if (!person) throw new AppError('ID_NUMBER_INVALID', { field: 'idNumber' });
    if (personKeys(person.name, null, null).name_key !== personKeys(f.name, null, null).name_key)
      throw new AppError('ID_NUMBER_NAME_MISMATCH', { field: 'name' });
    const [existing] = await volunteersByPersons(trx, [person.id]);
    if (existing && existing.status !== 'left') {
      const visible = s.actor && pathInScope(existing.region_path, scopeOf(s.actor));
      throw new AppError('VOLUNTEER_EXISTS', visible ? { volunteerId: existing.id } : undefined);
    }
    const now = clock.now();
    const at = now.toISOString();
    const slots = normaliseSlots(f.availability);
    const status: VolunteerStatus = s.approve ? 'active' : 'pending';
    const columns = {
      region_id: s.region.id,
      region_path: s.region.path,
      skills: f.skills.join(','),
      availability: JSON.stringify(slots),
      health_declaration: JSON.stringify(f.healthDeclaration),
      health_declared_at: at,
      status,
      source: s.source,
      note: s.note,
      approved_by: s.approve ? (s.actor?.id ?? null) : null,
      approved_at: s.approve ? at : null,
      updated_at: at,
    };
    const id = existing?.id ?? uuidv7(now.getTime());
    if (existing) await updateVolunteer(trx, id, columns);
    else
      await insertVolunteer(trx, {
        id,
        person_id: person.id,
        ...columns,
        created_by: s.actor?.id ?? null,
        created_at: at,
      });
    await writeAvailability(trx, id, s.region.path, slots);
    await audit(trx, clock, s.actor, {
      action: s.source === 'self' ? 'volunteer.public_signup' : 'volunteer.create',
      entityType: 'volunteer',
      entityId: id,
      regionPath: s.region.path,
      details: { personId: person.id, status, skills: f.skills, returning: !!existing },
    });
    return { id, regionPath: s.region.path, personId: person.id };
  });
}

/** A cadre signs someone up for a village or community of their jurisdiction (approved at once if they say so). */
export async function createVolunteer(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: VolunteerInput,
): Promise<VolunteerRow> {
  const scope = scopeOf(actor);
  const region = await getRegionInScope(db, scope, input.regionId);
  assertServiceRegion(region);
  const { id } = await signUp(db, clock, {
    fields: input,
    region,
    source: 'cadre',
    actor,
    note: input.note ?? null,
    approve: input.approve,
  });
  return getVolunteer(db, scope, id);
}

/** A villager signs up on the village's public page: pending until the village or township approves. */
export async function publicSignUp(db: Db, clock: Clock, region: RegionRow, input: PublicVolunteerSignup) {
  assertServiceRegion(region);
  return signUp(db, clock, { fields: input, region, source: 'self', actor: null, note: null, approve: false });
}

/** Change a volunteer's village, skills, availability, health declaration or note; what is left out is kept. */
export async function updateVolunteerRecord(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: VolunteerUpdate,
): Promise<VolunteerRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const current = await getVolunteer(trx, scope, id);
    const region = input.regionId ? await getRegionInScope(trx, scope, input.regionId) : null;
    if (region) assertServiceRegion(region);
    const at = clock.now().toISOString();
    const regionPath = region?.path ?? current.region_path;
    const slots = input.availability ? normaliseSlots(input.availability) : null;
    await updateVolunteer(trx, id, {
      ...(region ? { region_id: region.id, region_path: region.path } : {}),
      ...(input.skills ? { skills: input.skills.join(',') } : {}),
      ...(slots ? { availability: JSON.stringify(slots) } : {}),
      ...(input.healthDeclaration
        ? { health_declaration: JSON.stringify(input.healthDeclaration), health_declared_at: at }
        : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      updated_at: at,
    });
    if (slots) await writeAvailability(trx, id, regionPath, slots);
    else if (region) await repathAvailability(trx, id, regionPath);
    await audit(trx, clock, actor, {
      action: 'volunteer.update',
      entityType: 'volunteer',
      entityId: id,
      regionPath,
      details: { changed: Object.keys(input), from: current.region_path, to: regionPath },
    });
  });
  return getVolunteer(db, scope, id);
}

const TRANSITIONS: Record<VolunteerAction, { from: VolunteerStatus[]; to: VolunteerStatus }> = {
  approve: { from: ['pending'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  leave: { from: ['pending', 'active', 'suspended'], to: 'left' },
};

/**
 * Approve a sign-up (pending → active: the village or township vouches for them), suspend or
 * resume a volunteer, or record that they left (any → left; they leave their group too, and an
 * active group left with fewer than 3 goes back to forming). A transition from the wrong status is
 * VOLUNTEER_STATUS, and changes nothing.
 */
export async function actOnVolunteer(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  action: VolunteerAction,
  reason: string | null,
): Promise<VolunteerRow> {
  const scope = scopeOf(actor);
  const rule = TRANSITIONS[action];
  await db.transaction().execute(async (trx) => {
    const current = await getVolunteer(trx, scope, id);
    if (!rule.from.includes(current.status)) throw new AppError('VOLUNTEER_STATUS', { status: current.status, action });
    const at = clock.now().toISOString();
    await updateVolunteer(trx, id, {
      status: rule.to,
      ...(action === 'approve' ? { approved_by: actor.id, approved_at: at } : {}),
      updated_at: at,
    });
    if (action === 'leave') await leaveVolunteerFromGroup(trx, clock, actor, current.person_id);
    await audit(trx, clock, actor, {
      action: `volunteer.${action}`,
      entityType: 'volunteer',
      entityId: id,
      regionPath: current.region_path,
      details: { from: current.status, to: rule.to, reason },
    });
  });
  return getVolunteer(db, scope, id);
}

/** Volunteers of the jurisdiction in id order, by status, skill, time available, group, place and search. */
export async function listVolunteers(db: Db, scope: Scope, q: VolunteerQuery) {
  const region = q.regionId ? await getRegionInScope(db, scope, q.regionId) : null;
  return listVolunteersInScope(db, scope, {
    status: q.status,
    skill: q.skill,
    weekday: q.weekday,
    time: q.weekday !== undefined ? q.time : undefined,
    groupId: q.groupId,
    ungrouped: q.ungrouped === 'true',
    regionPath: region?.path,
    q: q.q,
    after: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}

/** A volunteer's full ID number or phone; every reveal is in the audit log. */
export async function revealVolunteer(db: Db, clock: Clock, actor: Actor, id: string, field: VolunteerRevealField) {
  const row = await getVolunteer(db, scopeOf(actor), id);
  await audit(db, clock, actor, {
    action: 'volunteer.reveal',
    entityType: 'volunteer',
    entityId: id,
    regionPath: row.region_path,
    details: { field },
  });
  return { field, value: field === 'phone' ? row.phone : row.id_number };
}
