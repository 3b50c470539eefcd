/**
 * Checkpoint benchmarks (see bench/passages-run.ts to run them alone).
 *
 *   passage_ingest_http       passages/s POSTed to /api/checkpoints/passages over real HTTP to a
 *                             listening Qunfang server (buildApp + listen on 127.0.0.1:0; the
 *                             engine's database as the product opens it — SQLite file with WAL and
 *                             synchronous=FULL), by a closed-loop generator (bench/passages-load.ts)
 *                             with 50 keep-alive connections, as a logged-in checkpoint crew; each
 *                             passage with 1–4 occupants, client-generated ids; only 2xx count;
 *                             15 s (quick: 5 s) after a warm-up. Baseline, same run, same load: a
 *                             bare Fastify server whose one POST route parses the same JSON and
 *                             writes nothing. ratio = passages/s ÷ bare req/s.
 *   passage_ingest_http_p99   p99 latency (ms) of those POSTs; baseline the bare server's p99.
 *   vehicle_window_p99        p99 ms of GET /api/checkpoints/passages?plate=…&from=…&to=…&limit=500
 *                             (one plate, 6-hour window, all sites) by a county command user through
 *                             app.inject, over 10,000,000 passages (quick: 1,000,000; the line says
 *                             "passages") with 1–4 occupants each, bulk-generated for the eleven
 *                             counties of 晋中 over 28 days. Baseline: GET /api/health, interleaved.
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import type SQLite from 'better-sqlite3';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { engineOf, sqliteHandle, type Db, type Engine } from '../src/server/db/database';
import type { RegionRow } from '../src/server/features/regions/regions.table';
import { uuidv7 } from '../src/server/ids';
import { hashPassword } from '../src/server/features/auth/password';
import { listPassages, occupantsOf } from '../src/server/features/checkpoints/passages.repository';
import { DEMO_PASSWORD } from '../src/server/demo/demo.service';
import { loadCountyFromDivisionTable } from '../src/server/features/regions/regions.load';
import { idCardCheckChar } from '../src/shared/validators';
import { databaseFactory, type DatabaseFactory } from './databases';
import { benchApp, interleaved } from './latency';
import { runLoad, type LoadResult } from './passages-load';
import { log, quantile } from './stats';

export interface BenchLineOut {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  [k: string]: unknown;
}

export interface PassageBenchOptions {
  quick: boolean;
  engine: Engine;
  emit: (line: BenchLineOut) => void;
  /** reuse the caller's databases (bench/main.ts has one); else one is made and shut down here */
  factory?: DatabaseFactory;
  /** which of the two benchmarks (default both) */
  only?: 'ingest' | 'window';
  /** write a CPU profile of the server thread during the measured ingest to this file */
  profile?: string;
  /** experiments only (what would a change buy?): called on the ingest database before the server starts */
  afterSeed?: (db: Db) => Promise<void> | void;
  /** more benchmarks over the vehicle-window database (10M passages): called after vehicle_window, before it is dropped */
  afterWindow?: (db: Db, county: RegionRow, firstDayMs: number) => Promise<void>;
}

const round = (x: number) => Number(x.toPrecision(4));

export async function benchPassages(opts: PassageBenchOptions): Promise<void> {
  const factory = opts.factory ?? (await databaseFactory(opts.engine));
  try {
    if (opts.only !== 'window') await benchIngest(factory, opts);
    if (opts.only !== 'ingest') await benchVehicleWindow(factory, opts);
  } finally {
    if (!opts.factory) await factory.shutdown();
  }
}

// --- passage_ingest_http --------------------------------------------------------------------

const CONNECTIONS = 50;
const CREW = 'bench_crew';

/** A valid resident ID number: prefix, birth date, sequence, check character. */
function idNumber(prefix: string, n: number): string {
  const birth = new Date(Date.UTC(1955, 0, 1) + ((n * 7919) % 18000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const first17 = prefix + birth + String(n % 1000).padStart(3, '0');
  return first17 + idCardCheckChar(first17);
}

async function seedCounty(db: Db): Promise<{ county: RegionRow; township: RegionRow }> {
  const loaded = await loadCountyFromDivisionTable(db, systemClock, null, '140728');
  const county = await db.selectFrom('regions').selectAll().where('id', '=', loaded.countyId).executeTakeFirstOrThrow();
  const township = await db
    .selectFrom('regions')
    .selectAll()
    .where('code', '=', '140728100000')
    .executeTakeFirstOrThrow();
  return { county, township };
}

async function addUser(db: Db, username: string, role: 'checkpoint' | 'command', region: RegionRow): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('users')
    .values({
      id: uuidv7(),
      username,
      display_name: username,
      role,
      region_id: region.id,
      region_path: region.path,
      phone: null,
      password_hash: await hashPassword(DEMO_PASSWORD),
      status: 'active',
      locale: 'zh-CN',
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

async function addSite(db: Db, name: string, kind: string, region: RegionRow): Promise<string> {
  const now = new Date().toISOString();
  const id = uuidv7();
  await db
    .insertInto('checkpoint_sites')
    .values({
      id,
      name,
      kind,
      region_id: region.id,
      region_path: region.path,
      address: null,
      responsible_unit: null,
      lead_name: null,
      lead_phone: null,
      hours: '24h',
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

async function listen(app: { listen(o: { host: string; port: number }): Promise<string> }): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}

async function benchIngest(factory: DatabaseFactory, opts: PassageBenchOptions): Promise<void> {
  const seconds = opts.quick ? 5 : 15;
  const warmupSeconds = opts.quick ? 1.5 : 3;
  // People at the barrier: a pool of ID numbers — some local (returnees), most from elsewhere.
  const prefixes = ['140728', '140105', '140106', '140781', '420106', '110105', '610113', '130102', '141182', '140702'];
  const idNumbers = Array.from({ length: 20_000 }, (_, i) => idNumber(prefixes[i % prefixes.length]!, i));

  // Baseline: the same load against a bare Fastify server that parses the JSON and writes nothing.
  const bare = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  bare.post('/api/checkpoints/passages', async (request, reply) =>
    reply.status(201).send({ id: (request.body as { id: string }).id, duplicate: false }),
  );
  const bareUrl = await listen(bare);
  let baseline: LoadResult;
  try {
    baseline = await runLoad({
      url: bareUrl,
      path: '/api/checkpoints/passages',
      cookie: 'qf_session=none',
      siteId: uuidv7(),
      connections: CONNECTIONS,
      warmupSeconds,
      seconds,
      idNumbers,
    });
  } finally {
    await bare.close();
  }
  log(
    `bare Fastify: ${baseline.rate.toFixed(0)} req/s, p50 ${quantile(baseline.latencies, 0.5).toFixed(1)} ms, p99 ${quantile(baseline.latencies, 0.99).toFixed(1)} ms (generator loop ${(baseline.generatorElu * 100).toFixed(0)}% busy)`,
  );

  const database = await factory.fresh();
  const { db } = database;
  try {
    const { township } = await seedCounty(db);
    await addUser(db, CREW, 'checkpoint', township);
    const siteId = await addSite(db, '京昆高速平遥出口', 'highway_exit', township);
    await opts.afterSeed?.(db);
    const config = loadConfig({ QUNFANG_DEMO: 'none', LOG_LEVEL: 'silent' });
    const app = await buildApp({ db, config, clock: systemClock, serveWeb: false });
    const url = await listen(app);
    try {
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: CREW, password: DEMO_PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login ${CREW}: ${login.status} ${await login.text()}`);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const stopProfile = opts.profile ? await startProfile(opts.profile, warmupSeconds) : null;
      const result = await runLoad({
        url,
        path: '/api/checkpoints/passages',
        cookie,
        siteId,
        connections: CONNECTIONS,
        warmupSeconds,
        seconds,
        idNumbers,
      });
      await stopProfile?.();
      const stored = await db
        .selectFrom('passages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const occupants = await db
        .selectFrom('passage_occupants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const persons = await db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      log(
        `Qunfang: ${result.rate.toFixed(0)} passages/s (${(result.occupants / result.seconds).toFixed(0)} occupants/s), p50 ${quantile(result.latencies, 0.5).toFixed(1)} ms, p99 ${quantile(result.latencies, 0.99).toFixed(1)} ms; ${result.non2xx} non-2xx, ${result.errors} errors ${JSON.stringify(result.statuses)}; stored ${stored.n} passages, ${occupants.n} occupants, ${persons.n} persons (generator loop ${(result.generatorElu * 100).toFixed(0)}% busy)`,
      );
      const common = {
        engine: factory.engine,
        connections: CONNECTIONS,
        seconds,
        occupants_per_passage: round(result.occupants / Math.max(1, result.done)),
        non2xx: result.non2xx,
        errors: result.errors,
      };
      opts.emit({
        name: 'passage_ingest_http',
        value: round(result.rate),
        unit: 'passages/s',
        baseline: round(baseline.rate),
        ratio: round(result.rate / baseline.rate),
        ...common,
        generator_busy: round(result.generatorElu),
        baseline_generator_busy: round(baseline.generatorElu),
      });
      const p99 = quantile(result.latencies, 0.99);
      const bareP99 = quantile(baseline.latencies, 0.99);
      opts.emit({
        name: 'passage_ingest_http_p99',
        value: round(p99),
        unit: 'ms',
        baseline: round(bareP99),
        ratio: round(p99 / bareP99),
        ...common,
        p50: round(quantile(result.latencies, 0.5)),
      });
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/** A CPU profile of this (the server's) thread from after the warm-up until stopped. */
async function startProfile(file: string, afterSeconds: number): Promise<() => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const fs = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  const started = new Promise<void>((resolve) =>
    setTimeout(() => void session.post('Profiler.start').then(() => resolve()), afterSeconds * 1000),
  );
  return async () => {
    await started;
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

// --- vehicle_window_p99 ---------------------------------------------------------------------

/** The counties of 晋中 (Jinzhong, plates 晋K) in the division table. */
const JINZHONG = [
  '140702',
  '140703',
  '140721',
  '140722',
  '140723',
  '140724',
  '140725',
  '140727',
  '140728',
  '140729',
  '140781',
];
const DAYS = 28;
const FIRST_DAY_MS = Date.UTC(2020, 0, 19, 16);
const HOUR = 3_600_000;
const HOUR_WEIGHTS = [
  1, 0.6, 0.4, 0.4, 0.6, 1.2, 2.5, 5, 7, 8, 8.5, 8, 6.5, 6.5, 7.5, 8, 8, 7.5, 6, 4.5, 3.5, 2.5, 1.8, 1.3,
];
const WINDOW_MS = 6 * HOUR;

/** A small fast PRNG (xorshift32) for bulk data: not the demo's, no determinism needed across runs but nice to have. */
class Fast {
  constructor(private s: number) {}
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A UUID v7 string for an instant, quickly (time-ordered like the writer's ids; the rest random). */
function v7(ms: number, r: Fast): string {
  const t = ms.toString(16).padStart(12, '0');
  const a = r.int(0x1000).toString(16).padStart(3, '0');
  const b = (0x8000 | r.int(0x4000)).toString(16);
  const c =
    HEX[r.int(256)]! + HEX[r.int(256)]! + HEX[r.int(256)]! + HEX[r.int(256)]! + HEX[r.int(256)]! + HEX[r.int(256)]!;
  return `${t.slice(0, 8)}-${t.slice(8)}-7${a}-${b}-${c}`;
}

interface BulkTable {
  table: 'passages' | 'passage_occupants';
  columns: readonly (readonly [string, string])[];
}
const PASSAGES: BulkTable = {
  table: 'passages',
  columns: [
    ['id', 'uuid'],
    ['site_id', 'uuid'],
    ['region_path', 'text'],
    ['at', 'text'],
    ['direction', 'text'],
    ['plate', 'text'],
    ['vehicle_type', 'text'],
    ['origin', 'text'],
    ['destination', 'text'],
    ['purpose', 'text'],
    ['disinfected', 'int'],
    ['leaflet', 'int'],
    ['decision', 'text'],
    ['occupant_count', 'int'],
    ['fever_count', 'int'],
    ['recorder_id', 'uuid'],
    ['created_at', 'text'],
  ],
};
const OCCUPANTS: BulkTable = {
  table: 'passage_occupants',
  columns: [
    ['passage_id', 'uuid'],
    ['seq', 'int'],
    ['person_id', 'uuid'],
    ['region_path', 'text'],
    ['name', 'text'],
    ['id_number', 'text'],
    ['phone', 'text'],
    ['temperature', 'float8'],
    ['symptoms', 'text'],
    ['fever', 'int'],
  ],
};

/**
 * Rows go in as flat value lists. SQLite: one prepared 100-row INSERT reused, inside the caller's
 * transaction. PostgreSQL: INSERT … SELECT FROM unnest(one array per column), 20,000 rows a
 * statement, one statement in flight while the next batch is generated.
 */
class BulkWriter {
  private values: unknown[] = [];
  private rows = 0;
  private stmt: SQLite.Statement | null = null;
  private inFlight: Promise<unknown> | null = null;
  written = 0;
  private readonly batch: number;

  /** `before` is flushed first: on SQLite the occupants' foreign key to their passage is checked per statement. */
  constructor(
    private readonly db: Db,
    private readonly sqlite: SQLite.Database | null,
    private readonly t: BulkTable,
    private readonly before?: BulkWriter,
  ) {
    this.batch = sqlite ? 100 : 20_000;
    if (sqlite) {
      const one = `(${t.columns.map(() => '?').join(',')})`;
      this.stmt = sqlite.prepare(
        `insert into ${t.table} (${t.columns.map(([c]) => c).join(',')}) values ${Array.from({ length: this.batch }, () => one).join(',')}`,
      );
    }
  }

  async push(...row: unknown[]): Promise<void> {
    for (const v of row) this.values.push(v);
    if (++this.rows >= this.batch) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows === 0) return;
    if (this.sqlite) await this.before?.flush();
    const values = this.values;
    const rows = this.rows;
    this.values = [];
    this.rows = 0;
    this.written += rows;
    if (this.sqlite) {
      if (rows === this.batch) this.stmt!.run(values);
      else {
        const one = `(${this.t.columns.map(() => '?').join(',')})`;
        this.sqlite
          .prepare(
            `insert into ${this.t.table} (${this.t.columns.map(([c]) => c).join(',')}) values ${Array.from({ length: rows }, () => one).join(',')}`,
          )
          .run(values);
      }
      return;
    }
    const n = this.t.columns.length;
    const arrays = this.t.columns.map(([, type], k) => {
      const col = new Array(rows);
      for (let i = 0; i < rows; i++) col[i] = values[i * n + k];
      return sql`${col}::${sql.raw(type)}[]`;
    });
    await this.inFlight;
    this.inFlight =
      sql`insert into ${sql.table(this.t.table)} (${sql.join(this.t.columns.map(([c]) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(
        this.db,
      );
  }

  async done(): Promise<void> {
    await this.flush();
    await this.inFlight;
  }
}

interface Saved {
  drop: string;
  create: string;
}

/** Secondary indexes (and on PostgreSQL foreign keys) of the two tables: dropped for the load, made again after. */
async function secondaryStructures(db: Db): Promise<Saved[]> {
  const sqlite = sqliteHandle(db);
  if (sqlite) {
    const rows = sqlite
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and tbl_name in ('passages', 'passage_occupants') and sql is not null`,
      )
      .all() as { name: string; sql: string }[];
    return rows.map((r) => ({ drop: `drop index ${r.name}`, create: r.sql }));
  }
  const indexes = await sql<{ name: string; def: string }>`
    select i.relname as name, pg_get_indexdef(i.oid) as def from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relname in ('passages', 'passage_occupants') and not x.indisprimary and not x.indisunique`.execute(db);
  const fks = await sql<{ name: string; tbl: string; def: string }>`
    select c.conname as name, t.relname as tbl, pg_get_constraintdef(c.oid) as def from pg_constraint c join pg_class t on t.oid = c.conrelid
    where c.contype = 'f' and t.relname in ('passages', 'passage_occupants')`.execute(db);
  return [
    ...indexes.rows.map((r) => ({ drop: `drop index ${r.name}`, create: r.def })),
    ...fks.rows.map((r) => ({
      drop: `alter table ${r.tbl} drop constraint ${r.name}`,
      create: `alter table ${r.tbl} add constraint ${r.name} ${r.def}`,
    })),
  ];
}

async function exec(db: Db, text: string): Promise<void> {
  const sqlite = sqliteHandle(db);
  if (sqlite) sqlite.exec(text);
  else await sql.raw(text).execute(db);
}

const PLATE_PREFIXES: readonly [string, number][] = [
  ['晋K', 70],
  ['晋A', 10],
  ['晋J', 4],
  ['晋L', 2],
  ['晋M', 2],
  ['晋D', 2],
  ['晋C', 1],
  ['京N', 1.5],
  ['冀A', 1],
  ['陕A', 1.5],
  ['豫A', 1],
  ['蒙K', 1],
  ['鄂A', 1],
  ['鲁A', 0.5],
  ['粤B', 0.5],
  ['沪A', 0.5],
  ['津A', 0.5],
];
const NAMES = [
  '王建国',
  '李秀英',
  '张晓东',
  '刘丽娟',
  '赵志强',
  '杨海燕',
  '郭浩然',
  '陈子涵',
  '武俊峰',
  '梁美玲',
  '任伟',
  '侯芳',
  '韩鹏飞',
  '田晋平',
  '冀文斌',
  '雷红梅',
];
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const PLATE_CHARS = LETTERS + '0123456789';

interface WindowQuery {
  plate: string;
  from: number;
}

async function benchVehicleWindow(factory: DatabaseFactory, opts: PassageBenchOptions): Promise<void> {
  const total = opts.quick ? 1_000_000 : 10_000_000;
  const requests = opts.quick ? 300 : 1000;
  const warmup = opts.quick ? 30 : 50;
  const database = await factory.fresh();
  const { db } = database;
  const started = performance.now();
  try {
    // The eleven counties of 晋中: an entrance at every village, eight main sites per county.
    const counties: RegionRow[] = [];
    for (const code of JINZHONG) {
      try {
        const loaded = await loadCountyFromDivisionTable(db, systemClock, null, code);
        counties.push(
          await db.selectFrom('regions').selectAll().where('id', '=', loaded.countyId).executeTakeFirstOrThrow(),
        );
      } catch {
        // not in this edition of the division table
      }
    }
    const pingyao = counties.find((c) => c.code === '140728000000')!;
    const villages = await db
      .selectFrom('regions')
      .select(['id', 'path'])
      .where('level', '=', 'village')
      .orderBy('path')
      .execute();
    const sites: { id: string; path: string; main: boolean }[] = [];
    const now = new Date().toISOString();
    const siteRows = [
      ...villages.map((v) => ({ region: v, kind: 'village_entrance' })),
      ...counties.flatMap((c) =>
        Array.from({ length: 8 }, (_, k) => ({
          region: c,
          kind: k < 2 ? 'highway_exit' : k < 4 ? 'station' : 'national_road',
        })),
      ),
    ].map((s, i) => {
      const id = uuidv7();
      sites.push({ id, path: s.region.path, main: s.kind !== 'village_entrance' });
      return {
        id,
        name: `卡口${i + 1}`,
        kind: s.kind,
        region_id: s.region.id,
        region_path: s.region.path,
        address: null,
        responsible_unit: null,
        lead_name: null,
        lead_phone: null,
        hours: '24h',
        status: 'active' as const,
        created_at: now,
        updated_at: now,
      };
    });
    for (let i = 0; i < siteRows.length; i += 1000)
      await db
        .insertInto('checkpoint_sites')
        .values(siteRows.slice(i, i + 1000))
        .execute();
    await addUser(db, 'bench_command', 'command', pingyao);
    const mainSites = sites
      .map((s, i) => [s, i] as const)
      .filter(([s]) => s.main)
      .map(([, i]) => i);
    const pingyaoSites = sites
      .map((s, i) => [s, i] as const)
      .filter(([s]) => s.path.startsWith(pingyao.path))
      .map(([, i]) => i);

    // Plates: about 16 passages each over the four weeks on average (a handful a week), skewed so
    // that some (buses, trucks, commuters) pass every day and most a few times.
    const rng = new Fast(0x9e3779b9);
    const plateCount = Math.round(total / 16);
    const plates: string[] = new Array(plateCount);
    const home = new Int32Array(plateCount);
    const prefixTotal = PLATE_PREFIXES.reduce((a, [, w]) => a + w, 0);
    const seen = new Set<string>();
    for (let k = 0; k < plateCount; k++) {
      let x = rng.next() * prefixTotal;
      let prefix = PLATE_PREFIXES[0]![0];
      for (const [p, w] of PLATE_PREFIXES) {
        x -= w;
        if (x < 0) {
          prefix = p;
          break;
        }
      }
      let plate: string;
      do
        plate =
          prefix +
          LETTERS[rng.int(24)] +
          PLATE_CHARS[rng.int(34)] +
          PLATE_CHARS[rng.int(34)] +
          String(rng.int(100)).padStart(2, '0');
      while (seen.has(plate));
      seen.add(plate);
      plates[k] = plate;
      home[k] = rng.int(sites.length);
    }
    seen.clear();
    log(
      `vehicle window: ${sites.length} sites in ${counties.length} counties, ${plateCount.toLocaleString()} plates; generating ${total.toLocaleString()} passages`,
    );
    const pickPlate = () => Math.min(plateCount - 1, Math.floor(plateCount * rng.next() ** 1.25));

    // The queries: a plate seen at a Pingyao site at a moment of the four weeks, asked about with a
    // 6-hour window around that moment ("that bus, that evening"). That passage is generated too.
    const queries: WindowQuery[] = [];
    const planted = new Map<number, { plate: number; site: number; at: number }[]>();
    for (let q = 0; q < requests + warmup; q++) {
      const k = pickPlate();
      const at = FIRST_DAY_MS + Math.floor(rng.next() * DAYS * 24 * HOUR);
      const site = pingyaoSites[rng.int(pingyaoSites.length)]!;
      const day = Math.floor((at - FIRST_DAY_MS) / (24 * HOUR));
      planted.set(day, [...(planted.get(day) ?? []), { plate: k, site, at }]);
      queries.push({ plate: plates[k]!, from: at - Math.floor(rng.next() * WINDOW_MS) });
    }

    const sqlite = sqliteHandle(db);
    const saved = await secondaryStructures(db);
    for (const s of saved) await exec(db, s.drop);
    const cacheSize = sqlite?.pragma('cache_size', { simple: true });
    sqlite?.pragma('cache_size = -1048576');
    const passages = new BulkWriter(db, sqlite, PASSAGES);
    const occupants = new BulkWriter(db, sqlite, OCCUPANTS, passages);
    const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
    const perDay = Math.floor(total / DAYS);
    for (let d = 0; d < DAYS; d++) {
      const extra = planted.get(d) ?? [];
      const count = (d === DAYS - 1 ? total - perDay * (DAYS - 1) : perDay) - extra.length;
      const times = new Float64Array(count);
      for (let i = 0; i < count; i++) {
        let x = rng.next() * hourTotal;
        let h = 0;
        for (x -= HOUR_WEIGHTS[h]!; x > 0 && h < 23; x -= HOUR_WEIGHTS[h]!) h++;
        times[i] = FIRST_DAY_MS + d * 24 * HOUR + h * HOUR + rng.int(HOUR);
      }
      times.sort();
      const stream: { at: number; plate: number; site: number }[] = extra.slice().sort((a, b) => a.at - b.at);
      let e = 0;
      if (sqlite) sqlite.exec('begin');
      for (let i = 0; i <= count; i++) {
        // Merge the planted passages into the day's stream in time order.
        while (e < stream.length && (i === count || stream[e]!.at <= times[i]!)) {
          const p = stream[e++]!;
          await writePassage(p.at, p.plate, p.site);
        }
        if (i === count) break;
        const pedestrian = rng.next() < 0.35;
        const k = pedestrian ? -1 : pickPlate();
        const site =
          k >= 0 && rng.next() < 0.7
            ? home[k]!
            : rng.next() < 0.3
              ? mainSites[rng.int(mainSites.length)]!
              : rng.int(sites.length);
        await writePassage(times[i]!, k, site);
      }
      await passages.flush();
      await occupants.flush();
      if (sqlite) sqlite.exec('commit');
      if (d % 7 === 6)
        log(
          `vehicle window: ${passages.written.toLocaleString()} passages, ${occupants.written.toLocaleString()} occupants generated (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
    }
    await passages.done();
    await occupants.done();

    async function writePassage(at: number, k: number, siteIndex: number) {
      const site = sites[siteIndex]!;
      const id = v7(at, rng);
      const iso = new Date(at).toISOString();
      const n = 1 + rng.int(4);
      const plate = k >= 0 ? plates[k]! : null;
      await passages.push(
        id,
        site.id,
        site.path,
        iso,
        rng.next() < 0.5 ? 'in' : 'out',
        plate,
        plate ? 'car' : 'none',
        plate ? '太原' : null,
        '平遥',
        null,
        1,
        1,
        'pass',
        n,
        0,
        null,
        iso,
      );
      for (let s = 0; s < n; s++) {
        const first17 = '1407' + String(1000000000000 + rng.int(999999999)).slice(1);
        await occupants.push(
          id,
          s,
          null,
          site.path,
          NAMES[rng.int(NAMES.length)]!,
          first17 + idCardCheckChar(first17),
          rng.next() < 0.5 ? '139' + String(rng.int(1e8)).padStart(8, '0') : null,
          36 + rng.int(12) / 10,
          null,
          0,
        );
      }
    }
    const generated = (performance.now() - started) / 1000;
    log(
      `vehicle window: ${passages.written.toLocaleString()} passages and ${occupants.written.toLocaleString()} occupants over ${sites.length} sites in ${generated.toFixed(0)} s; rebuilding ${saved.length} indexes/keys`,
    );
    for (const s of saved) await exec(db, s.create);
    if (sqlite) sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
    else {
      await sql`vacuum analyze passages`.execute(db);
      await sql`vacuum analyze passage_occupants`.execute(db);
    }
    const prepared = (performance.now() - started) / 1000;
    log(`vehicle window: database ready in ${prepared.toFixed(0)} s`);

    const bench = await benchApp(db);
    try {
      const { cookie } = await bench.login('bench_command');
      let rows = 0;
      let maxRows = 0;
      const urlOf = (i: number) => {
        const q = queries[i]!;
        return `/api/checkpoints/passages?plate=${encodeURIComponent(q.plate)}&from=${new Date(q.from).toISOString()}&to=${new Date(q.from + WINDOW_MS).toISOString()}&limit=500`;
      };
      const result = await interleaved(bench.app, cookie, urlOf, requests, warmup, (_url, _ms, body) => {
        const n = (JSON.parse(body) as { items: unknown[] }).items.length;
        rows += n;
        maxRows = Math.max(maxRows, n);
      });
      // The same questions straight to the repository (no HTTP, session or serialisation): the database's share.
      const repo: number[] = [];
      const scope = { prefix: pingyao.path };
      for (let i = warmup; i < warmup + requests; i++) {
        const q = queries[i]!;
        const t0 = performance.now();
        const found = await listPassages(db, scope, {
          plate: q.plate,
          from: new Date(q.from).toISOString(),
          to: new Date(q.from + WINDOW_MS).toISOString(),
          limit: 500,
        });
        await occupantsOf(
          db,
          found.map((r) => r.id),
        );
        repo.push(performance.now() - t0);
      }
      log(
        `vehicle window over ${total.toLocaleString()} passages: p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms (health p50 ${result.baselineP50.toFixed(2)}, p99 ${result.baselineP99.toFixed(2)} ms); ${(rows / requests).toFixed(1)} passages a query, at most ${maxRows}; repository alone p50 ${quantile(repo, 0.5).toFixed(2)} ms, p99 ${quantile(repo, 0.99).toFixed(2)} ms`,
      );
      opts.emit({
        name: 'vehicle_window_p99',
        value: round(result.p99),
        unit: 'ms',
        baseline: round(result.baselineP99),
        ratio: round(result.p99 / result.baselineP99),
        passages: passages.written,
        occupants: occupants.written,
        plates: plateCount,
        sites: sites.length,
        days: DAYS,
        engine: engineOf(db),
        via: 'GET /api/checkpoints/passages (app.inject, county command user)',
        p50: round(result.p50),
        passages_per_query: round(rows / requests),
        requests,
        generation_s: round(generated),
        ready_s: round(prepared),
        repository_p50: round(quantile(repo, 0.5)),
        repository_p99: round(quantile(repo, 0.99)),
      });
    } finally {
      await bench.close();
    }
    await opts.afterWindow?.(db, pingyao, FIRST_DAY_MS);
  } finally {
    await database.close();
  }
}
