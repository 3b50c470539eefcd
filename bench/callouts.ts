/**
 * callout_fanout: a call-out (集结令) ordered to 1,000 people, then their 1,000 acknowledgements
 * arriving over HTTP at once (bench/main.ts runs it; alone: `node bin/run-ts.mjs bench/callouts.ts
 * [--engine postgres]`).
 *   callout_fanout      ms until every order, link and SMS outbox row of the call-out is stored
 *                       (`issueCallout` in one transaction; the SMS are sent afterwards). Goal ≤ 500 ms.
 *   callout_ack_p99     p99 ms of POST /api/public/callouts/:token {answer: 'coming'} via app.inject,
 *                       1,000 requests started together (each from its own address, as phones are),
 *                       each timed from the moment all were started. Goal ≤ 50 ms.
 * Baseline of both: p99 of GET /api/health in the same run, 200 requests after 20 warm-up.
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

export interface CalloutFanoutResult {
  persons: number;
  fanoutMs: number;
  ackP99: number;
  ackP50: number;
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
    const started = performance.now();
    const { links } = await issueCallout(
      db,
      clock,
      actor,
      { personIds: ids, includeBusy: true, meetingPoint: '镇政府院内', regionId: township.id, deadlineMinutes: 15 },
      { linkBase: 'http://localhost:3000', timeZone: 'Asia/Shanghai' },
    );
    const fanoutMs = performance.now() - started;
    const t0 = performance.now();
    const times = await Promise.all(
      links.map(async (link, i) => {
        const res = await bench.app.inject({
          method: 'POST',
          url: `/api/public/callouts/${link.token}`,
          payload: { answer: 'coming' },
          remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        });
        if (res.statusCode !== 200) throw new Error(`ack: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return performance.now() - t0;
      }),
    );
    return {
      persons,
      fanoutMs,
      ackP99: quantile(times, 0.99),
      ackP50: quantile(times, 0.5),
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
      `call-out to ${r.persons}: stored in ${r.fanoutMs.toFixed(0)} ms; acknowledgements p50 ${r.ackP50.toFixed(1)} ms, p99 ${r.ackP99.toFixed(1)} ms (health p99 ${r.healthP99.toFixed(2)} ms)`,
    );
    emit('callout_fanout', r.fanoutMs, 'ms', r.healthP99);
    emit('callout_ack_p99', r.ackP99, 'ms', r.healthP99);
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
