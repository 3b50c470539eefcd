import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { factsFromIdNumber } from '../../../shared/validators';
import type { PersonTag } from '../../../shared/residents';
import { personKeys } from './person-keys';
import { absorbPhoneIdentity } from './person-absorb';
import { activePersonsByPhones, personsByIdNumbers, type IdentityRow } from './person-identity.repository';
import { insertPersons, setPersonColumns } from './persons.repository';
import { deleteTagOf, insertTags } from './person-tags.repository';

/** Where a person met outside the registry (a checkpoint) is registered if new, and how they are tagged. */
export interface IdentityPlace {
  regionId: string;
  regionPath: string;
  /** the note a new person gets, e.g. "首次登记于卡口：平遥高速口" */
  note: string;
  /**
   * the tag a person gets when first known by an ID number here (returnee or non-local at a
   * checkpoint); null: no tag — a cadre registering someone they know (a party member, a team member)
   */
  tagFor: (idNumber: string) => PersonTag | null;
  /** person_tags.source */
  source: string;
}

/** Who someone says they are: an ID number, or a phone with the name, or both. */
export interface IdentityClaim {
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  place: IdentityPlace;
}

export type IdentifiedPerson = Pick<IdentityRow, 'id' | 'name' | 'id_number' | 'phone' | 'region_path'>;

/**
 * Find or create the registry person behind each claim, for a whole batch at once (one lookup by
 * ID number and one by phone, whatever the number of claims) — the checkpoint writer calls it for
 * every group commit. The rules:
 * - an ID number is the person (one ID number is one person); a phone they bring is kept if the
 *   record has none;
 * - a phone with a name is the active person with that phone and name (a registered one first);
 *   with neither, a new person identified by phone, tagged 未核验身份 (identity not verified);
 * - when an ID number comes with the phone and name of such a phone-identified person, that
 *   person is verified: given the number when nobody holds it, else merged into its holder
 *   (references move, the merge is kept and can be undone).
 * A claim with neither an ID number nor a phone identifies nobody (null) — unless
 * `registerNameOnly`: a tracer registering a traveller the checkpoint knew only by name gets a new
 * person marked 未核验身份. Results follow the claims.
 */
export async function identifyPersons(
  db: Db,
  clock: Clock,
  claims: IdentityClaim[],
  opts: { registerNameOnly?: boolean } = {},
): Promise<(IdentifiedPerson | null)[]> {
  const idNumbers = [...new Set(claims.map((c) => c.idNumber).filter((x): x is string => !!x))];
  const phones = [...new Set(claims.map((c) => c.phone).filter((x): x is string => !!x))];
  const byId = new Map((await personsByIdNumbers(db, idNumbers)).map((p) => [p.id_number!, p]));
  const byPhone = new Map<string, IdentityRow[]>();
  for (const p of phones.length ? await activePersonsByPhones(db, phones) : [])
    byPhone.set(p.phone!, [...(byPhone.get(p.phone!) ?? []), p]);
  const withPhone = (phone: string, nameKey: string) =>
    (byPhone.get(phone) ?? []).filter((p) => p.name_key === nameKey);
  const remember = (p: IdentityRow) => {
    if (p.phone && !(byPhone.get(p.phone) ?? []).includes(p))
      byPhone.set(p.phone, [...(byPhone.get(p.phone) ?? []), p]);
  };

  const now = clock.now().toISOString();
  const created: IdentityRow[] = [];
  const createdAt = new Map<string, IdentityPlace>();
  const changed = new Set<IdentityRow>();
  const verified: { person: IdentityRow; place: IdentityPlace }[] = [];
  const merges: { kept: IdentityRow; dup: IdentityRow }[] = [];
  // a phone identity made earlier in this very batch is not written at all: its claims get the holder
  const replaced = new Map<IdentityRow, IdentityRow>();
  const create = (claim: IdentityClaim, idNumber: string | null, phone: string | null) => {
    const p: IdentityRow = {
      id: uuidv7(),
      name: claim.name,
      name_key: personKeys(claim.name, null, null).name_key,
      id_number: idNumber,
      phone,
      region_path: claim.place.regionPath,
    };
    created.push(p);
    createdAt.set(p.id, claim.place);
    if (idNumber) byId.set(idNumber, p);
    remember(p);
    return p;
  };

  const results = claims.map((claim): IdentifiedPerson | null => {
    const idNumber = claim.idNumber || null;
    const phone = claim.phone || null;
    if (!idNumber && !phone) return opts.registerNameOnly ? create(claim, null, null) : null;
    const nameKey = personKeys(claim.name, null, null).name_key;
    if (!idNumber) {
      const known = withPhone(phone!, nameKey).sort((a, b) => Number(!a.id_number) - Number(!b.id_number))[0];
      return known ?? create(claim, null, phone);
    }
    const holder = byId.get(idNumber);
    const phoneOnly = phone ? withPhone(phone, nameKey).find((p) => !p.id_number) : undefined;
    if (holder) {
      if (phoneOnly && phoneOnly.id !== holder.id) {
        if (createdAt.has(phoneOnly.id)) {
          replaced.set(phoneOnly, holder);
          created.splice(created.indexOf(phoneOnly), 1);
        } else merges.push({ kept: holder, dup: phoneOnly });
        byPhone.set(
          phone!,
          byPhone.get(phone!)!.filter((p) => p !== phoneOnly),
        );
      }
      if (phone && !holder.phone) {
        holder.phone = phone;
        if (!createdAt.has(holder.id)) changed.add(holder);
        remember(holder);
      }
      return holder;
    }
    if (phoneOnly) {
      phoneOnly.id_number = idNumber;
      byId.set(idNumber, phoneOnly);
      if (createdAt.has(phoneOnly.id)) return phoneOnly;
      changed.add(phoneOnly);
      verified.push({ person: phoneOnly, place: claim.place });
      return phoneOnly;
    }
    return create(claim, idNumber, phone);
  });

  const tags: { person_id: string; tag: PersonTag; region_path: string; source: string; created_at: string }[] = [];
  const rows = created.map((p) => {
    const place = createdAt.get(p.id)!;
    const tag = p.id_number ? place.tagFor(p.id_number) : 'unverified_identity';
    if (tag) tags.push({ person_id: p.id, tag, region_path: p.region_path, source: place.source, created_at: now });
    return {
      id: p.id,
      name: p.name,
      ...identityColumns(p),
      household_id: null,
      relation: null,
      region_id: place.regionId,
      region_path: p.region_path,
      note: place.note,
      created_at: now,
      updated_at: now,
    };
  });
  await insertPersons(db, rows);
  for (const p of changed) await setPersonColumns(db, p.id, { ...identityColumns(p), updated_at: now });
  if (verified.length) {
    await deleteTagOf(
      db,
      verified.map((v) => v.person.id),
      'unverified_identity',
    );
    for (const { person, place } of verified) {
      const tag = place.tagFor(person.id_number!);
      if (tag)
        tags.push({
          person_id: person.id,
          tag,
          region_path: person.region_path,
          source: place.source,
          created_at: now,
        });
    }
  }
  await insertTags(db, tags, true);
  for (const m of merges) await absorbPhoneIdentity(db, clock, m.kept, m.dup);
  return results.map((r) => (r && replaced.get(r as IdentityRow)) ?? r);
}

/** The identity columns of a record: document, facts read from an ID number, phone and the search keys. */
function identityColumns(p: IdentityRow) {
  const facts = p.id_number?.length === 18 ? factsFromIdNumber(p.id_number) : null;
  const idType =
    !p.id_number || !facts
      ? p.id_number
        ? 'passport'
        : 'resident_id'
      : /^8[123]/.test(p.id_number)
        ? 'hmt_permit'
        : 'resident_id';
  return {
    id_type: idType,
    id_number: p.id_number,
    phone: p.phone,
    ...(facts ? { sex: facts.sex, birth_date: facts.birthDate } : {}),
    ...personKeys(p.name, p.id_number, p.phone),
  };
}
