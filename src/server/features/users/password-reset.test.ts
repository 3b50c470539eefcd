import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';

let t: TestApp;
let admin: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const idOf = async (client: Client, username: string): Promise<string> => {
  const items = (await client.get(`/api/users?q=${username}`)).json().items as { id: string; username: string }[];
  const found = items.find((u) => u.username === username);
  if (!found) throw new Error('no user ' + username);
  return found.id;
};

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
  await makeUser(t.db, t.clock, 'gutao_a', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'gutao_b', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'dc_grid', 'grid', tree.gridA);
  await makeUser(t.db, t.clock, 'county_cmd', 'command', tree.county);
});
afterAll(async () => t.close());

describe('password resets', () => {
  it('refuses a peer: a township cadre cannot set another cadre of the same township’s password', async () => {
    const cadre = await t.login('gutao_a', PASSWORD);
    const peer = await idOf(cadre, 'gutao_b');
    const res = await cadre.patch(`/api/users/${peer}`, { password: 'Peer-Takeover-71' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('PASSWORD_RESET_NOT_ABOVE');
    expect(
      (await t.anonymous.post('/api/auth/login', { username: 'gutao_b', password: 'Peer-Takeover-71' })).statusCode,
    ).toBe(401);
    await t.login('gutao_b', PASSWORD);
    // the same for the county's own command centre users among themselves
    const cmd = await t.login('county_cmd', PASSWORD);
    await makeUser(t.db, t.clock, 'county_cmd2', 'command', tree.county);
    expect(
      (await cmd.patch(`/api/users/${await idOf(cmd, 'county_cmd2')}`, { password: 'Peer-Takeover-71' })).json().error
        .code,
    ).toBe('PASSWORD_RESET_NOT_ABOVE');
    // and nobody resets their own password here (that needs the old one, at /api/auth/password)
    expect(
      (await cmd.patch(`/api/users/${await idOf(cmd, 'county_cmd')}`, { password: 'Peer-Takeover-71' })).json().error
        .code,
    ).toBe('CANNOT_CHANGE_SELF');
  });

  it('refuses a peer any other change too: role, status, name (found by the acceptance check)', async () => {
    const cadre = await t.login('gutao_a', PASSWORD);
    const peer = await idOf(cadre, 'gutao_b');
    for (const change of [{ role: 'grid' }, { status: 'disabled' }, { displayName: '被改名' }]) {
      const res = await cadre.patch(`/api/users/${peer}`, change);
      expect([res.statusCode, res.json().error?.code]).toEqual([403, 'USER_CHANGE_NOT_ABOVE']);
    }
    const row = await t.db
      .selectFrom('users')
      .select(['role', 'status', 'display_name'])
      .where('id', '=', peer)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'township', status: 'active' });
    expect(row.display_name).not.toBe('被改名');
    expect(await t.login('gutao_b', PASSWORD)).toBeTruthy();
  });

  it('lets a level above reset it; the user must change it at the next login before anything else; audited', async () => {
    const cadre = await t.login('gutao_a', PASSWORD);
    const old = await t.login('dc_grid', PASSWORD);
    const id = await idOf(cadre, 'dc_grid');
    const reset = await cadre.patch(`/api/users/${id}`, { password: 'Reset-Poplar-83' });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().mustChangePassword).toBe(true);
    expect((await old.get('/api/auth/me')).statusCode).toBe(401);

    const worker = await t.login('dc_grid', 'Reset-Poplar-83');
    expect((await worker.get('/api/auth/me')).json()).toMatchObject({ username: 'dc_grid', mustChangePassword: true });
    const blocked = await worker.get('/api/regions');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(
      (
        await worker.post('/api/auth/password', { oldPassword: 'Reset-Poplar-83', newPassword: 'Reset-Poplar-83' })
      ).json().error.code,
    ).toBe('PASSWORD_UNCHANGED');
    expect(
      (await worker.post('/api/auth/password', { oldPassword: 'Reset-Poplar-83', newPassword: 'Mine-Willow-64' }))
        .statusCode,
    ).toBe(204);
    expect((await worker.get('/api/auth/me')).json().mustChangePassword).toBe(false);
    expect((await worker.get('/api/regions')).statusCode).toBe(200);

    const entries = (await admin.get(`/api/audit?action=user.password_reset&entityId=${id}`)).json().items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorName: 'gutao_a',
      details: { username: 'dc_grid', mustChangePassword: true },
    });
    expect(JSON.stringify(entries[0])).not.toContain('Reset-Poplar-83');
  });

  it('lets a global admin reset anyone’s, another admin’s included', async () => {
    await makeUser(t.db, t.clock, 'admin2', 'admin', null);
    const res = await admin.patch(`/api/users/${await idOf(admin, 'admin2')}`, { password: 'Admin-Cedar-47' });
    expect(res.statusCode).toBe(200);
    expect(
      (await admin.patch(`/api/users/${await idOf(admin, 'gutao_b')}`, { password: 'Admin-Cedar-47' })).statusCode,
    ).toBe(200);
  });

  it('makes a password chosen for a new user temporary too', async () => {
    const cadre = await t.login('gutao_a', PASSWORD);
    const created = await cadre.post('/api/users', {
      username: 'xc_new',
      displayName: '新网格员',
      role: 'grid',
      regionId: tree.gridB.id,
      password: 'First-Maple-52',
    });
    expect(created.json().mustChangePassword).toBe(true);
    const fresh = await t.login('xc_new', 'First-Maple-52');
    expect((await fresh.get('/api/households')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    // what needs no login stays open with the session cookie
    expect((await fresh.get('/api/health')).statusCode).toBe(200);
  });
});

describe('password strength', () => {
  it.each(['password1', 'qwerty123', 'Passw0rd!', '12345678a', 'woaini1314', 'Qunfang2020', 'newuser123', 'abcd1234'])(
    'refuses %s for a new user and creates nothing',
    async (password) => {
      const before = (await t.db.selectFrom('users').select('id').execute()).length;
      const res = await admin.post('/api/users', {
        username: 'newuser',
        displayName: '新用户',
        role: 'grid',
        regionId: tree.gridA.id,
        password,
      });
      expect(res.statusCode).toBe(400);
      expect(['PASSWORD_GUESSABLE', 'PASSWORD_WEAK']).toContain(res.json().error.code);
      expect((await t.db.selectFrom('users').select('id').execute()).length).toBe(before);
    },
  );

  it('says why: guessable passwords get PASSWORD_GUESSABLE, in the reader’s language', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/users',
      headers: { 'accept-language': 'en' },
      payload: { username: 'newuser', displayName: 'x', role: 'grid', regionId: tree.gridA.id, password: 'qwerty123' },
    });
    expect(res.json().error.code).toBe('PASSWORD_GUESSABLE');
    expect(res.json().error.message).toMatch(/easy to guess/);
  });

  it('refuses common passwords on a reset and on a change of one’s own, changing nothing', async () => {
    const id = await idOf(admin, 'dc_grid');
    expect((await admin.patch(`/api/users/${id}`, { password: 'password1' })).json().error.code).toBe(
      'PASSWORD_GUESSABLE',
    );
    const worker = await t.login('dc_grid', 'Mine-Willow-64');
    expect(
      (await worker.post('/api/auth/password', { oldPassword: 'Mine-Willow-64', newPassword: 'qwerty123' })).json()
        .error.code,
    ).toBe('PASSWORD_GUESSABLE');
    expect(
      (await worker.post('/api/auth/password', { oldPassword: 'Mine-Willow-64', newPassword: 'dc_grid2020' })).json()
        .error.code,
    ).toBe('PASSWORD_GUESSABLE');
    await t.login('dc_grid', 'Mine-Willow-64');
  });
});
