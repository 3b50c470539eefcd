import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { VolunteerSelfLinkTable } from './volunteers.table';

export async function insertSelfLink(db: Db, row: Insertable<VolunteerSelfLinkTable>): Promise<void> {
  await db.insertInto('volunteer_self_links').values(row).execute();
}

/** Revokes every link of a volunteer still in force; returns how many. */
export async function revokeSelfLinks(db: Db, volunteerId: string, at: string): Promise<number> {
  const res = await db
    .updateTable('volunteer_self_links')
    .set({ revoked_at: at })
    .where('volunteer_id', '=', volunteerId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** A link by its token's hash, with the volunteer's status and the person's name (read-only display join). */
export async function findSelfLinkByHash(db: Db, hash: string) {
  return db
    .selectFrom('volunteer_self_links as l')
    .innerJoin('volunteers as v', 'v.id', 'l.volunteer_id')
    .innerJoin('persons as p', 'p.id', 'l.person_id')
    .selectAll('l')
    .select(['v.status as volunteer_status', 'v.region_path as volunteer_region_path', 'p.name'])
    .where('l.token_hash', '=', hash)
    .executeTakeFirst();
}

/** The groups a person leads now, with their current members' person ids. */
export async function groupsLedBy(db: Db, personId: string) {
  const groups = await db
    .selectFrom('volunteer_groups')
    .select(['id', 'region_path'])
    .where('leader_person_id', '=', personId)
    .where('disbanded_at', 'is', null)
    .execute();
  if (!groups.length) return [];
  const members = await db
    .selectFrom('volunteer_group_members')
    .select(['group_id', 'person_id'])
    .where(
      'group_id',
      'in',
      groups.map((g) => g.id),
    )
    .where('left_at', 'is', null)
    .execute();
  return groups.map((g) => ({
    id: g.id,
    memberPersonIds: members.filter((m) => m.group_id === g.id).map((m) => m.person_id),
  }));
}
