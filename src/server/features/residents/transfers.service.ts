import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import type { Role } from '../../../shared/enums';
import type { PersonInput } from '../../../shared/residents';
import {
  TRANSFER_EXPIRES_AFTER_DAYS,
  type PersonTransfer,
  type TransferDecision,
  type TransferListQuery,
  type TransferRequestInput,
} from '../../../shared/transfers';
import { maskIdNumber } from '../../../shared/validators';
import { audit } from '../audit';
import { sameName } from './person-keys';
import { findRegionById } from '../regions';
import { moveOpenRecords } from './person-move';
import { findPersonByIdNumber, findPersonInScope, setPersonColumns } from './persons.repository';
import { clearHouseholdHead, findHouseholdBuilding, setHouseholdHead } from './households.repository';
import { columnsFrom, keptFrom, placeOf, setTags } from './persons.service';
import { checkedIdentity, refuseContradictions } from './person-rules';
import {
  closeTransfer,
  countPending,
  expireTransfers,
  findTransfer,
  insertTransfer,
  listTransfers,
  pendingTransferOf,
  type TransferRow,
} from './transfers.repository';

/** Roles that accept or refuse a request for a person of their jurisdiction: those who keep the registry. */
export const ROLES_THAT_DECIDE_TRANSFERS = ['admin', 'command', 'township', 'grid'] as const satisfies readonly Role[];

/** The registration as it is stored with the request (the ID number is the person's own). */
type Registration = Omit<PersonInput, 'idNumber' | 'confirmNotDuplicate'>;

export function toTransfer(row: TransferRow, actor: Actor): PersonTransfer {
  const scope = scopeOf(actor);
  const registration = JSON.parse(row.registration) as Registration;
  const pending = row.status === 'pending';
  // the requesting side learns nothing of where the person lives; the person's side sees it
  // (where they lived when it was filed: once accepted the person is on the requester's side, the old place still not theirs to see)
  const personSide = pathInScope(row.from_path, scope);
  return {
    id: row.id,
    personId: row.person_id,
    name: registration.name,
    idNumber: maskIdNumber(row.person_id_number),
    fromPlace: personSide ? (pending ? (row.person_address ?? row.from_region_name) : row.from_region_name) : null,
    toRegionId: row.to_region_id,
    toRegionName: row.to_region_name,
    toAddress: row.to_address ?? null,
    reason: row.reason,
    status: row.status,
    requestedByName: row.requested_by_name,
    requestedAt: row.requested_at,
    expiresAt: row.expires_at,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    canDecide:
      pending &&
      (ROLES_THAT_DECIDE_TRANSFERS as readonly Role[]).includes(actor.role) &&
      pathInScope(row.person_path, scope),
    canWithdraw: pending && row.requested_by === actor.id,
  };
}

/** One audit entry on each side: where the person was (or is) and where the request would put them. */
async function auditBothSides(
  db: Db,
  clock: Clock,
  actor: Actor,
  action: string,
  row: { id: string; person_id: string },
  paths: { from: string; to: string },
  details: Record<string, unknown> = {},
) {
  for (const side of ['from', 'to'] as const) {
    await audit(db, clock, actor, {
      action,
      entityType: 'person',
      entityId: row.person_id,
      regionPath: paths[side],
      details: { transferId: row.id, side, fromPath: paths.from, toPath: paths.to, ...details },
    });
  }
}

/**
 * File a transfer request (迁入申请) for a person registered outside the user's jurisdiction, with
 * the registration that was refused PERSON_REGISTERED_ELSEWHERE. The ID number and name must match
 * the record (a different name is refused, as on registration); the target household or region
 * must be the user's. One request per person may be pending; it expires after
 * TRANSFER_EXPIRES_AFTER_DAYS days without a decision.
 */
export async function requestTransfer(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: TransferRequestInput,
): Promise<PersonTransfer> {
  const identity = checkedIdentity(input);
  refuseContradictions(identity, input.tags, clock);
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const now = clock.now();
      await expireTransfers(trx, now.toISOString());
      const { household, region } = await placeOf(trx, actor, input);
      const person = await findPersonByIdNumber(trx, identity.idNumber!);
      if (person?.status !== 'active') throw new AppError('TRANSFER_NOT_NEEDED');
      if (!sameName(person.name, input.name)) throw new AppError('ID_NUMBER_NAME_MISMATCH');
      if (pathInScope(person.region_path, scopeOf(actor))) throw new AppError('TRANSFER_NOT_NEEDED');
      const pending = await pendingTransferOf(trx, person.id);
      if (pending)
        throw new AppError('TRANSFER_PENDING', { transferId: pending.requested_by === actor.id ? pending.id : null });
      const { idNumber: _id, reason, ...registration } = input;
      const row = {
        id: uuidv7(now.getTime()),
        person_id: person.id,
        from_region_id: person.region_id,
        to_region_id: region.id,
        to_household_id: household?.id ?? null,
        registration: JSON.stringify(registration satisfies Registration),
        reason: reason ?? null,
        status: 'pending' as const,
        requested_by: actor.id,
        requested_by_name: actor.displayName,
        requested_at: now.toISOString(),
        expires_at: new Date(now.getTime() + TRANSFER_EXPIRES_AFTER_DAYS * 86_400_000).toISOString(),
        decided_by: null,
        decided_by_name: null,
        decided_at: null,
        decision_note: null,
      };
      await insertTransfer(trx, row);
      await auditBothSides(trx, clock, actor, 'person.transfer_request', row, {
        from: person.region_path,
        to: region.path,
      });
      return row.id;
    })
    .catch((err: unknown) => {
      // two jurisdictions filing at the same moment: the partial unique index lets one through
      const code = String((err as { code?: unknown }).code ?? '');
      if (code === '23505' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE'))
        throw new AppError('TRANSFER_PENDING', { transferId: null });
      throw err;
    });
  return toTransfer((await findTransfer(db, id))!, actor);
}

/** How many requests wait on each side of the user's jurisdiction (for the badges), after lapsing the expired ones. */
export async function pendingTransferCounts(db: Db, clock: Clock, actor: Actor) {
  await expireTransfers(db, clock.now().toISOString());
  return countPending(db, scopeOf(actor));
}

/** Requests of one side (see listTransfers), after lapsing the expired ones. */
export async function transfersOf(db: Db, clock: Clock, actor: Actor, q: TransferListQuery & { beforeId?: string }) {
  await expireTransfers(db, clock.now().toISOString());
  return listTransfers(db, scopeOf(actor), { box: q.box, status: q.status, beforeId: q.beforeId, limit: q.limit });
}

/**
 * Accept or refuse a pending request: a user whose jurisdiction holds the person now (which
 * includes a level above both sides). Accepting applies the requester's registration — what it
 * leaves out is kept — moves the person into the target household or region and brings along what
 * is still being handled about them (moveOpenRecords), all in one transaction, audited on both
 * sides. The person's old household loses them as its head if they were.
 */
export async function decideTransfer(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  d: TransferDecision,
): Promise<PersonTransfer> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const nowIso = clock.now().toISOString();
    await expireTransfers(trx, nowIso);
    const t = await findTransfer(trx, id);
    if (!t || !pathInScope(t.person_path, scope)) throw new AppError('TRANSFER_NOT_FOUND');
    if (t.status !== 'pending') throw new AppError('TRANSFER_STATE', { status: t.status });
    const decided = {
      decided_by: actor.id,
      decided_by_name: actor.displayName,
      decided_at: nowIso,
      decision_note: d.note ?? null,
    };
    if (d.decision === 'refuse') {
      if (!(await closeTransfer(trx, id, { status: 'refused', ...decided }))) throw new AppError('TRANSFER_STATE');
      await auditBothSides(
        trx,
        clock,
        actor,
        'person.transfer_refuse',
        t,
        { from: t.person_path, to: t.to_path },
        { note: d.note ?? null },
      );
      return;
    }
    const person = await findPersonInScope(trx, scope, t.person_id);
    const registration = JSON.parse(t.registration) as Registration;
    if (
      person?.status !== 'active' ||
      person.id_number !== t.person_id_number ||
      !sameName(person.name, registration.name)
    ) {
      throw new AppError('TRANSFER_PERSON_CHANGED');
    }
    const target = await placeOfTransfer(trx, t);
    // a new household means a new relation to its head: the old one is not carried over
    const relation =
      person.household_id === target.householdId ? registration.relation : (registration.relation ?? null);
    const kept = keptFrom(person, [], {
      ...registration,
      idNumber: undefined,
      tags: undefined,
      away: registration.away || undefined,
      householdId: target.householdId,
      relation,
    });
    await setPersonColumns(trx, person.id, {
      ...columnsFrom(kept, checkedIdentity(kept)),
      household_id: target.householdId,
      region_id: target.regionId,
      region_path: target.path,
      updated_at: nowIso,
    });
    await setTags(trx, clock, person.id, target.path, registration.tags, 'registry', false);
    if (person.household_id && person.household_id !== target.householdId)
      await clearHouseholdHead(trx, person.household_id, person.id);
    if (target.householdId && kept.relation === 'head') await setHouseholdHead(trx, target.householdId, person.id);
    const moved = await moveOpenRecords(trx, person.id, target);
    if (!(await closeTransfer(trx, id, { status: 'accepted', ...decided }))) throw new AppError('TRANSFER_STATE');
    await auditBothSides(
      trx,
      clock,
      actor,
      'person.transfer_accept',
      t,
      { from: person.region_path, to: target.path },
      { note: d.note ?? null, moved },
    );
  });
  return toTransfer((await findTransfer(db, id))!, actor);
}

/** Where an accepted request puts the person now: the target household's building (it may have moved), else the target region; it must still be active. */
async function placeOfTransfer(db: Db, t: TransferRow) {
  const household = t.to_household_id ? await findHouseholdBuilding(db, t.to_household_id) : undefined;
  const region = await findRegionById(db, household?.region_id ?? t.to_region_id);
  if (!region) throw new Error(`region ${household?.region_id ?? t.to_region_id} of transfer ${t.id} not found`);
  if (region.status !== 'active') throw new AppError('REGION_RETIRED');
  return { regionId: region.id, path: region.path, householdId: household?.id ?? null };
}

/** The requester takes back a pending request (audited on both sides, like a decision). */
export async function withdrawTransfer(db: Db, clock: Clock, actor: Actor, id: string): Promise<PersonTransfer> {
  await db.transaction().execute(async (trx) => {
    const nowIso = clock.now().toISOString();
    await expireTransfers(trx, nowIso);
    const t = await findTransfer(trx, id);
    if (!t || t.requested_by !== actor.id) throw new AppError('TRANSFER_NOT_FOUND');
    if (
      t.status !== 'pending' ||
      !(await closeTransfer(trx, id, {
        status: 'withdrawn',
        decided_by: actor.id,
        decided_by_name: actor.displayName,
        decided_at: nowIso,
      }))
    ) {
      throw new AppError('TRANSFER_STATE', { status: t.status });
    }
    await auditBothSides(trx, clock, actor, 'person.transfer_withdraw', t, { from: t.person_path, to: t.to_path });
  });
  return toTransfer((await findTransfer(db, id))!, actor);
}
