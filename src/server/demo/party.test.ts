import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import { expectAll } from '../testing/expect-all';
import { GLOBAL_SCOPE } from '../access/scope';
import { partyFigures } from '../features/party';
import { buildDemo, DEMO_PASSWORD, type DemoSummary } from './demo.service';

/** The small demo's party, as the county's organisation department and a township cadre see it. */
describe("the small demo county's party organisations and members", () => {
  let t: TestApp;
  let zuzhibu: Client;
  let summary: DemoSummary;

  beforeAll(async () => {
    t = await testApp();
    t.clock.set('2020-02-05T07:30:00Z');
    summary = await buildDemo(t.db, t.clock, { scale: 'small' });
    zuzhibu = await t.login('organisation01', DEMO_PASSWORD);
  });
  afterAll(async () => t.close());

  it('has about 400 organisations: the county committee over its units, townships and a branch in every village', async () => {
    const p = summary.party;
    expect(p.organisations).toBeGreaterThanOrEqual(300);
    expect(p.organisations).toBeLessThanOrEqual(500);
    const nodes: { id: string; parentId: string | null; kind: string; name: string }[] = (
      await zuzhibu.get('/api/party/organisations/tree')
    ).json();
    expect(nodes).toHaveLength(p.organisations);
    const roots = nodes.filter((n) => n.parentId === null);
    expect(roots.map((n) => n.name)).toEqual(['中共平遥县委员会']);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    // a branch has nothing under it; the hospital's committee has general branches with branches
    expectAll(
      nodes.filter((n) => n.parentId),
      (n) => byId.get(n.parentId!)!.kind !== 'branch',
    );
    const infection = nodes.find((n) => n.name === '感染科党支部')!;
    const internal = byId.get(infection.parentId!)!;
    expect(internal).toMatchObject({ name: '内科党总支', kind: 'general_branch' });
    expect(byId.get(internal.parentId!)!.name).toBe('平遥县人民医院党委');
    expect(nodes.some((n) => n.name === '东城村党支部')).toBe(true);
    expect(nodes.filter((n) => n.name.endsWith('委员会') && n.kind === 'committee')).toHaveLength(17);
  });

  it('has members who are registry persons living in a village, in village and unit branches, 正式 and 预备', async () => {
    const p = summary.party;
    expect(p.members).toBeGreaterThan(20);
    expect(p.probationary).toBeGreaterThanOrEqual(0);
    const rows = await t.db
      .selectFrom('party_members as m')
      .innerJoin('persons', 'persons.id', 'm.person_id')
      .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
      .innerJoin('regions as home', 'home.id', 'persons.region_id')
      .select(['m.category', 'm.region_path', 'o.unit_type', 'o.region_path as org_path', 'home.level'])
      .execute();
    expect(rows).toHaveLength(p.members);
    // each lives in a building of some village; the membership is in its organisation's jurisdiction
    expectAll(rows, (r) => r.level === 'building' && r.region_path === r.org_path);
    expect(rows.some((r) => r.unit_type === 'village')).toBe(true);
    expect(rows.some((r) => r.unit_type !== 'village' && r.unit_type !== 'community')).toBe(true);
    const list = (await zuzhibu.get('/api/party/members?limit=500')).json().items;
    expect(list).toHaveLength(Math.min(p.members, 500));
    expect(list[0].idNumber).toMatch(/\*{10}/);
  });

  it('gives a branch a secretary (its first member, 党支部书记) and the counts the tree shows', async () => {
    const dongcheng = (await zuzhibu.get('/api/party/organisations?q=dcc')).json().items[0];
    expect(dongcheng.name).toBe('东城村党支部');
    expect(dongcheng.fullMembers).toBeGreaterThan(0);
    expect(dongcheng.secretaryName).toBeTruthy();
    const members = (await zuzhibu.get(`/api/party/members?organisationId=${dongcheng.id}&limit=500`)).json().items;
    expect(members).toHaveLength(dongcheng.fullMembers + dongcheng.probationaryMembers);
    expect(members.find((m: { post: string | null }) => m.post === '党支部书记').name).toBe(dongcheng.secretaryName);
  });

  it('puts party members at the front line: most of the checkpoint crews on duty on 25 January are members', async () => {
    const figures = await partyFigures(t.db, GLOBAL_SCOPE, { day: '2020-01-25' });
    expect(figures.total.membersOnDuty).toBeGreaterThan(0);
    expect(figures.total.fullMembers + figures.total.probationaryMembers).toBe(summary.party.members);
    expect(figures.rows.find((r) => r.name === '古陶镇')!.membersOnDuty).toBeGreaterThan(0);
  });

  it("shows a township cadre only the township's organisations", async () => {
    const township = await t.login('township01', DEMO_PASSWORD);
    const nodes: { name: string }[] = (await township.get('/api/party/organisations/tree')).json();
    expect(nodes.length).toBeGreaterThan(3);
    expect(nodes.some((n) => n.name === '中共平遥县委员会')).toBe(false);
    expect(nodes.some((n) => n.name === '平遥县人民医院党委')).toBe(false);
  });
});
