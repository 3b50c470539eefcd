import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../src/server/db/database';
import type { FollowUpSlotTable } from '../src/server/features/isolation/followups.table';
import type { IsolationEpisodeTable } from '../src/server/features/isolation/episodes.table';
import { addDays, localDay } from '../src/server/clock';
import { uuidv7 } from '../src/server/ids';
import { insertMany } from '../src/server/db/bulk-writes';
import { DEFAULT_ISOLATION_SETTINGS } from '../src/server/features/isolation/isolation.settings';
import { missedCutoff, planSlots } from '../src/server/features/isolation/slots';
import { benchApp, interleaved, timeRequest, type LatencyResult } from './latency';
import { log } from './stats';

/**
 * followup_overdue_scan: GET /api/isolation/missed by the county `command` user — every missed
 * follow-up of every active episode in the county, counted per observer and per village, with the
 * newest 200 listed and their streaks — over `episodes` active home-isolation episodes (100,000 in
 * the full run) added to the county demo, each 14 days × 2 slots, started over the last 14 days:
 * past slots 97% filled and 3% missed, today's open or future slots pending (~2.8 million slot
 * rows). Baseline: GET /api/health with the same session, alternated (latency.ts).
 */
export interface OverdueScanResult extends LatencyResult {
  episodes: number;
  slots: number;
  missed: number;
}

export async function runOverdueScan(
  db: Db,
  episodes: number,
  requests: number,
  warmup: number,
): Promise<OverdueScanResult> {
  const started = performance.now();
  const settings = DEFAULT_ISOLATION_SETTINGS;
  const now = new Date();
  const today = localDay(now, 'Asia/Shanghai');
  const cutoff = missedCutoff(now, settings);
  const already = new Set(
    (await db.selectFrom('isolation_episodes').select('person_id').where('status', '=', 'active').execute()).map(
      (r) => r.person_id,
    ),
  );
  const people = (
    await db
      .selectFrom('persons')
      .select(['id', 'household_id', 'region_id', 'region_path'])
      .where('status', '=', 'active')
      .orderBy('id')
      .limit(episodes + already.size)
      .execute()
  )
    .filter((p) => !already.has(p.id))
    .slice(0, episodes);
  const grid = new Map(
    (await db.selectFrom('users').select(['id', 'region_path']).where('role', '=', 'grid').execute()).map((u) => [
      u.region_path,
      u.id,
    ]),
  );
  const observerOf = (path: string) => grid.get(path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1)) ?? null;
  let slots = 0;
  let missed = 0;
  let seed = 0x9e3779b9;
  const rand = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed / 4294967296;
  };
  for (let i = 0; i < people.length; i += 2000) {
    const eps: Insertable<IsolationEpisodeTable>[] = [];
    const rows: Insertable<FollowUpSlotTable>[] = [];
    for (const p of people.slice(i, i + 2000)) {
      const startDay = addDays(today, -Math.floor(rand() * 14));
      const id = uuidv7();
      const observer = observerOf(p.region_path);
      const createdAt = new Date(Date.parse(`${startDay}T00:30:00Z`));
      eps.push({
        id,
        person_id: p.id,
        household_id: p.household_id,
        region_id: p.region_id,
        region_path: p.region_path,
        kind: 'home',
        site_id: null,
        room_id: null,
        reason: 'close_contact',
        reason_detail: null,
        source_type: 'bulk',
        source_id: null,
        start_day: startDay,
        planned_end_day: addDays(startDay, 13),
        slots_per_day: 2,
        observer_id: observer,
        status: 'active',
        ended_at: null,
        end_reason: null,
        token: randomBytes(12).toString('base64url'),
        certificate_serial: null,
        certificate_code: null,
        certificate_issued_at: null,
        created_by: null,
        created_at: createdAt.toISOString(),
        updated_at: createdAt.toISOString(),
      });
      for (const s of planSlots(startDay, addDays(startDay, 13), 2, settings, 'Asia/Shanghai', createdAt)) {
        const past = s.dueTo < cutoff;
        const miss = past && rand() < 0.03;
        missed += miss ? 1 : 0;
        rows.push({
          id: uuidv7(),
          episode_id: id,
          person_id: p.id,
          region_path: p.region_path,
          observer_id: observer,
          day: s.day,
          seq: s.seq,
          due_from: s.dueFrom,
          due_to: s.dueTo,
          status: !past ? 'pending' : miss ? 'missed' : 'filled',
          temperature: past && !miss ? 36.5 : null,
          symptoms: past && !miss ? '[]' : null,
          condition: past && !miss ? 'well' : null,
          note: null,
          via: past && !miss ? 'observer' : null,
          filled_by: null,
          filled_at: past && !miss ? s.dueFrom : null,
          missed_at: miss ? s.dueTo : null,
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertMany(trx, 'isolation_episodes', eps);
      await insertMany(trx, 'follow_up_slots', rows);
    });
    slots += rows.length;
  }
  log(
    `followups: ${people.length} episodes, ${slots} slots (${missed} missed) added in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const bench = await benchApp(db);
  try {
    const { cookie } = await bench.login('command');
    const url = '/api/isolation/missed?limit=200';
    const total = (JSON.parse((await timeRequest(bench.app, url, cookie)).body) as { total: number }).total;
    return {
      ...(await interleaved(bench.app, cookie, () => url, requests, warmup)),
      episodes: people.length,
      slots,
      missed: total,
    };
  } finally {
    await bench.close();
  }
}
