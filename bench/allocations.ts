/**
 * allocation_concurrent: 50 allocations (调拨) of one unit each started together against a stock of
 * 10, five rounds (bench/main.ts runs it; alone: `node bin/run-ts.mjs bench/allocations.ts
 * [--engine postgres]`). Each round must leave exactly 10 sent and 40 refused STOCK_INSUFFICIENT and
 * the stock at 0 — the run fails otherwise. The value is the p99 ms of one allocation, timed from the
 * moment all 50 of its round were started (so it includes waiting for the ledger's lock), through
 * `allocate` on the server's pool (separate connections on PostgreSQL). No baseline: the goal is
 * correctness; the p99 says what 50 desks at once cost.
 */
import path from 'node:path';
import { ManualClock } from '../src/server/clock';
import type { Db, Engine } from '../src/server/db/database';
import { AppError } from '../src/server/errors';
import { createRegion } from '../src/server/features/regions';
import { allocate, appendMovements, createWarehouse, type AllocationContext } from '../src/server/features/supplies';
import { designatedStockOf } from '../src/server/features/donations';
import { cliActor } from '../src/cli/actor';
import { databaseFactory, type DatabaseFactory } from './databases';
import { emit, log, quantile } from './stats';

const GOGGLES = '01700000-0000-7000-8000-000000000007';

export async function runAllocationConcurrent(db: Db, rounds = 5) {
  const actor = cliActor();
  const clock = new ManualClock(new Date('2020-02-01T02:00:00Z'));
  const ctx: AllocationContext = { clock, timeZone: 'Asia/Shanghai', designatedStockOf };
  const county = await createRegion(db, clock, actor, {
    parentId: null,
    level: 'county',
    name: '平遥县',
    code: '140728000000',
  });
  const store = await createWarehouse(db, clock, actor, { name: '县物资储备库', kind: 'county', regionId: county.id });
  const site = await createWarehouse(db, clock, actor, { name: '东城村卡口', kind: 'checkpoint', regionId: county.id });
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const batch = `R${round}`;
    await db.transaction().execute((trx) =>
      appendMovements(trx, ctx, actor, [
        {
          kind: 'stocktake',
          warehouse: store,
          itemId: GOGGLES,
          spec: '',
          batch,
          expiry: null,
          quantity: 10,
          counterparty: null,
          refType: null,
          refId: null,
          reason: 'bench',
        },
      ]),
    );
    const t0 = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        allocate(db, ctx, actor, {
          fromWarehouseId: store.id,
          toWarehouseId: site.id,
          itemId: GOGGLES,
          spec: '',
          batch,
          quantity: 1,
          courier: `骑手${i}`,
        }).then(
          () => {
            times.push(performance.now() - t0);
            return 'sent';
          },
          (err: unknown) => {
            times.push(performance.now() - t0);
            if (err instanceof AppError && err.code === 'STOCK_INSUFFICIENT') return 'refused';
            throw err;
          },
        ),
      ),
    );
    const sent = outcomes.filter((o) => o === 'sent').length;
    if (sent !== 10 || outcomes.length - sent !== 40)
      throw new Error(`allocation_concurrent: round ${round} sent ${sent} of 50 against 10 in stock`);
  }
  return { rounds, p99: quantile(times, 0.99), p50: quantile(times, 0.5) };
}

/** The bench line, on a fresh database of the factory. */
export async function benchAllocationConcurrent(factory: DatabaseFactory): Promise<void> {
  const database = await factory.fresh();
  try {
    const r = await runAllocationConcurrent(database.db);
    log(
      `allocations: ${r.rounds} rounds of 50 against 10 — exactly 10 sent each; p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
    );
    emit('allocation_concurrent', r.p99, 'ms');
  } finally {
    await database.close();
  }
}

if (
  process.argv
    .slice(1, 3)
    .some((a) => a.endsWith(`bench${path.sep}allocations.ts`) || a.endsWith('bench/allocations.ts'))
) {
  const at = process.argv.indexOf('--engine');
  const engine = (at >= 0 ? process.argv[at + 1] : 'sqlite') as Engine;
  const factory = await databaseFactory(engine);
  try {
    await benchAllocationConcurrent(factory);
  } finally {
    await factory.shutdown();
  }
}
