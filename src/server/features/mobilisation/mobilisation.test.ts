import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import ExcelJS from 'exceljs';
import { refreshRollups, rebuildRollups } from '../rollups/refresh.service';

/**
 * Mobilisation in the roll-ups, on 25 January 2020 (Asia/Shanghai): 古陶镇's party members, its
 * commando team, a call-out that completes on time and one that does not, and a member standing a
 * checkpoint shift show up in the village, the township and the county — on the big screen and in
 * the daily report's 党员志愿者动员 section — and nothing in 段村镇; a rebuild gives the same figures.
 */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let zuzhibu: Client;
let gutao: Client;
const TZ = 'Asia/Shanghai';
const id = (first17: string) => first17 + idCardCheckChar(first17);
const minutes = (n: number) => t.clock.set(new Date(t.clock.now().getTime() + n * 60_000));
const members: string[] = [];
/** their party-roll ids */
const memberIds: string[] = [];

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'zuzhibu', 'organisation', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'grid01', 'grid', tree.dongcheng);
  t.clock.set('2020-01-25T01:00:00Z'); // 9:00 on the 25th, local
  admin = await t.login('admin', ADMIN_PASSWORD);
  zuzhibu = await t.login('zuzhibu', PASSWORD);
  gutao = await t.login('gutao', PASSWORD);
  const branch = await zuzhibu.post('/api/party/organisations', {
    kind: 'branch',
    name: '东城村党支部',
    unitName: '东城村',
    unitType: 'village',
    regionId: tree.dongcheng.id,
  });
  expect(branch.statusCode, branch.body).toBe(201);
  for (const [name, first17, phone] of [
    ['张志强', '14072819800101001', '13912340001'],
    ['李红梅', '14072819850202002', '13912340002'],
    ['王建国', '14072819900303003', '13912340003'],
  ] as const) {
    const res = await zuzhibu.post('/api/party/members', {
      name,
      idNumber: id(first17),
      phone,
      organisationId: branch.json().id,
      category: 'full',
    });
    expect(res.statusCode, res.body).toBe(201);
    members.push(res.json().personId);
    memberIds.push(res.json().id);
  }
});
afterAll(async () => t.close());

async function figures(client: Client, regionId?: string) {
  const res = await client.get(`/api/dashboard${regionId ? `?region=${regionId}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().figures as Record<string, number>;
}

describe('mobilisation in the roll-ups', () => {
  it('counts members, teams, call-outs on time and members at the front line where they are', async () => {
    const team = await gutao.post('/api/callouts/teams', {
      name: '古陶镇党员突击队',
      kind: 'commando',
      regionId: tree.gutao.id,
      leader: { personId: members[0] },
    });
    expect(team.statusCode, team.body).toBe(201);
    for (const personId of members.slice(1))
      await gutao.post(`/api/callouts/teams/${team.json().id}/members`, { person: { personId } });

    // call-out 1: everyone is checked in within 10 minutes — complete on time
    const first = await gutao.post('/api/callouts', { teamId: team.json().id, meetingPoint: '高速口卡点' });
    expect(first.statusCode, first.body).toBe(201);
    minutes(10);
    let board = (await gutao.get(`/api/callouts/${first.json().id}/board`)).json();
    for (const o of board.orders)
      expect((await gutao.post(`/api/callouts/${first.json().id}/orders/${o.id}/arrive`)).statusCode).toBe(200);
    await gutao.post(`/api/callouts/${first.json().id}/close`);

    // call-out 2: one arrives after the deadline — not on time
    minutes(60);
    const second = await gutao.post('/api/callouts', {
      personIds: members.slice(0, 2),
      regionId: tree.gutao.id,
      meetingPoint: '东城村口',
    });
    expect(second.statusCode, second.body).toBe(201);
    board = (await gutao.get(`/api/callouts/${second.json().id}/board`)).json();
    await gutao.post(`/api/callouts/${second.json().id}/orders/${board.orders[0].id}/arrive`);
    minutes(20);
    await gutao.post(`/api/callouts/${second.json().id}/orders/${board.orders[1].id}/arrive`);

    // the three members stand a checkpoint shift in 东城村 today
    const site = await admin.post('/api/checkpoints/sites', {
      name: '东城卡口',
      kind: 'village_entrance',
      regionId: tree.dongcheng.id,
    });
    expect(site.statusCode, site.body).toBe(201);
    await admin.post('/api/checkpoints/shifts/plan', { siteId: site.json().id, fromDay: '2020-01-25', days: 1 });
    const roster = (await admin.get('/api/checkpoints/roster?siteId=' + site.json().id)).json().items;
    expect(roster.length).toBeGreaterThan(0);
    for (const personId of members)
      expect((await admin.post(`/api/checkpoints/shifts/${roster[0].id}/assign`, { personId })).statusCode).toBe(201);

    await refreshRollups(t.db, t.clock, TZ, { force: true });
    const expected = {
      partyMembers: 3,
      commandoTeams: 1,
      callouts: 2,
      calloutsOnTime: 1,
      // the three members stood at the checkpoint and two arrived at call-outs: each counted once
      partyMembersOnDuty: 3,
    };
    expect(await figures(admin)).toMatchObject(expected);
    expect(await figures(gutao)).toMatchObject(expected);
    expect(await figures(admin, tree.duancun.id)).toMatchObject({
      partyMembers: 0,
      commandoTeams: 0,
      callouts: 0,
      partyMembersOnDuty: 0,
    });

    // the daily report drafts them from data
    const draft = await gutao.post('/api/daily-reports/draft', { regionId: tree.gutao.id, day: '2020-01-25' });
    expect(draft.statusCode, draft.body).toBeLessThan(300);
    // 辖区实时数 (live): the whole township; the township's own row holds what sits on it (the team, the call-outs)
    expect(draft.json().children.live).toMatchObject(expected);
    expect(draft.json().computed).toMatchObject({ commandoTeams: 1, callouts: 2, calloutsOnTime: 1 });
    const village = draft.json().children.missing.find((c: { name: string }) => c.name === '东城村');
    expect(village.live).toMatchObject({ partyMembers: 3, partyMembersOnDuty: 3 });

    // a rebuild from history agrees
    await rebuildRollups(t.db, t.clock, TZ);
    expect(await figures(admin)).toMatchObject(expected);
  });

  it("gives the organisation department each township's figures on a day, scoped, and as .xlsx", async () => {
    // two members of 东城村's branch give money: yesterday 500 yuan, today 1,000 (党员捐款)
    for (const [personId, amount, donatedOn] of [
      [memberIds[0], 500, '2020-01-24'],
      [memberIds[1], 1000, '2020-01-25'],
    ] as const) {
      const gift = await gutao.post('/api/donations', {
        partyMemberId: personId,
        regionId: tree.dongcheng.id,
        donatedOn,
        money: { amount, channel: '现金' },
      });
      expect(gift.statusCode, gift.body).toBe(201);
    }
    const county = await zuzhibu.get('/api/mobilisation/overview');
    expect(county.statusCode, county.body).toBe(200);
    const o = county.json();
    expect(o.day).toBe('2020-01-25');
    expect(o.region).toMatchObject({ name: '平遥县', figures: { partyMembers: 3, callouts: 2, calloutsOnTime: 1 } });
    expect(o.parentId).toBeNull();
    const byName = Object.fromEntries(o.children.map((c: { name: string }) => [c.name, c]));
    expect(byName['古陶镇'].figures).toMatchObject({ partyMembers: 3, partyMembersOnDuty: 3, commandoTeams: 1 });
    expect(byName['段村镇'].figures).toMatchObject({ partyMembers: 0, callouts: 0 });

    // call-out times: first acknowledgements at 10 min and at once (median 5 min), arrivals at 10, 10,
    // 10, 0 and 20 min (median 10), one of the two complete within 15 minutes
    const gutaoTimes = { callouts: 2, medianFirstAckSeconds: 300, medianArriveSeconds: 600, withinStandardShare: 0.5 };
    expect(byName['古陶镇'].calloutTimes).toEqual(gutaoTimes);
    expect(byName['段村镇'].calloutTimes).toEqual({
      callouts: 0,
      medianFirstAckSeconds: null,
      medianArriveSeconds: null,
      withinStandardShare: null,
    });
    expect(o.region.calloutTimes).toEqual(gutaoTimes);
    // party members' donations, from donations' own records: the day's and up to the day
    const gutaoGiving = { donationsToday: 1, moneyToday: 1000, donations: 2, members: 2, money: 1500 };
    expect(byName['古陶镇'].partyGiving).toEqual(gutaoGiving);
    expect(byName['段村镇'].partyGiving).toMatchObject({ donations: 0, money: 0, members: 0 });
    expect(o.region.partyGiving).toEqual(gutaoGiving);

    // drill down: 古陶镇's villages, and the way back up
    const town = (await zuzhibu.get(`/api/mobilisation/overview?region=${tree.gutao.id}`)).json();
    expect(town.parentId).toBe(tree.county.id);
    expect(town.children.find((c: { name: string }) => c.name === '东城村').figures.partyMembers).toBe(3);
    // the times are the township's (its call-outs are ordered at township level), not its villages'
    expect(town.region.calloutTimes).toEqual(gutaoTimes);
    expect(town.children.find((c: { name: string }) => c.name === '东城村').calloutTimes).toBeNull();

    // yesterday: nothing had happened yet
    const before = (await zuzhibu.get('/api/mobilisation/overview?day=2020-01-24')).json();
    expect(before.region.figures).toMatchObject({ callouts: 0, partyMembersOnDuty: 0 });
    expect(before.region.calloutTimes).toMatchObject({ callouts: 0, medianFirstAckSeconds: null });
    const future = await zuzhibu.get('/api/mobilisation/overview?day=2020-01-26');
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('FIGURES_DAY_IN_FUTURE');

    // a township sees its own subtree only; another township's region is not found; a grid worker may not read it
    const own = (await gutao.get('/api/mobilisation/overview')).json();
    expect(own.region.name).toBe('古陶镇');
    expect(own.parentId).toBeNull();
    expect(own.region.calloutTimes).toEqual(gutaoTimes);
    const duancunOwn = (await (await t.login('duancun', PASSWORD)).get('/api/mobilisation/overview')).json();
    expect(duancunOwn.region.calloutTimes.callouts).toBe(0);
    const duancun = await t.login('duancun', PASSWORD);
    expect((await duancun.get(`/api/mobilisation/overview?region=${tree.gutao.id}`)).statusCode).toBe(404);
    expect((await (await t.login('grid01', PASSWORD)).get('/api/mobilisation/overview')).statusCode).toBe(403);

    const xlsx = await zuzhibu.get('/api/mobilisation/overview.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(
      encodeURIComponent('党员志愿者动员统计-平遥县-2020-01-25.xlsx'),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('动员统计')!;
    expect(ws.getRow(2).values).toContain('在一线党员');
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const gutaoRow = rows.find((r) => r[1] === '古陶镇')!;
    expect(gutaoRow[2]).toBe(3); // 党员人数
    expect(ws.getRow(2).values).toContain('15分钟内集结完成率（%）');
    expect(gutaoRow.slice(15, 18)).toEqual([5, 10, 50]); // minutes to first acknowledgement, to arrival; % within 15 minutes
    expect(ws.getRow(2).values).toContain('党员捐款累计（元）');
    expect(gutaoRow.slice(18, 21)).toEqual([1000, 1500, 2]); // yuan today, yuan to date, members who gave
    expect(rows.at(-1)![1]).toBe('平遥县（合计）');
    const audited = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'mobilisation.export')
      .execute();
    expect(audited).toHaveLength(1);
  });
});
