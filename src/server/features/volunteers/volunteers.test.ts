import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { expectAll } from '../../testing/expect-all';
import { idCardCheckChar } from '../../../shared/validators';
import { scopeOf } from '../../access/scope';
import { volunteersWithSkill } from './index';

/**
 * The volunteer registry through the API: a villager signs up on 东城村's public link (pending), a
 * second sign-up by the same ID number is refused, a bad check digit changes nothing, the link is
 * rate-limited; 古陶镇's cadre approves, filters by skill and availability, reveals a phone
 * (audited) and signs someone up directly; 段村镇's cadre sees none of it (404s).
 */
let t: TestApp;
let admin: Client;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const state: Record<string, string> = {};
const healthy = { feverOrCough14Days: false, caseContact: false, riskAreaTravel: false };

async function snapshot() {
  const v = await t.db.selectFrom('volunteers').selectAll().orderBy('id').execute();
  const a = await t.db.selectFrom('volunteer_availability').selectAll().orderBy('volunteer_id').execute();
  const p = await t.db.selectFrom('persons').select('id').orderBy('id').execute();
  return JSON.stringify([v, a, p]);
}

function signup(token: string, body: Record<string, unknown>, ip = '10.2.0.1') {
  return t.anonymous.request({
    method: 'POST',
    url: `/api/public/volunteer-signup/${token}`,
    payload: body,
    remoteAddress: ip,
  });
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  admin = await t.login('admin', ADMIN_PASSWORD);
  [gutao, duancun] = (await Promise.all(['gutao', 'duancun'].map((u) => t.login(u, PASSWORD)))) as [Client, Client];
});
afterAll(async () => t.close());

describe('public sign-up', () => {
  it('gives a village one stable link; a township is not a place to serve', async () => {
    const a = await gutao.get(`/api/volunteers/signup-links/${tree.dongcheng.id}`);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.json().path).toBe(`/v/${a.json().token}`);
    expect((await gutao.get(`/api/volunteers/signup-links/${tree.dongcheng.id}`)).json().token).toBe(a.json().token);
    state.token = a.json().token;
    const town = await gutao.get(`/api/volunteers/signup-links/${tree.gutao.id}`);
    expect(town.json().error.code).toBe('VOLUNTEER_REGION_LEVEL');
    expect((await duancun.get(`/api/volunteers/signup-links/${tree.dongcheng.id}`)).statusCode).toBe(404);
    const place = await t.anonymous.get(`/api/public/volunteer-signup/${state.token}`);
    expect(place.json()).toEqual({ regionName: '东城村', townshipName: '古陶镇' });
    const bogus = await t.anonymous.get(`/api/public/volunteer-signup/${'x'.repeat(24)}`);
    expect(bogus.statusCode).toBe(404);
    expect(bogus.json().error.code).toBe('VOLUNTEER_SIGNUP_LINK_INVALID');
  });

  it('signs a villager up as pending, once per person; a bad ID number changes nothing', async () => {
    const body = {
      name: '赵志愿',
      idNumber: id('14072819900101011'),
      phone: '13912345601',
      skills: ['driver', 'disinfection'],
      availability: [
        { weekday: 2, from: '18:00', to: '21:00' },
        { weekday: 6, from: '08:00', to: '12:00' },
      ],
      healthDeclaration: healthy,
    };
    const ok = await signup(state.token!, body);
    expect(ok.statusCode, ok.body).toBe(201);
    // the answer is only the signer's own personal link (shown once), nothing about anyone
    expect(Object.keys(ok.json()).sort()).toEqual(['received', 'selfLink']);
    expect(ok.json().selfLink.path).toMatch(/^\/vt\/[A-Za-z0-9_-]{24}$/);
    const mine = await t.anonymous.get(`/api/public/volunteer-self/${ok.json().selfLink.token}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ name: '赵**', tasks: [], openCheckIn: null });

    const before = await snapshot();
    const again = await signup(state.token!, { ...body, skills: ['medical'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'VOLUNTEER_EXISTS' });
    expect(again.json().error.details).toBeUndefined(); // nothing about the existing record
    const last = body.idNumber.at(-1) === '0' ? '1' : '0';
    const bad = await signup(state.token!, { ...body, name: '钱错号', idNumber: body.idNumber.slice(0, 17) + last });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ID_NUMBER_INVALID');
    const travel = await signup(state.token!, {
      ...body,
      name: '孙出行',
      idNumber: id('14072819900101021'),
      healthDeclaration: { ...healthy, riskAreaTravel: true },
    });
    expect(travel.statusCode).toBe(400); // the date of return is required
    expect(await snapshot()).toBe(before);

    const list = (await gutao.get('/api/volunteers?status=pending')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      name: '赵志愿',
      regionName: '东城村',
      source: 'self',
      status: 'pending',
      skills: ['driver', 'disinfection'],
      idNumber: expect.stringContaining('*'),
      phone: '139****5601',
      healthNeedsReview: false,
    });
    state.zhao = list.items[0].id;
  });

  it('rate-limits sign-ups per address', async () => {
    const results = [];
    for (let i = 0; i < 11; i++)
      results.push(
        await signup(
          state.token!,
          { name: '灌水', idNumber: '1', phone: '13900000000', healthDeclaration: healthy },
          '10.9.9.9',
        ),
      );
    expect(results.slice(0, 10).map((r) => r.statusCode)).toEqual(Array(10).fill(400));
    expect(results[10]!.statusCode).toBe(429);
    expect(results[10]!.json().error.code).toBe('RATE_LIMITED');
  });
});

describe('registry', () => {
  it('the township approves; a second approval is refused', async () => {
    const res = await gutao.post(`/api/volunteers/${state.zhao}/status`, { action: 'approve' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'active', approvedAt: expect.any(String) });
    const again = await gutao.post(`/api/volunteers/${state.zhao}/status`, { action: 'approve' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('VOLUNTEER_STATUS');
  });

  it('a cadre signs someone up and approves at once; a flagged declaration shows for review', async () => {
    const res = await gutao.post('/api/volunteers', {
      name: '钱医生',
      idNumber: id('14072819800202022'),
      phone: '13912345602',
      regionId: tree.xicheng.id,
      skills: ['medical', 'psychological'],
      availability: [{ weekday: 2, from: '08:00', to: '24:00' }],
      healthDeclaration: { ...healthy, riskAreaTravel: true, riskArea: '武汉', riskAreaReturnedOn: '2020-01-10' },
      approve: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'active', source: 'cadre', healthNeedsReview: true });
    state.qian = res.json().id;
    const dup = await gutao.post('/api/volunteers', {
      name: '钱医生',
      idNumber: id('14072819800202022'),
      phone: '13912345602',
      regionId: tree.xicheng.id,
      healthDeclaration: healthy,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'VOLUNTEER_EXISTS', details: { volunteerId: state.qian } });
    const town = await gutao.post('/api/volunteers', {
      name: '李某',
      idNumber: id('14072819800202033'),
      phone: '13912345603',
      regionId: tree.gutao.id,
      healthDeclaration: healthy,
    });
    expect(town.json().error.code).toBe('VOLUNTEER_REGION_LEVEL');
  });

  it('filters by skill, weekday and time, and searches by pinyin initials', async () => {
    const names = async (q: string) =>
      ((await gutao.get(`/api/volunteers?${q}`)).json().items as { name: string }[]).map((v) => v.name).sort();
    expect(await names('skill=driver')).toEqual(['赵志愿']);
    expect(await names('skill=medical')).toEqual(['钱医生']);
    expect(await names('weekday=2&time=19:30')).toEqual(['赵志愿', '钱医生']);
    expect(await names('weekday=2&time=21:00')).toEqual(['钱医生']);
    expect(await names('weekday=6&time=09:00')).toEqual(['赵志愿']);
    expect(await names('weekday=6&time=13:00')).toEqual([]);
    expect(await names(`regionId=${tree.xicheng.id}`)).toEqual(['钱医生']);
    expect(await names('q=zzy')).toEqual(['赵志愿']);
  });

  it('edits skills and availability; the change is audited', async () => {
    const res = await gutao.patch(`/api/volunteers/${state.zhao}`, {
      skills: ['driver', 'interpreter'],
      availability: [{ weekday: 3, from: '09:00', to: '11:00' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      skills: ['driver', 'interpreter'],
      availability: [{ weekday: 3, from: '09:00', to: '11:00' }],
    });
    const names = ((await gutao.get('/api/volunteers?weekday=3&time=10:00')).json().items as { name: string }[]).map(
      (v) => v.name,
    );
    expect(names).toEqual(['赵志愿']);
    const entry = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', state.zhao!)
      .where('action', '=', 'volunteer.update')
      .executeTakeFirst();
    expect(entry).toBeDefined();
  });

  it('reveals a phone with an audit entry', async () => {
    const res = await gutao.post(`/api/volunteers/${state.zhao}/reveal`, { field: 'phone' });
    expect(res.json()).toEqual({ field: 'phone', value: '13912345601' });
    const entries = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', state.zhao!)
      .where('action', '=', 'volunteer.reveal')
      .execute();
    expect(entries).toHaveLength(1);
  });

  it('another township sees none of it: 404, not 403', async () => {
    expect((await duancun.get('/api/volunteers')).json().items).toEqual([]);
    for (const res of [
      await duancun.get(`/api/volunteers/${state.zhao}`),
      await duancun.patch(`/api/volunteers/${state.zhao}`, { note: 'x' }),
      await duancun.post(`/api/volunteers/${state.zhao}/status`, { action: 'suspend' }),
      await duancun.post(`/api/volunteers/${state.zhao}/reveal`, { field: 'idNumber' }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('VOLUNTEER_NOT_FOUND');
    }
    expect((await admin.get(`/api/volunteers/${state.zhao}`)).json().note).toBeNull();
  });

  it('volunteersWithSkill: active, in the subtree, available at the instant in the county zone', async () => {
    const scope = scopeOf({ regionPath: '/' });
    // Tuesday 2020-01-28 19:30 in Shanghai = 11:30Z
    const tuesdayEvening = new Date('2020-01-28T11:30:00Z');
    expect(await volunteersWithSkill(t.db, scope, { skill: 'medical', regionPath: tree.gutao.path })).toHaveLength(1);
    expect(
      await volunteersWithSkill(t.db, scope, { skill: 'medical', regionPath: tree.gutao.path, at: tuesdayEvening }),
    ).toHaveLength(1);
    expect(
      await volunteersWithSkill(t.db, scope, {
        skill: 'medical',
        regionPath: tree.gutao.path,
        at: new Date('2020-01-28T23:30:00Z'), // Wednesday 07:30
      }),
    ).toEqual([]);
    expect(await volunteersWithSkill(t.db, scope, { skill: 'medical', regionPath: tree.duancun.path })).toEqual([]);
    const duancunScope = scopeOf({ regionPath: tree.duancun.path });
    expect(await volunteersWithSkill(t.db, duancunScope, { skill: 'medical', regionPath: tree.gutao.path })).toEqual(
      [],
    );
    await gutao.post(`/api/volunteers/${state.qian}/status`, { action: 'suspend' });
    expect(await volunteersWithSkill(t.db, scope, { skill: 'medical', regionPath: tree.gutao.path })).toEqual([]);
    const resumed = await gutao.post(`/api/volunteers/${state.qian}/status`, { action: 'resume' });
    expect(resumed.json().status).toBe('active');
    const persons = await volunteersWithSkill(t.db, scope, { skill: 'driver', regionPath: tree.county.path });
    expectAll(persons, (p) => typeof p === 'string');
  });
});

describe('at the same moment', () => {
  it('two sign-ups of one person make one volunteer; the other is told VOLUNTEER_EXISTS', async () => {
    const { token } = (await gutao.get(`/api/volunteers/signup-links/${tree.xicheng.id}`)).json();
    const body = {
      name: '孙同时',
      idNumber: id('14072819950505055'),
      phone: '13912345655',
      healthDeclaration: healthy,
    };
    const [a, b] = await Promise.all([signup(token, body, '10.3.0.1'), signup(token, body, '10.3.0.2')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('VOLUNTEER_EXISTS');
    const rows = (await gutao.get('/api/volunteers?q=孙同时')).json().items;
    expect(rows).toHaveLength(1);
  });
});
