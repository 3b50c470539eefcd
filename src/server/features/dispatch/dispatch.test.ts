import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { raiseAlert } from '../alerts/alerts.service';
import { expectAll } from '../../testing/expect-all';

/**
 * 一日两调度 through the API, on 24–25 January 2020 (Asia/Shanghai). On the 24th a returnee of
 * 东城村 is isolated at home and nobody follows him up, he becomes a case and has a fever; a
 * checkpoint of 古陶镇 has nobody on its roster and a seek notice is out. The county's morning sheet
 * of the 25th lists all of it; by the evening a case and a fever in 段村 are new, and the evening
 * sheet lists only those as new, plus what still stands. Lines are handed out and done; a township
 * sees only its own.
 */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
let gutaoUserId: string;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const state: Record<string, string> = {};

/** A fresh session (sessions end after 12 h without use, and the clock jumps). */
const as = (username: string): Promise<Client> => t.login(username, username === 'admin' ? ADMIN_PASSWORD : PASSWORD);

async function person(admin: Client, name: string, idNumber: string, regionId: string) {
  const res = await admin.post('/api/persons', { name, idNumber, regionId, confirmNotDuplicate: true });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().person as { id: string };
}

type Line = { id: string; kind: string; title: string; regionPath: string; sourceId: string; status: string };
const ofKind = (items: Line[], kind: string) => items.filter((i) => i.kind === kind);

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'command', 'command', tree.county);
  gutaoUserId = (await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao)).id;
  await makeUser(t.db, t.clock, 'worker', 'grid', tree.gridA);
  t.clock.set('2020-01-24T01:00:00Z'); // 09:00 on the 24th
  const admin = await as('admin');
  const returnee = await person(admin, '赵返乡', id('14072819900303003'), tree.buildingA.id);
  state.returnee = returnee.id;
  expect(
    (await admin.post('/api/isolation/episodes', { personId: returnee.id, kind: 'home', reason: 'hubei_returnee' }))
      .statusCode,
  ).toBe(201);
  t.clock.set('2020-01-24T06:00:00Z');
  const kase = await admin.post('/api/cases', {
    personId: returnee.id,
    classification: 'confirmed',
    reportDate: '2020-01-24',
  });
  expect(kase.statusCode, kase.body).toBe(201);
  state.case = kase.json().id;
  state.fever = await raiseAlert(t.db, t.clock, {
    kind: 'fever',
    personId: returnee.id,
    regionPath: tree.buildingA.path,
    sourceType: 'follow_up',
    sourceId: 'x',
    message: '赵返乡 体温 38.2℃',
  });
  const site = await admin.post('/api/checkpoints/sites', {
    name: '古陶东卡口',
    kind: 'village_entrance',
    regionId: tree.gutao.id,
  });
  expect(site.statusCode, site.body).toBe(201);
  state.site = site.json().id;
  const notice = (
    await admin.post('/api/seek-notices', {
      title: '寻找晋C60695乘客',
      body: '请同乘人员主动报告',
      hotline: '0354-5681234',
      regionId: tree.gutao.id,
      kind: 'vehicle',
      plate: '晋C60695',
      windowFrom: '2020-01-20T10:00:00Z',
      windowTo: '2020-01-20T14:00:00Z',
    })
  ).json();
  expect((await admin.post(`/api/seek-notices/${notice.id}/publish`)).statusCode).toBe(200);
  state.notice = notice.id;
});
afterAll(async () => t.close());

describe('dispatch sheets (一日两调度)', () => {
  it('the morning sheet lists the new case, the fever, the missed follow-up, the units not reported, the roster gap and the open notice', async () => {
    t.clock.set('2020-01-25T00:30:00Z'); // 08:30 on the 25th
    const command = await as('command');
    const res = await command.post('/api/dispatches', { slot: 'morning' });
    expect(res.statusCode, res.body).toBe(201);
    const sheet = res.json();
    state.morning = sheet.id;
    expect(sheet).toMatchObject({
      slot: 'morning',
      day: '2020-01-25',
      regionName: '平遥县',
      since: '2020-01-24T00:30:00.000Z',
      drawnByName: 'command',
      done: 0,
    });
    const items: Line[] = sheet.items;
    expect(sheet.total).toBe(items.length);
    expect(ofKind(items, 'new_case').map((i) => [i.sourceId, i.title])).toEqual([
      [state.case, '新增确诊病例：赵返乡（1号院）'],
    ]);
    expect(ofKind(items, 'new_fever').map((i) => i.sourceId)).toEqual([state.fever]);
    const missed = ofKind(items, 'missed_follow_up');
    expect(missed).toHaveLength(1);
    expect(missed[0]!.title).toContain('赵返乡');
    expect(missed[0]!.title).toContain('等 2 次');
    // one line per township for the units owing the zero report, the units kept inside
    const zero = ofKind(items, 'zero_report_missing') as (Line & { units: { name: string }[] })[];
    expect(zero.map((i) => i.sourceId).sort()).toEqual([tree.gutao.id, tree.duancun.id].sort());
    const gutaoLine = zero.find((i) => i.sourceId === tree.gutao.id)!;
    expect(gutaoLine.title).toMatch(/^2020-01-25 零报告未报：古陶镇 \d+ 个单位（.*东城村/);
    expect(gutaoLine.regionPath).toBe(tree.gutao.path);
    expect(gutaoLine.units.map((u) => u.name)).toContain('东城村');
    expect(zero.find((i) => i.sourceId === tree.duancun.id)!.units.map((u) => u.name)).toContain('段村');
    expect(ofKind(items, 'roster_gap').map((i) => i.sourceId)).toEqual([state.site]);
    expect(ofKind(items, 'roster_gap')[0]!.title).toMatch(/^卡口无人值守：古陶东卡口 /);
    expect(ofKind(items, 'open_notice').map((i) => [i.sourceId, i.title])).toEqual([
      [state.notice, '寻人通告仍在发布：寻找晋C60695乘客'],
    ]);
    expectAll(items, (i) => i.status === 'open');
  });

  it('drawing the same slot again returns the same sheet; a future day is refused', async () => {
    t.clock.set('2020-01-25T01:00:00Z');
    const command = await as('command');
    const again = await command.post('/api/dispatches', { slot: 'morning' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(state.morning);
    const future = await command.post('/api/dispatches', { slot: 'morning', day: '2020-01-26' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('DISPATCH_DAY_INVALID');
    expect(
      Number(
        (
          await t.db
            .selectFrom('dispatches')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);
  });

  it('the evening sheet lists only what is new since the morning, plus what still stands', async () => {
    t.clock.set('2020-01-25T03:00:00Z');
    const admin = await as('admin');
    const villager = await person(admin, '钱段村', id('14072819910404004'), tree.duancunVillage.id);
    state.case2 = (
      await admin.post('/api/cases', { personId: villager.id, classification: 'suspected', reportDate: '2020-01-25' })
    ).json().id;
    state.fever2 = await raiseAlert(t.db, t.clock, {
      kind: 'fever',
      personId: villager.id,
      regionPath: tree.duancunVillage.path,
      sourceType: 'screening',
      sourceId: 'y',
      message: '钱段村 体温 38.9℃',
    });

    // The morning's roster gap was handed to the site lead; it is still open at the evening dispatch.
    const morningCommand = await as('command');
    const morningGap = ofKind(
      (await morningCommand.get(`/api/dispatches/${state.morning}`)).json().items,
      'roster_gap',
    )[0]!;
    expect(
      (
        await morningCommand.post(`/api/dispatches/items/${morningGap.id}`, {
          assigneeName: '郝站长',
          dueAt: '2020-01-25T20:00:00+08:00',
        })
      ).statusCode,
    ).toBe(200);

    t.clock.set('2020-01-25T10:00:00Z'); // 18:00
    const command = await as('command');
    const res = await command.post('/api/dispatches', { slot: 'evening' });
    expect(res.statusCode, res.body).toBe(201);
    const sheet = res.json();
    state.evening = sheet.id;
    expect(sheet).toMatchObject({ slot: 'evening', day: '2020-01-25', since: '2020-01-25T00:30:00.000Z' });
    const items: Line[] = sheet.items;
    expect(ofKind(items, 'new_case').map((i) => [i.sourceId, i.title])).toEqual([
      [state.case2, '新增疑似病例：钱段村（段村）'],
    ]);
    expect(ofKind(items, 'new_fever').map((i) => i.sourceId)).toEqual([state.fever2]);
    expect(ofKind(items, 'missed_follow_up')).toHaveLength(1);
    expect(ofKind(items, 'open_notice').map((i) => i.sourceId)).toEqual([state.notice]);
    expect(ofKind(items, 'roster_gap').map((i) => i.sourceId)).toEqual([state.site]);
    // a line that still stands keeps who it was given to and by when
    expect(ofKind(items, 'roster_gap')[0]).toMatchObject({
      assigneeName: '郝站长',
      dueAt: '2020-01-25T12:00:00.000Z',
      status: 'open',
    });
    expect(ofKind(items, 'open_notice')[0]).toMatchObject({ assigneeName: null });
    expect(ofKind(items, 'zero_report_missing').length).toBe(2);

    const list = (await command.get('/api/dispatches')).json().items;
    expect(list.map((d: { id: string; slot: string }) => [d.id, d.slot])).toEqual([
      [state.evening, 'evening'],
      [state.morning, 'morning'],
    ]);
  });

  it('a line is handed to a user or a named person by a time, then done with a note', async () => {
    const command = await as('command');
    const sheet = (await command.get(`/api/dispatches/${state.evening}`)).json();
    const caseLine = ofKind(sheet.items, 'new_case')[0]!;
    const noticeLine = ofKind(sheet.items, 'open_notice')[0]!;

    const assigned = await command.post(`/api/dispatches/items/${caseLine.id}`, {
      assigneeUserId: gutaoUserId,
      dueAt: '2020-01-25T12:00:00+08:00',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({
      assigneeUserId: gutaoUserId,
      assigneeName: 'gutao',
      dueAt: '2020-01-25T04:00:00.000Z',
      overdue: true,
      status: 'open',
    });
    const named = await command.post(`/api/dispatches/items/${noticeLine.id}`, {
      assigneeName: '王志愿',
      dueAt: '2020-01-25T22:00:00+08:00',
    });
    expect(named.json()).toMatchObject({ assigneeUserId: null, assigneeName: '王志愿', overdue: false });
    const nobody = await command.post(`/api/dispatches/items/${caseLine.id}`, { dueAt: '2020-01-25T22:00:00+08:00' });
    expect(nobody.json().error.code).toBe('VALIDATION');

    t.clock.advance(30 * 60_000);
    const done = await command.post(`/api/dispatches/items/${caseLine.id}/done`, { note: '已转运定点医院，流调启动' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      doneNote: '已转运定点医院，流调启动',
      doneAt: '2020-01-25T10:30:00.000Z',
      overdue: false,
    });
    expect((await command.post(`/api/dispatches/items/${caseLine.id}/done`, { note: '再次' })).json().error.code).toBe(
      'DISPATCH_ITEM_DONE',
    );
    expect(
      (
        await command.post(`/api/dispatches/items/${caseLine.id}`, {
          assigneeName: '李四',
          dueAt: '2020-01-25T22:00:00+08:00',
        })
      ).json().error.code,
    ).toBe('DISPATCH_ITEM_DONE');

    const after = (await command.get(`/api/dispatches/${state.evening}`)).json();
    expect(after).toMatchObject({ done: 1, total: sheet.total });
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'dispatch%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'dispatch.draw',
      'dispatch.draw',
      'dispatch_item.assign',
      'dispatch_item.assign',
      'dispatch_item.assign',
      'dispatch_item.done',
    ]);
  });

  it('a township cadre draws and sees only its own township; a grid worker may not dispatch', async () => {
    const gutao = await as('gutao');
    const res = await gutao.post('/api/dispatches', { slot: 'evening' });
    expect(res.statusCode, res.body).toBe(201);
    const sheet = res.json();
    expect(sheet).toMatchObject({
      regionName: '古陶镇',
      regionPath: tree.gutao.path,
      since: '2020-01-24T10:30:00.000Z',
    });
    const items: Line[] = sheet.items;
    expect(items.length).toBeGreaterThan(0);
    expectAll(items, (i) => i.regionPath.startsWith(tree.gutao.path));
    // Its first sheet looks back 24 h: the returnee's case is older, 段村's case is not its own.
    expect(ofKind(items, 'new_case')).toEqual([]);
    expect(ofKind(items, 'missed_follow_up')).toHaveLength(1);
    expect(items.some((i) => i.title.includes('段村'))).toBe(false);

    expect((await gutao.get('/api/dispatches')).json().items.map((d: { id: string }) => d.id)).toEqual([sheet.id]);
    expect((await gutao.get(`/api/dispatches/${state.evening}`)).json().error.code).toBe('DISPATCH_NOT_FOUND');
    const command = await as('command');
    const countyLine = (await command.get(`/api/dispatches/${state.evening}`))
      .json()
      .items.find((i: Line) => i.status === 'open');
    expect((await gutao.post(`/api/dispatches/items/${countyLine.id}/done`, { note: '越权' })).json().error.code).toBe(
      'DISPATCH_ITEM_NOT_FOUND',
    );
    // The county sees the township's sheet (it lies inside the county).
    expect((await command.get(`/api/dispatches/${sheet.id}`)).statusCode).toBe(200);

    const worker = await as('worker');
    expect((await worker.post('/api/dispatches', { slot: 'morning' })).statusCode).toBe(403);
    expect((await worker.get('/api/dispatches')).statusCode).toBe(403);
  });
});
