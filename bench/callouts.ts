/**
 * callout_fanout: a call-out (集结令) ordered to 1,000 people, then their 1,000 acknowledgements
 * over real HTTP (bench/main.ts runs it; alone: `node bin/run-ts.mjs bench/callouts.ts
 * [--engine postgres]`).
 *   callout_fanout         ms until every order, link and SMS outbox row of the call-out is stored
 *                          (`issueCallout` in one transaction; the SMS are sent afterwards). Goal ≤ 500 ms.
 *   callout_ack_p99        p99 ms of POST /api/public/callouts/:token {answer: 'coming'} from 1,000 phones
 *                          answering within the same second (bench/callout-phones.ts: each phone its own
 *                          address and keep-alive connection, opened when it read its link page), each
 *                          timed from its own send. Goal ≤ 50 ms: this is what the goal means — 1,000
 *                          people reading an SMS and tapping 来 within a second of one another.
 *   callout_ack_burst_p99  the same 1,000 phones (a second call-out's links) all sending at the same
 *                          instant, each timed from that instant: the last waits behind the other 999
 *                          in one process, so this measures throughput (a floor of 1,000 × the CPU of
 *                          one request), not an answer's latency. No goal; printed to compare.
 * Baseline of all: p99 of GET /api/health in the same run, 200 requests after 20 warm-up.
 */
import path from 'node:path';
import { ManualClock } from '../src/server/clock';
import type { Db, Engine } from '../src/server/db/database';
import { createRegion } from '../src/server/features/regions';
import { registerPerson } from '../src/server/features/residents';
import { issueCallout } from '../src/server/features/callouts';
import { PersonInput } from '../src/shared/residents';
import { idCardCheckChar } from '../src/shared/validators';
import { cliActor } from '../src/cli/actor';
import { benchApp } from './latency';
import { databaseFactory, type DatabaseFactory } from './databases';
import { emit, log, quantile } from './stats';
import { runPhones } from './callout-phones';

export interface CalloutFanoutResult {
  persons: number;
  fanoutMs: number;
  ackP99: number;
  ackP50: number;
  burstP99: number;
  burstP50: number;
  healthP99: number;
}

async function healthP99(app: Awaited<ReturnType<typeof benchApp>>['app']): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 220; i++) {
    const start = performance.now();
    await app.inject({ method: 'GET', url: '/api/health' });
    if (i >= 20) samples.push(performance.now() - start);
  }
  return quantile(samples, 0.99);
}

export async function runCalloutFanout(db: Db, persons = 1000): Promise<CalloutFanoutResult> {
  const actor = cliActor();
  const clock = new ManualClock(new Date());
  const county = await createRegion(db, clock, actor, {
    parentId: null,
    level: 'county',
    name: '平遥县',
    code: '140728000000',
  });
  const township = await createRegion(db, clock, actor, {
    parentId: county.id,
    level: 'township',
    name: '古陶镇',
    code: '140728100000',
  });
  const ids: string[] = [];
  for (let i = 0; i < persons; i++) {
    const stem = `1407281985${String(1 + (i % 12)).padStart(2, '0')}01${String(i).padStart(3, '0')}`.slice(0, 17);
    const { person } = await registerPerson(
      db,
      clock,
      actor,
      PersonInput.parse({
        name: `突击队员${i}`,
        idNumber: stem + idCardCheckChar(stem),
        phone: `139${String(i).padStart(8, '0')}`,
        regionId: township.id,
        confirmNotDuplicate: true,
      }),
    );
    ids.push(person.id);
  }
  const bench = await benchApp(db);
  try {
    const baseline = await healthP99(bench.app);
    const order = (meetingPoint: string) =>
      issueCallout(
        db,
        clock,
        actor,
        { personIds: ids, includeBusy: true, meetingPoint, regionId: township.id, deadlineMinutes: 15 },
        { linkBase: 'http://localhost:3000', timeZone: 'Asia/Shanghai' },
      );
    const started = performance.now();
    const spreadCallout = await order('镇政府院内');
    const fanoutMs = performance.now() - started;
    const burstCallout = await order('镇卫生院门口');
    const url = await bench.app.listen({ host: '127.0.0.1', port: 0 });
    const phones = await runPhones({
      url,
      spreadTokens: spreadCallout.links.map((l) => l.token),
      burstTokens: burstCallout.links.map((l) => l.token),
      spreadMs: 1000,
    });
    const expected = { 'GET 200': 2 * persons, 'POST 200': 2 * persons };
    if (JSON.stringify(phones.statuses) !== JSON.stringify(expected))
      throw new Error(`acknowledgements: ${JSON.stringify(phones.statuses)}`);
    return {
      persons,
      fanoutMs,
      ackP99: quantile(phones.spread, 0.99),
      ackP50: quantile(phones.spread, 0.5),
      burstP99: quantile(phones.burst, 0.99),
      burstP50: quantile(phones.burst, 0.5),
      healthP99: baseline,
    };
  } finally {
    await bench.close();
  }
}

/** The bench lines, on a fresh database of the factory. */
export async function benchCalloutFanout(factory: DatabaseFactory): Promise<void> {
  const database = await factory.fresh();
  try {
    const r = await runCalloutFanout(database.db);
    log(
      `call-out to ${r.persons}: stored in ${r.fanoutMs.toFixed(0)} ms; acknowledgements within one second p50 ${r.ackP50.toFixed(1)} ms, p99 ${r.ackP99.toFixed(1)} ms; all at once p50 ${r.burstP50.toFixed(1)} ms, p99 ${r.burstP99.toFixed(1)} ms (health p99 ${r.healthP99.toFixed(2)} ms)`,
    );
    emit('callout_fanout', r.fanoutMs, 'ms', r.healthP99);
    emit('callout_ack_p99', r.ackP99, 'ms', r.healthP99);
    emit('callout_ack_burst_p99', r.burstP99, 'ms', r.healthP99);
  } finally {
    await database.close();
  }
}

if (
  process.argv.slice(1, 3).some((a) => a.endsWith(`bench${path.sep}callouts.ts`) || a.endsWith('bench/callouts.ts'))
) {
  const at = process.argv.indexOf('--engine');
  const engine = (at >= 0 ? process.argv[at + 1] : 'sqlite') as Engine;
  const factory = await databaseFactory(engine);
  try {
    await benchCalloutFanout(factory);
  } finally {
    await factory.shutdown();
  }
}
