import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import { insertMany, type BulkTarget } from '../../db/bulk-writes';
import { personTextMatch } from '../residents';
import type { PledgeTable, PledgeUnitTable } from './pledges.table';

/** Units with their pledge counts. */
function selectUnits(db: Db) {
  return db
    .selectFrom('pledge_units as u')
    .selectAll('u')
    .select((eb) =>
      eb
        .selectFrom('pledges as p')
        .whereRef('p.unit_id', '=', 'u.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('pledges'),
    );
}
export type PledgeUnitRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectUnits>['executeTakeFirst']>>>;

export async function findUnitInScope(db: Db, scope: Scope, id: string): Promise<PledgeUnitRow | undefined> {
  return inScope(selectUnits(db).where('u.id', '=', id), 'u.region_path', scope).executeTakeFirst();
}

export async function findUnitBySlug(db: Db, slug: string) {
  return db.selectFrom('pledge_units').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function listUnitsInScope(db: Db, scope: Scope): Promise<PledgeUnitRow[]> {
  return inScope(selectUnits(db), 'u.region_path', scope).orderBy('u.name').orderBy('u.id').execute();
}

export async function insertUnit(db: Db, row: Insertable<PledgeUnitTable>): Promise<void> {
  await db.insertInto('pledge_units').values(row).execute();
}

export async function updateUnit(db: Db, id: string, set: Updateable<PledgeUnitTable>): Promise<void> {
  await db.updateTable('pledge_units').set(set).where('id', '=', id).execute();
}

/**
 * The registry person holding an ID number (id, name key, address path) — a read of residents'
 * persons by its unique key, because residents' index offers no lookup that does not register a
 * stranger (identifyPersons does) and the public signing page must store nothing for one.
 */
export async function findRegisteredPerson(db: Db, idNumber: string) {
  return db
    .selectFrom('persons')
    .select(['id', 'name', 'name_key', 'region_path'])
    .where('id_number', '=', idNumber)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** Pledges with the signer's name and ID number and the unit's name (display joins); no signature bytes. */
function selectPledges(db: Db) {
  return db
    .selectFrom('pledges as p')
    .innerJoin('persons', 'persons.id', 'p.person_id')
    .innerJoin('pledge_units as u', 'u.id', 'p.unit_id')
    .select([
      'p.id',
      'p.serial',
      'p.unit_id',
      'p.person_id',
      'p.region_id',
      'p.region_path',
      'p.text',
      'p.signed_on',
      'p.signed_at',
      'p.source',
      'p.assignment_kind',
      'p.assignment_ref',
      'p.assignment_note',
      'p.assigned_at',
      'persons.name as name',
      'persons.id_number as id_number',
      'u.name as unit_name',
    ]);
}
export type PledgeRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectPledges>['executeTakeFirst']>>>;

export async function findPledgeInScope(db: Db, scope: Scope, id: string): Promise<PledgeRow | undefined> {
  return inScope(selectPledges(db).where('p.id', '=', id), 'p.region_path', scope).executeTakeFirst();
}

export async function pledgeSignature(db: Db, scope: Scope, id: string) {
  return inScope(
    db.selectFrom('pledges').select(['signature']).where('id', '=', id),
    'region_path',
    scope,
  ).executeTakeFirst();
}

export interface PledgeFilter {
  unitId?: string;
  assigned?: 'yes' | 'no';
  q?: string;
  after?: string;
  limit: number;
}

/** A page of the jurisdiction's pledges in id order (one row more than `limit`). */
export async function listPledgesInScope(db: Db, scope: Scope, f: PledgeFilter): Promise<PledgeRow[]> {
  return inScope(selectPledges(db), 'p.region_path', scope)
    .$if(f.unitId !== undefined, (b) => b.where('p.unit_id', '=', f.unitId!))
    .$if(f.assigned === 'yes', (b) => b.where('p.assignment_kind', 'is not', null))
    .$if(f.assigned === 'no', (b) => b.where('p.assignment_kind', 'is', null))
    .$if(!!f.q, (b) => b.where((eb) => personTextMatch(eb, f.q!)))
    .$if(f.after !== undefined, (b) => b.where('p.id', '>', f.after!))
    .orderBy('p.id')
    .limit(f.limit + 1)
    .execute();
}

/** The highest serial with this prefix (QZ-2026-), or undefined. */
export async function lastSerial(db: Db, prefix: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('pledges')
    .select('serial')
    .where('serial', '>=', prefix)
    .where('serial', '<', `${prefix}~`)
    .orderBy('serial', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.serial;
}

export async function insertPledge(db: Db, row: Insertable<PledgeTable>): Promise<void> {
  await db.insertInto('pledges').values(row).execute();
}

export async function updatePledge(db: Db, id: string, set: Updateable<PledgeTable>): Promise<void> {
  await db.updateTable('pledges').set(set).where('id', '=', id).execute();
}

/** Per unit path: pledges in all, signed on or after `since`, turned into assignments (for the township figures). */
export async function pledgeCountsByPath(db: Db, scope: Scope, since: string) {
  const rows = await inScope(
    db
      .selectFrom('pledges as p')
      .select((eb) => [
        'p.region_path as region_path',
        eb.fn.countAll<number>().as('pledges'),
        eb.fn.count<number>('p.assignment_kind').as('assigned'),
        eb.fn.sum<number>(eb.case().when('p.signed_at', '>=', since).then(1).else(0).end()).as('since'),
      ])
      .groupBy('p.region_path'),
    'p.region_path',
    scope,
  ).execute();
  return rows.map((r) => ({
    regionPath: r.region_path,
    pledges: Number(r.pledges),
    assigned: Number(r.assigned),
    since: Number(r.since ?? 0),
  }));
}

/** Many pledges at once, through the one bulk writer (the demo). */
export async function insertPledges(to: BulkTarget, rows: readonly Insertable<PledgeTable>[]): Promise<void> {
  await insertMany(to, 'pledges', rows);
}

/** Many pledge units at once, through the one bulk writer (the demo). */
export async function insertPledgeUnits(to: BulkTarget, rows: readonly Insertable<PledgeUnitTable>[]): Promise<void> {
  await insertMany(to, 'pledge_units', rows);
}
