import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import { idCardCheckChar } from '../../shared/validators';
import { expectAll } from '../testing/expect-all';
import { buildDemo, DEMO_PASSWORD } from './demo.service';
import { staffTempBranchDemo } from './temp-branches';

/**
 * The small demo county's temporary branches, staffed from the party demo's roll; and what the
 * staffing does for a demo built on a later day, when the checkpoint demo's rosters are past.
 */
describe("the small demo county's temporary branches", () => {
  let t: TestApp;
  let org: Client;
  const id = (first17: string) => first17 + idCardCheckChar(first17);

  beforeAll(async () => {
    t = await testApp();
    await buildDemo(t.db, t.clock, { scale: 'small' });
    org = await t.login('organisation01', DEMO_PASSWORD);
  });
  afterAll(async () => t.close());

  it('has seven branches at the highway exit, the fever clinic, the isolation hotel and big compounds', async () => {
    const branches = (await org.get('/api/temp-branches?status=open')).json().items as {
      name: string;
      postKind: string;
      members: number;
    }[];
    expect(branches).toHaveLength(7);
    expect(branches.map((b) => b.name)).toEqual(
      expect.arrayContaining([
        '京昆高速平遥出口临时党支部',
        '县人民医院发热门诊临时党支部',
        '平遥宾馆集中隔离点临时党支部',
      ]),
    );
    expect(branches.filter((b) => b.postKind === 'compound')).toHaveLength(4);
    const compounds = (await org.get('/api/compounds?limit=50')).json().items as { propertyManagement: boolean }[];
    expect(compounds).toHaveLength(10);
    expect(compounds.filter((c) => c.propertyManagement)).toHaveLength(2);
    // the party demo's members staff them: each has a secretary and at least two members; the fever
    // clinic's two are below the minimum of three formal members
    const staffed = (await org.get('/api/temp-branches?status=open')).json().items as {
      name: string;
      members: number;
      secretaryName: string | null;
    }[];
    expectAll(staffed, (b) => b.members >= 2 && b.secretaryName !== null);
    const { flags } = (await org.get('/api/temp-branches/flags')).json();
    expect(
      flags
        .filter((f: { kind: string }) => f.kind === 'below_minimum')
        .map((f: { branch: { name: string } }) => f.branch.name),
    ).toEqual(['县人民医院发热门诊临时党支部']);
    // the checkpoint demo's rosters of these January days have party members on them (the party demo
    // made most crews members): the sites without a branch that have three or more are flagged
    const stations = flags.filter((f: { kind: string }) => f.kind === 'station_without_branch');
    expectAll(
      stations,
      (f: { members: { homeBranch: string | null }[] }) =>
        f.members.length >= 3 && f.members.every((m) => m.homeBranch !== null),
    );
  });

  it('has staff rosters at both isolation hotels: 古城大酒店 flagged 应建未建, 平遥宾馆 with its branch', async () => {
    const sites = (await org.get('/api/isolation/sites')).json().items as { id: string; name: string }[];
    const staffOf = async (prefix: string) => {
      const site = sites.find((s) => s.name.startsWith(prefix))!;
      const items = (await org.get(`/api/isolation/sites/${site.id}/staff`)).json().items as {
        partyMember: boolean;
        phone: string | null;
      }[];
      return { site, items };
    };
    const hotel = await staffOf('平遥宾馆');
    expect(hotel.items).toHaveLength(6); // the nurse whose stint ended is not on the current roster
    expect(hotel.items.filter((s) => s.partyMember)).toHaveLength(4);
    const other = await staffOf('古城大酒店');
    expect(other.items.filter((s) => s.partyMember)).toHaveLength(3);
    expectAll([...hotel.items, ...other.items], (s) => s.phone === null || s.phone.includes('****'));
    const { flags } = (await org.get('/api/temp-branches/flags')).json();
    const atSites = flags.filter((f: { site: { kind: string } | null }) => f.site?.kind === 'isolation_site');
    expect(atSites.map((f: { site: { id: string } }) => f.site.id)).toEqual([other.site.id]);
  });

  it('staffs branches and, on a later day with no rosters, plans shifts with party members on them', async () => {
    const command = await t.login('command', DEMO_PASSWORD);
    const county = (await command.get('/api/auth/me')).json().region;
    const branch = await org.post('/api/party/organisations', {
      kind: 'branch',
      name: '县卫健局机关党支部',
      unitName: '县卫健局',
      unitType: 'organ',
      regionId: county.id,
    });
    expect(branch.statusCode, branch.body).toBe(201);
    for (let i = 0; i < 30; i++) {
      const res = await org.post('/api/party/members', {
        name: `党员${String.fromCharCode(0x7532 + (i % 10))}${i}`.slice(0, 4),
        idNumber: id(`1407281980${String(101 + i).padStart(4, '0')}${String(100 + i).slice(-3)}`),
        organisationId: branch.json().id,
        category: i % 6 === 5 ? 'probationary' : 'full',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // a demo built when the checkpoint demo's January rosters are long past (npm start today): the
    // branches' rosters are planned around the build day and staffed with members
    t.clock.set('2020-03-10T04:00:00Z');
    const staffed = await staffTempBranchDemo(t.db, t.clock, 'Asia/Shanghai');
    // the branches were staffed when the demo was built: nobody new to add
    expect(staffed.members).toBe(0);
    expect(staffed.shiftsStaffed).toBe(12);
    org = await t.login('organisation01', DEMO_PASSWORD); // weeks later: a new session
    const branches = (await org.get('/api/temp-branches?status=open')).json().items as {
      name: string;
      members: number;
      secretaryName: string | null;
    }[];
    expectAll(branches, (b) => b.members >= 2 && b.secretaryName !== null);
    const { flags } = (await org.get('/api/temp-branches/flags')).json();
    // the checkpoints' two; 古城大酒店's open-ended staff roster keeps the isolation hotel flagged too
    const stations = flags.filter(
      (f: { kind: string; site: { kind: string } | null }) =>
        f.kind === 'station_without_branch' && f.site?.kind === 'checkpoint',
    );
    expect(stations).toHaveLength(2);
    expectAll(stations, (f: { members: unknown[] }) => f.members.length >= 3);
    expect(
      flags.some(
        (f: { kind: string; branch: { name: string } | null }) =>
          f.kind === 'below_minimum' && f.branch?.name === '县人民医院发热门诊临时党支部',
      ),
    ).toBe(true);
  });
});
