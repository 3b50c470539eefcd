import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';

let t: TestApp;
let admin: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => t.close());

describe('users', () => {
  it('creates a grid worker bound to a grid, shows the phone masked, and reveals it with an audit entry', async () => {
    const res = await admin.post('/api/users', {
      username: 'grid_dc1',
      displayName: '王网格',
      role: 'grid',
      regionId: tree.gridA.id,
      password: 'Grid-Lotus-58',
      phone: '13812341234',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      role: 'grid',
      regionName: '东城村第一网格',
      phone: '138****1234',
      regionPath: tree.gridA.path,
    });
    const list = (await admin.get('/api/users?q=grid_dc')).json().items;
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain('13812341234');
    const reveal = await admin.post(`/api/users/${res.json().id}/reveal`, { field: 'phone' });
    expect(reveal.json()).toEqual({ field: 'phone', value: '13812341234' });
    const audit = (await admin.get(`/api/audit?action=user.reveal&entityId=${res.json().id}`)).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: 'admin', details: { field: 'phone' } });
    const worker = await t.login('grid_dc1', 'Grid-Lotus-58');
    expect((await worker.get('/api/auth/me')).json().region).toMatchObject({ id: tree.gridA.id, level: 'grid' });
  });

  it.each([
    [{ username: 'x', displayName: 'x', role: 'grid', password: 'Grid-Lotus-58' }, 'VALIDATION'],
    [{ username: 'nopass', displayName: 'x', role: 'grid', password: 'abcdefgh' }, 'PASSWORD_WEAK'],
    [
      { username: 'noregion', displayName: 'x', role: 'grid', regionId: null, password: 'Grid-Lotus-58' },
      'ROLE_NEEDS_REGION',
    ],
    [{ username: 'badphone', displayName: 'x', role: 'grid', password: 'Grid-Lotus-58', phone: '12345' }, 'VALIDATION'],
    [{ username: 'grid_dc1', displayName: 'x', role: 'grid', password: 'Grid-Lotus-58' }, 'USERNAME_TAKEN'],
    [{ username: 'badrole', displayName: 'x', role: 'emperor', password: 'Grid-Lotus-58' }, 'VALIDATION'],
  ])('refuses %j with %s', async (body, code) => {
    const before = (await t.db.selectFrom('users').select('id').execute()).length;
    const res = await admin.post('/api/users', { regionId: tree.gridA.id, ...body });
    expect(res.json().error.code).toBe(code);
    expect((await t.db.selectFrom('users').select('id').execute()).length).toBe(before);
  });

  it('lets a township cadre create grid workers in the township but not admins, nor users elsewhere', async () => {
    await makeUser(t.db, t.clock, 'gutao_cadre', 'township', tree.gutao);
    const cadre = await t.login('gutao_cadre', PASSWORD);
    const ok = await cadre.post('/api/users', {
      username: 'grid_xc1',
      displayName: '西城网格员',
      role: 'grid',
      regionId: tree.gridB.id,
      password: 'Grid-Lotus-58',
    });
    expect(ok.statusCode).toBe(201);
    const admin2 = await cadre.post('/api/users', {
      username: 'evil',
      displayName: 'x',
      role: 'admin',
      regionId: tree.gutao.id,
      password: 'Grid-Lotus-58',
    });
    expect(admin2.json().error.code).toBe('ROLE_NOT_GRANTABLE');
    const elsewhere = await cadre.post('/api/users', {
      username: 'evil2',
      displayName: 'x',
      role: 'grid',
      regionId: tree.duancunVillage.id,
      password: 'Grid-Lotus-58',
    });
    expect(elsewhere.statusCode).toBe(404);
    const names = (await cadre.get('/api/users?limit=500')).json().items.map((u: { username: string }) => u.username);
    expect(names).toContain('grid_xc1');
    expect(names).not.toContain('admin');
  });

  it('disabling a user ends their sessions; nobody can disable or demote themselves', async () => {
    const worker = await t.login('grid_xc1', 'Grid-Lotus-58');
    const target = (await admin.get('/api/users?q=grid_xc1')).json().items[0];
    expect((await admin.patch(`/api/users/${target.id}`, { status: 'disabled' })).json().status).toBe('disabled');
    expect((await worker.get('/api/auth/me')).statusCode).toBe(401);
    const login = await t.anonymous.post('/api/auth/login', { username: 'grid_xc1', password: 'Grid-Lotus-58' });
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
    const me = (await admin.get('/api/auth/me')).json();
    expect((await admin.patch(`/api/users/${me.id}`, { status: 'disabled' })).json().error.code).toBe(
      'CANNOT_CHANGE_SELF',
    );
    expect(
      (await admin.patch(`/api/users/${me.id}`, { role: 'grid', regionId: tree.gridA.id })).json().error.code,
    ).toBe('CANNOT_CHANGE_SELF');
  });

  it('unlocks a locked account before the 15 minutes are over', async () => {
    await makeUser(t.db, t.clock, 'locked', 'observer', tree.dongcheng);
    for (let i = 0; i < 5; i++) await t.anonymous.post('/api/auth/login', { username: 'locked', password: 'wrong' });
    expect((await t.anonymous.post('/api/auth/login', { username: 'locked', password: PASSWORD })).statusCode).toBe(
      423,
    );
    const target = (await admin.get('/api/users?q=locked')).json().items[0];
    expect(target.lockedUntil).toBeTruthy();
    expect((await admin.post(`/api/users/${target.id}/unlock`)).json().lockedUntil).toBeNull();
    expect((await t.anonymous.post('/api/auth/login', { username: 'locked', password: PASSWORD })).statusCode).toBe(
      200,
    );
  });

  it('keeps grid workers out of user management', async () => {
    await makeUser(t.db, t.clock, 'plain_grid', 'grid', tree.gridA);
    const worker = await t.login('plain_grid', PASSWORD);
    expect((await worker.get('/api/users')).json().error.code).toBe('FORBIDDEN');
    expect((await worker.get('/api/audit')).json().error.code).toBe('FORBIDDEN');
  });
});
