import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { localDay, type Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import { idCardProblem, maskIdNumber } from '../../../shared/validators';
import {
  STANDARD_PLEDGE_TEXT,
  type Pledge,
  type PledgeQuery,
  type PledgeUnit,
  type PledgeUnitInput,
  type PledgeUnitUpdate,
  type PledgeUnitView,
  type OnSitePledgeInput,
  type PublicPledgeInput,
  type PublicPledgeResult,
} from '../../../shared/pledges';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import { findPersonInScope, personKeys } from '../residents';
import { activeMembershipsOf } from '../party';
import { checkSignature } from './signature';
import {
  findPledgeInScope,
  findRegisteredPerson,
  findUnitBySlug,
  findUnitInScope,
  insertPledge,
  insertUnit,
  lastSerial,
  listPledgesInScope,
  listUnitsInScope,
  updateUnit,
  type PledgeRow,
  type PledgeUnitRow,
} from './pledges.repository';

export function toPledgeUnit(u: PledgeUnitRow): PledgeUnit {
  return {
    id: u.id,
    name: u.name,
    regionId: u.region_id,
    regionPath: u.region_path,
    text: u.text,
    slug: u.slug,
    path: `/qz/${u.slug}`,
    pledges: Number(u.pledges ?? 0),
    updatedAt: u.updated_at,
  };
}

/** Pledges as lists show them (ID number masked), with the signer's branch when they are a party member. */
export async function toPledges(db: Db, rows: PledgeRow[]): Promise<Pledge[]> {
  const members = new Map(
    (await activeMembershipsOf(db, [...new Set(rows.map((r) => r.person_id))])).map((m) => [m.person_id, m]),
  );
  return rows.map((r) => ({
    id: r.id,
    serial: r.serial,
    unitId: r.unit_id,
    unitName: r.unit_name,
    personId: r.person_id,
    name: r.name,
    idNumber: maskIdNumber(r.id_number),
    partyOrganisation: members.get(r.person_id)?.organisation_name ?? null,
    text: r.text,
    signedOn: r.signed_on,
    signedAt: r.signed_at,
    source: r.source,
    assignment:
      r.assignment_kind && r.assignment_ref
        ? { kind: r.assignment_kind, ref: r.assignment_ref, note: r.assignment_note, at: r.assigned_at ?? '' }
        : null,
  }));
}

export async function getPledgeUnit(db: Db, scope: Scope, id: string): Promise<PledgeUnitRow> {
  const row = await findUnitInScope(db, scope, id);
  if (!row) throw new AppError('PLEDGE_UNIT_NOT_FOUND');
  return row;
}

export const listPledgeUnits = listUnitsInScope;

/** Set up a unit that collects pledges, with the standard text unless it brings its own. */
export async function createPledgeUnit(db: Db, clock: Clock, actor: Actor, input: PledgeUnitInput) {
  const scope = scopeOf(actor);
  const region = await getRegionInScope(db, scope, input.regionId);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction().execute(async (trx) => {
    await insertUnit(trx, {
      id,
      name: input.name,
      region_id: region.id,
      region_path: region.path,
      text: input.text ?? STANDARD_PLEDGE_TEXT,
      slug: randomBytes(16).toString('base64url'),
      created_by: actor.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'pledge_unit.create',
      entityType: 'pledge_unit',
      entityId: id,
      regionPath: region.path,
      details: { name: input.name },
    });
  });
  return getPledgeUnit(db, scope, id);
}

/** Rename a unit or edit its text; pledges already signed keep the text they were signed with. */
export async function updatePledgeUnit(db: Db, clock: Clock, actor: Actor, id: string, input: PledgeUnitUpdate) {
  const scope = scopeOf(actor);
  const unit = await getPledgeUnit(db, scope, id);
  await db.transaction().execute(async (trx) => {
    await updateUnit(trx, id, {
      ...(input.name ? { name: input.name } : {}),
      ...(input.text ? { text: input.text } : {}),
      updated_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'pledge_unit.update',
      entityType: 'pledge_unit',
      entityId: id,
      regionPath: unit.region_path,
      details: { changed: Object.keys(input) },
    });
  });
  return getPledgeUnit(db, scope, id);
}

/** The unit's public signing page: its name and its text. */
export async function pledgeUnitView(db: Db, slug: string): Promise<PledgeUnitView> {
  const unit = await findUnitBySlug(db, slug);
  if (!unit) throw new AppError('PLEDGE_UNIT_NOT_FOUND');
  return { unitName: unit.name, text: unit.text };
}

/** The registered person with this ID number and name; anyone else is PLEDGE_SIGNER_UNKNOWN. */
async function registeredSigner(db: Db, input: { name: string; idNumber: string }) {
  if (input.idNumber.length !== 18 || idCardProblem(input.idNumber))
    throw new AppError('ID_NUMBER_INVALID', { field: 'idNumber' });
  const person = await findRegisteredPerson(db, input.idNumber);
  if (!person || personKeys(person.name, null, null).name_key !== personKeys(input.name, null, null).name_key)
    throw new AppError('PLEDGE_SIGNER_UNKNOWN');
  return person;
}

/** The next serial of the year: QZ-2026-000001, … (unique; a collision is retried by the caller). */
async function nextSerial(db: Db, year: string): Promise<string> {
  const prefix = `QZ-${year}-`;
  const last = await lastSerial(db, prefix);
  const n = last ? Number(last.slice(prefix.length)) + 1 : 1;
  return prefix + String(n).padStart(6, '0');
}

/**
 * Store a signed pledge: the unit's text as it is now, today's local date, the checked signature,
 * the next serial. Two signings at once may pick the same serial; the second is retried.
 */
async function signPledge(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor | null,
  unit: { id: string; name: string; region_id: string; region_path: string; text: string },
  signer: { signature: string; text?: string },
  findSigner: () => Promise<{ id: string }>,
  source: 'link' | 'cadre',
) {
  const signature = checkSignature(signer.signature);
  const person = await findSigner();
  const text = signer.text ?? unit.text;
  for (let attempt = 0; ; attempt++) {
    const now = clock.now();
    const signedOn = localDay(now, timeZone);
    const id = uuidv7(now.getTime());
    try {
      return await db.transaction().execute(async (trx) => {
        const serial = await nextSerial(trx, signedOn.slice(0, 4));
        await insertPledge(trx, {
          id,
          serial,
          unit_id: unit.id,
          person_id: person.id,
          region_id: unit.region_id,
          region_path: unit.region_path,
          text,
          signed_on: signedOn,
          signed_at: now.toISOString(),
          signature,
          source,
          created_by: actor?.id ?? null,
          assignment_kind: null,
          assignment_ref: null,
          assignment_note: null,
          assigned_at: null,
          assigned_by: null,
        });
        await audit(trx, clock, actor, {
          action: 'pledge.sign',
          entityType: 'pledge',
          entityId: id,
          regionPath: unit.region_path,
          details: { unitId: unit.id, personId: person.id, serial, source },
        });
        return { id, serial, signedOn };
      });
    } catch (err) {
      if (attempt >= 4 || err instanceof AppError) throw err;
    }
  }
}

/** Sign from the unit's public link (no login): name and ID number checked against the registry. */
export async function signByLink(
  db: Db,
  clock: Clock,
  timeZone: string,
  slug: string,
  input: PublicPledgeInput,
): Promise<PublicPledgeResult> {
  const unit = await findUnitBySlug(db, slug);
  if (!unit) throw new AppError('PLEDGE_UNIT_NOT_FOUND');
  const { serial, signedOn } = await signPledge(
    db,
    clock,
    timeZone,
    null,
    unit,
    input,
    () => registeredSigner(db, input),
    'link',
  );
  return { serial, unitName: unit.name, signedOn };
}

/** Sign with a cadre, for a unit of their jurisdiction. */
export async function signByCadre(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  input: PublicPledgeInput & { unitId: string },
) {
  const scope = scopeOf(actor);
  const unit = await getPledgeUnit(db, scope, input.unitId);
  const { id } = await signPledge(db, clock, timeZone, actor, unit, input, () => registeredSigner(db, input), 'cadre');
  return getPledge(db, scope, id);
}

/**
 * 代签/现场签署: a cadre picks the signer from the registry (a party member, a doctor, a volunteer —
 * any registered person of their jurisdiction), shows the unit's text (which they may adapt for this
 * signer) and the person signs on the tablet. The same rules as the public link: the signature is
 * checked from its PNG bytes, the text is kept as signed; the cadre is the audit entry's actor.
 */
export async function signOnSite(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  input: OnSitePledgeInput,
): Promise<PledgeRow> {
  const scope = scopeOf(actor);
  const unit = await getPledgeUnit(db, scope, input.unitId);
  const { id } = await signPledge(
    db,
    clock,
    timeZone,
    actor,
    unit,
    input,
    async () => {
      const person = await findPersonInScope(db, scope, input.personId);
      if (person?.status !== 'active') throw new AppError('PERSON_NOT_FOUND', { field: 'personId' });
      return person;
    },
    'cadre',
  );
  return getPledge(db, scope, id);
}

export async function getPledge(db: Db, scope: Scope, id: string): Promise<PledgeRow> {
  const row = await findPledgeInScope(db, scope, id);
  if (!row) throw new AppError('PLEDGE_NOT_FOUND');
  return row;
}

/** The jurisdiction's pledges, by unit, assigned or not, or by the signer's name. */
export async function listPledges(db: Db, scope: Scope, q: PledgeQuery) {
  return listPledgesInScope(db, scope, {
    unitId: q.unitId,
    assigned: q.assigned,
    q: q.q,
    after: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}
