import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import {
  countFailure,
  deleteThrottle,
  liveLocks,
  lockIfReached,
  pruneThrottles,
  type ThrottleKey,
} from './login-throttle.repository';

/**
 * The lockout policy. A lock must not be a denial of service: five anonymous wrong guesses used to
 * lock `admin` for everyone. Now failures are counted three ways, all keyed by the username as
 * typed (known or not, so the answers never tell which names exist):
 * - per (account, address) pair: 5 failures lock that account *from that address* for 15 minutes,
 *   doubling with each further lock (30, 60 … at most 24 hours) until a day passes without a
 *   failure or the right password is given. The account stays open from every address that has
 *   not failed, so an attacker cannot lock the owner out;
 * - per address, across usernames: 20 failures in 15 minutes stop every login from that address
 *   for 15 minutes (429 with Retry-After), so one address cannot walk through a list of names;
 * - per account, across addresses: once an account has had 20 failures in an hour (guessing spread
 *   over many addresses), each address gets a single failure before its pair lock, however many
 *   addresses join in. Still no address that has not failed is refused.
 * The counters live in the database, so every server process behind the proxy applies the same
 * limits. A second factor (SMS, TOTP) was not chosen: grid workers log in from shared village
 * phones and township PCs, and nothing in this deployment sends messages.
 */
export const PAIR_MAX_FAILURES = 5;
const PAIR_MAX_FAILURES_UNDER_ATTACK = 1;
const PAIR_LOCK_MINUTES = 15;
const PAIR_MAX_LOCK_MS = 24 * 3600_000;
const PAIR_QUIET_MS = 24 * 3600_000;
export const ADDRESS_MAX_FAILURES = 20;
const ADDRESS_WINDOW_MINUTES = 15;
const ACCOUNT_ATTACK_FAILURES = 20;
const ACCOUNT_WINDOW_MS = 3600_000;

interface Keys {
  address: ThrottleKey;
  account: ThrottleKey;
  pair: ThrottleKey;
}

/**
 * The address failures are counted by: an IPv4 address (also when IPv4-mapped), or the /64 network
 * of an IPv6 address — one subscriber usually holds a whole /64 and could take a fresh address for
 * every guess.
 */
export function throttledAddress(ip: string | null): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return (
    groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':') + '::/64'
  );
}

function keysOf(username: string, ip: string | null): Keys {
  const address = throttledAddress(ip);
  return {
    address: { key: `address:${address}`, kind: 'address', username: null, address },
    account: { key: `account:${username}`, kind: 'account', username, address: null },
    pair: { key: `pair:${username}|${address}`, kind: 'pair', username, address },
  };
}

const secondsUntil = (iso: string, now: Date) => Math.max(1, Math.ceil((Date.parse(iso) - now.getTime()) / 1000));

/**
 * Refuse before any password is checked when this address is throttled (429 RATE_LIMITED) or this
 * account is locked for this address (423 ACCOUNT_LOCKED); both carry when to try again.
 */
export async function assertMayTryLogin(db: Db, now: Date, username: string, ip: string | null): Promise<void> {
  const keys = keysOf(username, ip);
  const locks = await liveLocks(db, [keys.address.key, keys.pair.key], now.toISOString());
  const byAddress = locks.find((l) => l.kind === 'address');
  if (byAddress) throw new AppError('RATE_LIMITED', { retryAfterSeconds: secondsUntil(byAddress.locked_until!, now) });
  const byPair = locks.find((l) => l.kind === 'pair');
  if (byPair)
    throw new AppError('ACCOUNT_LOCKED', {
      lockedUntil: byPair.locked_until,
      retryAfterSeconds: secondsUntil(byPair.locked_until!, now),
    });
}

export interface FailureOutcome {
  /** set when this failure locked the account for this address */
  lockedUntil: string | null;
  /** wrong passwords left from this address before the lock */
  attemptsLeft: number;
  failures: { pair: number; address: number; account: number };
}

/** Count a failed login on all three counters and apply whatever lock it earned. */
export async function recordLoginFailure(
  db: Db,
  now: Date,
  username: string,
  ip: string | null,
): Promise<FailureOutcome> {
  const nowIso = now.toISOString();
  const nowMs = now.getTime();
  const keys = keysOf(username, ip);
  const address = await countFailure(
    db,
    keys.address,
    nowIso,
    'window_start',
    new Date(nowMs - ADDRESS_WINDOW_MINUTES * 60_000).toISOString(),
  );
  if (address.failures >= ADDRESS_MAX_FAILURES) {
    await lockIfReached(
      db,
      keys.address.key,
      ADDRESS_MAX_FAILURES,
      new Date(nowMs + ADDRESS_WINDOW_MINUTES * 60_000).toISOString(),
      nowIso,
    );
  }
  const account = await countFailure(
    db,
    keys.account,
    nowIso,
    'window_start',
    new Date(nowMs - ACCOUNT_WINDOW_MS).toISOString(),
  );
  const threshold = account.failures >= ACCOUNT_ATTACK_FAILURES ? PAIR_MAX_FAILURES_UNDER_ATTACK : PAIR_MAX_FAILURES;
  const pair = await countFailure(db, keys.pair, nowIso, 'updated_at', new Date(nowMs - PAIR_QUIET_MS).toISOString());
  let lockedUntil: string | null = null;
  if (pair.failures >= threshold) {
    const lockMs = Math.min(PAIR_LOCK_MINUTES * 60_000 * 2 ** pair.locks, PAIR_MAX_LOCK_MS);
    const until = new Date(nowMs + lockMs).toISOString();
    if (await lockIfReached(db, keys.pair.key, threshold, until, nowIso)) lockedUntil = until;
  }
  // Whenever an address starts a new window, forget counters that have been quiet for a day.
  if (address.failures === 1) await pruneThrottles(db, new Date(nowMs - PAIR_QUIET_MS).toISOString());
  return {
    lockedUntil,
    attemptsLeft: lockedUntil ? 0 : Math.max(0, threshold - pair.failures),
    failures: { pair: pair.failures, address: address.failures, account: account.failures },
  };
}

/** The right password from this address: its pair starts afresh (the address and account counters do not). */
export async function recordLoginSuccess(db: Db, username: string, ip: string | null): Promise<void> {
  await deleteThrottle(db, keysOf(username, ip).pair.key);
}
