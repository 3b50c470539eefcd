import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorPair, decodeCursor } from '../../http/pagination';
import { normaliseQuery } from '../../text';
import { maskPhone } from '../../../shared/validators';
import type { PartyOrg, PartyOrgInput, PartyOrgNode, PartyOrgQuery, PartyOrgUpdate } from '../../../shared/party';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import { findPersonInScope, personKeys } from '../residents';
import {
  countMembersByOrganisation,
  findOrganisationByCode,
  findOrganisationInScope,
  insertOrganisation,
  listOrganisationNodesInScope,
  listOrganisationsInScope,
  parentOf,
  repathMembersOf,
  updateOrganisation,
  type PartyOrgRow,
} from './organisations.repository';

/** An organisation as lists show it: the phone masked (revealing it is audited). */
export function toPartyOrg(r: PartyOrgRow): PartyOrg {
  return {
    id: r.id,
    parentId: r.parent_id,
    parentName: r.parent_name,
    code: r.code,
    kind: r.kind,
    name: r.name,
    unitName: r.unit_name,
    unitType: r.unit_type,
    regionId: r.region_id,
    regionName: r.region_name,
    regionPath: r.region_path,
    secretaryPersonId: r.secretary_person_id,
    secretaryName: r.secretary_name,
    phone: maskPhone(r.phone),
    fullMembers: Number(r.full_members ?? 0),
    probationaryMembers: Number(r.probationary_members ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getPartyOrg(db: Db, scope: Scope, id: string): Promise<PartyOrgRow> {
  const row = await findOrganisationInScope(db, scope, id);
  if (!row) throw new AppError('PARTY_ORG_NOT_FOUND');
  return row;
}

function nameColumns(name: string) {
  const { name_key, pinyin, initials } = personKeys(name, null, null);
  return { name, name_key, pinyin, initials };
}

/**
 * The parent an organisation may have: one of the jurisdiction, not a 党支部 (a branch is the
 * bottom of the tree: its members are people, not organisations), and not the organisation itself
 * or one below it (no cycles).
 */
async function checkParent(db: Db, scope: Scope, parentId: string, selfId: string | null) {
  const parent = await findOrganisationInScope(db, scope, parentId);
  if (!parent) throw new AppError('PARTY_ORG_PARENT_INVALID', { field: 'parentId', reason: 'not_found' });
  if (parent.kind === 'branch') throw new AppError('PARTY_ORG_PARENT_INVALID', { field: 'parentId', reason: 'branch' });
  if (selfId) {
    for (let at: string | null = parent.id, steps = 0; at && steps < 100; at = await parentOf(db, at), steps++)
      if (at === selfId) throw new AppError('PARTY_ORG_PARENT_INVALID', { field: 'parentId', reason: 'cycle' });
  }
  return parent;
}

async function checkCodeFree(db: Db, code: string | null | undefined, selfId: string | null) {
  if (!code) return;
  const holder = await findOrganisationByCode(db, code);
  if (holder && holder.id !== selfId) throw new AppError('PARTY_ORG_CODE_TAKEN', { field: 'code' });
}

async function checkSecretary(db: Db, scope: Scope, personId: string | null | undefined) {
  if (personId && !(await findPersonInScope(db, scope, personId)))
    throw new AppError('PERSON_NOT_FOUND', { field: 'secretaryPersonId' });
}

/** Set up an organisation (党委, 党总支 or 党支部) in a region of the actor's jurisdiction. */
export async function createPartyOrg(db: Db, clock: Clock, actor: Actor, input: PartyOrgInput): Promise<PartyOrgRow> {
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scope, input.regionId);
    if (input.parentId) await checkParent(trx, scope, input.parentId, null);
    await checkCodeFree(trx, input.code, null);
    await checkSecretary(trx, scope, input.secretaryPersonId);
    const now = clock.now();
    const orgId = uuidv7(now.getTime());
    await insertOrganisation(trx, {
      id: orgId,
      parent_id: input.parentId ?? null,
      code: input.code ?? null,
      kind: input.kind,
      ...nameColumns(input.name),
      unit_name: input.unitName,
      unit_type: input.unitType,
      region_id: region.id,
      region_path: region.path,
      secretary_person_id: input.secretaryPersonId ?? null,
      phone: input.phone ?? null,
      created_by: actor.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'party_org.create',
      entityType: 'party_organisation',
      entityId: orgId,
      regionPath: region.path,
      details: { kind: input.kind, name: input.name, parentId: input.parentId ?? null },
    });
    return orgId;
  });
  return getPartyOrg(db, scope, id);
}

/**
 * Change an organisation: what the input leaves out is kept. A new region moves its members'
 * jurisdiction with it (they are in the jurisdiction of their branch's region).
 */
export async function updatePartyOrg(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: PartyOrgUpdate,
): Promise<PartyOrgRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const current = await getPartyOrg(trx, scope, id);
    const region = input.regionId ? await getRegionInScope(trx, scope, input.regionId) : null;
    if (input.parentId) await checkParent(trx, scope, input.parentId, id);
    if (input.code !== undefined) await checkCodeFree(trx, input.code, id);
    if (input.secretaryPersonId !== undefined) await checkSecretary(trx, scope, input.secretaryPersonId);
    if (input.kind === 'branch' && current.kind !== 'branch') {
      const children = await listOrganisationsInScope(trx, { prefix: '/' }, { parentId: id, limit: 1 });
      if (children.length) throw new AppError('PARTY_ORG_PARENT_INVALID', { field: 'kind', reason: 'has_children' });
    }
    await updateOrganisation(trx, id, {
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.name ? nameColumns(input.name) : {}),
      ...(input.unitName ? { unit_name: input.unitName } : {}),
      ...(input.unitType ? { unit_type: input.unitType } : {}),
      ...(region ? { region_id: region.id, region_path: region.path } : {}),
      ...(input.secretaryPersonId !== undefined ? { secretary_person_id: input.secretaryPersonId } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      updated_at: clock.now().toISOString(),
    });
    if (region && region.path !== current.region_path) await repathMembersOf(trx, id, region.id, region.path);
    await audit(trx, clock, actor, {
      action: 'party_org.update',
      entityType: 'party_organisation',
      entityId: id,
      regionPath: region?.path ?? current.region_path,
      details: { changed: Object.keys(input) },
    });
  });
  return getPartyOrg(db, scope, id);
}

/** Organisations of the jurisdiction in name order, filtered by kind, unit type, region, parent and name. */
export async function listPartyOrgs(db: Db, scope: Scope, q: PartyOrgQuery) {
  const under = q.regionId ? await getRegionInScope(db, scope, q.regionId) : null;
  return listOrganisationsInScope(db, scope, {
    kind: q.kind,
    unitType: q.unitType,
    underPath: under?.path,
    parentId: q.parentId,
    q: q.q ? normaliseQuery(q.q) : undefined,
    after: decodeCursor(q.cursor, CursorPair),
    limit: q.limit,
  });
}

/**
 * The jurisdiction's organisations as a flat list of nodes with member counts; the page builds the
 * tree from parentId. An organisation whose parent is outside the jurisdiction is a root here.
 */
export async function partyOrgTree(db: Db, scope: Scope): Promise<PartyOrgNode[]> {
  const nodes = await listOrganisationNodesInScope(db, scope);
  const counts = await countMembersByOrganisation(db, scope);
  const seen = new Set(nodes.map((n) => n.id));
  const byOrg = new Map(counts.map((c) => [`${c.organisation_id} ${c.category}`, Number(c.n)]));
  const count = (id: string, category: string) => byOrg.get(`${id} ${category}`) ?? 0;
  return nodes.map((n) => ({
    id: n.id,
    parentId: n.parent_id && seen.has(n.parent_id) ? n.parent_id : null,
    kind: n.kind,
    name: n.name,
    unitName: n.unit_name,
    fullMembers: count(n.id, 'full'),
    probationaryMembers: count(n.id, 'probationary'),
  }));
}

/** The organisation's full phone; every reveal is in the audit log. */
export async function revealPartyOrgPhone(db: Db, clock: Clock, actor: Actor, id: string) {
  const row = await getPartyOrg(db, scopeOf(actor), id);
  await audit(db, clock, actor, {
    action: 'party_org.reveal',
    entityType: 'party_organisation',
    entityId: id,
    regionPath: row.region_path,
    details: { field: 'phone' },
  });
  return { field: 'phone' as const, value: row.phone };
}
