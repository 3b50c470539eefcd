import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { purgeExpiredSessions } from './session.service';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  const tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'wang', 'grid', tree.gridA);
});
afterAll(async () => t.close());

describe('login and sessions', () => {
  it('logs in with the right password, sets an httpOnly SameSite cookie and answers /me', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/qf_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await t.anonymous.request({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(me.json()).toMatchObject({ username: 'admin', role: 'admin', region: null });
    // the web shows every time in the county's zone, not the device's: it learns the zone here
    expect(me.json().timeZone).toBe(t.config.timeZone);
    expect(res.json().timeZone).toBe(t.config.timeZone);
  });

  it('refuses anonymous requests with 401 UNAUTHENTICATED in the reader’s language', async () => {
    const zh = await t.anonymous.get('/api/regions');
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    const en = await t.anonymous.request({
      method: 'GET',
      url: '/api/regions',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.json().error.message).toBe('Please log in');
    const tw = await t.anonymous.request({
      method: 'GET',
      url: '/api/regions',
      headers: { 'accept-language': 'zh-TW' },
    });
    expect(tw.json().error.message).toBe('請先登錄');
  });

  it('locks the account from that address for 15 minutes after 5 failed logins, even for the right password', async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await t.anonymous.post('/api/auth/login', { username: 'wang', password: 'wrong' + i });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('BAD_CREDENTIALS');
    }
    const fifth = await t.anonymous.post('/api/auth/login', { username: 'wang', password: 'wrong5' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await t.anonymous.post('/api/auth/login', { username: 'wang', password: PASSWORD });
    expect(right.statusCode).toBe(423);
    t.clock.advance(14 * 60_000);
    expect((await t.anonymous.post('/api/auth/login', { username: 'wang', password: PASSWORD })).statusCode).toBe(423);
    t.clock.advance(61_000);
    expect((await t.anonymous.post('/api/auth/login', { username: 'wang', password: PASSWORD })).statusCode).toBe(200);
  });

  it('keeps sessions in the database: a second app instance on the same database accepts the cookie', async () => {
    const client = await t.login('wang', PASSWORD);
    const { buildApp } = await import('../../app');
    const other = await buildApp({ db: t.db, config: t.config, clock: t.clock, serveWeb: false });
    const res = await other.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: client.cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.json().username).toBe('wang');
    await other.close();
  });

  it('ends the session on logout and expires idle sessions', async () => {
    const client = await t.login('wang', PASSWORD);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    const idle = await t.login('wang', PASSWORD);
    t.clock.advance((t.config.sessionHours + 1) * 3600_000);
    expect((await idle.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('purges ended sessions from the database, and only those', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('sessions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await purgeExpiredSessions(t.db, t.clock); // what earlier tests left to end
    const live = await count();
    await t.login('wang', PASSWORD);
    expect(await purgeExpiredSessions(t.db, t.clock)).toBe(0);
    expect(await count()).toBe(live + 1);
    t.clock.advance((t.config.sessionHours + 1) * 3600_000);
    const fresh = await t.login('wang', PASSWORD);
    expect(await purgeExpiredSessions(t.db, t.clock)).toBe(live + 1);
    expect(await count()).toBe(1);
    expect((await fresh.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('changes a password only with the old one, and closes the other sessions', async () => {
    const a = await t.login('wang', PASSWORD);
    const b = await t.login('wang', PASSWORD);
    expect(
      (await a.post('/api/auth/password', { oldPassword: 'nope', newPassword: 'NewPass123' })).json().error.code,
    ).toBe('BAD_CREDENTIALS');
    expect((await a.post('/api/auth/password', { oldPassword: PASSWORD, newPassword: 'short' })).statusCode).toBe(400);
    expect((await a.post('/api/auth/password', { oldPassword: PASSWORD, newPassword: 'NewPass123' })).statusCode).toBe(
      204,
    );
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    await t.login('wang', 'NewPass123');
  });

  it('answers malformed JSON and wrong types with 400 and a stable code', async () => {
    const bad = await t.anonymous.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('MALFORMED_JSON');
    const wrong = await t.anonymous.post('/api/auth/login', { username: 42 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('VALIDATION');
    expect(wrong.json().error.details.issues.map((i: { path: string[] }) => i.path[0])).toEqual(
      expect.arrayContaining(['username', 'password']),
    );
  });

  it('records logins, failures and lockouts in the audit log', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const res = await admin.get('/api/audit?limit=500');
    const actions = res.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.login',
        'auth.login_failed',
        'auth.locked',
        'auth.logout',
        'auth.password_changed',
      ]),
    );
  });
});
