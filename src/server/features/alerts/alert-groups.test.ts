import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { raiseAlert } from './alerts.service';

/** Alerts in a meeting (issue 18): filtered by kind and township, counted in groups, acknowledged many at once. */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
const ids: Record<string, string> = {};
const as = (username: string): Promise<Client> => t.login(username, username === 'admin' ? ADMIN_PASSWORD : PASSWORD);
type A = { id: string; kind: string; regionPath: string };

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'command', 'command', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  t.clock.set('2020-01-25T08:00:00Z');
  const raise = async (key: string, kind: 'fever' | 'key_person' | 'missed_follow_up', path: string) => {
    ids[key] = await raiseAlert(t.db, t.clock, {
      kind,
      personId: null,
      regionPath: path,
      sourceType: 'screening',
      sourceId: key,
      message: key,
    });
  };
  await raise('gutaoFever', 'fever', tree.buildingA.path);
  await raise('gutaoKey', 'key_person', tree.buildingB.path);
  await raise('gutaoMissed', 'missed_follow_up', tree.dongcheng.path);
  await raise('duancunFever', 'fever', tree.duancunVillage.path);
  await raise('countyFever', 'fever', tree.county.path);
});
afterAll(async () => t.close());

describe('alerts filtered, grouped and acknowledged many at once', () => {
  it('filters by kind and by township', async () => {
    const command = await as('command');
    const fevers = (await command.get('/api/alerts?open=true&kind=fever')).json().items as A[];
    expect(fevers.map((a) => a.id).sort()).toEqual([ids.gutaoFever, ids.duancunFever, ids.countyFever].sort());
    const gutao = (await command.get(`/api/alerts?region=${encodeURIComponent(tree.gutao.path)}`)).json().items as A[];
    expect(gutao.map((a) => a.id).sort()).toEqual([ids.gutaoFever, ids.gutaoKey, ids.gutaoMissed].sort());
    const both = (await command.get(`/api/alerts?kind=fever&region=${encodeURIComponent(tree.duancun.path)}`)).json()
      .items as A[];
    expect(both.map((a) => a.id)).toEqual([ids.duancunFever]);
    expect((await command.get('/api/alerts?region=nonsense')).statusCode).toBe(400);
  });

  it('counts by kind and by township; a township sees only its own, and filtering elsewhere shows nothing', async () => {
    const command = await as('command');
    const groups = (await command.get('/api/alerts/groups?open=true')).json();
    expect(groups.kinds).toEqual([
      { kind: 'fever', count: 3 },
      expect.objectContaining({ count: 1 }),
      expect.objectContaining({ count: 1 }),
    ]);
    const byName = Object.fromEntries(
      groups.townships.map((g: { name: string | null; count: number }) => [g.name ?? '-', g.count]),
    );
    expect(byName).toEqual({ 古陶镇: 3, 段村镇: 1, '-': 1 });

    const gutao = await as('gutao');
    const own = (await gutao.get('/api/alerts/groups?open=true')).json();
    expect(own.townships).toEqual([
      { townshipId: tree.gutao.id, name: '古陶镇', regionPath: tree.gutao.path, count: 3 },
    ]);
    const elsewhere = (await gutao.get(`/api/alerts?region=${encodeURIComponent(tree.duancun.path)}`)).json();
    expect(elsewhere.items).toEqual([]);
  });

  it('acknowledges many at once; one outside the jurisdiction is 404 and nothing changes', async () => {
    const gutao = await as('gutao');
    const foreign = await gutao.post('/api/alerts/ack', { ids: [ids.gutaoFever, ids.duancunFever] });
    expect(foreign.statusCode).toBe(404);
    expect((await gutao.get('/api/alerts?open=true')).json().items).toHaveLength(3);
    const res = await gutao.post('/api/alerts/ack', { ids: [ids.gutaoFever, ids.gutaoKey] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ acknowledged: 2 });
    expect((await gutao.get('/api/alerts?open=true')).json().items.map((a: A) => a.id)).toEqual([ids.gutaoMissed]);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'alert.acknowledge')
      .execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual([ids.gutaoFever, ids.gutaoKey].sort());
  });
});
