import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { ADDRESS_MAX_FAILURES, PAIR_MAX_FAILURES, throttledAddress } from './login-throttle';
import { expectAll } from '../../testing/expect-all';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  const tree = await makeTree(t.db, t.clock);
  for (const name of ['zhao', 'qian', 'sun', 'li', 'zhou']) await makeUser(t.db, t.clock, name, 'grid', tree.gridA);
});
afterAll(async () => t.close());

/** A login attempt from one address (the socket's, as without a trusted proxy). */
function loginFrom(address: string, username: string, password: string) {
  return t.anonymous.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: address,
  });
}

describe('login throttling', () => {
  it('throttles one address trying many usernames with 429 and Retry-After, and only that address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await loginFrom('10.0.0.1', `nobody${i}`, 'wrong-pass-1')).statusCode);
    expectAll(statuses.slice(0, ADDRESS_MAX_FAILURES), (s) => s === 401);
    expect(statuses.slice(ADDRESS_MAX_FAILURES)).toHaveLength(40 - ADDRESS_MAX_FAILURES);
    expectAll(statuses.slice(ADDRESS_MAX_FAILURES), (s) => s === 429);
    // even the right password waits
    const right = await loginFrom('10.0.0.1', 'zhao', PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('RATE_LIMITED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect((await loginFrom('10.0.0.2', 'zhao', PASSWORD)).statusCode).toBe(200);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await loginFrom('10.0.0.1', 'zhao', PASSWORD)).statusCode).toBe(200);
  });

  it('locks an account only for the address that failed: five anonymous guesses do not lock admin out', async () => {
    for (let i = 1; i < PAIR_MAX_FAILURES; i++)
      expect((await loginFrom('10.0.1.1', 'admin', 'guess-' + i)).statusCode).toBe(401);
    const locked = await loginFrom('10.0.1.1', 'admin', 'guess-5');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
    expect((await loginFrom('10.0.1.1', 'admin', ADMIN_PASSWORD)).statusCode).toBe(423);
    // the owner, from an address that has not failed
    expect((await loginFrom('10.0.1.2', 'admin', ADMIN_PASSWORD)).statusCode).toBe(200);
  });

  it('doubles the lock each time the same address fails again: 15, then 30 minutes', async () => {
    for (let i = 0; i < PAIR_MAX_FAILURES; i++) await loginFrom('10.0.2.1', 'qian', 'wrong-' + i);
    expect((await loginFrom('10.0.2.1', 'qian', PASSWORD)).statusCode).toBe(423);
    t.clock.advance(15 * 60_000 + 1000);
    for (let i = 1; i < PAIR_MAX_FAILURES; i++)
      expect((await loginFrom('10.0.2.1', 'qian', 'again-' + i)).statusCode).toBe(401);
    const second = await loginFrom('10.0.2.1', 'qian', 'again-5');
    expect(second.statusCode).toBe(423);
    expect(Number(second.headers['retry-after'])).toBe(30 * 60);
    t.clock.advance(29 * 60_000);
    expect((await loginFrom('10.0.2.1', 'qian', PASSWORD)).statusCode).toBe(423);
    t.clock.advance(61_000);
    expect((await loginFrom('10.0.2.1', 'qian', PASSWORD)).statusCode).toBe(200);
    // the right password forgets the pair's history: the next lock is 15 minutes again
    for (let i = 0; i < PAIR_MAX_FAILURES - 1; i++) await loginFrom('10.0.2.1', 'qian', 'third-' + i);
    expect(Number((await loginFrom('10.0.2.1', 'qian', 'third-x')).headers['retry-after'])).toBe(15 * 60);
  });

  it('an account guessed at from many addresses gives each new address one failure, and still lets its owner in', async () => {
    for (let i = 0; i < 20; i++) await loginFrom(`10.0.3.${i}`, 'sun', 'spray-' + i);
    const next = await loginFrom('10.0.3.100', 'sun', 'spray-x');
    expect(next.statusCode).toBe(423);
    expect((await loginFrom('10.0.3.100', 'sun', PASSWORD)).statusCode).toBe(423);
    expect((await loginFrom('10.0.3.200', 'sun', PASSWORD)).statusCode).toBe(200);
  });

  it('answers an unknown username exactly as a known one, wrong password and lock alike', async () => {
    const known = await loginFrom('10.0.4.1', 'li', 'wrong-1');
    const unknown = await loginFrom('10.0.4.2', 'li_nobody', 'wrong-1');
    expect(known.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.json()).toEqual(known.json());
    expect(known.json().error).toEqual({
      code: 'BAD_CREDENTIALS',
      message: '用户名或密码错误',
      details: { attemptsLeft: PAIR_MAX_FAILURES - 1 },
    });
    for (let i = 2; i < PAIR_MAX_FAILURES; i++) {
      await loginFrom('10.0.4.1', 'li', 'wrong-' + i);
      await loginFrom('10.0.4.2', 'li_nobody', 'wrong-' + i);
    }
    const knownLock = await loginFrom('10.0.4.1', 'li', 'wrong-last');
    const unknownLock = await loginFrom('10.0.4.2', 'li_nobody', 'wrong-last');
    expect(knownLock.statusCode).toBe(423);
    expect(unknownLock.statusCode).toBe(423);
    expect(unknownLock.json()).toEqual(knownLock.json());
    expect(unknownLock.headers['retry-after']).toBe(knownLock.headers['retry-after']);
  });

  it('keeps the counts in the database: a second server process refuses the address the first throttled', async () => {
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) await loginFrom('10.0.5.1', `ghost${i}`, 'wrong-pass-1');
    const { buildApp } = await import('../../app');
    const other = await buildApp({ db: t.db, config: t.config, clock: t.clock, serveWeb: false });
    const res = await other.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'zhou', password: PASSWORD },
      remoteAddress: '10.0.5.1',
    });
    expect(res.statusCode).toBe(429);
    await other.close();
  });

  it('lets a user above unlock every address at once, in the audit log', async () => {
    for (let i = 0; i < PAIR_MAX_FAILURES; i++) await loginFrom('10.0.6.1', 'zhou', 'wrong-' + i);
    expect((await loginFrom('10.0.6.1', 'zhou', PASSWORD)).statusCode).toBe(423);
    const admin = await loginFrom('10.0.6.9', 'admin', ADMIN_PASSWORD);
    const cookie = String(admin.headers['set-cookie']).split(';')[0]!;
    const as = (method: 'GET' | 'POST', url: string) => t.anonymous.request({ method, url, headers: { cookie } });
    const target = (await as('GET', '/api/users?q=zhou')).json().items[0];
    expect(target.lockedUntil).toBeTruthy();
    expect((await as('POST', `/api/users/${target.id}/unlock`)).json().lockedUntil).toBeNull();
    expect((await loginFrom('10.0.6.1', 'zhou', PASSWORD)).statusCode).toBe(200);
    const actions = (await as('GET', `/api/audit?entityId=${target.id}&limit=100`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.locked', 'user.unlock', 'auth.login']));
  });
});

describe('what counts as one address', () => {
  it('groups an IPv6 /64 (one subscriber’s network) and reads IPv4-mapped addresses as IPv4', async () => {
    expect(throttledAddress('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(throttledAddress('2001:0db8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(throttledAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttledAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(throttledAddress('10.1.2.3')).toBe('10.1.2.3');
    // a fresh address of the same /64 for every guess is still the same address
    for (let i = 1; i < PAIR_MAX_FAILURES; i++)
      expect((await loginFrom(`2001:db8:0:7::${i.toString(16)}`, 'zhao', 'v6-guess-' + i)).statusCode).toBe(401);
    expect((await loginFrom('2001:db8:0:7::ff', 'zhao', 'v6-guess-5')).statusCode).toBe(423);
    expect((await loginFrom('2001:db8:0:7::100', 'zhao', PASSWORD)).statusCode).toBe(423);
    expect((await loginFrom('2001:db8:0:8::1', 'zhao', PASSWORD)).statusCode).toBe(200);
  });
});
