import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { PersonTransferTable } from './transfers.table';
import { subtreeCondition, type Scope } from '../../access/scope';
import type { TransferBox, TransferStatus } from '../../../shared/transfers';

/** A transfer request with where the person is now, both regions' names and paths, and the target household's address. */
function selectTransfers(db: Db) {
  return db
    .selectFrom('person_transfers as t')
    .innerJoin('persons as p', 'p.id', 't.person_id')
    .innerJoin('regions as fr', 'fr.id', 't.from_region_id')
    .innerJoin('regions as tr', 'tr.id', 't.to_region_id')
    .leftJoin('households as th', 'th.id', 't.to_household_id')
    .leftJoin('households as ph', 'ph.id', 'p.household_id')
    .selectAll('t')
    .select([
      'p.id_number as person_id_number',
      'p.region_path as person_path',
      'p.status as person_status',
      'ph.address as person_address',
      'fr.name as from_region_name',
      'fr.path as from_path',
      'tr.name as to_region_name',
      'tr.path as to_path',
      'th.address as to_address',
    ]);
}

export type TransferRow = NonNullable<Awaited<ReturnType<typeof findTransfer>>>;

export async function findTransfer(db: Db, id: string) {
  return selectTransfers(db).where('t.id', '=', id).executeTakeFirst();
}

/** The pending request for a person, whoever filed it (there is at most one). */
export async function pendingTransferOf(db: Db, personId: string) {
  return db
    .selectFrom('person_transfers')
    .select(['id', 'requested_by'])
    .where('person_id', '=', personId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** The id of the pending request `userId` filed for a person, if any. */
export async function pendingTransferBy(db: Db, personId: string, userId: string): Promise<string | null> {
  const row = await pendingTransferOf(db, personId);
  return row && row.requested_by === userId ? row.id : null;
}

export async function insertTransfer(db: Db, row: Insertable<PersonTransferTable>) {
  await db.insertInto('person_transfers').values(row).execute();
}

/** Close a pending request; false when it was no longer pending (someone else decided first). */
export async function closeTransfer(db: Db, id: string, set: Updateable<PersonTransferTable>): Promise<boolean> {
  const result = await db
    .updateTable('person_transfers')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Pending requests past their expiry become `expired` (run before each read or decision). */
export async function expireTransfers(db: Db, now: string) {
  await db
    .updateTable('person_transfers')
    .set({ status: 'expired' })
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .execute();
}

/** How many requests wait: for persons registered in scope (incoming), and filed for places in scope (outgoing). */
export async function countPending(db: Db, scope: Scope): Promise<{ incoming: number; outgoing: number }> {
  const pending = () =>
    db
      .selectFrom('person_transfers as t')
      .where('t.status', '=', 'pending')
      .select((eb) => eb.fn.countAll<number | string>().as('n'));
  const incoming = await pending()
    .innerJoin('persons as p', 'p.id', 't.person_id')
    .where((eb) => subtreeCondition(eb, 'p.region_path', scope.prefix))
    .executeTakeFirstOrThrow();
  const outgoing = await pending()
    .innerJoin('regions as tr', 'tr.id', 't.to_region_id')
    .where((eb) => subtreeCondition(eb, 'tr.path', scope.prefix))
    .executeTakeFirstOrThrow();
  return { incoming: Number(incoming.n), outgoing: Number(outgoing.n) };
}

/**
 * Requests as one side sees them, newest first. Outgoing: the target region is in scope. Incoming:
 * a pending request for a person registered in scope now (so a person moved since the request
 * was filed is decided where they are), or a closed one whose person was in scope when filed.
 */
export async function listTransfers(
  db: Db,
  scope: Scope,
  f: { box: TransferBox; status?: TransferStatus; beforeId?: string; limit: number },
) {
  return selectTransfers(db)
    .where((eb) => {
      if (f.box === 'outgoing') return subtreeCondition(eb, 'tr.path', scope.prefix);
      return eb.or([
        eb.and([eb('t.status', '=', 'pending'), subtreeCondition(eb, 'p.region_path', scope.prefix)]),
        eb.and([eb('t.status', '!=', 'pending'), subtreeCondition(eb, 'fr.path', scope.prefix)]),
      ]);
    })
    .$if(f.status !== undefined, (q) => q.where('t.status', '=', f.status!))
    .$if(f.beforeId !== undefined, (q) => q.where('t.id', '<', f.beforeId!))
    .orderBy('t.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}
