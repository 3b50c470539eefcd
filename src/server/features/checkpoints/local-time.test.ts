import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree } from '../../testing/factories';

let t: TestApp;
let admin: Client;
let site: { id: string };

beforeAll(async () => {
  t = await testApp();
  const tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
  site = (
    await admin.post('/api/checkpoints/sites', { name: '平遥汽车站', kind: 'highway_exit', regionId: tree.gutao.id })
  ).json();
});
afterAll(async () => t.close());

const passage = (at: string) => ({
  id: randomUUID(),
  siteId: site.id,
  at,
  direction: 'in',
  plate: '晋C60695',
  vehicleType: 'bus',
  decision: 'pass',
  occupants: [{ name: '乘客', temperature: 36.5 }],
});
const storedAt = async (id: string) =>
  (await t.db.selectFrom('passages').select('at').where('id', '=', id).executeTakeFirstOrThrow()).at;

describe('a time sent without an offset', () => {
  it("is the county's local time (Asia/Shanghai): 20:05 on 22 January is 12:05 UTC", async () => {
    const body = passage('2020-01-22T20:05:00');
    const res = await admin.post('/api/checkpoints/passages', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(await storedAt(body.id)).toBe('2020-01-22T12:05:00.000Z');
    const listed = (
      await admin.get('/api/checkpoints/passages?plate=晋C60695&from=2020-01-22T20:00:00&to=2020-01-22T20:10:00')
    ).json();
    expect(listed.items.map((p: { id: string }) => p.id)).toEqual([body.id]);
  });

  it('with an offset is that instant, as before', async () => {
    const body = passage('2020-01-22T20:06:00+08:00');
    expect((await admin.post('/api/checkpoints/passages', body)).statusCode).toBe(201);
    expect(new Date(await storedAt(body.id)).toISOString()).toBe('2020-01-22T12:06:00.000Z');
  });

  it('that is not a time at all is refused in the caller’s language', async () => {
    const res = await admin.post('/api/checkpoints/passages', passage('2020-01-22 黄昏'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION', message: '输入有误，请检查标出的字段' });
  });

  it('leaves the API description whole', async () => {
    const res = await admin.get('/api/openapi.json');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  });
});
