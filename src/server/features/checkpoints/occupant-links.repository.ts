import type { Db } from '../../db/database';

/**
 * Occupants a checkpoint recorded, each by its passage and seat (`seq`), oldest passage first,
 * with the passage's time and the site's name, region and path: what tracing needs to register a
 * traveller the registry does not know yet, where the first checkpoint is.
 */
export async function findOccupantsByRefs(db: Db, refs: { passageId: string; seq: number }[]) {
  return db
    .selectFrom('passage_occupants as o')
    .innerJoin('passages as p', 'p.id', 'o.passage_id')
    .innerJoin('checkpoint_sites as s', 's.id', 'p.site_id')
    .select([
      'o.passage_id',
      'o.seq',
      'o.person_id',
      'o.name',
      'o.id_number',
      'o.phone',
      'o.region_path',
      'p.at',
      's.name as site_name',
      's.region_id',
      's.region_path as site_path',
    ])
    .where((eb) => eb.or(refs.map((r) => eb.and([eb('o.passage_id', '=', r.passageId), eb('o.seq', '=', r.seq)]))))
    .orderBy('p.at')
    .execute();
}

/** Point one occupant record at the registry person it turned out to be (a traveller recorded by name only, registered later). */
export async function linkOccupantToPerson(db: Db, passageId: string, seq: number, personId: string): Promise<void> {
  await db
    .updateTable('passage_occupants')
    .set({ person_id: personId })
    .where('passage_id', '=', passageId)
    .where('seq', '=', seq)
    .execute();
}
