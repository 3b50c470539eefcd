import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import { maskIdNumber, maskPhone } from '../../../shared/validators';
import type { Person, PersonInput, PersonPatch, PersonTag, Transport } from '../../../shared/residents';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import { personKeys, sameName } from './person-keys';
import {
  findPersonByIdNumber,
  findPersonInScope,
  insertPersons,
  likelyDuplicates,
  setPersonColumns,
  type PersonRow,
} from './persons.repository';
import { deleteTags, insertTags, moveTags, tagsOf } from './person-tags.repository';
import { pendingTransferBy } from './transfers.repository';
import { activePersonsByPhones } from './person-identity.repository';
import { moveOpenRecords, type MoveTarget } from './person-move';
import { setHouseholdHead } from './households.repository';
import { getHouseholdInScope } from './households.service';
import { checkedIdentity, refuseContradictions, refuseForeignIdentity, type IdentityFacts } from './person-rules';

/** Roles that register and correct people; every role may read within its jurisdiction. */
export const ROLES_THAT_REGISTER = ['admin', 'command', 'township', 'grid', 'checkpoint', 'observer'] as const;

export function toPerson(row: PersonRow, tags: PersonTag[]): Person {
  return {
    id: row.id,
    name: row.name,
    idType: row.id_type as Person['idType'],
    idNumber: maskIdNumber(row.id_number),
    nationality: row.nationality,
    sex: row.sex,
    birthDate: row.birth_date,
    phone: maskPhone(row.phone),
    householdId: row.household_id,
    relation: row.relation,
    regionId: row.region_id,
    regionPath: row.region_path,
    regionName: row.region_name ?? null,
    address: row.address ?? null,
    away: row.away === 1,
    tags,
    returnee:
      row.returnee_from && row.arrival_date && row.transport
        ? {
            from: row.returnee_from,
            arrivalDate: row.arrival_date,
            transport: row.transport as never,
            transportNo: row.transport_no,
          }
        : null,
    note: row.note,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getPerson(db: Db, actor: Actor, id: string): Promise<PersonRow> {
  const row = await findPersonInScope(db, scopeOf(actor), id);
  if (!row) throw new AppError('PERSON_NOT_FOUND');
  return row;
}

export async function personWithTags(db: Db, row: PersonRow): Promise<Person> {
  return toPerson(row, (await tagsOf(db, [row.id])).get(row.id) ?? []);
}

/** Where a person is registered: their household's building, or a region given directly. */
export async function placeOf(db: Db, actor: Actor, input: Pick<PersonInput, 'householdId' | 'regionId'>) {
  const scope = scopeOf(actor);
  const household = input.householdId ? await getHouseholdInScope(db, scope, input.householdId) : null;
  const regionId = input.regionId ?? household?.region_id;
  if (!regionId)
    throw new AppError('VALIDATION', {
      issues: [{ path: ['regionId'], message: 'a household or a region is required' }],
    });
  const region = await getRegionInScope(db, scope, regionId);
  if (region.status !== 'active') throw new AppError('REGION_RETIRED');
  return { household, region };
}

/**
 * A person moved to another household or place within the jurisdiction: what is still being
 * handled about them (open home isolation, follow-ups, case, contacts, alerts) moves along, as on
 * an accepted transfer (person-move.ts). Null when they did not move.
 */
async function followPerson(db: Db, before: Pick<PersonRow, 'id' | 'region_path' | 'household_id'>, to: MoveTarget) {
  if (before.region_path === to.path && before.household_id === to.householdId) return null;
  return moveOpenRecords(db, before.id, to);
}

export async function setTags(
  db: Db,
  clock: Clock,
  personId: string,
  regionPath: string,
  tags: readonly PersonTag[],
  source: string,
  replace: boolean,
) {
  if (replace) await deleteTags(db, personId);
  const existing = new Set((await tagsOf(db, [personId])).get(personId) ?? []);
  const now = clock.now().toISOString();
  const fresh = [...new Set(tags)].filter((t) => !existing.has(t));
  await insertTags(
    db,
    fresh.map((tag) => ({ person_id: personId, tag, region_path: regionPath, source, created_at: now })),
  );
  await moveTags(db, personId, regionPath);
}

export function columnsFrom(input: PersonInput, identity: IdentityFacts) {
  return {
    name: input.name,
    id_type: input.idType,
    id_number: identity.idNumber,
    nationality: input.nationality ?? null,
    sex: identity.sex,
    birth_date: identity.birthDate,
    phone: input.phone ?? null,
    relation: input.relation ?? null,
    away: input.away ? 1 : 0,
    returnee_from: input.returnee?.from ?? null,
    arrival_date: input.returnee?.arrivalDate ?? null,
    transport: input.returnee?.transport ?? null,
    transport_no: input.returnee?.transportNo ?? null,
    note: input.note ?? null,
    ...personKeys(input.name, identity.idNumber, input.phone),
  };
}

/**
 * What a registration or correction leaves out is kept from the record: `given` with every
 * undefined field taken from `current` (null clears). Without a new household or region the person
 * stays where they are.
 */
export function keptFrom(current: PersonRow, currentTags: readonly PersonTag[], given: PersonPatch): PersonInput {
  const keep = <T>(value: T | undefined, kept: T): T => (value === undefined ? kept : value);
  return {
    name: given.name ?? current.name,
    idType: given.idType ?? (current.id_type as PersonInput['idType']),
    idNumber: keep(given.idNumber, current.id_number),
    nationality: keep(given.nationality, current.nationality),
    sex: keep(given.sex, current.sex as PersonInput['sex']),
    birthDate: keep(given.birthDate, current.birth_date),
    phone: keep(given.phone, current.phone),
    householdId: keep(given.householdId, current.household_id),
    relation: keep(given.relation, current.relation as PersonInput['relation']),
    regionId: given.regionId ?? (given.householdId === undefined ? current.region_id : undefined),
    away: given.away ?? current.away === 1,
    tags: given.tags ?? [...currentTags],
    returnee: keep(
      given.returnee,
      current.returnee_from
        ? {
            from: current.returnee_from,
            arrivalDate: current.arrival_date!,
            transport: current.transport as Transport,
            transportNo: current.transport_no,
          }
        : null,
    ),
    note: keep(given.note, current.note),
    confirmNotDuplicate: false,
  };
}

/**
 * Register a person — once. An ID number already registered in the user's jurisdiction is that
 * person: the record is updated (what the registration leaves out is kept) and moved within the
 * jurisdiction instead of duplicated; under another name, or outside the jurisdiction, it is
 * refused (person-rules.ts, refuseForeignIdentity). Without an ID match, records with the same name and birth date
 * or phone are returned as likely duplicates (409) until the caller confirms this is someone else.
 */
export async function registerPerson(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: PersonInput,
): Promise<{ person: PersonRow; matchedExisting: boolean }> {
  const identity = checkedIdentity(input);
  refuseContradictions(identity, input.tags, clock);
  const scope = scopeOf(actor);
  const result = await db.transaction().execute(async (trx) => {
    const { household, region } = await placeOf(trx, actor, input);
    const now = clock.now().toISOString();
    const columns = {
      ...columnsFrom(input, identity),
      household_id: household?.id ?? null,
      region_id: region.id,
      region_path: region.path,
      updated_at: now,
    };
    const byNumber = identity.idNumber ? await findPersonByIdNumber(trx, identity.idNumber) : undefined;
    // someone first met without an ID card (未核验身份) who now brings one: verify that record
    const unverified =
      !byNumber && identity.idNumber && columns.phone
        ? await unverifiedNamesake(trx, scope, input.name, columns.phone)
        : undefined;
    const existing = byNumber ?? unverified;
    if (existing) {
      refuseForeignIdentity(existing, input.name, actor, await pendingTransferBy(trx, existing.id, actor.id));
      // what this registration leaves out (a phone, the returnee details) is kept, not erased
      const kept = keptFrom(existing, [], { ...input, tags: undefined, away: input.away || undefined });
      const merged = {
        ...columnsFrom(kept, checkedIdentity(kept)),
        household_id: household?.id ?? null,
        region_id: region.id,
        region_path: region.path,
        updated_at: now,
      };
      await setPersonColumns(trx, existing.id, merged);
      await setTags(trx, clock, existing.id, region.path, input.tags, 'registry', false);
      const moved = await followPerson(trx, existing, {
        regionId: region.id,
        path: region.path,
        householdId: household?.id ?? null,
      });
      if (unverified) await deleteTags(trx, existing.id, ['unverified_identity']);
      await audit(trx, clock, actor, {
        action: unverified ? 'person.verify' : 'person.update_by_id_number',
        entityType: 'person',
        entityId: existing.id,
        regionPath: region.path,
        details: { fromPath: existing.region_path, moved },
      });
      return { id: existing.id, matchedExisting: true, household };
    }
    if (!input.confirmNotDuplicate) {
      const candidates = await likelyDuplicates(trx, scope, {
        nameKey: columns.name_key,
        birthDate: columns.birth_date,
        phone: columns.phone,
      });
      if (candidates.length) {
        const tags = await tagsOf(
          trx,
          candidates.map((c) => c.id),
        );
        throw new AppError('LIKELY_DUPLICATE', {
          candidates: candidates.map((c) => toPerson(c, tags.get(c.id) ?? [])),
        });
      }
    }
    const id = uuidv7();
    await insertPersons(trx, [{ id, ...columns, search_key: columns.search_key, created_at: now }]);
    await setTags(trx, clock, id, region.path, input.tags, 'registry', false);
    await audit(trx, clock, actor, {
      action: 'person.create',
      entityType: 'person',
      entityId: id,
      regionPath: region.path,
    });
    return { id, matchedExisting: false, household };
  });
  if (result.household && input.relation === 'head') await setHouseholdHead(db, result.household.id, result.id);
  const person = await findPersonInScope(db, scope, result.id);
  return { person: person!, matchedExisting: result.matchedExisting };
}

/**
 * The one person in your jurisdiction known only by this phone and name (tagged 未核验身份, no ID
 * number): the record a checkpoint made for a traveller without an ID card, which a registration
 * with the same phone, name and now an ID number verifies instead of duplicating.
 */
async function unverifiedNamesake(
  db: Db,
  scope: ReturnType<typeof scopeOf>,
  name: string,
  phone: string,
): Promise<PersonRow | undefined> {
  const samePhone = (await activePersonsByPhones(db, [phone])).filter(
    (p) => !p.id_number && sameName(p.name, name) && pathInScope(p.region_path, scope),
  );
  if (samePhone.length === 0) return undefined;
  const tags = await tagsOf(
    db,
    samePhone.map((p) => p.id),
  );
  const unverified = samePhone.filter((p) => tags.get(p.id)?.includes('unverified_identity'));
  return unverified.length === 1 ? findPersonInScope(db, scope, unverified[0]!.id) : undefined;
}

/** Correct a person's record: only the fields given change (tags given replace the current set). */
export async function updatePerson(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  given: PersonPatch,
): Promise<PersonRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const current = await getPerson(trx, actor, id);
    const currentTags = (await tagsOf(trx, [id])).get(id) ?? [];
    // Only what is sent changes (the client only ever holds masked numbers: an ID number or phone left out is kept).
    const input = keptFrom(current, currentTags, given);
    const identity = checkedIdentity(input);
    refuseContradictions(identity, input.tags, clock);
    const { household, region } = await placeOf(trx, actor, input);
    if (identity.idNumber && identity.idNumber !== current.id_number) {
      const other = await findPersonByIdNumber(trx, identity.idNumber);
      if (other && other.id !== id) throw new AppError('LIKELY_DUPLICATE', { sameIdNumber: true, candidates: [] });
    }
    await setPersonColumns(trx, id, {
      ...columnsFrom(input, identity),
      household_id: household?.id ?? null,
      region_id: region.id,
      region_path: region.path,
      updated_at: clock.now().toISOString(),
    });
    await setTags(trx, clock, id, region.path, input.tags, 'registry', given.tags !== undefined);
    await followPerson(trx, current, { regionId: region.id, path: region.path, householdId: household?.id ?? null });
    if (household && input.relation === 'head') await setHouseholdHead(trx, household.id, id);
    const changed = (Object.keys(given) as (keyof PersonPatch)[]).filter((k) => given[k] !== undefined);
    await audit(trx, clock, actor, {
      action: 'person.update',
      entityType: 'person',
      entityId: id,
      regionPath: region.path,
      details: { fields: changed },
    });
  });
  return (await findPersonInScope(db, scope, id))!;
}

/** The full ID number or phone of a person; reading it is an audited action. */
export async function revealPerson(db: Db, clock: Clock, actor: Actor, id: string, field: 'idNumber' | 'phone') {
  const row = await getPerson(db, actor, id);
  await audit(db, clock, actor, {
    action: 'person.reveal',
    entityType: 'person',
    entityId: id,
    regionPath: row.region_path,
    details: { field },
  });
  return { field, value: field === 'idNumber' ? row.id_number : row.phone };
}

/**
 * The person behind a full ID number, wherever registered — the crew at a barrier holds the card in
 * hand, so the number is theirs to ask about; the answer is only what the card itself says (name,
 * sex, birth date) and a masked phone. Each lookup is audited.
 */
export async function lookupByIdNumber(db: Db, clock: Clock, actor: Actor, idNumber: string) {
  const row = await findPersonByIdNumber(db, idNumber);
  if (row?.status !== 'active') throw new AppError('PERSON_NOT_FOUND');
  await audit(db, clock, actor, {
    action: 'person.lookup',
    entityType: 'person',
    entityId: row.id,
    regionPath: row.region_path,
  });
  return { personId: row.id, name: row.name, sex: row.sex, birthDate: row.birth_date, phone: maskPhone(row.phone) };
}
