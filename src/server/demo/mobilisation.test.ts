import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../testing/factories';
import { idCardCheckChar } from '../../shared/validators';
import { expectAll } from '../testing/expect-all';
import { buildReportingDemo } from './reporting';
import { buildPledgesDemo } from './pledges';

/**
 * The demo's 报到 and 请战书: with no party members they write nothing; with members of unit
 * branches (made here as the party demo will) most report to the village they live in, most of those
 * get a post, every community with a report has a poster link, and the biggest units collect pledges
 * with a PNG signature and serials in signing order. A village branch's members never report.
 */
let t: TestApp;
let zuzhibu: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;

async function count(table: 'party_reports' | 'party_reporting_links' | 'pledges' | 'pledge_units') {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'zuzhibu', 'organisation', tree.county);
  zuzhibu = await t.login('zuzhibu', PASSWORD);
});
afterAll(async () => t.close());

describe('the mobilisation demo', () => {
  it('does nothing when there are no party members', async () => {
    expect(await buildReportingDemo(t.db)).toEqual({ reported: 0, assigned: 0, onPost: 0, communities: 0 });
    expect(await buildPledgesDemo(t.db)).toEqual({ units: 0, pledges: 0, assigned: 0 });
    expect(await count('party_reports')).toBe(0);
    expect(await count('pledge_units')).toBe(0);
  });

  it('reports most unit members to their village and collects pledges from the biggest units', async () => {
    const admin = await t.login('admin', 'Admin12345');
    const orgs: Record<string, string> = {};
    for (const [key, name, unitName, unitType, regionId] of [
      ['bureau', '县卫健局机关党支部', '平遥县卫生健康局', 'organ', tree.county.id],
      ['hospital', '县人民医院党支部', '平遥县人民医院', 'institution', tree.county.id],
      ['village', '东城村党支部', '东城村', 'village', tree.dongcheng.id],
    ] as const) {
      const res = await zuzhibu.post('/api/party/organisations', {
        kind: 'branch',
        name,
        unitName,
        unitType,
        regionId,
      });
      expect(res.statusCode, res.body).toBe(201);
      orgs[key] = res.json().id;
    }
    const homes = [tree.gridA.id, tree.gridB.id, tree.buildingA.id, tree.duancunVillage.id];
    for (let i = 0; i < 60; i++) {
      const first17 = `1407281980${String(101 + (i % 28)).padStart(4, '0')}${String(100 + i).padStart(3, '0')}`;
      const idNumber = first17 + idCardCheckChar(first17);
      const name = `党员${String.fromCharCode(0x4e00 + i * 7)}`;
      expect((await admin.post('/api/persons', { name, idNumber, regionId: homes[i % 4] })).statusCode).toBe(201);
      const organisationId = i < 50 ? (i % 2 ? orgs.bureau : orgs.hospital) : orgs.village;
      const res = await zuzhibu.post('/api/party/members', { name, idNumber, organisationId, category: 'full' });
      expect(res.statusCode, res.body).toBe(201);
    }

    const reporting = await buildReportingDemo(t.db);
    expect(reporting.reported).toBeGreaterThan(25);
    expect(reporting.reported).toBeLessThan(50);
    expect(reporting.assigned).toBeGreaterThan(reporting.reported * 0.6);
    expect(reporting.communities).toBe(await count('party_reporting_links'));
    const reports = await t.db.selectFrom('party_reports').selectAll().execute();
    const villages = new Set([tree.dongcheng.id, tree.xicheng.id, tree.duancunVillage.id]);
    expectAll(reports, (r) => villages.has(r.region_id));
    const villageMembers = await t.db
      .selectFrom('party_members')
      .select('id')
      .where('organisation_id', '=', orgs.village!)
      .execute();
    expect(reports.filter((r) => villageMembers.some((m) => m.id === r.member_id))).toEqual([]);

    const rates = (await zuzhibu.get('/api/party/reporting/rates')).json();
    expect(rates.totals.members).toBe(50);
    expect(rates.totals.reported).toBe(reporting.reported);

    const pledges = await buildPledgesDemo(t.db);
    expect(pledges.units).toBe(2);
    expect(pledges.pledges).toBe(50);
    const rows = await t.db
      .selectFrom('pledges')
      .select(['serial', 'signature', 'signed_at'])
      .orderBy('serial')
      .execute();
    expectAll(rows, (r) => Buffer.from(r.signature).subarray(1, 4).toString() === 'PNG');
    expect(rows[0]!.serial).toBe('QZ-2020-000001');
    expect(rows.map((r) => r.signed_at)).toEqual([...rows.map((r) => r.signed_at)].sort());
    const list = (await zuzhibu.get('/api/pledges?limit=5')).json().items;
    expect(list).toHaveLength(5);
    expect(list[0].partyOrganisation).toMatch(/党支部$/);
  });
});
