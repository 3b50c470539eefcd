import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

/**
 * Targets and "busy elsewhere": 古陶镇 calls "everyone with 医护 in 古陶镇" — the medical members of
 * its teams, not 段村镇's doctor; the doctor on the highway exit's shift right now is shown there
 * and not called unless the commander includes them; once called, a person shows as busy on the
 * other call-out. 段村镇 can neither preview 古陶镇's teams nor target 古陶镇's region.
 */
let t: TestApp;
let admin: Client;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const persons: Record<string, string> = {};
const teams: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  admin = await t.login('admin', ADMIN_PASSWORD);
  for (const [name, first17, phone, region] of [
    ['医生甲', '14072819800101011', '13912341001', tree.buildingA.id],
    ['司机乙', '14072819850202012', '13912341002', tree.buildingA.id],
    ['医生丙', '14072819900303013', '13912341003', tree.duancunVillage.id],
    ['医生丁', '14072819700404014', '13912341004', tree.buildingB.id],
  ] as const) {
    const res = await admin.post('/api/persons', {
      name,
      idNumber: id(first17),
      phone,
      regionId: region,
      confirmNotDuplicate: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    persons[name] = res.json().person.id;
  }
  gutao = await t.login('gutao', PASSWORD);
  duancun = await t.login('duancun', PASSWORD);
  for (const [client, name, region, members] of [
    [
      gutao,
      '古陶镇医疗队',
      tree.gutao.id,
      [
        ['医生甲', ['medical']],
        ['医生丁', ['medical', 'driver']],
        ['司机乙', ['driver']],
      ],
    ],
    [duancun, '段村镇应急队', tree.duancun.id, [['医生丙', ['medical']]]],
  ] as const) {
    const team = await client.post('/api/callouts/teams', { name, kind: 'emergency', regionId: region });
    expect(team.statusCode, team.body).toBe(201);
    teams[name] = team.json().id;
    for (const [person, skills] of members)
      expect(
        (
          await client.post(`/api/callouts/teams/${teams[name]}/members`, {
            person: { personId: persons[person] },
            skills,
          })
        ).statusCode,
      ).toBe(201);
  }
  // 医生丁 is on the highway exit's 08–16 shift (local), which covers now (15:55)
  const site = await admin.post('/api/checkpoints/sites', {
    name: '平遥高速出口',
    kind: 'highway_exit',
    regionId: tree.gutao.id,
  });
  expect(site.statusCode, site.body).toBe(201);
  await admin.post('/api/checkpoints/shifts/plan', { siteId: site.json().id, fromDay: '2020-01-25', days: 1 });
  const roster = (await admin.get('/api/checkpoints/roster')).json().items;
  const current = roster.find((s: { startsAt: string }) => s.startsAt === '2020-01-25T00:00:00.000Z');
  expect(
    (await admin.post(`/api/checkpoints/shifts/${current.id}/assign`, { personId: persons['医生丁'] })).statusCode,
  ).toBe(201);
});
afterAll(async () => t.close());

type Candidate = { personId: string; name: string; busy: boolean; busyAt: { kind: string; place: string } | null };
const byName = (list: Candidate[]) => Object.fromEntries(list.map((c) => [c.name, c]));

describe('call-out targets', () => {
  it('previews everyone with a skill in a region, once each, with who is on duty and where', async () => {
    const res = await gutao.post('/api/callouts/preview', { skill: 'medical', skillRegionId: tree.gutao.id });
    expect(res.statusCode, res.body).toBe(200);
    const preview = byName(res.json());
    expect(Object.keys(preview).sort()).toEqual(['医生丁', '医生甲']);
    expect(preview['医生甲']).toMatchObject({ busy: false, busyAt: null });
    expect(preview['医生丁']).toMatchObject({
      busy: true,
      busyAt: { kind: 'duty', place: '平遥高速出口', until: '2020-01-25T08:00:00.000Z' },
    });
    // the county sees both townships' doctors
    const county = (
      await admin.post('/api/callouts/preview', { skill: 'medical', skillRegionId: tree.county.id })
    ).json();
    expect(county.map((c: Candidate) => c.name).sort()).toEqual(['医生丁', '医生丙', '医生甲']);
    // a skill needs its region
    expect((await gutao.post('/api/callouts/preview', { skill: 'medical' })).statusCode).toBe(400);
  });

  it('the team picker shows the same: the member on duty is busy, with the checkpoint', async () => {
    const candidates = byName((await gutao.get(`/api/callouts/teams/${teams['古陶镇医疗队']}/candidates`)).json());
    expect(candidates['医生丁']!.busyAt).toMatchObject({ kind: 'duty', place: '平遥高速出口' });
    expect(candidates['司机乙']).toMatchObject({ busy: false, busyAt: null });
  });

  it('calls a skill: the busy are left out by default, then show as busy on the other call-out', async () => {
    const res = await gutao.post('/api/callouts', {
      skill: 'medical',
      skillRegionId: tree.gutao.id,
      meetingPoint: '县医院发热门诊',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ orders: 1, targetSkill: 'medical', regionName: '古陶镇', teamName: null });
    const board = (await gutao.get(`/api/callouts/${res.json().id}/board`)).json();
    expect(board.orders.map((o: { name: string }) => o.name)).toEqual(['医生甲']);

    const preview = byName((await gutao.post('/api/callouts/preview', { teamId: teams['古陶镇医疗队'] })).json());
    expect(preview['医生甲']!.busyAt).toMatchObject({ kind: 'callout', place: '县医院发热门诊' });
    expect(preview['医生丁']!.busyAt).toMatchObject({ kind: 'duty' });
    // the team now reaches only 司机乙; included explicitly, the busy are ordered too
    expect(
      (await gutao.post('/api/callouts', { teamId: teams['古陶镇医疗队'], meetingPoint: '镇政府' })).json().orders,
    ).toBe(1);
    const all = await gutao.post('/api/callouts', {
      personIds: [persons['医生丁']],
      includeBusy: true,
      meetingPoint: '镇政府',
      regionId: tree.gutao.id,
    });
    expect([all.statusCode, all.json().orders]).toEqual([201, 1]);
  });

  it('keeps each township to its own: preview, skill region and board are 404 outside it', async () => {
    const foreignTeam = await duancun.post('/api/callouts/preview', { teamId: teams['古陶镇医疗队'] });
    expect([foreignTeam.statusCode, foreignTeam.json().error.code]).toEqual([404, 'TEAM_NOT_FOUND']);
    const foreignRegion = await duancun.post('/api/callouts/preview', {
      skill: 'medical',
      skillRegionId: tree.gutao.id,
    });
    expect(foreignRegion.statusCode).toBe(404);
    const before = await t.db.selectFrom('callouts').select('id').execute();
    expect(
      (await duancun.post('/api/callouts', { skill: 'medical', skillRegionId: tree.gutao.id, meetingPoint: 'x' }))
        .statusCode,
    ).toBe(404);
    expect(await t.db.selectFrom('callouts').select('id').execute()).toHaveLength(before.length);
    // 段村镇's own skill call-out reaches only its doctor
    const own = (
      await duancun.post('/api/callouts/preview', { skill: 'medical', skillRegionId: tree.duancun.id })
    ).json();
    expect(own.map((c: Candidate) => c.name)).toEqual(['医生丙']);
    const list = (await duancun.get('/api/callouts')).json().items;
    expect(list).toHaveLength(0);
    expect((await duancun.get(`/api/callouts/${before[0]!.id}/board`)).statusCode).toBe(404);
  });

  it('finds a skill among the volunteers too: an approved one serving in the region, not a pending one', async () => {
    const healthy = { feverOrCough14Days: false, caseContact: false, riskAreaTravel: false };
    const volunteer = (name: string, first17: string, approve: boolean) =>
      gutao.post('/api/volunteers', {
        name,
        idNumber: id(first17),
        phone: `139${first17.slice(-8)}`,
        regionId: tree.dongcheng.id,
        skills: ['medical'],
        healthDeclaration: healthy,
        approve,
      });
    expect((await volunteer('志愿者护士', '14072819900808081', true)).statusCode).toBe(201);
    expect((await volunteer('待审志愿者', '14072819900808082', false)).statusCode).toBe(201);
    const preview = byName(
      (await gutao.post('/api/callouts/preview', { skill: 'medical', skillRegionId: tree.gutao.id })).json(),
    );
    expect(preview['志愿者护士']).toMatchObject({ busy: false });
    expect(preview['待审志愿者']).toBeUndefined();
    expect(preview['医生甲']).toBeTruthy();
    // not in 段村镇
    const duancunPreview = (
      await admin.post('/api/callouts/preview', { skill: 'medical', skillRegionId: tree.duancun.id })
    ).json();
    expect(duancunPreview.map((c: Candidate) => c.name)).not.toContain('志愿者护士');
  });
});
