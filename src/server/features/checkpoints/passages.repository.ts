import { type Insertable, sql } from 'kysely';
import { type BulkTarget, insertMany } from '../../db/bulk-writes';
import type { Db } from '../../db/database';
import { startsWith } from '../../db/prefix';
import { inScope, type Scope } from '../../access/scope';
import { likeEscape } from '../../text';
import type { PassageQuery } from '../../../shared/checkpoints';
import type { PassageOccupantTable, PassageTable } from './passages.table';

function selectPassages(db: Db) {
  return db
    .selectFrom('passages')
    .leftJoin('checkpoint_sites as s', 's.id', 'passages.site_id')
    .selectAll('passages')
    .select('s.name as site_name');
}
export type PassageRow = Awaited<ReturnType<ReturnType<typeof selectPassages>['execute']>>[number];

/** Passages in scope, newest first; a plate with a time window is the tracing question ("that bus, that evening"). */
export async function listPassages(
  db: Db,
  scope: Scope,
  q: Omit<PassageQuery, 'cursor' | 'limit'> & { before?: string; limit: number },
) {
  return inScope(selectPassages(db), 'passages.region_path', scope)
    .$if(q.siteId !== undefined, (b) => b.where('passages.site_id', '=', q.siteId!))
    .$if(q.plate !== undefined, (b) => b.where('passages.plate', '=', q.plate!))
    .$if(q.from !== undefined, (b) => b.where('passages.at', '>=', new Date(q.from!).toISOString()))
    .$if(q.to !== undefined, (b) => b.where('passages.at', '<', new Date(q.to!).toISOString()))
    .$if(q.decision !== undefined, (b) => b.where('passages.decision', '=', q.decision!))
    .$if(q.before !== undefined, (b) => b.where('passages.id', '<', q.before!))
    .orderBy('passages.id', 'desc')
    .limit(q.limit + 1)
    .execute();
}

export async function occupantsOf(db: Db, passageIds: string[]) {
  if (passageIds.length === 0) return [];
  const rows = [];
  for (let i = 0; i < passageIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('passage_occupants')
        .selectAll()
        .where('passage_id', 'in', passageIds.slice(i, i + 500))
        .orderBy('passage_id')
        .orderBy('seq')
        .execute()),
    );
  }
  return rows;
}

/**
 * Plates seen recently at a site, most recent first, for the entry screen's autocomplete. A prefix
 * without the province character ("C606") matches after it (晋C60695): one less hard key on a phone.
 */
export async function recentPlates(db: Db, siteId: string, prefix: string, since: string) {
  const afterProvince = /^[A-Z0-9]/.test(prefix);
  return db
    .selectFrom('passages')
    .select(['plate', (eb) => eb.fn.max('at').as('last_at'), (eb) => eb.fn.countAll<number>().as('times')])
    .where('site_id', '=', siteId)
    .where('at', '>=', since)
    .where('plate', 'is not', null)
    .$if(prefix.length > 0 && !afterProvince, (q) => q.where((eb) => startsWith(eb, 'plate', prefix)))
    .$if(afterProvince, (q) => q.where(sql<boolean>`passages.plate like ${'_' + likeEscape(prefix) + '%'} escape '\\'`))
    .groupBy('plate')
    .orderBy('last_at', 'desc')
    .limit(10)
    .execute();
}

/** The last passage of a plate at a site, for "same occupants as last time". */
export async function lastPassageOfPlate(db: Db, siteId: string, plate: string) {
  return selectPassages(db)
    .where('passages.site_id', '=', siteId)
    .where('passages.plate', '=', plate)
    .orderBy('passages.at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One local day's figures per site in scope: vehicles, people, fevers, turned back, referred. */
export async function dailyFiguresBySite(db: Db, scope: Scope, from: string, to: string, underPath?: string) {
  let qb = inScope(
    db
      .selectFrom('passages')
      .select([
        'passages.site_id',
        'passages.region_path',
        sql<number>`sum(case when passages.plate is not null then 1 else 0 end)`.as('vehicles'),
        sql<number>`sum(passages.occupant_count)`.as('people'),
        sql<number>`sum(passages.fever_count)`.as('fevers'),
        sql<number>`sum(case when passages.decision = 'turned_back' then 1 else 0 end)`.as('turned_back'),
        sql<number>`sum(case when passages.decision = 'referred' then 1 else 0 end)`.as('referred'),
      ])
      .where('passages.at', '>=', from)
      .where('passages.at', '<', to),
    'passages.region_path',
    scope,
  );
  if (underPath) qb = inScope(qb, 'passages.region_path', { prefix: underPath });
  return qb.groupBy(['passages.site_id', 'passages.region_path']).execute();
}

/** Which of these passage ids are stored already: a retried submission is acknowledged, not stored twice. */
export async function storedPassageIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  return new Set((await db.selectFrom('passages').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
}

/** Whether a person has passed a site before ("same occupants as last time" for someone from outside the jurisdiction). */
export async function hasPassedSite(db: Db, personId: string, siteId: string): Promise<boolean> {
  const row = await db
    .selectFrom('passage_occupants')
    .innerJoin('passages', 'passages.id', 'passage_occupants.passage_id')
    .select('passages.id')
    .where('passage_occupants.person_id', '=', personId)
    .where('passages.site_id', '=', siteId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Registry persons named by id at the barrier, with what an occupant row copies from them. A read
 * of the residents' table, unscoped on purpose (the caller checks scope or a previous passage):
 * residents exports no lookup by ids yet.
 */
export async function personsNamedAtBarrier(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('persons')
    .select(['id', 'name', 'id_number', 'phone', 'region_path'])
    .where('id', 'in', ids)
    .execute();
}

/** A batch of passages with all their occupants, through the bulk writer, inside the caller's transaction. */
export async function insertPassages(
  to: Db | BulkTarget,
  passages: Insertable<PassageTable>[],
  occupants: Insertable<PassageOccupantTable>[],
): Promise<void> {
  await insertMany(to, 'passages', passages);
  await insertMany(to, 'passage_occupants', occupants);
}
