import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { AlertTable } from '../features/alerts';
import type { FollowUpSlotTable } from '../features/isolation';
import type { IsolationEpisodeTable } from '../features/isolation';
import type { NecessityRequestTable } from '../features/isolation';
import { addDays, localDay, type Clock } from '../clock';
import { FEVER_CELSIUS } from '../../shared/screening';
import { insertMany } from '../db/bulk-writes';
import { Rng, TimedIds } from './random';
import { DEFAULT_ISOLATION_SETTINGS } from '../features/isolation';
import { missedCutoff, planSlots } from '../features/isolation';
import { TRACED_BUS } from './checkpoints';

/**
 * Isolation in the demo county, live around the day the demo is built (so the observer's "my
 * people today" has slots due now): about 2,600 people under home isolation — returnees, often
 * with their whole household — and two hotels of centralised isolation, each episode with its
 * follow-up history: most reports on time, some missed (a few observers far worse than the
 * rest, so the missed list has a story), a few fevers with their alerts, requests for food and
 * medicine, and observations already completed with their certificates.
 */
export interface IsolationDemoSummary {
  episodes: number;
  active: number;
  slots: number;
  missed: number;
  fevers: number;
  sites: number;
}

const SCALE = {
  county: { homeEpisodes: 2600, hotelRooms: [120, 80] as const, hotelGuests: 170, necessities: 300 },
  small: { homeEpisodes: 40, hotelRooms: [12, 8] as const, hotelGuests: 10, necessities: 8 },
};

const DEFAULT_SEED = 20200120;

function token(rng: Rng, bytes: number): string {
  return Buffer.from(rng.bytes(new Uint8Array(bytes))).toString('base64url');
}

export async function buildIsolationDemo(
  db: Db,
  clock: Clock,
  opts: { scale: 'county' | 'small'; timeZone?: string },
): Promise<IsolationDemoSummary> {
  const timeZone = opts.timeZone ?? 'Asia/Shanghai';
  const params = SCALE[opts.scale];
  const seedRow = await db.selectFrom('settings').select('value').where('key', '=', 'demo.seed').executeTakeFirst();
  const seed = (Number(seedRow?.value ?? DEFAULT_SEED) ^ 0x15017a7e) >>> 0;
  const rng = new Rng(seed);
  const ids = new TimedIds(new Rng(seed ^ 0x3c6ef372));
  const settings = DEFAULT_ISOLATION_SETTINGS;
  const now = clock.now();
  const nowMs = now.getTime();
  const today = localDay(now, timeZone);
  const cutoff = missedCutoff(now, settings);

  const villages = await db
    .selectFrom('regions')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'village')
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'region_path'])
    .where('role', 'in', ['grid', 'observer'])
    .orderBy('username')
    .execute();
  const gridWorkerByPath = new Map(users.filter((u) => u.role === 'grid').map((u) => [u.region_path, u.id]));
  const observers = users.filter((u) => u.role === 'observer');
  const parentPath = (path: string) => path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1);
  const observerOf = (path: string) => gridWorkerByPath.get(path) ?? gridWorkerByPath.get(parentPath(path)) ?? null;
  // Some grid workers keep up badly: their people miss a report one time in four.
  const sloppy = new Set([...gridWorkerByPath.values()].filter(() => rng.chance(0.04)));

  // Who is isolated at home: returnees first (often with their household), then close contacts.
  const returnees = await db
    .selectFrom('person_tags')
    .innerJoin('persons', 'persons.id', 'person_tags.person_id')
    .select(['persons.id', 'persons.household_id', 'persons.region_id', 'persons.region_path'])
    .where('person_tags.tag', '=', 'returnee')
    .where('persons.status', '=', 'active')
    .orderBy('persons.id')
    .limit(params.homeEpisodes)
    .execute();
  type Candidate = (typeof returnees)[number];
  const chosen = new Map<string, { p: Candidate; reason: string; householdTogether: boolean }>();
  const householdsToAdd: string[] = [];
  for (const p of returnees) {
    if (chosen.size >= params.homeEpisodes * 0.6) break;
    const together = !!p.household_id && rng.chance(0.4);
    chosen.set(p.id, { p, reason: 'hubei_returnee', householdTogether: together });
    if (together) householdsToAdd.push(p.household_id!);
  }
  for (let i = 0; i < householdsToAdd.length; i += 500) {
    const members = await db
      .selectFrom('persons')
      .select(['id', 'household_id', 'region_id', 'region_path'])
      .where('household_id', 'in', householdsToAdd.slice(i, i + 500))
      .where('status', '=', 'active')
      .execute();
    for (const m of members)
      if (!chosen.has(m.id)) chosen.set(m.id, { p: m, reason: 'close_contact', householdTogether: true });
  }
  if (chosen.size < params.homeEpisodes) {
    const total = Number(
      (
        await db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const step = Math.max(1, Math.floor(total / (params.homeEpisodes - chosen.size + 1)));
    const others = await db
      .selectFrom('persons')
      .select(['id', 'household_id', 'region_id', 'region_path'])
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
    // the riders of bus 晋C60695 are isolated by the tracing demo's story, not at random here
    const busRiders = new Set(
      (
        await db
          .selectFrom('passage_occupants')
          .innerJoin('passages', 'passages.id', 'passage_occupants.passage_id')
          .select('passage_occupants.person_id')
          .where('passages.plate', '=', TRACED_BUS.plate)
          .execute()
      ).map((r) => r.person_id),
    );
    for (let i = rng.int(0, step - 1); i < others.length && chosen.size < params.homeEpisodes; i += step) {
      const o = others[i]!;
      if (!chosen.has(o.id) && !busRiders.has(o.id))
        chosen.set(o.id, {
          p: o,
          reason: rng.chance(0.8) ? 'close_contact' : 'screening_referral',
          householdTogether: false,
        });
    }
  }

  // Two hotels for centralised isolation, in the first villages (where the demo's observers work).
  const createdAt = new Date(nowMs - 20 * 86_400_000).toISOString();
  const hotels = [
    {
      name: '平遥宾馆（集中隔离点）',
      village: villages[0]!,
      rooms: params.hotelRooms[0],
      address: '古陶镇顺城路 16 号',
    },
    {
      name: '古城大酒店（集中隔离点）',
      village: villages[1] ?? villages[0]!,
      rooms: params.hotelRooms[1],
      address: '古陶镇迎薰街 88 号',
    },
  ].map((h) => ({ ...h, id: ids.at(Date.parse(createdAt)) }));
  await insertMany(
    db,
    'isolation_sites',
    hotels.map((h, i) => ({
      id: h.id,
      name: h.name,
      region_id: h.village.id,
      region_path: h.village.path,
      address: h.address,
      contact_name: i === 0 ? '周经理' : '武经理',
      contact_phone: i === 0 ? '13903540101' : '13903540202',
      status: 'active' as const,
      created_at: createdAt,
      updated_at: createdAt,
    })),
  );
  const rooms = hotels.flatMap((h) =>
    Array.from({ length: h.rooms }, (_, i) => ({
      id: ids.at(Date.parse(createdAt)),
      site_id: h.id,
      region_path: h.village.path,
      label: String((Math.floor(i / 20) + 2) * 100 + (i % 20) + 1),
      capacity: 1,
      status: 'available' as const,
      created_at: createdAt,
      hotel: h,
    })),
  );
  await insertMany(
    db,
    'isolation_rooms',
    rooms.map(({ hotel: _h, ...r }) => r),
  );
  const guests = await db
    .selectFrom('person_tags')
    .innerJoin('persons', 'persons.id', 'person_tags.person_id')
    .select(['persons.id', 'persons.household_id', 'persons.region_id', 'persons.region_path'])
    .where('person_tags.tag', 'in', ['non_local', 'key_person'])
    .where('persons.status', '=', 'active')
    .orderBy('persons.id')
    .limit(params.hotelGuests * 3)
    .execute();

  const episodes: Insertable<IsolationEpisodeTable>[] = [];
  const slots: Insertable<FollowUpSlotTable>[] = [];
  const alerts: Insertable<AlertTable>[] = [];
  const needs: Insertable<NecessityRequestTable>[] = [];
  const certificatesByDay = new Map<string, number>();
  let fevers = 0;

  const addEpisode = (
    p: Candidate,
    e: { kind: 'home' | 'centralised'; reason: string; householdTogether: boolean; room?: (typeof rooms)[number] },
  ) => {
    const startDay = addDays(today, -rng.int(0, 19));
    const plannedEnd = addDays(startDay, 13);
    const startMs = Date.parse(`${startDay}T01:00:00Z`) + rng.int(0, 10 * 60) * 60_000;
    const regionPath = e.room ? e.room.region_path : p.region_path;
    const observerId = e.room
      ? (observers[rooms.indexOf(e.room) % Math.max(1, observers.length)]?.id ?? null)
      : observerOf(p.region_path);
    const id = ids.at(startMs);
    const finished = plannedEnd < today;
    const planned = planSlots(startDay, plannedEnd, 2, settings, timeZone, new Date(startMs));
    let status: IsolationEpisodeTable['status'] = 'active';
    let endedAt: string | null = null;
    let endReason: string | null = null;
    const reliability = observerId && sloppy.has(observerId) ? 0.75 : 0.975;
    let previousMissed = false;
    let hadFever = false;
    const firstSlot = slots.length;
    for (const s of planned) {
      const fromMs = Date.parse(s.dueFrom);
      const toMs = Date.parse(s.dueTo);
      const slotId = ids.at(fromMs);
      const base = {
        id: slotId,
        episode_id: id,
        person_id: p.id,
        region_path: regionPath,
        observer_id: observerId,
        day: s.day,
        seq: s.seq,
        due_from: s.dueFrom,
        due_to: s.dueTo,
      };
      const open = fromMs <= nowMs && nowMs <= toMs;
      const past = toMs < nowMs;
      const reported = past ? rng.chance(reliability) : open && rng.chance(0.5);
      if (reported) {
        const filledMs = Math.min(
          nowMs,
          fromMs + rng.int(5, Math.max(6, Math.floor((toMs - fromMs) / 60_000) - 5)) * 60_000,
        );
        const fever = rng.chance(0.004);
        const cough = !fever && rng.chance(0.004);
        const temperature = fever
          ? Math.round((37.4 + rng.next() * 1.3) * 10) / 10
          : Math.round((36.1 + rng.next() * 0.9) * 10) / 10;
        const symptoms = fever ? ['fever'] : cough ? ['cough'] : [];
        slots.push({
          ...base,
          status: 'filled',
          temperature,
          symptoms: JSON.stringify(symptoms),
          condition: symptoms.length || temperature >= FEVER_CELSIUS ? 'unwell' : 'well',
          note: null,
          via: rng.chance(0.3) ? 'self' : 'observer',
          filled_by: observerId,
          filled_at: new Date(filledMs).toISOString(),
          missed_at: null,
        });
        if (fever || cough) {
          hadFever ||= fever;
          fevers += fever ? 1 : 0;
          alerts.push({
            id: ids.at(filledMs),
            kind: fever ? 'fever' : 'refer',
            person_id: p.id,
            region_path: regionPath,
            source_type: 'follow_up',
            source_id: slotId,
            message: `隔离观察对象 ${s.day} 第${s.seq}次随访异常（${fever ? `体温 ${temperature.toFixed(1)}℃` : '症状：咳嗽'}），请安排转诊发热门诊`,
            created_at: new Date(filledMs).toISOString(),
            acknowledged_at: rng.chance(0.7) ? new Date(filledMs + 30 * 60_000).toISOString() : null,
            acknowledged_by: null,
          });
        }
        previousMissed = false;
      } else if (s.dueTo < cutoff) {
        slots.push({
          ...base,
          status: 'missed',
          temperature: null,
          symptoms: null,
          condition: null,
          note: null,
          via: null,
          filled_by: null,
          filled_at: null,
          missed_at: new Date(toMs + 2.5 * 3600_000).toISOString(),
        });
        if (previousMissed) {
          alerts.push({
            id: ids.at(toMs + 2.5 * 3600_000),
            kind: 'missed_follow_up',
            person_id: p.id,
            region_path: regionPath,
            source_type: 'follow_up_escalation',
            source_id: slotId,
            message: '隔离观察对象连续 2 次未完成体温随访，已上报乡镇',
            created_at: new Date(toMs + 2.5 * 3600_000).toISOString(),
            acknowledged_at: null,
            acknowledged_by: null,
          });
        }
        previousMissed = true;
      } else {
        slots.push({
          ...base,
          status: 'pending',
          temperature: null,
          symptoms: null,
          condition: null,
          note: null,
          via: null,
          filled_by: null,
          filled_at: null,
          missed_at: null,
        });
      }
    }
    let serial: string | null = null;
    let code: string | null = null;
    if (finished) {
      endedAt = new Date(Date.parse(`${plannedEnd}T12:30:00Z`)).toISOString();
      if (hadFever) {
        status = 'hospital';
        endReason = '随访发热，转定点医院';
      } else if (rng.chance(0.03)) {
        status = 'ended_early';
        endReason = '核酸阴性，经研判提前解除';
      } else {
        status = 'completed';
        const day = plannedEnd;
        const n = (certificatesByDay.get(day) ?? 0) + 1;
        certificatesByDay.set(day, n);
        serial = `QF-${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
        code = token(rng, 9);
      }
      // Slots after the ending are cancelled, as ending an episode does.
      for (let i = firstSlot; i < slots.length; i++) {
        if (slots[i]!.due_to > endedAt && slots[i]!.status === 'pending') slots[i]!.status = 'cancelled';
        slots[i]!.episode_open = 0;
      }
    }
    episodes.push({
      id,
      person_id: p.id,
      household_id: e.householdTogether ? p.household_id : p.household_id,
      region_id: e.room ? e.room.hotel.village.id : p.region_id,
      region_path: regionPath,
      kind: e.kind,
      site_id: e.room?.site_id ?? null,
      room_id: e.room?.id ?? null,
      reason: e.reason,
      reason_detail: e.reason === 'hubei_returnee' ? '自武汉返乡' : null,
      source_type: e.householdTogether ? 'household' : 'manual',
      source_id: null,
      start_day: startDay,
      planned_end_day: plannedEnd,
      slots_per_day: 2,
      observer_id: observerId,
      status,
      ended_at: endedAt,
      end_reason: endReason,
      token: token(rng, 18),
      certificate_serial: serial,
      certificate_code: code,
      certificate_issued_at: serial ? endedAt : null,
      created_by: null,
      created_at: new Date(startMs).toISOString(),
      updated_at: endedAt ?? new Date(startMs).toISOString(),
    });
    if (
      status === 'active' &&
      needs.length < params.necessities &&
      rng.chance((params.necessities / params.homeEpisodes) * 1.5)
    ) {
      const asked = nowMs - rng.int(10, 72 * 60) * 60_000;
      const state = rng.next();
      const kind = rng.pick(['food', 'food', 'medicine', 'gas', 'other'] as const);
      needs.push({
        id: ids.at(asked),
        episode_id: id,
        person_id: p.id,
        household_id: p.household_id,
        region_path: regionPath,
        kind,
        detail: { food: '蔬菜、米面', medicine: '降压药', gas: '换煤气罐', other: '孩子网课需要流量卡' }[kind],
        status: state < 0.7 ? 'fulfilled' : state < 0.9 ? 'assigned' : 'open',
        via: rng.chance(0.5) ? 'self' : 'observer',
        requested_at: new Date(asked).toISOString(),
        assignee_name: state < 0.9 ? '村委会志愿者' : null,
        assignee_user_id: null,
        assigned_at: state < 0.9 ? new Date(asked + 15 * 60_000).toISOString() : null,
        fulfilled_at: state < 0.7 ? new Date(Math.min(nowMs, asked + rng.int(30, 300) * 60_000)).toISOString() : null,
        note: null,
        created_by: null,
      });
    }
  };

  for (const c of chosen.values())
    addEpisode(c.p, { kind: 'home', reason: c.reason, householdTogether: c.householdTogether });
  let r = 0;
  const placed = new Set<string>();
  for (const g of guests) {
    if (r >= params.hotelGuests || r >= rooms.length) break;
    // A person tagged both 外地人员 and 重点人员 comes twice from the join.
    if (chosen.has(g.id) || placed.has(g.id)) continue;
    placed.add(g.id);
    addEpisode(g, {
      kind: 'centralised',
      reason: rng.chance(0.5) ? 'checkpoint_fever' : 'close_contact',
      householdTogether: false,
      room: rooms[r++],
    });
  }
  // A finished guest's room is free again; the occupancy view reads active episodes only.

  await insertMany(db, 'isolation_episodes', episodes);
  for (const s of slots) s.episode_open ??= 1;
  await insertMany(db, 'follow_up_slots', slots);
  await insertMany(db, 'alerts', alerts);
  await insertMany(db, 'necessity_requests', needs);
  return {
    episodes: episodes.length,
    active: episodes.filter((e) => e.status === 'active').length,
    slots: slots.length,
    missed: slots.filter((s) => s.status === 'missed').length,
    fevers,
    sites: hotels.length,
  };
}
