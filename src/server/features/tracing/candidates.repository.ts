import type { Db } from '../../db/database';

/*
 * What contact candidates and a case's journey are computed from: other features' records of where
 * a person was and with whom. Every query here only reads (checkpoints' passages, occupants and
 * sites; isolation's episodes, rooms and sites; screening's visits and checks; residents' persons);
 * each starts from an index on the case's own history (see contactCandidates).
 */

const OCCUPANT_COLUMNS = ['passage_id', 'seq', 'person_id', 'name', 'id_number', 'phone', 'region_path'] as const;
export type OccupantRow = {
  passage_id: string;
  seq: number;
  person_id: string | null;
  name: string;
  id_number: string | null;
  phone: string | null;
  region_path: string;
};

/** A person's passages in a window, oldest first, with the site's name; at most 200. */
export async function passagesOfPerson(db: Db, personId: string, from: string, to: string) {
  return db
    .selectFrom('passage_occupants as o')
    .innerJoin('passages as p', 'p.id', 'o.passage_id')
    .innerJoin('checkpoint_sites as s', 's.id', 'p.site_id')
    .select([
      'p.id',
      'p.at',
      'p.plate',
      'p.direction',
      'p.site_id',
      'p.region_path',
      's.name as site_name',
      'p.origin',
      'p.destination',
    ])
    .where('o.person_id', '=', personId)
    .where('p.at', '>=', from)
    .where('p.at', '<', to)
    .orderBy('p.at')
    .limit(200)
    .execute();
}

/** Everyone recorded in some passages, registered or by name only. */
export async function occupantsOfPassages(db: Db, passageIds: string[]): Promise<OccupantRow[]> {
  return db.selectFrom('passage_occupants').select(OCCUPANT_COLUMNS).where('passage_id', 'in', passageIds).execute();
}

/** The co-travellers of some passages, in seat order, for the journey. */
export async function travellersOfPassages(db: Db, passageIds: string[]) {
  return db
    .selectFrom('passage_occupants')
    .select(['passage_id', 'person_id', 'name'])
    .where('passage_id', 'in', passageIds)
    .orderBy('seq')
    .execute();
}

/**
 * The same plates at other checkpoints within ± `windowMs` of each trip, the trips themselves
 * left out: one query for every trip (an OR of plate-and-time ranges, each answered by the
 * (plate, at) index).
 */
export async function passagesOfPlatesNear(
  db: Db,
  trips: { id: string; plate: string | null; at: string }[],
  windowMs: number,
) {
  const withPlate = trips.filter((x) => x.plate);
  if (withPlate.length === 0) return [];
  return db
    .selectFrom('passages as p')
    .innerJoin('checkpoint_sites as s', 's.id', 'p.site_id')
    .select(['p.id', 'p.at', 'p.plate', 's.name as site_name'])
    .where((eb) =>
      eb.or(
        withPlate.map((t) =>
          eb.and([
            eb('p.plate', '=', t.plate),
            eb('p.at', '>=', new Date(Date.parse(t.at) - windowMs).toISOString()),
            eb('p.at', '<=', new Date(Date.parse(t.at) + windowMs).toISOString()),
          ]),
        ),
      ),
    )
    .where(
      'p.id',
      'not in',
      trips.map((x) => x.id),
    )
    .execute();
}

/** A person's stays in a centralised-isolation room, with the room's label and the site's name. */
export async function roomStaysOf(db: Db, personId: string) {
  return db
    .selectFrom('isolation_episodes as e')
    .innerJoin('isolation_rooms as r', 'r.id', 'e.room_id')
    .innerJoin('isolation_sites as s', 's.id', 'e.site_id')
    .select(['e.room_id', 'e.start_day', 'e.planned_end_day', 'e.ended_at', 'r.label', 's.name'])
    .where('e.person_id', '=', personId)
    .where('e.room_id', 'is not', null)
    .execute();
}

/** Everyone whose episode in a room overlaps the days `from`–`to`. */
export async function roomMatesOf(db: Db, roomId: string, from: string, to: string) {
  return db
    .selectFrom('isolation_episodes')
    .select(['id', 'person_id', 'start_day'])
    .where('room_id', '=', roomId)
    .where('start_day', '<=', to)
    .where('planned_end_day', '>=', from)
    .execute();
}

/** Every isolation episode of a person, with the site's name and the room's label where there is one. */
export async function isolationStaysOf(db: Db, personId: string) {
  return db
    .selectFrom('isolation_episodes as e')
    .leftJoin('isolation_sites as s', 's.id', 'e.site_id')
    .leftJoin('isolation_rooms as r', 'r.id', 'e.room_id')
    .select([
      'e.id',
      'e.kind',
      'e.created_at',
      'e.start_day',
      'e.planned_end_day',
      'e.status',
      's.name as site_name',
      'r.label',
    ])
    .where('e.person_id', '=', personId)
    .execute();
}

/** The active members of a household. */
export async function householdMemberIds(db: Db, householdId: string): Promise<string[]> {
  return (
    await db
      .selectFrom('persons')
      .select('id')
      .where('household_id', '=', householdId)
      .where('status', '=', 'active')
      .execute()
  ).map((m) => m.id);
}

/** A household's screening visits from `from` (and before `to`, when given). */
export async function screeningVisitsOf(db: Db, householdId: string, from: string, to?: string) {
  return db
    .selectFrom('screening_visits')
    .select(['id', 'visited_at', 'outcome'])
    .where('household_id', '=', householdId)
    .where('visited_at', '>=', from)
    .$if(to !== undefined, (q) => q.where('visited_at', '<', to!))
    .execute();
}

/** Who was found present at some screening visits. */
export async function presentAtVisits(db: Db, visitIds: string[]) {
  return db
    .selectFrom('screening_checks')
    .select(['visit_id', 'person_id'])
    .where('visit_id', 'in', visitIds)
    .where('present', '=', 1)
    .execute();
}

/** Persons by id with what a candidate shows: name, numbers, region path and region name (500 ids a query). */
export async function personsWithRegion(db: Db, ids: string[]) {
  const people = [];
  for (let i = 0; i < ids.length; i += 500) {
    people.push(
      ...(await db
        .selectFrom('persons')
        .leftJoin('regions', 'regions.id', 'persons.region_id')
        .select([
          'persons.id',
          'persons.name',
          'persons.id_number',
          'persons.phone',
          'persons.region_path',
          'regions.name as region_name',
        ])
        .where('persons.id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return people;
}
