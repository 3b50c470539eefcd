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

const gapIds = async (client: Client, query = '') =>
  (await client.get(`/api/responsibilities/gaps?limit=1000${query}`)).json().items.map((r: { id: string }) => r.id);

describe('responsibility (包保) and gaps', () => {
  it('lists every active node with nobody answerable, and removes a node once someone is assigned', async () => {
    const before = await gapIds(admin);
    expect(before).toHaveLength(10);
    const res = await admin.post('/api/responsibilities', {
      regionId: tree.gutao.id,
      personName: '张县长',
      post: '副县长（包古陶镇）',
      phone: '13900001111',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ regionName: '古陶镇', phone: '139****1111' });
    await admin.post('/api/responsibilities', { regionId: tree.gutao.id, personName: '李书记', post: '镇党委书记' });
    const after = await gapIds(admin);
    expect(after).not.toContain(tree.gutao.id);
    expect(after).toHaveLength(9);
    const village = (await admin.get('/api/responsibilities/gaps?level=village')).json().items;
    expect(village.map((r: { name: string }) => r.name)).toEqual(['东城村', '西城村', '段村']);
    expect(village[0].pathNames).toBe('平遥县 / 古陶镇 / 东城村');
  });

  it('retired nodes are not gaps; removing the last person makes a gap again', async () => {
    await admin.post(`/api/regions/${tree.duancun.id}/retire`);
    expect(await gapIds(admin)).not.toContain(tree.duancunVillage.id);
    await admin.post(`/api/regions/${tree.duancun.id}/restore`);
    const list = (await admin.get(`/api/responsibilities?regionId=${tree.gutao.id}`)).json().items;
    expect(list).toHaveLength(2);
    for (const r of list) expect((await admin.delete(`/api/responsibilities/${r.id}`)).statusCode).toBe(204);
    expect(await gapIds(admin)).toContain(tree.gutao.id);
  });

  it('a township cadre sees and fills only the gaps of their township', async () => {
    await makeUser(t.db, t.clock, 'cadre', 'township', tree.gutao);
    const cadre = await t.login('cadre', PASSWORD);
    const gaps = await gapIds(cadre);
    expect(gaps).toContain(tree.dongcheng.id);
    expect(gaps).not.toContain(tree.duancunVillage.id);
    const ok = await cadre.post('/api/responsibilities', {
      regionId: tree.dongcheng.id,
      personName: '王主任',
      post: '包村干部',
    });
    expect(ok.statusCode).toBe(201);
    const outside = await cadre.post('/api/responsibilities', {
      regionId: tree.duancunVillage.id,
      personName: 'x',
      post: 'x',
    });
    expect(outside.statusCode).toBe(404);
    const bad = await cadre.post('/api/responsibilities', {
      regionId: tree.dongcheng.id,
      personName: '',
      post: 'x',
      phone: '123',
    });
    expect(bad.json().error.code).toBe('VALIDATION');
  });

  it('reveals a responsible person’s phone with an audit entry', async () => {
    const r = (
      await admin.post('/api/responsibilities', {
        regionId: tree.gridA.id,
        personName: '赵网格长',
        post: '网格长',
        phone: '13700002222',
      })
    ).json();
    expect((await admin.post(`/api/responsibilities/${r.id}/reveal`, { field: 'phone' })).json().value).toBe(
      '13700002222',
    );
    // an edit that leaves the (masked) phone out keeps it
    const edited = await admin.patch(`/api/responsibilities/${r.id}`, { post: '网格长（兼）' });
    expect(edited.json()).toMatchObject({ post: '网格长（兼）', phone: '137****2222', personName: '赵网格长' });
    expect((await admin.get(`/api/audit?action=responsibility.reveal&entityId=${r.id}`)).json().items).toHaveLength(1);
  });
});
