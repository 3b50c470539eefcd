import type { Db } from '../db/database';
import { addDays, localDay, type Clock } from '../clock';
import { subtreeCondition } from '../access/scope';
import { uuidv7 } from '../ids';
import { PartyMemberQuery } from '../../shared/party';
import { insertIsolationStaff, type IsolationSiteStaffTable } from '../features/isolation';
import { listPartyMembers } from '../features/party';

type Role = IsolationSiteStaffTable['role'];

/**
 * The demo isolation hotels' staff rosters (工作人员), written through isolation's own insert: at
 * 平遥宾馆 (which has its temporary branch) two doctors, two guards, a cook and an observer — four of
 * them party members — plus a nurse whose stint ended; at 古城大酒店 a doctor, a nurse, a guard and
 * a cleaner, three of them party members and no branch, so rule (a) flags it 应建未建. Party members
 * come from the party demo's roll under the hotel's region (the county's if too few), the others are
 * registered residents there who are not members. Nothing happens without the hotels.
 */
export async function buildIsolationStaffDemo(db: Db, clock: Clock, timeZone: string): Promise<number> {
  const today = localDay(clock.now(), timeZone);
  const hotels = await db
    .selectFrom('isolation_sites')
    .select(['id', 'name', 'region_path'])
    .where('status', '=', 'active')
    .orderBy('name')
    .execute();
  const plans: Record<string, [Role, boolean, number, number | null][]> = {
    // role, party member, first day (days before today), last day (null: open)
    平遥宾馆: [
      ['medical', true, 6, null],
      ['medical', false, 6, null],
      ['security', true, 5, null],
      ['security', true, 5, null],
      ['logistics', false, 4, null],
      ['observer', true, 3, null],
      ['medical', false, 12, 8],
    ],
    古城大酒店: [
      ['medical', true, 4, null],
      ['medical', false, 4, null],
      ['security', true, 3, null],
      ['logistics', true, 2, null],
    ],
  };
  const now = clock.now().toISOString();
  const rows: IsolationSiteStaffTable[] = [];
  const used = new Set<string>();
  for (const hotel of hotels) {
    const plan = Object.entries(plans).find(([name]) => hotel.name.startsWith(name))?.[1];
    if (!plan) continue;
    const members = [
      ...(await listPartyMembers(db, { prefix: hotel.region_path }, PartyMemberQuery.parse({ limit: 40 }))),
      ...(await listPartyMembers(db, { prefix: '/' }, PartyMemberQuery.parse({ limit: 40 }))),
    ]
      .map((m) => m.person_id)
      .filter((id) => !used.has(id));
    const others = [...(await nonMembers(db, hotel.region_path)), ...(await nonMembers(db, '/'))].filter(
      (id) => !used.has(id),
    );
    for (const [role, member, from, to] of plan) {
      const personId = (member ? members : others).shift();
      if (!personId) continue;
      used.add(personId);
      rows.push({
        id: uuidv7(),
        site_id: hotel.id,
        person_id: personId,
        region_path: hotel.region_path,
        role,
        from_day: addDays(today, -from),
        to_day: to === null ? null : addDays(today, -to),
        note: role === 'medical' ? '县人民医院派驻' : null,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
    }
  }
  await insertIsolationStaff(db, rows);
  return rows.length;
}

/** Registered residents under a path who are not party members (the demo's doctors, cooks and cleaners). */
async function nonMembers(db: Db, path: string): Promise<string[]> {
  const rows = await db
    .selectFrom('persons')
    .select('id')
    .where((eb) => subtreeCondition(eb, 'region_path', path))
    .where('status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('party_members as m').select('m.id').whereRef('m.person_id', '=', 'persons.id'))),
    )
    .orderBy('id')
    .limit(20)
    .execute();
  return rows.map((p) => p.id);
}
