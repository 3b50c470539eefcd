import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { LoginThrottleTable } from './login-throttle.table';

export type ThrottleKey = Pick<LoginThrottleTable, 'key' | 'kind' | 'username' | 'address'>;

/**
 * Count one failure against `key` in one statement (an upsert), so concurrent attempts on several
 * server processes cannot lose a count. The counter starts afresh, forgetting its locks too, when
 * `staleBy` (its window's start, or its last failure) is at or before `staleAt`. Returns the
 * counter as it now stands.
 */
export async function countFailure(
  db: Db,
  key: ThrottleKey,
  nowIso: string,
  staleBy: 'window_start' | 'updated_at',
  staleAt: string,
) {
  const stale = sql<boolean>`${sql.ref(`login_throttle.${staleBy}`)} <= ${staleAt}`;
  return db
    .insertInto('login_throttle')
    .values({ ...key, failures: 1, window_start: nowIso, locks: 0, locked_until: null, updated_at: nowIso })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`case when ${stale} then 1 else login_throttle.failures + 1 end`,
        locks: sql`case when ${stale} then 0 else login_throttle.locks end`,
        window_start: sql`case when ${stale} then ${nowIso} else login_throttle.window_start end`,
        updated_at: nowIso,
      }),
    )
    .returning(['failures', 'locks', 'locked_until'])
    .executeTakeFirstOrThrow();
}

/**
 * Lock `key` until `lockedUntil` and start counting again, if it still has at least `threshold`
 * failures: of several attempts that reached the threshold together, one applies the lock.
 */
export async function lockIfReached(db: Db, key: string, threshold: number, lockedUntil: string, nowIso: string) {
  const res = await db
    .updateTable('login_throttle')
    .set((eb) => ({ locked_until: lockedUntil, locks: eb('locks', '+', 1), failures: 0, updated_at: nowIso }))
    .where('key', '=', key)
    .where('failures', '>=', threshold)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The locks among `keys` still in force at `nowIso`. */
export async function liveLocks(db: Db, keys: string[], nowIso: string) {
  return db
    .selectFrom('login_throttle')
    .select(['key', 'kind', 'locked_until'])
    .where('key', 'in', keys)
    .where('locked_until', '>', nowIso)
    .execute();
}

export async function deleteThrottle(db: Db, key: string) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Forget every pair lock and the account counter of a username (an administrator's unlock). */
export async function deleteThrottlesOfUsername(db: Db, username: string) {
  await db
    .deleteFrom('login_throttle')
    .where('username', '=', username)
    .where('kind', 'in', ['pair', 'account'])
    .execute();
}

/** Drop counters untouched since `beforeIso` whose lock (if any) has ended. */
export async function pruneThrottles(db: Db, beforeIso: string) {
  await db
    .deleteFrom('login_throttle')
    .where('updated_at', '<', beforeIso)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', beforeIso)]))
    .execute();
}

/**
 * The latest pair lock (a username from one address) ever set on each of `usernames`, ended or not:
 * the users list shows it, and an administrator may lift it early. Usernames never locked are absent.
 */
export async function latestPairLocks(db: Db, usernames: string[]): Promise<Map<string, string>> {
  const locks = new Map<string, string>();
  for (let i = 0; i < usernames.length; i += 500) {
    const rows = await db
      .selectFrom('login_throttle')
      .select((eb) => ['username', eb.fn.max('locked_until').as('until')])
      .where('kind', '=', 'pair')
      .where('username', 'in', usernames.slice(i, i + 500))
      .groupBy('username')
      .execute();
    for (const r of rows) if (r.username !== null && r.until) locks.set(r.username, r.until as string);
  }
  return locks;
}
