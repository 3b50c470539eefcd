import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import { idCardProblem, maskIdNumber, maskPhone } from '../../../shared/validators';
import type {
  PartyMember,
  PartyMemberInput,
  PartyMemberQuery,
  PartyMemberUpdate,
  PartyRevealField,
} from '../../../shared/party';
import { audit } from '../audit';
import { identifyPersons, personKeys, type IdentityPlace } from '../residents';
import {
  findMemberInScope,
  insertMember,
  listMembersInScope,
  membersByPersons,
  updateMember,
  type PartyMemberRow,
} from './members.repository';
import { getPartyOrg } from './organisations.service';

/** A member as lists show them: ID number and phone masked (revealing either is audited). */
export function toPartyMember(r: PartyMemberRow): PartyMember {
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    idNumber: maskIdNumber(r.id_number),
    phone: maskPhone(r.phone),
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    unitName: r.unit_name,
    regionPath: r.region_path,
    category: r.category,
    status: r.status,
    post: r.post,
    joinedOn: r.joined_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getPartyMember(db: Db, scope: Scope, id: string): Promise<PartyMemberRow> {
  const row = await findMemberInScope(db, scope, id);
  if (!row) throw new AppError('PARTY_MEMBER_NOT_FOUND');
  return row;
}

/**
 * Where a party member new to the registry is registered: at their organisation's region, noted as
 * first registered from the party roll, with no tag (a party member is not a key person).
 */
export function partyRollPlace(org: { region_id: string; region_path: string; name: string }): IdentityPlace {
  return {
    regionId: org.region_id,
    regionPath: org.region_path,
    note: `首次登记于党员名册：${org.name}`,
    tagFor: () => null, // registered by a cadre who knows them: no checkpoint tag
    source: 'party',
  };
}

/** An ID number a member is registered by: a mainland resident ID with a valid check digit. */
export function checkMemberIdNumber(idNumber: string): void {
  if (idNumber.length !== 18 || idCardProblem(idNumber)) throw new AppError('ID_NUMBER_INVALID', { field: 'idNumber' });
}

/**
 * Register a party member: the registry person behind the ID number (registered if new — one ID
 * number, one person), linked to the organisation holding their organisational relationship
 * (组织关系所在). An ID number registered under another name is refused; a person who is already
 * a member is refused (PARTY_MEMBER_EXISTS: change that record instead); a removed member is
 * brought back with what this registration says.
 */
export async function createPartyMember(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: PartyMemberInput,
): Promise<PartyMemberRow> {
  const scope = scopeOf(actor);
  checkMemberIdNumber(input.idNumber);
  const id = await db.transaction().execute(async (trx) => {
    const org = await getPartyOrg(trx, scope, input.organisationId);
    const [person] = await identifyPersons(trx, clock, [
      { name: input.name, idNumber: input.idNumber, phone: input.phone ?? null, place: partyRollPlace(org) },
    ]);
    if (!person) throw new AppError('ID_NUMBER_INVALID', { field: 'idNumber' });
    if (personKeys(person.name, null, null).name_key !== personKeys(input.name, null, null).name_key)
      throw new AppError('ID_NUMBER_NAME_MISMATCH', { field: 'name' });
    const [existing] = await membersByPersons(trx, [person.id]);
    if (existing && !existing.removed_at)
      throw new AppError(
        'PARTY_MEMBER_EXISTS',
        pathInScope(existing.region_path, scope) ? { memberId: existing.id } : undefined,
      );
    const now = clock.now();
    const at = now.toISOString();
    const columns = {
      organisation_id: org.id,
      region_id: org.region_id,
      region_path: org.region_path,
      category: input.category,
      status: input.status,
      post: input.post ?? null,
      joined_on: input.joinedOn ?? null,
      removed_at: null,
      updated_at: at,
    };
    const memberId = existing?.id ?? uuidv7(now.getTime());
    if (existing) await updateMember(trx, memberId, columns);
    else
      await insertMember(trx, {
        id: memberId,
        person_id: person.id,
        ...columns,
        created_by: actor.id,
        created_at: at,
      });
    await audit(trx, clock, actor, {
      action: 'party_member.create',
      entityType: 'party_member',
      entityId: memberId,
      regionPath: org.region_path,
      details: { personId: person.id, organisationId: org.id, category: input.category, restored: !!existing },
    });
    return memberId;
  });
  return getPartyMember(db, scope, id);
}

/** Change a member's organisation, category, status, post or join date; what the input leaves out is kept. */
export async function updatePartyMember(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: PartyMemberUpdate,
): Promise<PartyMemberRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const current = await getPartyMember(trx, scope, id);
    const org = input.organisationId ? await getPartyOrg(trx, scope, input.organisationId) : null;
    await updateMember(trx, id, {
      ...(org ? { organisation_id: org.id, region_id: org.region_id, region_path: org.region_path } : {}),
      ...(input.category ? { category: input.category } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.post !== undefined ? { post: input.post } : {}),
      ...(input.joinedOn !== undefined ? { joined_on: input.joinedOn } : {}),
      updated_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'party_member.update',
      entityType: 'party_member',
      entityId: id,
      regionPath: org?.region_path ?? current.region_path,
      details: { changed: Object.keys(input), from: current.organisation_id, to: org?.id ?? current.organisation_id },
    });
  });
  return getPartyMember(db, scope, id);
}

/** Take a member off the roll (soft: the record stays, audited); registering them again brings it back. */
export async function removePartyMember(db: Db, clock: Clock, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await getPartyMember(trx, scopeOf(actor), id);
    const at = clock.now().toISOString();
    await updateMember(trx, id, { removed_at: at, updated_at: at });
    await audit(trx, clock, actor, {
      action: 'party_member.remove',
      entityType: 'party_member',
      entityId: id,
      regionPath: current.region_path,
      details: { personId: current.person_id, organisationId: current.organisation_id },
    });
  });
}

/** Members of the jurisdiction in id order, filtered by organisation, unit, category, status and search. */
export async function listPartyMembers(db: Db, scope: Scope, q: PartyMemberQuery) {
  return listMembersInScope(db, scope, {
    organisationId: q.organisationId,
    unit: q.unit,
    category: q.category,
    status: q.status,
    q: q.q,
    after: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}

/** A member's full ID number or phone; every reveal is in the audit log. */
export async function revealPartyMember(db: Db, clock: Clock, actor: Actor, id: string, field: PartyRevealField) {
  const row = await getPartyMember(db, scopeOf(actor), id);
  await audit(db, clock, actor, {
    action: 'party_member.reveal',
    entityType: 'party_member',
    entityId: id,
    regionPath: row.region_path,
    details: { field },
  });
  return { field, value: field === 'phone' ? row.phone : row.id_number };
}
