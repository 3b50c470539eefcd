import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { sweepFollowUps } from './followups.service';

let t: TestApp;
let admin: Client;
let observer: Client;
let otherGrid: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
let observerId: string;
let household: { id: string };
const persons: Record<string, string> = {};
const id = (first17: string) => first17 + idCardCheckChar(first17);

/** Local time in Asia/Shanghai (UTC+8) as an instant. */
const local = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

/** Move the clock (sessions last 12 hours, so everyone logs in again at the new time). */
async function at(when: Date) {
  t.clock.set(when);
  admin = await t.login('admin', ADMIN_PASSWORD);
  observer = await t.login('obs', PASSWORD);
  otherGrid = await t.login('gridb', PASSWORD);
}

async function person(client: Client, name: string, idNumber: string, householdId?: string) {
  const res = await client.post('/api/persons', {
    name,
    idNumber,
    ...(householdId ? { householdId, relation: 'other' } : { regionId: tree.buildingA.id }),
    confirmNotDuplicate: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().person.id as string;
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  observerId = (await makeUser(t.db, t.clock, 'obs', 'observer', tree.dongcheng)).id;
  await makeUser(t.db, t.clock, 'gridb', 'grid', tree.gridB);
  await at(local('2020-01-25', '09:00'));
  household = (
    await admin.post('/api/households', { regionId: tree.buildingA.id, room: '3单元101', phone: '13800001111' })
  ).json();
  persons.father = await person(admin, '王建国', id('14072819650101001'), household.id);
  persons.mother = await person(admin, '李秀英', id('14072819670202002'), household.id);
  persons.returnee = await person(admin, '赵武汉', id('14072819900303003'));
  persons.contact = await person(admin, '钱密接', id('14072819910404004'));
  persons.bus = await person(admin, '孙乘客', id('14072819920505005'));
});
afterAll(async () => t.close());

describe('isolation episodes and follow-up slots', () => {
  it('isolates a returnee at home for 14 days with morning and evening slots from now on', async () => {
    // 09:00 on 25 January: the morning window (07:00–12:00) is still open, so day 1 has both slots.
    const res = await admin.post('/api/isolation/episodes', {
      personId: persons.returnee,
      kind: 'home',
      reason: 'hubei_returnee',
      observerId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const ep = res.json();
    expect(ep).toMatchObject({
      personName: '赵武汉',
      kind: 'home',
      status: 'active',
      startDay: '2020-01-25',
      plannedEndDay: '2020-02-07',
      dayNumber: 1,
      slotsPerDay: 2,
      observerName: 'obs',
      missedCount: 0,
    });
    expect(ep.idNumber).toMatch(/^1407\*+0033$|^1407\*+\d{3}[0-9X]$/);
    const detail = (await admin.get(`/api/isolation/episodes/${ep.id}`)).json();
    expect(detail.slots).toHaveLength(28);
    expect(detail.slots[0]).toMatchObject({
      day: '2020-01-25',
      seq: 1,
      dueFrom: '2020-01-24T23:00:00.000Z',
      dueTo: '2020-01-25T04:00:00.000Z',
      status: 'pending',
    });
    expect(detail.slots[27]).toMatchObject({ day: '2020-02-07', seq: 2 });
    persons.returneeEpisode = ep.id;
  });

  it('refuses a second active episode for the same person, and bad input changes nothing', async () => {
    const again = await admin.post('/api/isolation/episodes', {
      personId: persons.returnee,
      kind: 'home',
      reason: 'other',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_ISOLATED');
    const bad = await admin.post('/api/isolation/episodes', {
      personId: persons.contact,
      kind: 'centralised',
      reason: 'close_contact',
    });
    expect(bad.json().error.code).toBe('ISOLATION_SITE_REQUIRED');
    const observerOutside = await admin.post('/api/isolation/episodes', {
      personId: persons.contact,
      kind: 'home',
      reason: 'close_contact',
      observerId: (await makeUser(t.db, t.clock, 'obs2', 'observer', tree.duancun)).id,
    });
    expect(observerOutside.json().error.code).toBe('OBSERVER_INVALID');
    const n = await t.db
      .selectFrom('isolation_episodes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', persons.contact!)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('an observer fills the morning slot; a fever raises an alert and tags the person', async () => {
    const today = (await observer.get('/api/isolation/today')).json().items;
    expect(today).toHaveLength(1);
    expect(today[0]).toMatchObject({ dueNow: true, overdue: false });
    const slotId = today[0].currentSlotId;
    const noTemp = await observer.post(`/api/isolation/slots/${slotId}`, { condition: 'well' });
    expect(noTemp.json().error.code).toBe('TEMPERATURE_REQUIRED');
    const filled = await observer.post(`/api/isolation/slots/${slotId}`, {
      temperature: 37.8,
      symptoms: ['cough'],
      condition: 'well',
    });
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.json()).toMatchObject({ status: 'filled', temperature: 37.8, condition: 'unwell', via: 'observer' });
    expect(
      (await observer.post(`/api/isolation/slots/${slotId}`, { temperature: 36.5, condition: 'well' })).json().error
        .code,
    ).toBe('SLOT_DONE');
    const alerts = (await admin.get('/api/alerts')).json().items;
    expect(alerts[0]).toMatchObject({ kind: 'fever', sourceType: 'follow_up', sourceId: slotId, personName: '赵武汉' });
    expect(alerts[0].message).toContain('37.8');
    // the alert's text names the symptom in Chinese, never its code
    expect(alerts[0].message).toContain('症状：咳嗽');
    expect(alerts[0].message).not.toMatch(/[a-z]{3}/);
    expect((await admin.get(`/api/persons/${persons.returnee}`)).json().tags).toContain('fever');
  });

  it('cannot fill a slot before its window, nor one outside the jurisdiction', async () => {
    const detail = (await admin.get(`/api/isolation/episodes/${persons.returneeEpisode}`)).json();
    const tomorrow = detail.slots.find((s: { day: string }) => s.day === '2020-01-26');
    expect(
      (await observer.post(`/api/isolation/slots/${tomorrow.id}`, { temperature: 36.5, condition: 'well' })).json()
        .error.code,
    ).toBe('SLOT_NOT_OPEN');
    expect(
      (await otherGrid.post(`/api/isolation/slots/${tomorrow.id}`, { temperature: 36.5, condition: 'well' }))
        .statusCode,
    ).toBe(404);
    expect((await otherGrid.get(`/api/isolation/episodes/${persons.returneeEpisode}`)).statusCode).toBe(404);
    expect((await otherGrid.get('/api/isolation/episodes')).json().items).toHaveLength(0);
  });

  it('missed: the evening slot turns missed after 22:00 + 2 h grace, across midnight; two in a row escalate once', async () => {
    await at(local('2020-01-25', '23:59'));
    let missed = (await admin.get('/api/isolation/missed')).json();
    expect(missed.total).toBe(0);
    await at(local('2020-01-26', '00:01'));
    missed = (await admin.get('/api/isolation/missed')).json();
    expect(missed.total).toBe(1);
    expect(missed.items[0]).toMatchObject({
      personName: '赵武汉',
      day: '2020-01-25',
      seq: 2,
      streak: 1,
      observerName: 'obs',
      regionName: '东城村',
    });
    expect(missed.byObserver).toEqual([{ observerId, observerName: 'obs', missed: 1 }]);
    expect(await sweepFollowUps(t.db, t.clock)).toEqual({ missed: 1, escalated: 0 });
    // The morning of the 26th passes unreported too: the second miss in a row goes to the township.
    await at(local('2020-01-26', '14:01'));
    expect(await sweepFollowUps(t.db, t.clock)).toEqual({ missed: 1, escalated: 1 });
    expect(await sweepFollowUps(t.db, t.clock)).toEqual({ missed: 0, escalated: 0 });
    missed = (await admin.get('/api/isolation/missed')).json();
    expect(missed.items[0]).toMatchObject({ day: '2020-01-26', seq: 1, streak: 2 });
    const escalation = (await admin.get('/api/alerts'))
      .json()
      .items.find((a: { kind: string }) => a.kind === 'missed_follow_up');
    expect(escalation.message).toContain('古陶镇');
    expect(escalation.message).toContain('连续 2 次');
    const ep = (await admin.get(`/api/isolation/episodes/${persons.returneeEpisode}`)).json().episode;
    expect(ep.missedCount).toBe(2);
  });

  it('isolates a household together and takes one report for all members present', async () => {
    await at(local('2020-01-26', '18:30'));
    const res = await observer.post('/api/isolation/episodes/household', {
      householdId: household.id,
      kind: 'home',
      reason: 'close_contact',
      days: 14,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { created, skipped } = res.json();
    expect(created).toHaveLength(2);
    expect(skipped).toHaveLength(0);
    const eps = created.map((c: { episodeId: string }) => c.episodeId);
    // Created at 18:30: the morning slot of day 1 was already over, so it is not planned.
    const slots = (await observer.get(`/api/isolation/episodes/${eps[0]}`)).json().slots;
    expect(slots[0]).toMatchObject({ day: '2020-01-26', seq: 2 });
    expect(slots).toHaveLength(27);
    const one = await observer.post(`/api/isolation/households/${household.id}/follow-up`, {
      entries: [
        { episodeId: eps[0], temperature: 36.4, condition: 'well' },
        { episodeId: eps[1], temperature: 36.6, condition: 'well' },
      ],
    });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toEqual({ filled: 2 });
    const again = await observer.post(`/api/isolation/households/${household.id}/follow-up`, {
      entries: [{ episodeId: eps[0], temperature: 36.4, condition: 'well' }],
    });
    expect(again.json().error.code).toBe('NO_SLOT_OPEN');
  });

  it('a centralised site assigns free rooms, refuses a full one, and shows who leaves when', async () => {
    const site = (
      await admin.post('/api/isolation/sites', {
        name: '平遥宾馆',
        regionId: tree.gutao.id,
        contactName: '周经理',
        contactPhone: '13900002222',
      })
    ).json();
    expect(site).toMatchObject({ name: '平遥宾馆', contactPhone: '139****2222', rooms: 0 });
    expect((await admin.post(`/api/isolation/sites/${site.id}/rooms`, { from: 101, to: 102 })).json()).toEqual({
      created: 2,
    });
    expect((await admin.post(`/api/isolation/sites/${site.id}/rooms`, { labels: ['101'] })).json().error.code).toBe(
      'ROOM_LABEL_TAKEN',
    );
    const bulk = (
      await admin.post('/api/isolation/episodes/bulk', {
        personIds: [persons.contact, persons.bus],
        kind: 'centralised',
        siteId: site.id,
        reason: 'close_contact',
        sourceType: 'contact',
      })
    ).json();
    expect(bulk.created).toHaveLength(2);
    const view = (await admin.get(`/api/isolation/sites/${site.id}`)).json();
    expect(view.site).toMatchObject({ rooms: 2, capacity: 2, occupied: 2 });
    expect(
      view.rooms.map((r: { label: string; occupants: { personName: string }[] }) => [
        r.label,
        r.occupants.map((o) => o.personName),
      ]),
    ).toEqual([
      ['101', ['钱密接']],
      ['102', ['孙乘客']],
    ]);
    expect(view.rooms[0].occupants[0].plannedEndDay).toBe('2020-02-08');
    const fourth = await person(admin, '吴第四', id('14072819930606006'));
    const full = await admin.post('/api/isolation/episodes', {
      personId: fourth,
      kind: 'centralised',
      siteId: site.id,
      reason: 'close_contact',
    });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('SITE_FULL');
    const skipped = (
      await admin.post('/api/isolation/episodes/bulk', {
        personIds: [persons.contact],
        kind: 'home',
        reason: 'close_contact',
      })
    ).json();
    expect(skipped.skipped).toEqual([
      { personId: persons.contact, code: 'ALREADY_ISOLATED', message: '此人已在隔离观察中' },
    ]);
  });

  it('the self-report link: no login, fills the slot due now, asks for help, stops working when the episode ends', async () => {
    const eps = (await admin.get(`/api/isolation/episodes?q=${encodeURIComponent('孙乘客')}`)).json().items;
    const episodeId = eps[0].id;
    const link = (await admin.post(`/api/isolation/episodes/${episodeId}/link`)).json();
    expect(link.path).toBe(`/r/${link.token}`);
    await at(local('2020-01-27', '08:10'));
    const view = (await t.anonymous.get(`/api/public/self-report/${link.token}`)).json();
    expect(view).toMatchObject({ name: '孙**', dayNumber: 2, canReportNow: true });
    expect(JSON.stringify(view)).not.toContain('14072819920505005');
    const sent = await t.anonymous.post(`/api/public/self-report/${link.token}`, { temperature: 36.7, symptoms: [] });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ day: '2020-01-27', seq: 1, unwell: false });
    const twice = await t.anonymous.post(`/api/public/self-report/${link.token}`, { temperature: 36.7 });
    expect(twice.json().error.code).toBe('NO_SLOT_OPEN');
    expect(twice.json().error.details.nextDueFrom).toBe(local('2020-01-27', '17:00').toISOString());
    // the page says when the next report is due and whom to call: nobody yet, then the area's 包保 contact
    const after = (await t.anonymous.get(`/api/public/self-report/${link.token}`)).json();
    expect(after).toMatchObject({
      canReportNow: false,
      nextDueFrom: local('2020-01-27', '17:00').toISOString(),
      timeZone: t.config.timeZone,
      contact: null,
    });
    const duty = await admin.post('/api/responsibilities', {
      regionId: tree.county.id,
      personName: '王包保',
      post: '县包保干部',
      phone: '13912345678',
    });
    expect(duty.statusCode, duty.body).toBe(201);
    expect((await t.anonymous.get(`/api/public/self-report/${link.token}`)).json().contact).toEqual({
      name: '王包保',
      role: 'responsible',
      phone: '13912345678',
    });
    const help = await t.anonymous.post(`/api/public/self-report/${link.token}/necessities`, {
      kind: 'medicine',
      detail: '降压药 一盒',
    });
    expect(help.statusCode).toBe(201);
    const listed = (await admin.get('/api/isolation/necessities?status=open')).json().items;
    expect(listed[0]).toMatchObject({ kind: 'medicine', via: 'self', personName: '孙乘客', status: 'open' });
    await at(local('2020-01-27', '09:40'));
    expect(
      (
        await admin.post(`/api/isolation/necessities/${listed[0].id}`, {
          action: 'assign',
          assigneeName: '村委会 张三',
        })
      ).json(),
    ).toMatchObject({ status: 'assigned' });
    const done = (await admin.post(`/api/isolation/necessities/${listed[0].id}`, { action: 'fulfil' })).json();
    expect(done).toMatchObject({ status: 'fulfilled', minutesTaken: 90 });
    expect(
      (await admin.post(`/api/isolation/necessities/${listed[0].id}`, { action: 'fulfil' })).json().error.code,
    ).toBe('NECESSITY_STATE');
    const ended = await admin.post(`/api/isolation/episodes/${episodeId}/end`, { status: 'hospital' });
    expect(ended.json().error.code).toBe('END_REASON_REQUIRED');
    expect(
      (
        await admin.post(`/api/isolation/episodes/${episodeId}/end`, { status: 'hospital', reason: '发热转定点医院' })
      ).json(),
    ).toMatchObject({ status: 'hospital' });
    expect((await t.anonymous.get(`/api/public/self-report/${link.token}`)).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/public/self-report/not-a-real-token-000')).json().error.code).toBe(
      'SELF_REPORT_LINK_INVALID',
    );
    // Slots still ahead are cancelled; the ones already past keep what happened to them.
    const ahead = await t.db
      .selectFrom('follow_up_slots')
      .select('status')
      .where('episode_id', '=', episodeId)
      .where('due_to', '>', t.clock.now().toISOString())
      .execute();
    expect(ahead.length).toBeGreaterThan(20);
    expect(ahead.filter((s) => s.status === 'pending')).toEqual([]);
    expect(ahead.filter((s) => s.status === 'filled')).toHaveLength(1);
  });

  it('completes an observation only at its planned end with normal follow-ups, and issues a verifiable certificate', async () => {
    await at(local('2020-01-27', '10:00'));
    const short = (
      await admin.post('/api/isolation/episodes', {
        personId: await person(admin, '郑短期', id('14072819940707007')),
        kind: 'home',
        reason: 'other',
        days: 2,
        observerId,
      })
    ).json();
    expect(
      (await admin.post(`/api/isolation/episodes/${short.id}/end`, { status: 'completed' })).json().error.code,
    ).toBe('NOT_YET_DUE');
    const slots = (await admin.get(`/api/isolation/episodes/${short.id}`)).json().slots;
    expect(slots).toHaveLength(4);
    for (const [i, s] of slots.entries()) {
      await at(new Date(Date.parse(s.dueFrom) + 30 * 60_000));
      const res = await observer.post(
        `/api/isolation/slots/${s.id}`,
        i === 3 ? { condition: 'not_seen' } : { temperature: 36.5, condition: 'well' },
      );
      expect(res.statusCode, res.body).toBe(200);
    }
    await at(local('2020-01-28', '22:30'));
    expect(
      (await admin.post(`/api/isolation/episodes/${short.id}/end`, { status: 'completed' })).json().error.code,
    ).toBe('FOLLOW_UPS_NOT_NORMAL');
    await t.db
      .updateTable('follow_up_slots')
      .set({ condition: 'well', temperature: 36.4 })
      .where('id', '=', slots[3].id)
      .execute();
    const done = await admin.post(`/api/isolation/episodes/${short.id}/end`, { status: 'completed' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().certificateSerial).toBe('QF-20200128-0001');
    const cert = (await admin.get(`/api/isolation/episodes/${short.id}/certificate`)).json();
    expect(cert).toMatchObject({
      serial: 'QF-20200128-0001',
      name: '郑短期',
      startDay: '2020-01-27',
      endDay: '2020-01-28',
    });
    expect(cert.issuer).toContain('东城村');
    const pub = (await t.anonymous.get(`/api/public/certificates/${cert.code}`)).json();
    expect(pub).toMatchObject({ serial: 'QF-20200128-0001', valid: true, name: '郑**' });
    expect((await t.anonymous.get('/api/public/certificates/AAAAAAAAAAAA')).json().error.code).toBe(
      'CERTIFICATE_NOT_FOUND',
    );
  });

  it('extending the planned end adds slots; changing the observer moves the pending ones', async () => {
    const ep = persons.returneeEpisode!;
    const before = (await admin.get(`/api/isolation/episodes/${ep}`)).json().slots.length;
    // an observer can be replaced, not removed: every active episode has one
    expect((await admin.patch(`/api/isolation/episodes/${ep}`, { observerId: null })).statusCode).toBe(400);
    const doctor = await makeUser(t.db, t.clock, 'doctor2', 'observer', tree.dongcheng);
    const res = await admin.patch(`/api/isolation/episodes/${ep}`, {
      plannedEndDay: '2020-02-09',
      observerId: doctor.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ plannedEndDay: '2020-02-09', observerId: doctor.id });
    expect((await admin.get(`/api/isolation/episodes/${ep}`)).json().slots.length).toBe(before + 4);
    expect(
      (await observer.get('/api/isolation/today')).json().items.map((i: { episode: { id: string } }) => i.episode.id),
    ).not.toContain(ep);
  });

  it('county settings change the default length and windows of new episodes', async () => {
    const settings = (await admin.get('/api/isolation/settings')).json();
    expect(settings.windows['2']).toEqual(['07:00-12:00', '17:00-22:00']);
    const bad = await admin.request({
      method: 'PUT',
      url: '/api/isolation/settings',
      payload: { ...settings, windows: { ...settings.windows, 2: ['12:00-07:00', '17:00-22:00'] } },
    });
    expect(bad.statusCode).toBe(400);
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/isolation/settings',
      payload: { ...settings, daysByReason: { ...settings.daysByReason, close_contact: 21 } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const p = await person(admin, '冯二一', id('14072819950808008'));
    expect(
      (await admin.post('/api/isolation/episodes', { personId: p, kind: 'home', reason: 'close_contact' })).json()
        .plannedEndDay,
    ).toBe('2020-02-17');
    expect(
      (await observer.request({ method: 'PUT', url: '/api/isolation/settings', payload: settings })).statusCode,
    ).toBe(403);
  });
});
