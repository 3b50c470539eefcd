import type { Insertable } from 'kysely';
import { systemClock, addDays, localDay, localDayStartMs } from '../src/server/clock';
import type { Database, Db } from '../src/server/db/database';
import { randomBytes } from 'node:crypto';
import { formatV7, uuidv7 } from '../src/server/ids';
import { insertMany } from '../src/server/db/bulk-writes';
import { Rng } from '../src/server/demo/random';
import { refreshRollups, rebuildRollups } from '../src/server/features/rollups/refresh.service';
import { makeUser, PASSWORD } from '../src/server/testing/factories';
import { benchApp, interleaved, type LatencyResult } from './latency';
import { log, quantile, timed } from './stats';
import { copyReports, fileDay, timeCountyDraft } from './daily-reports';

/**
 * dashboard_rollup_p99: GET /api/dashboard (the county big screen: today's figures, 30 days of
 * trend, 20 townships with their 500 villages by risk, today's checkpoint flows) by the county
 * command user, over 1M residents in 10,000 grids, against GET /api/health interleaved (latency.ts).
 * Measured twice in the same database — with 2 days of history (today and yesterday, the days the
 * refresher recounts), then again after 58 more days of
 * passages, isolations, returnees and cases — so the line shows whether the payload stays flat as
 * history grows. The refresher's own cost (one tick: today and yesterday) is measured the same way.
 */
export interface DashboardBench {
  twoDays: Phase;
  sixtyDays: Phase;
  refreshTwoDaysMs: number;
  refreshSixtyDaysMs: number;
  rebuildSeconds: number;
  residents: number;
  grids: number;
}

const TZ = 'Asia/Shanghai';
const TOWNSHIPS = 20;
const VILLAGES_PER_TOWNSHIP = 25;
const SITES = 40;

type RegionRow = Insertable<Database['regions']>;

let seq = 0;
let isolatedSoFar = 0;
/** A v7 id made at `ms` (uuidv7 never goes back in time within a process; history needs to). */
const idAt = (ms: number) => formatV7(ms, seq++ & 0xfff, randomBytes(8));

function region(
  parent: { id: string; path: string } | null,
  level: RegionRow['level'],
  code: string,
  name: string,
  now: string,
): RegionRow & { id: string; path: string } {
  const path = `${parent?.path ?? '/'}${code}/`;
  return {
    id: uuidv7(),
    parent_id: parent?.id ?? null,
    level,
    code,
    name,
    path,
    depth: path.split('/').length - 2,
    status: 'active',
    pinyin: code,
    initials: code,
    search_key: `${name} ${code}`,
    created_at: now,
    updated_at: now,
    retired_at: null,
  };
}

/** The county: 20 townships × 25 villages × `gridsPerVillage` grids, `perGrid` residents in each grid. */
async function buildCounty(db: Db, grids: number, residents: number, now: string, registeredMs: number) {
  const registered = new Date(registeredMs).toISOString();
  const county = region(null, 'county', '140728000000', '基准县', now);
  const rows: RegionRow[] = [county];
  const gridRows: (RegionRow & { id: string; path: string })[] = [];
  const villageRows: (RegionRow & { id: string; path: string })[] = [];
  const gridsPerVillage = Math.ceil(grids / (TOWNSHIPS * VILLAGES_PER_TOWNSHIP));
  for (let t = 0; t < TOWNSHIPS; t++) {
    const township = region(county, 'township', `140728${String(100 + t)}000`, `镇${t + 1}`, now);
    rows.push(township);
    for (let v = 0; v < VILLAGES_PER_TOWNSHIP; v++) {
      const village = region(
        township,
        'village',
        `140728${String(100 + t)}${String(200 + v)}`,
        `镇${t + 1}村${v + 1}`,
        now,
      );
      rows.push(village);
      villageRows.push(village);
      for (let g = 0; g < gridsPerVillage && gridRows.length < grids; g++) {
        const grid = region(
          village,
          'grid',
          `${village.code}${String(g + 1).padStart(3, '0')}`,
          `${village.name}第${g + 1}网格`,
          now,
        );
        rows.push(grid);
        gridRows.push(grid);
      }
    }
  }
  await insertMany(db, 'regions', rows);
  const perGrid = Math.ceil(residents / gridRows.length);
  let made = 0;
  for (const grid of gridRows) {
    const households: Insertable<Database['households']>[] = [];
    const persons: Insertable<Database['persons']>[] = [];
    for (let i = 0; i < perGrid && made < residents; i++, made++) {
      if (i % 3 === 0)
        households.push({
          id: idAt(registeredMs),
          region_id: grid.id,
          region_path: grid.path,
          address: `${grid.name}${i}号`,
          room: null,
          head_person_id: null,
          phone: null,
          vacant: 0,
          note: null,
          created_at: registered,
          updated_at: registered,
        });
      persons.push({
        id: idAt(registeredMs),
        household_id: households.at(-1)!.id,
        region_id: grid.id,
        region_path: grid.path,
        name: `居民${made}`,
        sex: i % 2 ? 'M' : 'F',
        birth_date: null,
        id_type: 'resident_id',
        id_number: null,
        phone: null,
        relation: null,
        search_key: `居民${made}`,
        nationality: null,
        merged_into: null,
        returnee_from: null,
        arrival_date: null,
        transport: null,
        transport_no: null,
        note: null,
        name_key: null,
        pinyin: null,
        initials: null,
        id_rev: null,
        phone_rev: null,
        created_at: registered,
        updated_at: registered,
      });
    }
    await insertMany(db, 'households', households);
    await insertMany(db, 'persons', persons);
  }
  const sites: Insertable<Database['checkpoint_sites']>[] = [];
  for (let s = 0; s < SITES; s++) {
    const v = villageRows[(s * 13) % villageRows.length]!;
    sites.push({
      id: uuidv7(),
      name: `卡口${s + 1}`,
      kind: 'village_entrance',
      region_id: v.id,
      region_path: v.path,
      address: null,
      responsible_unit: null,
      lead_name: null,
      lead_phone: null,
      hours: '24h',
      status: 'active',
      created_at: now,
      updated_at: now,
    });
  }
  await insertMany(db, 'checkpoint_sites', sites);
  return { county, grids: gridRows, sites };
}

/**
 * One day of history: 4,000 passages over the sites, 300 new home isolations (the ones begun 14 days
 * earlier completed), 200 returnees tagged, 3 cases — the scale of a county's busy day in 2020.
 */
async function addDay(
  db: Db,
  rng: Rng,
  day: string,
  county: Awaited<ReturnType<typeof buildCounty>>,
  persons: { id: string; region_path: string; region_id: string }[],
) {
  const dayMs = localDayStartMs(day, TZ);
  const at = () => new Date(dayMs + Math.floor(rng.next() * 86_400_000)).toISOString();
  const passages: Insertable<Database['passages']>[] = [];
  for (let i = 0; i < 4000; i++) {
    const site = county.sites[rng.int(0, county.sites.length - 1)]!;
    const when = at();
    const fever = rng.next() < 0.002 ? 1 : 0;
    passages.push({
      id: idAt(Date.parse(when)),
      site_id: site.id!,
      region_path: site.region_path,
      at: when,
      direction: rng.next() < 0.5 ? 'in' : 'out',
      plate: `晋K${String(rng.int(0, 99999)).padStart(5, '0')}`,
      vehicle_type: 'car',
      origin: null,
      destination: null,
      purpose: null,
      disinfected: 1,
      leaflet: 1,
      decision: fever ? 'referred' : rng.next() < 0.05 ? 'turned_back' : 'pass',
      occupant_count: 1 + rng.int(0, 3),
      fever_count: fever,
      recorder_id: null,
      created_at: when,
    });
  }
  await insertMany(db, 'passages', passages);
  const episodes: Insertable<Database['isolation_episodes']>[] = [];
  const tags: Insertable<Database['person_tags']>[] = [];
  for (let i = 0; i < 300; i++) {
    // each isolated person once: at most one active episode a person
    const p = persons[isolatedSoFar++ % persons.length]!;
    const when = at();
    const ends = Date.parse(when) + 14 * 86_400_000;
    const over = ends <= Date.now();
    episodes.push({
      id: idAt(Date.parse(when)),
      person_id: p.id,
      household_id: null,
      region_id: p.region_id,
      region_path: p.region_path,
      kind: 'home',
      site_id: null,
      room_id: null,
      reason: 'hubei_returnee',
      reason_detail: null,
      source_type: null,
      source_id: null,
      start_day: day,
      planned_end_day: addDays(day, 14),
      slots_per_day: 2,
      observer_id: null,
      status: over ? 'completed' : 'active',
      ended_at: over ? new Date(ends).toISOString() : null,
      end_reason: null,
      token: uuidv7(),
      certificate_serial: null,
      certificate_code: null,
      certificate_issued_at: null,
      created_by: null,
      created_at: when,
      updated_at: when,
    });
  }
  for (let i = 0; i < 200; i++) {
    const p = persons[rng.int(0, persons.length - 1)]!;
    tags.push({ person_id: p.id, tag: 'returnee', region_path: p.region_path, source: null, created_at: at() });
  }
  await insertMany(db, 'isolation_episodes', episodes);
  await db
    .insertInto('person_tags')
    .values(tags)
    .onConflict((oc) => oc.columns(['person_id', 'tag']).doNothing())
    .execute();
  const cases: Insertable<Database['cases']>[] = [];
  for (let i = 0; i < 3; i++) {
    const p = persons[isolatedSoFar++ % persons.length]!; // a case per person
    const when = at();
    cases.push({
      id: idAt(Date.parse(when)),
      person_id: p.id,
      region_path: p.region_path,
      classification: 'confirmed',
      outcome: 'under_treatment',
      onset_date: day,
      report_date: day,
      treated_at: null,
      note: null,
      source_case_id: null,
      generation: 1,
      created_by: null,
      created_at: when,
      updated_at: when,
    });
  }
  await insertMany(db, 'cases', cases);
}

interface Phase {
  payload: LatencyResult;
  draft: Awaited<ReturnType<typeof timeCountyDraft>>;
}

/** One measurement: the big-screen payload, then the county's daily-report draft, with one app and session. */
async function measure(
  db: Db,
  countyId: string,
  day: string,
  opts: { requests: number; warmup: number },
): Promise<Phase> {
  const bench = await benchApp(db);
  try {
    const res = await bench.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bench-command', password: PASSWORD },
    });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const probe = await bench.app.inject({ method: 'GET', url: '/api/dashboard', headers: { cookie } });
    const body = probe.json() as { children: unknown[]; figures: { residents: number } };
    if (probe.statusCode !== 200 || body.children.length !== TOWNSHIPS)
      throw new Error(`dashboard probe: ${probe.statusCode} ${probe.body.slice(0, 200)}`);
    const payload = await interleaved(bench.app, cookie, () => '/api/dashboard', opts.requests, opts.warmup);
    const draft = await timeCountyDraft(bench.app, cookie, countyId, day, Math.min(opts.requests, 100));
    if (draft.included !== TOWNSHIPS)
      throw new Error(`the county draft summed ${draft.included} townships, not ${TOWNSHIPS}`);
    return { payload, draft };
  } finally {
    await bench.close();
  }
}

/** The median of one refresher tick — today's and yesterday's flows (stocks are recounted once a minute, not timed here). */
async function refreshCost(db: Db, runs: number): Promise<number> {
  await refreshRollups(db, systemClock, TZ, { force: true });
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await timed(() => refreshRollups(db, systemClock, TZ))).seconds * 1000);
  return quantile(samples, 0.5);
}

export async function runDashboardBench(
  db: Db,
  opts: { residents: number; grids: number; requests: number; warmup: number },
): Promise<DashboardBench> {
  const now = new Date().toISOString();
  const today = localDay(new Date(), TZ);
  // the registry was filled before the epidemic's days counted here (an import day is another matter: see rollupRefreshJob)
  const county = await buildCounty(db, opts.grids, opts.residents, now, Date.parse(now) - 100 * 86_400_000);
  await makeUser(db, systemClock, 'bench-command', 'command', county.county as never);
  const sample = await db
    .selectFrom('persons')
    .select(['id', 'region_path', 'region_id'])
    .where('id', '>', '')
    .limit(50_000)
    .execute();
  const rng = new Rng(7);
  log(
    `dashboard: ${opts.residents} residents in ${county.grids.length} grids; 2 days of history (the refresher's open days)`,
  );
  await addDay(db, rng, today, county, sample);
  await addDay(db, rng, addDays(today, -1), county, sample);
  await rebuildRollups(db, systemClock, TZ);
  const filed = await timed(async () => (await fileDay(db, addDays(today, -1))) + (await fileDay(db, today)));
  log(
    `daily reports: ${filed.result} village and township reports drafted and submitted in ${filed.seconds.toFixed(1)} s`,
  );
  const two = await measure(db, county.county.id, today, opts);
  const refreshTwoDaysMs = await refreshCost(db, 5);
  log(
    `2 days: dashboard p50 ${two.payload.p50.toFixed(1)} ms, p99 ${two.payload.p99.toFixed(1)} ms; county draft p50 ${two.draft.p50.toFixed(1)} ms, p99 ${two.draft.p99.toFixed(1)} ms; refresh ${refreshTwoDaysMs.toFixed(0)} ms`,
  );
  const past: string[] = [];
  for (let d = 2; d < 60; d++) {
    await addDay(db, rng, addDays(today, -d), county, sample);
    past.push(addDays(today, -d));
  }
  await copyReports(db, today, past);
  const rebuilt = await timed(() => rebuildRollups(db, systemClock, TZ));
  const sixty = await measure(db, county.county.id, today, opts);
  const refreshSixtyDaysMs = await refreshCost(db, 5);
  log(
    `60 days: dashboard p50 ${sixty.payload.p50.toFixed(1)} ms, p99 ${sixty.payload.p99.toFixed(1)} ms; county draft p50 ${sixty.draft.p50.toFixed(1)} ms, p99 ${sixty.draft.p99.toFixed(1)} ms; refresh ${refreshSixtyDaysMs.toFixed(0)} ms; rebuild from history ${rebuilt.seconds.toFixed(1)} s`,
  );
  return {
    twoDays: two,
    sixtyDays: sixty,
    refreshTwoDaysMs,
    refreshSixtyDaysMs,
    rebuildSeconds: rebuilt.seconds,
    residents: opts.residents,
    grids: county.grids.length,
  };
}
