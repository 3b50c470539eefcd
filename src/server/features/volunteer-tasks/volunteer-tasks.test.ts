import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { expectAll } from '../../testing/expect-all';
import { GLOBAL_SCOPE } from '../../access/scope';
import { idCardCheckChar } from '../../../shared/validators';
import { volunteerServiceFigures } from './index';

/**
 * 志愿服务任务与时长 through the API: 古陶镇 hands a poster task to a volunteer group of 东城村 (fixture
 * rows in the volunteers' tables) and a disinfection task to one person; the leader checks the
 * volunteers in and out, one check-in is left open and is closed by the 12-hour rule and flagged;
 * the lead approves one and refuses the flagged one (the record stays); totals count only approved
 * hours; the task is done with a note and a photo (type and size checked); a certificate is issued
 * and checked on the public page. 段村镇's cadre sees and changes none of it.
 */
let t: TestApp;
let admin: Client;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const persons: Record<string, string> = {};
const state: Record<string, string> = {};

async function snapshot() {
  const tables = ['volunteer_tasks', 'volunteer_task_assignees', 'volunteer_hours', 'volunteer_certificates'] as const;
  const out = [];
  for (const table of tables) out.push(await t.db.selectFrom(table).selectAll().execute());
  return JSON.stringify(out);
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  admin = await t.login('admin', ADMIN_PASSWORD);
  [gutao, duancun] = (await Promise.all(['gutao', 'duancun'].map((u) => t.login(u, PASSWORD)))) as [Client, Client];
  for (const [name, first17, phone] of [
    ['张志强', '14072819800101001', '13912340001'],
    ['李红梅', '14072819850202002', '13912340002'],
    ['王建国', '14072819900303003', '13912340003'],
  ] as const) {
    const res = await admin.post('/api/persons', {
      name,
      idNumber: id(first17),
      phone,
      regionId: tree.buildingA.id,
      confirmNotDuplicate: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    persons[name] = res.json().person.id;
  }
  // a volunteer group of 东城村 (the volunteers feature's tables; fixture rows)
  const at = t.clock.now().toISOString();
  state.group = randomUUID();
  await t.db
    .insertInto('volunteer_groups')
    .values({
      id: state.group,
      status: 'active',
      region_id: tree.dongcheng.id,
      region_path: tree.dongcheng.path,
      name: '东城村第一志愿小组',
      leader_person_id: persons['张志强']!,
      note: null,
      disbanded_at: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await t.db
    .insertInto('volunteer_group_members')
    .values(
      Object.values(persons).map((p) => ({
        group_id: state.group!,
        person_id: p,
        region_path: tree.dongcheng.path,
        joined_at: at,
        left_at: null,
      })),
    )
    .execute();
});
afterAll(async () => t.close());

const window = { startsAt: '2020-01-25T08:00:00Z', endsAt: '2020-01-25T18:00:00Z' };

describe('volunteer tasks', () => {
  it('hands a task to a group: its members become the task persons; masked; audited', async () => {
    const res = await gutao.post('/api/volunteer-tasks', {
      kind: 'posters',
      title: '张贴防控标语',
      regionId: tree.dongcheng.id,
      place: '东城村村委会至主街',
      ...window,
      assignee: { groupId: state.group },
    });
    expect(res.statusCode, res.body).toBe(201);
    state.task = res.json().id;
    expect(res.json()).toMatchObject({
      status: 'open',
      assigneeKind: 'group',
      assigneeName: '东城村第一志愿小组',
      persons: 3,
    });
    const detail = (await gutao.get(`/api/volunteer-tasks/${state.task}`)).json();
    expect(detail.assignees).toHaveLength(3);
    expectAll(
      detail.assignees,
      (a: { idNumber: string; phone: string }) => a.idNumber.includes('*') && a.phone.includes('*'),
    );
    const audits = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', state.task!).execute();
    expect(audits.map((a) => a.action)).toContain('volunteer_task.create');

    const one = await gutao.post('/api/volunteer-tasks', {
      kind: 'disinfection',
      title: '楼道消杀',
      regionId: tree.gridA.id,
      place: '1号院',
      ...window,
      assignee: { personId: persons['王建国'] },
    });
    expect(one.statusCode, one.body).toBe(201);
    expect(one.json()).toMatchObject({ assigneeKind: 'person', assigneeName: '王建国', persons: 1 });
  });

  it('refuses bad input with stable codes and changes nothing', async () => {
    const before = await snapshot();
    const base = { kind: 'posters', title: 'x', regionId: tree.dongcheng.id, place: 'x', ...window };
    const cases: [unknown, number, string][] = [
      [{ ...base, assignee: { groupId: randomUUID() } }, 404, 'VOLUNTEER_GROUP_NOT_FOUND'],
      [
        { ...base, assignee: { personId: persons['张志强'] }, gatheringId: randomUUID() },
        400,
        'VOLUNTEER_TASK_LINK_INVALID',
      ],
      [
        { ...base, kind: 'errands', assignee: { personId: persons['张志强'] }, necessityId: randomUUID() },
        404,
        'NECESSITY_NOT_FOUND',
      ],
      [{ ...base, endsAt: window.startsAt, assignee: { personId: persons['张志强'] } }, 400, 'VALIDATION'],
      [{ ...base, kind: 'party', assignee: { personId: persons['张志强'] } }, 400, 'VALIDATION'],
    ];
    for (const [body, status, code] of cases) {
      const res = await gutao.post('/api/volunteer-tasks', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    // 段村镇 cannot give 古陶镇's group a task
    const other = await duancun.post('/api/volunteer-tasks', {
      ...base,
      regionId: tree.duancunVillage.id,
      assignee: { groupId: state.group },
    });
    expect(other.json().error.code).toBe('VOLUNTEER_GROUP_NOT_FOUND');
    expect(await snapshot()).toBe(before);
  });
});

describe('hours', () => {
  it('the leader checks volunteers in and out; one open check-in per person; the task turns in progress', async () => {
    const a = await gutao.post('/api/volunteer-hours/check-in', { taskId: state.task, personId: persons['张志强'] });
    expect(a.statusCode, a.body).toBe(201);
    state.hoursA = a.json().id;
    expect(a.json()).toMatchObject({ status: 'open', kind: 'posters', name: '张志强' });
    const again = await gutao.post('/api/volunteer-hours/check-in', {
      taskId: state.task,
      personId: persons['张志强'],
    });
    expect(again.json().error.code).toBe('VOLUNTEER_ALREADY_CHECKED_IN');
    const b = await gutao.post('/api/volunteer-hours/check-in', { taskId: state.task, personId: persons['李红梅'] });
    state.hoursB = b.json().id;
    const outsider = await gutao.post('/api/volunteer-hours/check-in', { taskId: state.task, personId: randomUUID() });
    expect(outsider.json().error.code).toBe('VOLUNTEER_NOT_ASSIGNED');
    expect((await gutao.get(`/api/volunteer-tasks/${state.task}`)).json().task.status).toBe('in_progress');

    const early = await gutao.post(`/api/volunteer-hours/${state.hoursA}/decision`, { decision: 'approve' });
    expect(early.json().error.code).toBe('VOLUNTEER_NOT_CHECKED_OUT');
    t.clock.advance(2.5 * 3600_000);
    const out = await gutao.post(`/api/volunteer-hours/${state.hoursA}/check-out`);
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ status: 'pending', minutes: 150, autoClosed: false });
    expect((await gutao.post(`/api/volunteer-hours/${state.hoursA}/check-out`)).json().error.code).toBe(
      'VOLUNTEER_NOT_CHECKED_IN',
    );
    const ok = await gutao.post(`/api/volunteer-hours/${state.hoursA}/decision`, { decision: 'approve' });
    expect(ok.json()).toMatchObject({ status: 'approved', minutes: 150 });
  });

  it('a check-in left open is closed 12 hours after it began and flagged, at read time', async () => {
    t.clock.advance(10 * 3600_000); // 12.5 h after 李红梅 checked in
    // sessions idle that long have ended: log in again
    admin = await t.login('admin', ADMIN_PASSWORD);
    duancun = await t.login('duancun', PASSWORD);
    const list = (await gutao.get(`/api/volunteer-hours?taskId=${state.task}`)).json().items;
    const b = list.find((h: { id: string }) => h.id === state.hoursB);
    expect(b).toMatchObject({ status: 'pending', autoClosed: true, minutes: 720 });
    expect(new Date(b.checkOutAt).getTime() - new Date(b.checkInAt).getTime()).toBe(12 * 3600_000);
  });

  it('a refusal keeps the record with its reason and cannot be decided again', async () => {
    const res = await gutao.post(`/api/volunteer-hours/${state.hoursB}/decision`, {
      decision: 'refuse',
      reason: '未签退，实际在岗约3小时',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'refused', refusalReason: '未签退，实际在岗约3小时', minutes: 720 });
    const again = await gutao.post(`/api/volunteer-hours/${state.hoursB}/decision`, { decision: 'approve' });
    expect(again.json().error.code).toBe('VOLUNTEER_HOURS_DECIDED');
    const row = await t.db.selectFrom('volunteer_hours').selectAll().where('id', '=', state.hoursB!).executeTakeFirst();
    expect(row).toMatchObject({ status: 'refused', auto_closed: 1 });
  });

  it('totals count approved hours only, pending apart, refused not at all — per person, group and township', async () => {
    const c = await gutao.post('/api/volunteer-hours/check-in', { taskId: state.task, personId: persons['王建国'] });
    t.clock.advance(3600_000);
    await gutao.post(`/api/volunteer-hours/${c.json().id}/check-out`);
    const q = 'from=2020-01-25&to=2020-01-31';
    const byPerson = (await gutao.get(`/api/volunteer-hours/totals?by=person&${q}`)).json().rows;
    const of = (name: string) => byPerson.find((r: { name: string }) => r.name === name);
    expect(of('张志强')).toMatchObject({ approvedMinutes: 150, pendingMinutes: 0 });
    expect(of('王建国')).toMatchObject({ approvedMinutes: 0, pendingMinutes: 60 });
    expect(of('李红梅')).toBeUndefined();
    const byGroup = (await gutao.get(`/api/volunteer-hours/totals?by=group&${q}`)).json().rows;
    expect(byGroup).toEqual([
      expect.objectContaining({ name: '东城村第一志愿小组', approvedMinutes: 150, pendingMinutes: 60 }),
    ]);
    const byTownship = (await admin.get(`/api/volunteer-hours/totals?by=township&${q}`)).json().rows;
    expect(byTownship).toEqual([expect.objectContaining({ name: '古陶镇', approvedMinutes: 150, pendingMinutes: 60 })]);
    const none = (await duancun.get(`/api/volunteer-hours/totals?by=person&${q}`)).json().rows;
    expect(none).toEqual([]);
  });

  it('stars: 一星 at 100 approved hours', async () => {
    const at = '2020-01-20T08:00:00.000Z';
    await t.db
      .insertInto('volunteer_hours')
      .values({
        id: randomUUID(),
        person_id: persons['张志强']!,
        region_path: tree.dongcheng.path,
        task_id: null,
        shift_id: null,
        group_id: null,
        team_id: null,
        kind: 'other',
        check_in_at: at,
        check_out_at: at,
        minutes: 100 * 60,
        auto_closed: 0,
        status: 'approved',
        refusal_reason: null,
        checked_in_by: null,
        checked_out_by: null,
        decided_by: null,
        decided_at: at,
        created_at: at,
      })
      .execute();
    const list = (await gutao.get(`/api/volunteer-hours/recognition?regionId=${tree.gutao.id}`)).json();
    expect(list[0]).toMatchObject({ name: '张志强', stars: 1, nextStarHours: 198 - 0 });
    expect(list[0].idNumber).toContain('*');
    expect(list.find((r: { name: string }) => r.name === '王建国')).toMatchObject({ stars: 0, pendingMinutes: 60 });
  });
});

describe('done, photo, certificate, scope', () => {
  it('a task is done with a note; its photo is type- and size-checked by its bytes and served in scope only', async () => {
    const notYet = await gutao.request({
      method: 'POST',
      url: `/api/volunteer-tasks/${state.task}/photo`,
      headers: { 'content-type': 'image/png' },
      payload: PNG,
    });
    expect(notYet.json().error.code).toBe('VOLUNTEER_TASK_NOT_DONE');
    const done = await gutao.post(`/api/volunteer-tasks/${state.task}/done`, { note: '张贴标语40条' });
    expect(done.json()).toMatchObject({ status: 'done', doneNote: '张贴标语40条', hasPhoto: false });
    const put = (payload: Buffer, type = 'image/png') =>
      gutao.request({
        method: 'POST',
        url: `/api/volunteer-tasks/${state.task}/photo`,
        headers: { 'content-type': type },
        payload,
      });
    const fake = await put(Buffer.from('<svg onload=alert(1)>'.padEnd(64, ' ')));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.code).toBe('VOLUNTEER_PHOTO_TYPE');
    const big = await put(Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), 'application/octet-stream');
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('VOLUNTEER_PHOTO_TOO_LARGE');
    expect((await gutao.get(`/api/volunteer-tasks/${state.task}`)).json().task.hasPhoto).toBe(false);
    const ok = await put(PNG);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().hasPhoto).toBe(true);
    const photo = await gutao.get(`/api/volunteer-tasks/${state.task}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(PNG)).toBe(true);
    expect((await duancun.get(`/api/volunteer-tasks/${state.task}/photo`)).statusCode).toBe(404);
    const late = await gutao.post('/api/volunteer-hours/check-in', { taskId: state.task, personId: persons['李红梅'] });
    expect(late.json().error.code).toBe('VOLUNTEER_TASK_CLOSED');
  });

  it('issues a certificate of approved hours and anyone can check it by its code, name masked', async () => {
    const res = await gutao.post('/api/volunteer-certificates', {
      personId: persons['张志强'],
      from: '2020-01-01',
      to: '2020-01-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    const cert = res.json();
    expect(cert).toMatchObject({
      serial: 'ZYFW2020000001',
      name: '张志强',
      totalMinutes: 100 * 60 + 150,
      stars: 1,
      issuer: '平遥县 古陶镇',
    });
    expect(cert.idNumber).toContain('*');
    expect(cert.byKind).toEqual([
      { kind: 'other', minutes: 6000 },
      { kind: 'posters', minutes: 150 },
    ]);
    const code = cert.verifyPath.split('/').pop();
    const view = await t.anonymous.get(`/api/public/volunteer-certificates/${code}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ serial: 'ZYFW2020000001', name: '张**', totalMinutes: 6150 });
    expect(view.body).not.toContain('张志强');
    expect(view.body).not.toContain('140728');
    const unknown = await t.anonymous.get('/api/public/volunteer-certificates/made-up-code-000');
    expect(unknown.json().error.code).toBe('VOLUNTEER_CERTIFICATE_NOT_FOUND');
    const none = await gutao.post('/api/volunteer-certificates', {
      personId: persons['李红梅'],
      from: '2020-01-01',
      to: '2020-01-31',
    });
    expect(none.json().error.code).toBe('VOLUNTEER_NO_APPROVED_HOURS');
    expect((await duancun.get(`/api/volunteer-certificates/${cert.id}`)).statusCode).toBe(404);
  });

  it("段村镇 sees none of 古陶镇's tasks, hours or certificates and changes nothing (404, not 403)", async () => {
    const before = await snapshot();
    expect((await duancun.get('/api/volunteer-tasks')).json().items).toEqual([]);
    expect((await duancun.get('/api/volunteer-hours')).json().items).toEqual([]);
    expect((await duancun.get('/api/volunteer-hours/recognition')).json()).toEqual([]);
    for (const [method, url, body] of [
      ['GET', `/api/volunteer-tasks/${state.task}`, undefined],
      ['POST', `/api/volunteer-tasks/${state.task}/status`, { status: 'cancelled' }],
      ['POST', `/api/volunteer-tasks/${state.task}/done`, { note: 'x' }],
      ['POST', `/api/volunteer-hours/${state.hoursA}/check-out`, undefined],
      ['POST', `/api/volunteer-hours/${state.hoursA}/decision`, { decision: 'refuse', reason: 'x' }],
      ['POST', '/api/volunteer-hours/check-in', { taskId: state.task, personId: persons['张志强'] }],
    ] as const) {
      const res = await duancun.request({ method, url, ...(body ? { payload: body } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await gutao.get('/api/volunteer-tasks')).json().items).toHaveLength(2);
    expect(await snapshot()).toBe(before);
  });

  it('figures per township: active today, tasks done, approved minutes', async () => {
    const rows = await volunteerServiceFigures(t.db, GLOBAL_SCOPE, { day: '2020-01-25', timeZone: 'Asia/Shanghai' });
    const gutaoRow = rows.find((r) => r.path === tree.gutao.path);
    expect(gutaoRow).toMatchObject({ name: '古陶镇', activeToday: 2, approvedMinutes: 150 });
    expect(rows.find((r) => r.path === tree.duancun.path)).toMatchObject({
      activeToday: 0,
      tasksDone: 0,
      approvedMinutes: 0,
    });
    const done = await volunteerServiceFigures(
      t.db,
      { prefix: tree.gutao.path },
      { day: '2020-01-26', timeZone: 'Asia/Shanghai' },
    );
    expect(done).toEqual([expect.objectContaining({ name: '古陶镇', tasksDone: 1, activeToday: 1 })]);
  });
});

describe('checkpoint shifts', () => {
  it('checks in a person on a shift roster (卡口值守), refuses someone not on it; other townships get 404', async () => {
    const site = await gutao.post('/api/checkpoints/sites', {
      name: '东城村村口卡点',
      kind: 'village_entrance',
      regionId: tree.dongcheng.id,
    });
    expect(site.statusCode, site.body).toBe(201);
    const plan = await gutao.post('/api/checkpoints/shifts/plan', {
      siteId: site.json().id,
      fromDay: '2020-01-26',
      days: 1,
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const shifts = await t.db
      .selectFrom('duty_shifts')
      .select(['id', 'starts_at'])
      .where('site_id', '=', site.json().id)
      .orderBy('starts_at')
      .execute();
    const shift = shifts[0]!;
    const assign = await gutao.post(`/api/checkpoints/shifts/${shift.id}/assign`, { personId: persons['王建国'] });
    expect(assign.statusCode, assign.body).toBe(201);

    const notOn = await gutao.post('/api/volunteer-hours/check-in', { shiftId: shift.id, personId: persons['李红梅'] });
    expect(notOn.json().error.code).toBe('VOLUNTEER_NOT_ASSIGNED');
    const other = await duancun.post('/api/volunteer-hours/check-in', {
      shiftId: shift.id,
      personId: persons['王建国'],
    });
    expect(other.statusCode).toBe(404);
    const ok = await gutao.post('/api/volunteer-hours/check-in', { shiftId: shift.id, personId: persons['王建国'] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'checkpoint_duty', shiftId: shift.id, taskId: null, status: 'open' });
    t.clock.advance(30 * 60_000);
    const out = await gutao.post(`/api/volunteer-hours/${ok.json().id}/check-out`);
    expect(out.json()).toMatchObject({ status: 'pending', minutes: 30 });
  });
});
