import type { Insertable } from 'kysely';
import type { Db } from '../src/server/db/database';
import type { PersonTable } from '../src/server/features/residents/persons.table';
import type { RegionRow } from '../src/server/features/regions/regions.table';
import { formatV7, uuidv7 } from '../src/server/ids';
import { insertMany } from '../src/server/db/bulk-writes';
import { idCardCheckChar } from '../src/shared/validators';
import { benchApp, interleaved } from './latency';
import { log } from './stats';

/**
 * trace_candidates_p99: GET /api/cases/:id/candidates by a county command user, for cases that
 * each have 20 checkpoint passages in the 14 days before onset, in the database of the
 * vehicle-window benchmark (10,000,000 passages, ~25,000,000 occupants; quick: 1,000,000) plus
 * 1,000,000 registered persons (quick: 100,000). Each case has a household of three and rides
 * with 1–4 others on each passage (the generated occupants of those passages are linked to
 * registry persons); the same plates pass other checkpoints around the same time, as the
 * generator made them. Requests cycle over the cases. Baseline: GET /api/health, alternated.
 */
export interface TraceResult {
  p99: number;
  baselineP99: number;
  p50: number;
  baselineP50: number;
  cases: number;
  persons: number;
  candidatesPerCase: number;
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建平小红玉兰海燕志强';

/** A small fast generator (xorshift), so a million people are made in seconds, the same each run. */
class Xor {
  constructor(private s: number) {}
  next(): number {
    this.s ^= this.s << 13;
    this.s ^= this.s >>> 17;
    this.s ^= this.s << 5;
    return (this.s >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

export async function runTraceCandidates(
  db: Db,
  county: RegionRow,
  opts: { persons: number; cases: number; requests: number; warmup: number; firstDayMs: number },
): Promise<TraceResult> {
  const started = performance.now();
  const rng = new Xor(0x2545f491);
  const villages = await db
    .selectFrom('regions')
    .select(['id', 'path'])
    .where('level', '=', 'village')
    .where('path', '>=', county.path)
    .where('path', '<', county.path.slice(0, -1) + '0')
    .execute();
  const now = new Date().toISOString();
  const personIds: string[] = new Array(opts.persons);
  const personPaths: string[] = new Array(opts.persons);
  for (let i = 0; i < opts.persons; i += 20_000) {
    const rows: Insertable<PersonTable>[] = [];
    for (let j = i; j < Math.min(opts.persons, i + 20_000); j++) {
      const v = villages[rng.int(villages.length)]!;
      // Unique by construction: a thousand people born on each day from 1 January 1960.
      const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(j / 1000) * 86_400_000)
        .toISOString()
        .slice(0, 10)
        .replaceAll('-', '');
      const first17 = `140728${birth}${String(j % 1000).padStart(3, '0')}`;
      const name =
        SURNAMES[rng.int(SURNAMES.length)]! +
        GIVEN[rng.int(GIVEN.length)]! +
        (rng.next() < 0.6 ? GIVEN[rng.int(GIVEN.length)]! : '');
      const id = uuidv7();
      personIds[j] = id;
      personPaths[j] = v.path;
      rows.push({
        id,
        household_id: null,
        region_id: v.id,
        region_path: v.path,
        name,
        sex: null,
        birth_date: null,
        id_type: 'resident_id',
        id_number: first17 + idCardCheckChar(first17),
        phone: null,
        relation: null,
        search_key: name,
        nationality: null,
        merged_into: null,
        returnee_from: null,
        arrival_date: null,
        transport: null,
        transport_no: null,
        note: null,
        name_key: name,
        pinyin: null,
        initials: null,
        id_rev: null,
        phone_rev: null,
        created_at: now,
        updated_at: now,
      });
    }
    await db.transaction().execute((trx) => insertMany(trx, 'persons', rows));
  }
  log(
    `trace candidates: ${opts.persons.toLocaleString()} persons in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  // Plant the cases: a household of three, and 20 passages (with plates) in the 14 days before onset.
  const onsetMs = opts.firstDayMs + 20 * 86_400_000;
  const caseIds: string[] = [];
  const rand8 = new Uint8Array(8);
  const used = new Set<string>();
  for (let c = 0; c < opts.cases; c++) {
    const p = c * 3;
    const householdId = uuidv7();
    await db
      .insertInto('households')
      .values({
        id: householdId,
        region_id: villages[0]!.id,
        region_path: personPaths[p]!,
        address: `病例${c}住址`,
        room: null,
        head_person_id: personIds[p]!,
        phone: null,
        note: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .updateTable('persons')
      .set({ household_id: householdId })
      .where('id', 'in', [personIds[p]!, personIds[p + 1]!, personIds[p + 2]!])
      .execute();
    const trips: string[] = [];
    while (trips.length < 20) {
      const t = onsetMs - 14 * 86_400_000 + Math.floor(rng.next() * 14 * 86_400_000);
      const passage = await db
        .selectFrom('passages')
        .select(['id', 'region_path'])
        .where('id', '>=', formatV7(t, 0, rand8))
        .where('plate', 'is not', null)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!passage || used.has(passage.id)) continue;
      used.add(passage.id);
      trips.push(passage.id);
      const occupants = await db
        .selectFrom('passage_occupants')
        .select('seq')
        .where('passage_id', '=', passage.id)
        .execute();
      for (const o of occupants) {
        await db
          .updateTable('passage_occupants')
          .set({ person_id: personIds[opts.cases * 3 + rng.int(opts.persons - opts.cases * 3)]! })
          .where('passage_id', '=', passage.id)
          .where('seq', '=', o.seq)
          .execute();
      }
      await db
        .insertInto('passage_occupants')
        .values({
          passage_id: passage.id,
          seq: 99,
          person_id: personIds[p]!,
          region_path: passage.region_path,
          name: '病例',
          id_number: null,
          phone: null,
          temperature: 36.6,
          symptoms: null,
          fever: 0,
        })
        .execute();
    }
    const caseId = uuidv7();
    await db
      .insertInto('cases')
      .values({
        id: caseId,
        person_id: personIds[p]!,
        region_path: personPaths[p]!,
        classification: 'confirmed',
        outcome: 'under_treatment',
        onset_date: new Date(onsetMs + 8 * 3600_000).toISOString().slice(0, 10),
        report_date: new Date(onsetMs + 2 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10),
        treated_at: null,
        note: null,
        source_case_id: null,
        generation: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    caseIds.push(caseId);
  }
  log(`trace candidates: ${opts.cases} cases planted; ready in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const bench = await benchApp(db);
  try {
    const { cookie } = await bench.login('bench_command');
    let candidates = 0;
    const result = await interleaved(
      bench.app,
      cookie,
      (i) => `/api/cases/${caseIds[i % caseIds.length]}/candidates`,
      opts.requests,
      opts.warmup,
      (_url, _ms, body) => {
        candidates += (JSON.parse(body) as { items: unknown[] }).items.length;
      },
    );
    return { ...result, cases: caseIds.length, persons: opts.persons, candidatesPerCase: candidates / opts.requests };
  } finally {
    await bench.close();
  }
}
