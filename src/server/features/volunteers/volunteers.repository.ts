import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';

/** A volunteer group in scope, with its current members' person ids (leader first). */
export async function findGroupInScope(db: Db, scope: Scope, id: string) {
  const group = await inScope(
    db.selectFrom('volunteer_groups').selectAll().where('id', '=', id).where('disbanded_at', 'is', null),
    'region_path',
    scope,
  ).executeTakeFirst();
  if (!group) return undefined;
  const members = await db
    .selectFrom('volunteer_group_members')
    .select('person_id')
    .where('group_id', '=', id)
    .where('left_at', 'is', null)
    .execute();
  const ids = members.map((m) => m.person_id);
  ids.sort((a, b) => (a === group.leader_person_id ? -1 : b === group.leader_person_id ? 1 : a.localeCompare(b)));
  return { ...group, memberPersonIds: ids };
}

/** The volunteer records of these persons (one per person). */
export async function volunteersByPersons(db: Db, personIds: readonly string[]) {
  const out = [];
  for (let i = 0; i < personIds.length; i += 500) {
    const chunk = personIds.slice(i, i + 500);
    out.push(...(await db.selectFrom('volunteers').selectAll().where('person_id', 'in', chunk).execute()));
  }
  return out;
}
