import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { FollowUpSlotTable } from '../features/isolation';
import type { IsolationEpisodeTable } from '../features/isolation';
import { insertMany } from '../db/bulk-writes';
import { Rng, TimedIds } from './random';
import { TRACED_BUS } from './checkpoints';
import { insertPassages } from '../features/checkpoints';
import { DEFAULT_ISOLATION_SETTINGS } from '../features/isolation';
import { planSlots } from '../features/isolation';
import { addDays } from '../clock';

/**
 * The seeds' tracing stories in the demo county, played as they happened:
 * - Bus 晋C60695 from 太原 passes the 平遥 exit at 20:03 on 20 January (the checkpoint demo) and a
 *   second checkpoint half an hour later. On 25 January one passenger is confirmed; at 15:55 an
 *   urgent seek notice goes out; within 5 hours every other passenger is found (some from the
 *   checkpoint register — the three visitors who gave the crew only a name and a mobile too, as
 *   persons identified by phone — some by calling the hotline) and isolated at home for 14 days; the
 *   notice is closed. The case's wife, isolated with the household, is confirmed two days later —
 *   the second generation of the chain.
 * - On 3 February another resident is confirmed; the household and the people met on the way home
 *   are traced and the close contacts isolated.
 */
export interface TracingDemoSummary {
  cases: number;
  contacts: number;
  notices: number;
}

const TZ_OFFSET = 8 * 3600_000;
const at = (localIso: string) => new Date(Date.parse(`${localIso}+08:00`)).toISOString();

export async function buildTracingDemo(db: Db, opts: { timeZone?: string }): Promise<TracingDemoSummary> {
  const timeZone = opts.timeZone ?? 'Asia/Shanghai';
  const seedRow = await db.selectFrom('settings').select('value').where('key', '=', 'demo.seed').executeTakeFirst();
  const rng = new Rng((Number(seedRow?.value ?? 20200120) ^ 0x7ace5eed) >>> 0);
  const ids = new TimedIds(new Rng(Number(seedRow?.value ?? 20200120) ^ 0x0b5e55ed));
  const command = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', 'command')
    .executeTakeFirst();
  const county = await db
    .selectFrom('regions')
    .select(['id', 'path'])
    .where('level', '=', 'county')
    .executeTakeFirstOrThrow();
  const summary: TracingDemoSummary = { cases: 0, contacts: 0, notices: 0 };

  const bus = await db
    .selectFrom('passages')
    .selectAll()
    .where('plate', '=', TRACED_BUS.plate)
    .where('at', '=', new Date(TRACED_BUS.at).toISOString())
    .executeTakeFirst();
  if (!bus) return summary;
  const riders = await db
    .selectFrom('passage_occupants')
    .innerJoin('persons', 'persons.id', 'passage_occupants.person_id')
    .select([
      'passage_occupants.seq',
      'passage_occupants.name',
      'passage_occupants.id_number',
      'passage_occupants.phone',
      'passage_occupants.temperature',
      'passage_occupants.region_path as occ_path',
      'persons.id',
      'persons.household_id',
      'persons.region_path',
      'persons.phone as person_phone',
    ])
    .where('passage_occupants.passage_id', '=', bus.id)
    .orderBy('passage_occupants.seq')
    .execute();
  if (riders.length < 3) return summary;

  // The bus at a second checkpoint on its way into town, 38 minutes later.
  const second = await db
    .selectFrom('checkpoint_sites')
    .select(['id', 'region_path'])
    .where('id', '!=', bus.site_id)
    .where('kind', 'in', ['national_road', 'village_entrance'])
    .where('status', '=', 'active')
    .orderBy('region_path')
    .orderBy('id')
    .executeTakeFirst();
  let secondId: string | null = null;
  if (second) {
    const when = Date.parse(bus.at) + 38 * 60_000 + 11_000;
    secondId = ids.at(when);
    const passage = {
      ...bus,
      id: secondId,
      site_id: second.id,
      region_path: second.region_path,
      at: new Date(when).toISOString(),
      created_at: new Date(when + 20_000).toISOString(),
    };
    await insertPassages(
      db,
      [passage],
      riders.map((r) => ({
        passage_id: passage.id,
        seq: r.seq,
        person_id: r.id,
        region_path: r.occ_path,
        name: r.name,
        id_number: r.id_number,
        phone: r.phone,
        temperature: Math.round((36.2 + rng.next() * 0.6) * 10) / 10,
        symptoms: null,
        fever: 0,
      })),
    );
  }

  const patient = riders.find((r) => r.household_id) ?? riders[0]!;
  const family = patient.household_id
    ? await db
        .selectFrom('persons')
        .select(['id', 'region_path', 'household_id'])
        .where('household_id', '=', patient.household_id)
        .where('id', '!=', patient.id)
        .where('status', '=', 'active')
        .orderBy('id')
        .execute()
    : [];

  const episodes: Insertable<IsolationEpisodeTable>[] = [];
  const slots: Insertable<FollowUpSlotTable>[] = [];
  const isolate = (
    person: { id: string; region_path: string; household_id: string | null },
    startDay: string,
    reasonDetail: string,
    ending: { status: 'completed' | 'hospital'; endDay?: string },
  ) => {
    const region = person.region_path;
    const createdMs = Date.parse(at(`${startDay}T21:00:00`)) - 86_400_000 + 3600_000;
    const id = ids.at(createdMs);
    const plannedEnd = addDays(startDay, 13);
    const endDay = ending.endDay ?? plannedEnd;
    const endedAt = at(`${endDay}T10:30:00`);
    for (const s of planSlots(startDay, endDay, 2, DEFAULT_ISOLATION_SETTINGS, timeZone, new Date(createdMs))) {
      if (s.dueFrom > endedAt) continue;
      const filledAt = new Date(Date.parse(s.dueFrom) + rng.int(20, 200) * 60_000).toISOString();
      slots.push({
        id: ids.at(s.dueFrom),
        episode_id: id,
        person_id: person.id,
        region_path: region,
        observer_id: null,
        day: s.day,
        seq: s.seq,
        due_from: s.dueFrom,
        due_to: s.dueTo,
        status: 'filled',
        temperature: Math.round((36.1 + rng.next() * 0.8) * 10) / 10,
        symptoms: '[]',
        condition: 'well',
        note: null,
        via: rng.chance(0.4) ? 'self' : 'observer',
        filled_by: null,
        filled_at: filledAt,
        missed_at: null,
        episode_open: 0,
      });
    }
    const serial =
      ending.status === 'completed'
        ? `QF-${endDay.replaceAll('-', '')}-${String(9000 + episodes.length).padStart(4, '0')}`
        : null;
    episodes.push({
      id,
      person_id: person.id,
      household_id: person.household_id,
      region_id: '',
      region_path: region,
      kind: 'home',
      site_id: null,
      room_id: null,
      reason: 'close_contact',
      reason_detail: reasonDetail,
      source_type: 'contact',
      source_id: null,
      start_day: startDay,
      planned_end_day: plannedEnd,
      slots_per_day: 2,
      observer_id: null,
      status: ending.status,
      ended_at: endedAt,
      end_reason: ending.status === 'hospital' ? '确诊，转定点医院' : null,
      token: Buffer.from(rng.bytes(new Uint8Array(18))).toString('base64url'),
      certificate_serial: serial,
      certificate_code: serial ? Buffer.from(rng.bytes(new Uint8Array(9))).toString('base64url') : null,
      certificate_issued_at: serial ? endedAt : null,
      created_by: command?.id ?? null,
      created_at: new Date(createdMs).toISOString(),
      updated_at: endedAt,
    });
    return id;
  };

  const addCase = async (
    p: { id: string; region_path: string },
    c: {
      classification: 'confirmed';
      onset: string;
      report: string;
      suspectedOn?: string;
      source?: { id: string; generation: number };
    },
  ) => {
    const created = at(`${c.suspectedOn ?? c.report}T14:20:00`);
    const caseId = ids.at(created);
    await db
      .insertInto('cases')
      .values({
        id: caseId,
        person_id: p.id,
        region_path: p.region_path,
        classification: c.classification,
        outcome: 'under_treatment',
        onset_date: c.onset,
        report_date: c.report,
        treated_at: '平遥县人民医院（定点救治医院）',
        note: null,
        source_case_id: c.source?.id ?? null,
        generation: c.source ? c.source.generation + 1 : 1,
        created_by: command?.id ?? null,
        created_at: created,
        updated_at: at(`${c.report}T15:30:00`),
      })
      .execute();
    const history = c.suspectedOn
      ? [
          {
            at: created,
            changes: { classification: { from: null, to: 'suspected' }, onsetDate: { from: null, to: c.onset } },
          },
          {
            at: at(`${c.report}T15:30:00`),
            changes: {
              classification: { from: 'suspected', to: 'confirmed' },
              reportDate: { from: c.suspectedOn, to: c.report },
            },
          },
        ]
      : [
          {
            at: created,
            changes: { classification: { from: null, to: 'confirmed' }, onsetDate: { from: null, to: c.onset } },
          },
        ];
    await insertMany(
      db,
      'case_history',
      history.map((h) => ({
        id: ids.at(h.at),
        case_id: caseId,
        region_path: p.region_path,
        at: h.at,
        actor_id: command?.id ?? null,
        actor_name: command?.display_name ?? null,
        changes: JSON.stringify(h.changes),
      })),
    );
    await db
      .insertInto('alerts')
      .values({
        id: ids.at(created),
        kind: 'case',
        person_id: p.id,
        region_path: p.region_path,
        source_type: 'case',
        source_id: caseId,
        message: `新增确诊病例（报告日期 ${c.report}）`,
        created_at: created,
        acknowledged_at: at(`${c.report}T16:00:00`),
        acknowledged_by: command?.id ?? null,
      })
      .execute();
    summary.cases++;
    return caseId;
  };

  const addContacts = async (
    caseId: string,
    list: {
      id: string;
      region_path: string;
      type: string;
      sourceType: string;
      sourceId: string;
      date: string;
      episodeId: string;
    }[],
  ) => {
    await insertMany(
      db,
      'contacts',
      list.map((k) => ({
        id: ids.at(at(`${k.date}T18:00:00`)),
        case_id: caseId,
        person_id: k.id,
        region_path: k.region_path,
        exposure_type: k.type,
        exposure_date: k.date,
        closeness: 'close' as const,
        decision: 'accepted' as const,
        source_type: k.sourceType,
        source_id: k.sourceId,
        note: null,
        created_by: command?.id ?? null,
        created_at: at('2020-01-25T19:40:00'),
        updated_at: at('2020-01-25T19:40:00'),
      })),
    );
    for (const k of list)
      await db.updateTable('isolation_episodes').set({ source_id: caseId }).where('id', '=', k.episodeId).execute();
    summary.contacts += list.length;
  };

  // Story 1: the bus. The patient is suspected on the 24th and confirmed on the 25th.
  const wife = family[0];
  const busCase = await addCase(patient, {
    classification: 'confirmed',
    onset: '2020-01-23',
    report: '2020-01-25',
    suspectedOn: '2020-01-24',
  });
  const busContacts = [
    ...riders
      .filter((r) => r.id !== patient.id)
      .map((r) => ({
        id: r.id,
        region_path: r.region_path,
        household_id: r.household_id,
        type: 'co_passenger',
        sourceType: 'passage',
        sourceId: bus.id,
        date: '2020-01-20',
      })),
    ...family.map((f) => ({
      id: f.id,
      region_path: f.region_path,
      household_id: f.household_id,
      type: 'household',
      sourceType: 'household',
      sourceId: patient.household_id!,
      date: '2020-01-24',
    })),
  ];
  const withEpisodes = busContacts.map((k) => ({
    ...k,
    episodeId: isolate(
      k,
      '2020-01-25',
      '晋C60695 同车乘客 / 同住家属',
      k.id === wife?.id ? { status: 'hospital', endDay: '2020-01-27' } : { status: 'completed' },
    ),
  }));
  // Regions of the episodes are their persons' own; fill region_id from the persons table.
  await insertEpisodes(db, episodes, slots);
  episodes.length = 0;
  slots.length = 0;
  await addContacts(busCase, withEpisodes);
  if (wife)
    await addCase(wife, {
      classification: 'confirmed',
      onset: '2020-01-26',
      report: '2020-01-27',
      source: { id: busCase, generation: 1 },
    });

  // The seek notice of 15:55 on the 25th, closed five hours later with everyone found.
  const noticeId = ids.at(at('2020-01-25T15:55:00'));
  await db
    .insertInto('seek_notices')
    .values({
      id: noticeId,
      slug: Buffer.from(rng.bytes(new Uint8Array(8))).toString('base64url'),
      title: '关于寻找1月20日晋C60695客车乘客的紧急通告',
      body: '2020年1月20日晚20时许，由太原返回平遥的晋C60695客车上有一名乘客现已确诊为新型冠状病毒感染的肺炎病例。请当日乘坐该车的乘客立即与县疾控中心联系，主动居家隔离观察，如有发热、咳嗽等症状请及时到发热门诊就诊。',
      hotline: '0354-5622120',
      region_id: county.id,
      region_path: county.path,
      kind: 'vehicle',
      plate: TRACED_BUS.plate,
      site_id: null,
      place: null,
      window_from: at('2020-01-20T19:00:00'),
      window_to: at('2020-01-20T22:00:00'),
      expected: riders.length - 1,
      case_id: busCase,
      status: 'closed',
      created_by: command?.id ?? null,
      created_at: at('2020-01-25T15:50:00'),
      published_at: at('2020-01-25T15:55:00'),
      closed_at: at('2020-01-25T20:55:00'),
    })
    .execute();
  const others = riders.filter((r) => r.id !== patient.id);
  const byHotline = new Set(others.filter((_, i) => i % 4 === 1).map((r) => r.id));
  await insertMany(
    db,
    'seek_found',
    others.map((r, i) => ({
      id: ids.at(at(`2020-01-25T${byHotline.has(r.id) ? '17:30' : '16:10'}:${String(i).padStart(2, '0')}`)),
      notice_id: noticeId,
      person_id: r.id,
      region_path: r.region_path,
      source: byHotline.has(r.id) ? ('self_report' as const) : ('data' as const),
      source_id: byHotline.has(r.id) ? null : bus.id,
      confirmed: 1,
      confirmed_by: command?.id ?? null,
      created_at: at('2020-01-25T16:10:00'),
    })),
  );
  await insertMany(
    db,
    'seek_reports',
    others
      .filter((r) => byHotline.has(r.id))
      .map((r, i) => ({
        id: ids.at(at(`2020-01-25T17:${String(10 + i * 7).padStart(2, '0')}:00`)),
        notice_id: noticeId,
        region_path: county.path,
        name: r.name,
        phone: r.person_phone ?? `1390354${String(1000 + i).slice(-4)}`,
        id_number: r.id_number,
        where_now: '在家',
        seat: String(3 + i * 4),
        status: 'confirmed' as const,
        match_person_id: r.id,
        match_by: r.id_number ? ('id_number' as const) : ('phone' as const),
        client_hash: Buffer.from(rng.bytes(new Uint8Array(16))).toString('hex'),
        created_at: at(`2020-01-25T17:${String(10 + i * 7).padStart(2, '0')}:00`),
        updated_at: at('2020-01-25T18:00:00'),
      })),
  );
  summary.notices++;

  // Story 2: 3 February, a resident of another township home from out of the county.
  const candidates = await db
    .selectFrom('passage_occupants as o')
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .innerJoin('passages as ps', 'ps.id', 'o.passage_id')
    .select(['p.id', 'p.region_path', 'p.household_id', 'ps.id as passage_id', 'ps.at'])
    .where('p.household_id', 'is not', null)
    .where('ps.at', '>=', at('2020-01-27T00:00:00'))
    .where('ps.occupant_count', '>=', 3)
    .where('p.id', 'not in', [patient.id, ...riders.map((r) => r.id)])
    .orderBy('ps.at')
    .limit(50)
    .execute();
  const traveller =
    candidates.find((c) => !c.region_path.startsWith(patient.region_path.split('/').slice(0, 4).join('/'))) ??
    candidates[0];
  if (traveller) {
    const homeCase = await addCase(traveller, {
      classification: 'confirmed',
      onset: '2020-02-01',
      report: '2020-02-03',
    });
    const fam = await db
      .selectFrom('persons')
      .select(['id', 'region_path', 'household_id'])
      .where('household_id', '=', traveller.household_id)
      .where('id', '!=', traveller.id)
      .where('status', '=', 'active')
      .execute();
    const co = await db
      .selectFrom('passage_occupants as o')
      .innerJoin('persons as p', 'p.id', 'o.person_id')
      .select(['p.id', 'p.region_path', 'p.household_id'])
      .where('o.passage_id', '=', traveller.passage_id)
      .where('p.id', '!=', traveller.id)
      .execute();
    const seen = new Set<string>();
    const close = [
      ...fam.map((f) => ({
        ...f,
        type: 'household',
        sourceType: 'household',
        sourceId: traveller.household_id!,
        date: '2020-02-02',
      })),
      ...co.map((c) => ({
        ...c,
        type: 'co_passenger',
        sourceType: 'passage',
        sourceId: traveller.passage_id,
        date: new Date(Date.parse(traveller.at) + TZ_OFFSET).toISOString().slice(0, 10),
      })),
    ]
      .filter((k) => !seen.has(k.id) && seen.add(k.id))
      .slice(0, 5);
    const closeWith = close.map((k) => ({
      ...k,
      episodeId: isolate(k, '2020-02-03', '2月3日确诊病例的密切接触者', { status: 'completed' }),
    }));
    await insertEpisodes(db, episodes, slots);
    await addContacts(homeCase, closeWith);
  }
  return summary;
}

/** Episodes take region_id from their person; then the episodes and their slots go in. */
async function insertEpisodes(
  db: Db,
  episodes: Insertable<IsolationEpisodeTable>[],
  slots: Insertable<FollowUpSlotTable>[],
) {
  if (episodes.length === 0) return;
  const people = await db
    .selectFrom('persons')
    .select(['id', 'region_id'])
    .where(
      'id',
      'in',
      episodes.map((e) => e.person_id),
    )
    .execute();
  const regionOf = new Map(people.map((p) => [p.id, p.region_id]));
  await insertMany(
    db,
    'isolation_episodes',
    episodes.map((e) => ({ ...e, region_id: regionOf.get(e.person_id)! })),
  );
  await insertMany(db, 'follow_up_slots', slots);
}
