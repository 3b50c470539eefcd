import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { expectAll } from '../../testing/expect-all';
import { GLOBAL_SCOPE } from '../../access/scope';
import { ManualClock } from '../../clock';
import { branchFlags } from '../temp-branches';
import { isolationStaffFigures, isolationStaffOnDuty } from './index';

/**
 * The staff roster of a centralised isolation site. 古陶镇 runs the 平遥宾馆 isolation hotel: a doctor,
 * two guards and a cook are put on its roster (three of them party members), so the temporary-branch
 * rule (a) flags the hotel 应建未建 and links to it; a branch set up there clears the flag. Ending a
 * period keeps the row. 段村镇's cadre sees and changes none of it (404).
 */
let t: TestApp;
let admin: Client;
let org: Client;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const persons: Record<string, string> = {};
const state: Record<string, string> = {};
const today = '2020-01-25';

async function snapshot() {
  const rows = await Promise.all(
    (['isolation_site_staff', 'audit_log'] as const).map((table) => t.db.selectFrom(table).selectAll().execute()),
  );
  return JSON.stringify(rows);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'zuzhibu', 'organisation', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  admin = await t.login('admin', ADMIN_PASSWORD);
  [org, gutao, duancun] = (await Promise.all(['zuzhibu', 'gutao', 'duancun'].map((u) => t.login(u, PASSWORD)))) as [
    Client,
    Client,
    Client,
  ];
  const branch = await org.post('/api/party/organisations', {
    kind: 'branch',
    name: '县医院党支部',
    unitName: '平遥县人民医院',
    unitType: 'institution',
    regionId: tree.gutao.id,
  });
  expect(branch.statusCode, branch.body).toBe(201);
  for (const [name, first17, member] of [
    ['刘医生', '14072819800101011', true],
    ['陈保安', '14072819850202022', true],
    ['周保安', '14072819900303033', true],
    ['吴师傅', '14072819950404044', false],
    ['段村人', '14072819700505055', false],
  ] as const) {
    if (member) {
      const res = await org.post('/api/party/members', {
        name,
        idNumber: id(first17),
        organisationId: branch.json().id,
        category: 'full',
      });
      expect(res.statusCode, res.body).toBe(201);
      persons[name] = res.json().personId;
    } else {
      const regionId = name === '段村人' ? tree.duancunVillage.id : tree.buildingA.id;
      const res = await admin.post('/api/persons', {
        name,
        idNumber: id(first17),
        regionId,
        confirmNotDuplicate: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      persons[name] = res.json().person.id;
    }
  }
  const site = await admin.post('/api/isolation/sites', { name: '平遥宾馆', regionId: tree.gutao.id });
  expect(site.statusCode, site.body).toBe(201);
  state.site = site.json().id;
});
afterAll(async () => t.close());

describe('staff roster', () => {
  it('puts registry persons on the roster in a role from a day (audited), party members marked', async () => {
    for (const [name, role] of [
      ['刘医生', 'medical'],
      ['陈保安', 'security'],
      ['吴师傅', 'logistics'],
    ] as const) {
      const res = await gutao.post(`/api/isolation/sites/${state.site}/staff`, {
        personId: persons[name],
        role,
        fromDay: '2020-01-22',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ personName: name, role, fromDay: '2020-01-22', toDay: null });
      state[name] = res.json().id;
    }
    const list = (await gutao.get(`/api/isolation/sites/${state.site}/staff`)).json().items as {
      personName: string;
      partyMember: boolean;
    }[];
    expect(list.map((s) => [s.personName, s.partyMember])).toEqual([
      ['刘医生', true],
      ['陈保安', true],
      ['吴师傅', false],
    ]);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'isolation.staff_add').execute();
    expect(audit).toHaveLength(3);
    expectAll(audit, (a) => a.entity_id === state.site);
  });

  it('refuses bad input and a second open period, changing nothing', async () => {
    const before = await snapshot();
    const url = `/api/isolation/sites/${state.site}/staff`;
    const bad = [
      { personId: persons['周保安'], role: 'cook', fromDay: today },
      { personId: persons['周保安'], role: 'security', fromDay: '2020-02-30' },
      { personId: 'not-a-uuid', role: 'security', fromDay: today },
    ];
    for (const body of bad) expect((await gutao.post(url, body)).statusCode).toBe(400);
    const backwards = await gutao.post(url, {
      personId: persons['周保安'],
      role: 'security',
      fromDay: today,
      toDay: '2020-01-20',
    });
    expect(backwards.json().error.code).toBe('ISOLATION_STAFF_DAYS');
    const twice = await gutao.post(url, { personId: persons['刘医生'], role: 'medical', fromDay: today });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'ISOLATION_STAFF_ON_ROSTER', details: { fromDay: '2020-01-22' } });
    // a person outside the township, and a role the grid worker does not have
    const outside = await gutao.post(url, { personId: persons['段村人'], role: 'other', fromDay: today });
    expect(outside.json().error.code).toBe('PERSON_NOT_FOUND');
    expect(await snapshot()).toBe(before);
  });

  it('is read by other features through isolation’s index (who is on duty where)', async () => {
    const onDuty = await isolationStaffOnDuty(t.db, GLOBAL_SCOPE, today, today);
    expect(onDuty.map((d) => d.personId).sort()).toEqual(
      [persons['刘医生'], persons['陈保安'], persons['吴师傅']].sort(),
    );
    expectAll(onDuty, (d) => d.siteName === '平遥宾馆');
  });

  it('gives the figures per township: staff on duty, party members among them, sites staffed', async () => {
    const figures = await isolationStaffFigures(t.db, GLOBAL_SCOPE, { day: today });
    const byName = Object.fromEntries(figures.map((f) => [f.townshipName, f]));
    expect(byName['古陶镇']).toMatchObject({ staffOnDuty: 3, partyMembersOnDuty: 2, sitesStaffed: 1 });
    expect(byName['段村镇']).toMatchObject({ staffOnDuty: 0, partyMembersOnDuty: 0, sitesStaffed: 0 });
    // a day before anyone started
    const before = await isolationStaffFigures(t.db, GLOBAL_SCOPE, { day: '2020-01-20' });
    expectAll(before, (f) => f.staffOnDuty === 0);
    // scoped: 段村镇's own figures hold no 古陶镇 row
    const theirs = await isolationStaffFigures(t.db, { prefix: tree.duancun.path }, { day: today });
    expect(theirs.map((f) => f.townshipName)).toEqual(['段村镇']);
  });
});

describe('rule (a) at an isolation site', () => {
  it('two party members on the staff: no flag; a third: 应建未建 linking to the site', async () => {
    const flagsOf = async () =>
      ((await org.get('/api/temp-branches/flags')).json().flags as { kind: string; site: { id: string } | null }[])
        .filter((f) => f.kind === 'station_without_branch')
        .filter((f) => f.site?.id === state.site);
    expect(await flagsOf()).toEqual([]);
    const res = await gutao.post(`/api/isolation/sites/${state.site}/staff`, {
      personId: persons['周保安'],
      role: 'security',
      fromDay: '2020-01-24',
      toDay: '2020-02-07',
    });
    expect(res.statusCode, res.body).toBe(201);
    state['周保安'] = res.json().id;
    const [flag] = (await flagsOf()) as unknown as {
      regionPath: string;
      site: { id: string; name: string; kind: string };
      members: { name: string; homeBranch: string }[];
    }[];
    expect(flag!.site).toEqual({ id: state.site, name: '平遥宾馆', kind: 'isolation_site' });
    expect(flag!.regionPath).toBe(tree.gutao.path);
    expect(flag!.members.map((m) => m.name).sort()).toEqual(['刘医生', '周保安', '陈保安'].sort());
    expectAll(flag!.members, (m) => m.homeBranch === '县医院党支部');
    // 段村镇 does not see 古陶镇's flag
    const theirs = (await duancun.get('/api/temp-branches/flags')).json().flags as { site: { id: string } | null }[];
    expect(theirs.filter((f) => f.site?.id === state.site)).toEqual([]);
  });

  it('a period ended more than the roster days ago no longer counts', async () => {
    const res = await gutao.post(`/api/isolation/staff/${state['周保安']}/end`, { toDay: '2020-01-24' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().toDay).toBe('2020-01-24');
    const flagged = async () =>
      ((await org.get('/api/temp-branches/flags')).json().flags as { site: { id: string } | null }[]).some(
        (f) => f.site?.id === state.site,
      );
    expect(await flagged()).toBe(true); // ended yesterday: still within the last 7 days
    const weekLater = new ManualClock(new Date(t.clock.now().getTime() + 8 * 86_400_000));
    const later = await branchFlags(t.db, weekLater, GLOBAL_SCOPE);
    expect(later.flags.some((f) => f.site?.id === state.site)).toBe(false);
    // the ended period is kept: shown with `all`, not in the current roster
    const current = (await gutao.get(`/api/isolation/sites/${state.site}/staff`)).json().items as { id: string }[];
    expect(current.map((s) => s.id)).not.toContain(state['周保安']);
    const all = (await gutao.get(`/api/isolation/sites/${state.site}/staff?show=all`)).json().items as { id: string }[];
    expect(all.map((s) => s.id)).toContain(state['周保安']);
    expect(await flagged()).toBe(true);
  });

  it('a temporary branch at the site clears the flag', async () => {
    const res = await org.post('/api/temp-branches', {
      name: '平遥宾馆临时党支部',
      postKind: 'isolation_site',
      isolationSiteId: state.site,
      foundedOn: today,
    });
    expect(res.statusCode, res.body).toBe(201);
    const flags = (await org.get('/api/temp-branches/flags')).json().flags as { site: { id: string } | null }[];
    expect(flags.filter((f) => f.site?.id === state.site)).toEqual([]);
  });
});

describe('scope walk', () => {
  it('another township’s cadre cannot list, add to or end the roster (404), and nothing changes', async () => {
    const before = await snapshot();
    expect((await duancun.get(`/api/isolation/sites/${state.site}/staff`)).statusCode).toBe(404);
    const add = await duancun.post(`/api/isolation/sites/${state.site}/staff`, {
      personId: persons['段村人'],
      role: 'other',
      fromDay: today,
    });
    expect(add.statusCode).toBe(404);
    const end = await duancun.post(`/api/isolation/staff/${state['刘医生']}/end`, { toDay: today });
    expect(end.statusCode).toBe(404);
    expect(end.json().error.code).toBe('ISOLATION_STAFF_NOT_FOUND');
    expect(await snapshot()).toBe(before);
    expect(await isolationStaffOnDuty(t.db, { prefix: tree.duancun.path }, today, today)).toEqual([]);
  });
});
