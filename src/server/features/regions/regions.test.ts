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

async function countRegions() {
  const r = await t.db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('creating regions', () => {
  it('creates a village with its 12-digit code and a grid with a generated code under it', async () => {
    const village = await admin.post('/api/regions', {
      parentId: tree.gutao.id,
      level: 'village',
      name: '南城村',
      code: '140728100202',
    });
    expect(village.statusCode).toBe(201);
    expect(village.json()).toMatchObject({
      code: '140728100202',
      path: '/140728000000/140728100000/140728100202/',
      depth: 2,
      pinyin: 'nanchengcun',
      initials: 'ncc',
    });
    const grid1 = await admin.post('/api/regions', {
      parentId: village.json().id,
      level: 'grid',
      name: '南城村第一网格',
    });
    const grid2 = await admin.post('/api/regions', {
      parentId: village.json().id,
      level: 'grid',
      name: '南城村第二网格',
    });
    expect(grid1.json().code).toBe('140728100202001');
    expect(grid2.json().code).toBe('140728100202002');
    const building = await admin.post('/api/regions', { parentId: grid1.json().id, level: 'building', name: '1号楼' });
    expect(building.json().code).toBe('140728100202001001');
    // a grid's buildings do not count as the village's grids: a third grid still gets the next code
    const grid3 = await admin.post('/api/regions', {
      parentId: village.json().id,
      level: 'grid',
      name: '南城村第三网格',
    });
    expect(grid3.statusCode).toBe(201);
    expect(grid3.json().code).toBe('140728100202003');
  });

  it.each([
    [{ level: 'village', name: '坏村', code: '14072810020' }, 400, 'VALIDATION'],
    [{ level: 'village', name: '坏村', code: '140728100000' }, 400, 'REGION_CODE_INVALID'],
    [{ level: 'village', name: '坏村', code: '140728101299' }, 400, 'REGION_CODE_PARENT_MISMATCH'],
    [{ level: 'village', name: '重复村', code: '140728100200' }, 409, 'REGION_CODE_TAKEN'],
    [{ level: 'grid', name: '错层网格' }, 400, 'REGION_LEVEL_INVALID'],
    [{ level: 'village', name: '', code: '140728100299' }, 400, 'VALIDATION'],
    [{ level: 'village', name: '无码村' }, 400, 'VALIDATION'],
    [{ level: 'hamlet', name: '坏层级', code: '140728100299' }, 400, 'VALIDATION'],
  ])('refuses %j with %i %s and changes nothing', async (body, status, code) => {
    const before = await countRegions();
    const res = await admin.post('/api/regions', { parentId: tree.gutao.id, ...body });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(await countRegions()).toBe(before);
  });

  it('refuses a parent that does not exist', async () => {
    const res = await admin.post('/api/regions', {
      parentId: '01890000-0000-7000-8000-000000000000',
      level: 'village',
      name: 'x',
      code: '140728100298',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('REGION_NOT_FOUND');
  });
});

describe('reading the tree', () => {
  it('lists children with child counts, a subtree by path, and ancestors of a node', async () => {
    const children = (await admin.get(`/api/regions?parentId=${tree.gutao.id}`)).json();
    const names = children.items.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['东城村', '西城村']));
    expect(children.items.find((r: { name: string }) => r.name === '东城村').childCount).toBe(1);
    const subtree = (await admin.get(`/api/regions?under=${tree.dongcheng.id}`)).json();
    expect(subtree.items.map((r: { level: string }) => r.level)).toEqual(['village', 'grid', 'building']);
    const detail = (await admin.get(`/api/regions/${tree.buildingA.id}`)).json();
    expect(detail.ancestors.map((a: { name: string }) => a.name)).toEqual([
      '平遥县',
      '古陶镇',
      '东城村',
      '东城村第一网格',
    ]);
  });

  it('finds regions by name, traditional characters, full pinyin, initials and code', async () => {
    const search = async (q: string) =>
      (await admin.get(`/api/regions?q=${encodeURIComponent(q)}`)).json().items.map((r: { name: string }) => r.name);
    expect(await search('古陶')).toContain('古陶镇');
    expect(await search('東城')).toContain('东城村');
    expect(await search('gutao')).toContain('古陶镇');
    expect(await search('gtz')).toContain('古陶镇');
    expect(await search('140728101200')).toEqual(['段村']);
    expect(await search('%')).toEqual([]);
  });

  it('pages through a long list with a cursor and rejects a forged cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/regions?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await admin.get(url)).json();
      seen.push(...page.items.map((r: { path: string }) => r.path));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(
      await t.db
        .selectFrom('regions')
        .select('id')
        .where('status', '=', 'active')
        .execute()
        .then((r) => r.length),
    );
    expect([...seen].sort()).toEqual(seen);
    expect((await admin.get('/api/regions?cursor=!!!')).json().error.code).toBe('BAD_CURSOR');
  });
});

describe('changing the tree', () => {
  it('renames a node and refreshes its pinyin', async () => {
    const res = await admin.patch(`/api/regions/${tree.duancunVillage.id}`, { name: '段村村' });
    expect(res.json()).toMatchObject({ name: '段村村', initials: 'dcc' });
  });

  it('moves a grid with its buildings, users and responsibilities to another village in one step', async () => {
    const gridUser = await makeUser(t.db, t.clock, 'mover', 'grid', tree.gridB);
    await admin.post('/api/responsibilities', { regionId: tree.buildingB.id, personName: '李四', post: '楼栋长' });
    const res = await admin.post(`/api/regions/${tree.gridB.id}/move`, { parentId: tree.dongcheng.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().path).toBe(`/140728000000/140728100000/140728100200/${tree.gridB.code}/`);
    const building = (await admin.get(`/api/regions/${tree.buildingB.id}`)).json();
    expect(building.path).toBe(`/140728000000/140728100000/140728100200/${tree.gridB.code}/${tree.buildingB.code}/`);
    expect(building.depth).toBe(4);
    const user = await t.db
      .selectFrom('users')
      .select('region_path')
      .where('id', '=', gridUser.id)
      .executeTakeFirstOrThrow();
    expect(user.region_path).toBe(res.json().path);
    const resp = await t.db
      .selectFrom('responsibilities')
      .select('region_path')
      .where('region_id', '=', tree.buildingB.id)
      .executeTakeFirstOrThrow();
    expect(resp.region_path).toBe(building.path);
    // and the worker still sees their grid
    const worker = await t.login('mover', PASSWORD);
    expect((await worker.get(`/api/regions/${tree.buildingB.id}`)).statusCode).toBe(200);
  });

  it('refuses a move that would make a cycle, or a wrong level, and changes nothing', async () => {
    const before = (await admin.get(`/api/regions/${tree.gutao.id}`)).json();
    const cycle = await admin.post(`/api/regions/${tree.gutao.id}/move`, { parentId: tree.dongcheng.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('REGION_MOVE_CYCLE');
    const self = await admin.post(`/api/regions/${tree.gutao.id}/move`, { parentId: tree.gutao.id });
    expect(self.json().error.code).toBe('REGION_MOVE_CYCLE');
    const level = await admin.post(`/api/regions/${tree.gridA.id}/move`, { parentId: tree.gutao.id });
    expect(level.json().error.code).toBe('REGION_LEVEL_INVALID');
    expect((await admin.get(`/api/regions/${tree.gutao.id}`)).json()).toEqual(before);
  });

  it('moves a village to another township with a new official code, re-pathing its subtree', async () => {
    const village = (
      await admin.post('/api/regions', {
        parentId: tree.gutao.id,
        level: 'village',
        name: '调整村',
        code: '140728100250',
      })
    ).json();
    const grid = (await admin.post('/api/regions', { parentId: village.id, level: 'grid', name: '调整村网格' })).json();
    const mismatch = await admin.post(`/api/regions/${village.id}/move`, {
      parentId: tree.duancun.id,
      code: '140728100251',
    });
    expect(mismatch.json().error.code).toBe('REGION_CODE_PARENT_MISMATCH');
    const moved = await admin.post(`/api/regions/${village.id}/move`, {
      parentId: tree.duancun.id,
      code: '140728101250',
    });
    expect(moved.json().path).toBe('/140728000000/140728101000/140728101250/');
    expect((await admin.get(`/api/regions/${grid.id}`)).json().path).toBe(
      `/140728000000/140728101000/140728101250/${grid.code}/`,
    );
  });

  it('retires a subtree instead of deleting it, hides it from active lists, and restores it', async () => {
    const retired = await admin.post(`/api/regions/${tree.xicheng.id}/retire`);
    expect(retired.json().status).toBe('retired');
    const active = (await admin.get(`/api/regions?parentId=${tree.gutao.id}`))
      .json()
      .items.map((r: { id: string }) => r.id);
    expect(active).not.toContain(tree.xicheng.id);
    const all = (await admin.get(`/api/regions?parentId=${tree.gutao.id}&status=all`))
      .json()
      .items.map((r: { id: string }) => r.id);
    expect(all).toContain(tree.xicheng.id);
    const child = await admin.post('/api/regions', { parentId: tree.xicheng.id, level: 'grid', name: '新网格' });
    expect(child.json().error.code).toBe('REGION_RETIRED');
    expect((await admin.post(`/api/regions/${tree.xicheng.id}/restore`)).json().status).toBe('active');
  });

  it('deletes an empty node but refuses one that holds data', async () => {
    const hasData = await admin.delete(`/api/regions/${tree.dongcheng.id}`);
    expect(hasData.statusCode).toBe(409);
    expect(hasData.json().error.code).toBe('REGION_HAS_DATA');
    const empty = (
      await admin.post('/api/regions', {
        parentId: tree.gutao.id,
        level: 'village',
        name: '误建村',
        code: '140728100299',
      })
    ).json();
    expect((await admin.delete(`/api/regions/${empty.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/regions/${empty.id}`)).statusCode).toBe(404);
  });

  it('audits every change with who, what and where', async () => {
    const entries = (await admin.get('/api/audit?entityType=region&limit=500')).json().items;
    const actions = new Set(entries.map((e: { action: string }) => e.action));
    for (const a of [
      'region.create',
      'region.rename',
      'region.move',
      'region.retire',
      'region.restore',
      'region.delete',
    ])
      expect(actions).toContain(a);
    const move = entries.find((e: { action: string }) => e.action === 'region.move');
    expect(move).toMatchObject({ actorName: 'admin', ip: '127.0.0.1' });
    expect(move.details.fromPath).toBeTruthy();
  });
});

describe('audit log is append-only', () => {
  it('the database itself refuses to update or delete audit entries', async () => {
    await expect(t.db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});
