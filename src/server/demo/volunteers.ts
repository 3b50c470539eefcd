import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import { bulkTarget } from '../db/bulk-writes';
import type { Clock } from '../clock';
import {
  insertGroupsBulk,
  insertVolunteersBulk,
  type VolunteerAvailabilityTable,
  type VolunteerGroupMemberTable,
  type VolunteerGroupTable,
  type VolunteerTable,
} from '../features/volunteers';
import { Rng, TimedIds, WeightedPicker } from './random';

/**
 * Volunteers in the demo county, as the seeds describe the villages in late January 2020: about 1 in
 * 100 residents aged 18–65 signed up (~3,000 at county scale), most from the village's QR poster,
 * some registered by a cadre; most approved, some still pending, a few suspended or gone back to
 * work; drivers, disinfection and medical hands most common; free on weekday evenings and weekend
 * mornings; a few declared travel from Hubei (to be checked). Groups of 3–5 under a leader —
 * poster teams, leaflet teams, persuasion teams, disinfection teams, shopping-for-the-isolated teams
 * — about one per village, most active, some still forming.
 */
export interface VolunteersDemoSummary {
  volunteers: number;
  active: number;
  pending: number;
  groups: number;
}

const SKILLS = new WeightedPicker(
  ['driver', 'disinfection', 'medical', 'psychological', 'interpreter'] as const,
  [35, 35, 15, 10, 5],
);
const STATUS = new WeightedPicker(['active', 'pending', 'suspended', 'left'] as const, [84, 11, 3, 2]);
const GROUP_KINDS = ['宣传组', '倡议书发放组', '劝导组', '消杀组', '代购代送组', '卡口协助组'];
const SLOT_PATTERNS: { weekday: number; from: string; to: string }[][] = [
  [1, 2, 3, 4, 5].map((d) => ({ weekday: d, from: '18:00', to: '21:00' })),
  [6, 7].map((d) => ({ weekday: d, from: '08:00', to: '12:00' })),
  [1, 2, 3, 4, 5, 6, 7].map((d) => ({ weekday: d, from: '08:00', to: '18:00' })),
  [6, 7].flatMap((d) => [
    { weekday: d, from: '08:00', to: '12:00' },
    { weekday: d, from: '13:00', to: '18:00' },
  ]),
  [1, 3, 5].map((d) => ({ weekday: d, from: '13:00', to: '18:00' })),
];
const HOUR = 3_600_000;

/** The village path of a person's path (/county/township/village/…). */
const villageOf = (path: string) => `/${path.split('/').slice(1, 4).join('/')}/`;

export async function buildVolunteersDemo(db: Db, clock: Clock): Promise<VolunteersDemoSummary> {
  const seedRow = await db.selectFrom('settings').select('value').where('key', '=', 'demo.seed').executeTakeFirst();
  const seed = Number(seedRow?.value ?? 20200120);
  const rng = new Rng((seed ^ 0x701a7ee5) >>> 0);
  const ids = new TimedIds(new Rng((seed ^ 0x0f0a7ee5) >>> 0));
  const now = clock.now().getTime();
  const start = Math.min(Date.parse('2020-01-24T02:00:00Z'), now - 48 * HOUR);
  const cadre =
    (await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst())?.id ?? null;

  const villages = new Map(
    (
      await db
        .selectFrom('regions')
        .select(['id', 'path', 'name'])
        .where('level', '=', 'village')
        .where('status', '=', 'active')
        .execute()
    ).map((v) => [v.path, v]),
  );
  // adults of working age with an ID number; about 1 in 100 (1 in 10 in the small demo) signs up
  const adults = await db
    .selectFrom('persons')
    .select(['id', 'region_path', 'birth_date'])
    .where('status', '=', 'active')
    .where('id_number', 'is not', null)
    .where('birth_date', '>=', '1955-01-01')
    .where('birth_date', '<=', '2002-01-01')
    .orderBy('id')
    .execute();
  // 3,250 draws: at county scale about 8% fall on persons outside any active village, leaving ~3,000
  const share = Math.min(0.1, 3250 / Math.max(1, adults.length));

  const volunteers: Insertable<VolunteerTable>[] = [];
  const slots: Insertable<VolunteerAvailabilityTable>[] = [];
  const byVillage = new Map<string, Insertable<VolunteerTable>[]>();
  for (const p of adults) {
    if (!rng.chance(share)) continue;
    const village = villages.get(villageOf(p.region_path));
    if (!village) continue;
    const signedUp =
      start + rng.int(0, Math.max(1, Math.floor((now - start) / HOUR) - 2)) * HOUR + rng.int(0, 59) * 60_000;
    const status = STATUS.pick(rng);
    const skills = new Set<string>();
    for (let i = rng.int(0, 2); i > 0; i--) skills.add(SKILLS.pick(rng));
    const availability = SLOT_PATTERNS[rng.int(0, SLOT_PATTERNS.length - 1)]!;
    const travel = rng.chance(0.03);
    const declaration = {
      feverOrCough14Days: false,
      caseContact: false,
      riskAreaTravel: travel,
      riskArea: travel ? '湖北武汉' : null,
      riskAreaReturnedOn: travel ? `2020-01-${String(rng.int(12, 20))}` : null,
    };
    const self = rng.chance(0.6);
    const at = new Date(signedUp).toISOString();
    const approvedAt = status === 'pending' ? null : new Date(signedUp + rng.int(1, 20) * HOUR).toISOString();
    const row: Insertable<VolunteerTable> = {
      id: ids.at(signedUp),
      person_id: p.id,
      region_id: village.id,
      region_path: village.path,
      skills: [...skills].join(','),
      availability: JSON.stringify(availability),
      health_declaration: JSON.stringify(declaration),
      health_declared_at: at,
      status: travel && status === 'active' ? 'pending' : status,
      source: self ? 'self' : 'cadre',
      note: null,
      approved_by: approvedAt && !travel ? cadre : null,
      approved_at: travel ? null : approvedAt,
      created_by: self ? null : cadre,
      created_at: at,
      updated_at: approvedAt && !travel ? approvedAt : at,
    };
    volunteers.push(row);
    for (const s of availability)
      slots.push({
        volunteer_id: row.id,
        region_path: village.path,
        weekday: s.weekday,
        from_time: s.from,
        to_time: s.to,
      });
    const list = byVillage.get(village.path) ?? [];
    list.push(row);
    byVillage.set(village.path, list);
  }

  // groups: in each village, active volunteers in groups of 3–5 (about one group per village), a
  // tenth still forming with two members
  const groups: Insertable<VolunteerGroupTable>[] = [];
  const members: Insertable<VolunteerGroupMemberTable>[] = [];
  for (const [path, list] of byVillage) {
    const village = villages.get(path)!;
    const active = list.filter((v) => v.status === 'active');
    let taken = 0;
    for (let n = 0; taken < active.length - 2 && n < Math.max(1, Math.round(active.length / 12)); n++) {
      const forming = rng.chance(0.1);
      const size = Math.min(forming ? 2 : rng.int(3, 5), active.length - taken);
      if (!forming && size < 3) break;
      const team = active.slice(taken, taken + size);
      taken += size;
      const formedAt = Math.max(...team.map((v) => Date.parse(v.approved_at ?? v.created_at))) + rng.int(1, 24) * HOUR;
      const at = new Date(Math.min(formedAt, now - HOUR)).toISOString();
      const id = ids.at(Date.parse(at));
      groups.push({
        id,
        region_id: village.id,
        region_path: village.path,
        name: `${village.name}${GROUP_KINDS[(groups.length + n) % GROUP_KINDS.length]}${n ? n + 1 : ''}`,
        leader_person_id: forming ? null : team[0]!.person_id,
        status: forming ? 'forming' : 'active',
        note: null,
        disbanded_at: null,
        created_by: cadre,
        created_at: at,
        updated_at: at,
      });
      for (const v of team)
        members.push({ group_id: id, person_id: v.person_id, region_path: village.path, joined_at: at, left_at: null });
    }
  }

  volunteers.sort((a, b) => a.id.localeCompare(b.id));
  await db.transaction().execute(async (trx) => {
    const to = bulkTarget(db, trx);
    await insertVolunteersBulk(to, volunteers, slots);
    await insertGroupsBulk(to, groups, members);
  });
  return {
    volunteers: volunteers.length,
    active: volunteers.filter((v) => v.status === 'active').length,
    pending: volunteers.filter((v) => v.status === 'pending').length,
    groups: groups.length,
  };
}
