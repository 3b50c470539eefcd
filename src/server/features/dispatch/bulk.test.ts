import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { raiseAlert } from '../alerts/alerts.service';

/**
 * The command centre in a meeting (issue 18): the evening sheet of 25 January 2020 has fevers in both
 * townships and every village silent; 古陶镇's group is handed to its cadre at once, lines are closed
 * at once with one note; a bad id or a line of another township changes nothing.
 */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
let gutaoUserId: string;
type Line = {
  id: string;
  kind: string;
  regionPath: string;
  sourceId: string;
  status: string;
  assigneeName: string | null;
};
const as = (username: string): Promise<Client> => t.login(username, username === 'admin' ? ADMIN_PASSWORD : PASSWORD);
let countySheet: { id: string; items: Line[] };
let gutaoSheet: { id: string; items: Line[] };

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'command', 'command', tree.county);
  gutaoUserId = (await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao)).id;
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  t.clock.set('2020-01-25T08:00:00Z');
  for (const [i, place] of [tree.buildingA, tree.buildingB, tree.duancunVillage].entries())
    await raiseAlert(t.db, t.clock, {
      kind: 'fever',
      personId: null,
      regionPath: place.path,
      sourceType: 'screening',
      sourceId: `s${i}`,
      message: `发热 ${i}`,
    });
  t.clock.set('2020-01-25T10:00:00Z'); // 18:00
  countySheet = (await (await as('command')).post('/api/dispatches', { slot: 'evening' })).json();
  gutaoSheet = (await (await as('gutao')).post('/api/dispatches', { slot: 'evening' })).json();
});
afterAll(async () => t.close());

const ofTownship = (items: Line[], path: string) => items.filter((i) => i.regionPath.startsWith(path));
async function countyLines() {
  return (await (await as('command')).get(`/api/dispatches/${countySheet.id}`)).json().items as Line[];
}

describe('dispatch lines handled many at once (交办 / 办结)', () => {
  it('a township group is handed to one person by one time in one request, each line audited', async () => {
    const command = await as('command');
    const group = ofTownship(countySheet.items, tree.gutao.path);
    expect(group.length).toBeGreaterThanOrEqual(3); // two fevers and the township's zero-report line
    const res = await command.post('/api/dispatches/items/assign', {
      ids: group.map((i) => i.id),
      assigneeUserId: gutaoUserId,
      dueAt: '2020-01-25T22:00:00+08:00',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(group.length);
    const after = await countyLines();
    for (const line of after)
      expect(line.assigneeName).toBe(line.regionPath.startsWith(tree.gutao.path) ? 'gutao' : null);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'dispatch_item.assign')
      .execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual(group.map((i) => i.id).sort());
  });

  it('an unknown id or a line of another township is 404 for the whole request, and nothing changes', async () => {
    const gutao = await as('gutao');
    const own = gutaoSheet.items.map((i) => i.id);
    const duancunLine = ofTownship(countySheet.items, tree.duancun.path)[0]!;
    const foreign = await gutao.post('/api/dispatches/items/done', { ids: [...own, duancunLine.id], note: '越权' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('DISPATCH_ITEM_NOT_FOUND');
    const unknown = await gutao.post('/api/dispatches/items/assign', {
      ids: [own[0], '00000000-0000-7000-8000-000000000000'],
      assigneeName: '王五',
      dueAt: '2020-01-25T22:00:00+08:00',
    });
    expect(unknown.statusCode).toBe(404);
    // the county's sheet lies outside the township: its lines are not the township's to close
    const countyOwn = ofTownship(countySheet.items, tree.gutao.path)[0]!;
    expect((await gutao.post('/api/dispatches/items/done', { ids: [countyOwn.id] })).statusCode).toBe(404);
    const mine = (await gutao.get(`/api/dispatches/${gutaoSheet.id}`)).json().items as Line[];
    expect(mine.every((i) => i.status === 'open' && i.assigneeName === null)).toBe(true);
    expect((await countyLines()).every((i) => i.status === 'open')).toBe(true);
    expect((await gutao.post('/api/dispatches/items/done', { ids: [] })).statusCode).toBe(400);
  });

  it('lines are closed with one note; a line already done refuses the whole request', async () => {
    const command = await as('command');
    const group = ofTownship(countySheet.items, tree.duancun.path);
    t.clock.advance(60_000);
    const res = await command.post('/api/dispatches/items/done', { ids: group.map((i) => i.id), note: '已电话督办' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { status: string; doneNote: string }) => [i.status, i.doneNote])).toEqual(
      group.map(() => ['done', '已电话督办']),
    );
    const other = ofTownship(countySheet.items, tree.gutao.path)[0]!;
    const again = await command.post('/api/dispatches/items/done', { ids: [other.id, group[0]!.id] });
    expect(again.json().error.code).toBe('DISPATCH_ITEM_DONE');
    const sheet = (await command.get(`/api/dispatches/${countySheet.id}`)).json();
    expect(sheet.done).toBe(group.length);
    expect(sheet.items.find((i: Line) => i.id === other.id).status).toBe('open');
  });
});
