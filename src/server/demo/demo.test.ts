import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { codeFitsParent, idCardProblem, MOBILE_PATTERN, regionCodeProblem } from '../../shared/validators';
import { testApp, type TestApp } from '../testing/test-app';
import { testDb, type TestDatabase } from '../testing/test-db';
import { verifyPassword } from '../features/auth/password';
import { nameColumns } from '../features/regions/regions.mapper';
import { personKeys } from '../features/residents/person-keys';
import { FEVER_CELSIUS, type CoverageRow, type GapHousehold } from '../../shared/screening';
import { buildDemo, demoIsLoaded, DEMO_PASSWORD, type DemoSummary } from './demo.service';
import { Rng } from './random';
import { DEMO_ROUND_NAME } from './screening';
import { countyShape } from './tree';
import { expectAll } from '../testing/expect-all';

const clock = new ManualClock(new Date('2020-01-25T08:00:00Z'));

describe('the small demo county', () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let summary: DemoSummary;

  beforeAll(async () => {
    [first, second] = await Promise.all([testDb(), testDb()]);
    expect(await demoIsLoaded(first.db)).toBe(false);
    summary = await buildDemo(first.db, clock, { scale: 'small' });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('loads the real Pingyao tree from the division table', async () => {
    const { db } = first;
    const townships = await db.selectFrom('regions').select('name').where('level', '=', 'township').execute();
    expect(townships).toHaveLength(16);
    const dongcheng = await db
      .selectFrom('regions')
      .selectAll()
      .where('code', '=', '140728100200')
      .executeTakeFirstOrThrow();
    expect(dongcheng).toMatchObject({
      name: '东城村',
      level: 'village',
      path: '/140728000000/140728100000/140728100200/',
    });
    expect(await demoIsLoaded(db)).toBe(true);
    expect(summary.password).toBe(DEMO_PASSWORD);
    expect(summary.persons).toBeGreaterThan(150);
    expect(summary.persons).toBeLessThan(1000);
  });

  it('codes grids and buildings under their parents, with the same name columns as any region', async () => {
    const { db } = first;
    const rows = await db
      .selectFrom('regions')
      .selectAll()
      .where('level', 'in', ['grid', 'building'])
      .orderBy('path')
      .execute();
    const byId = new Map((await db.selectFrom('regions').selectAll().execute()).map((r) => [r.id, r]));
    expect(rows.filter((r) => r.level === 'grid')).toHaveLength(4);
    expect(rows.filter((r) => r.level === 'building')).toHaveLength(12);
    for (const r of rows) {
      const parent = byId.get(r.parent_id!)!;
      expect(regionCodeProblem(r.level, r.code)).toBeNull();
      expect(codeFitsParent(parent.level, parent.code, r.code)).toBe(true);
      expect(r.path).toBe(parent.path + r.code + '/');
      expect(r).toMatchObject(nameColumns(r.name, r.code));
    }
    expect(rows[0]).toMatchObject({ name: '东城村第1网格', code: '140728100200001' });
  });

  it('spreads the county shape: 1,600 grids and 100,000 households, communities denser', async () => {
    const regions = await first.db.selectFrom('regions').selectAll().orderBy('path').execute();
    const villages = regions.filter((r) => r.level === 'village');
    const townships = new Map(regions.filter((r) => r.level === 'township').map((t) => [t.id, t]));
    const shape = countyShape(new Rng(1), villages, townships, 1600, 100_000);
    expect(shape.gridsPerVillage.reduce((a, b) => a + b, 0)).toBe(1600);
    expect(Math.min(...shape.gridsPerVillage)).toBeGreaterThanOrEqual(2);
    expect(shape.householdsPerGrid.reduce((a, b) => a + b, 0)).toBe(100_000);
    const community = villages.findIndex((v) => v.name.endsWith('社区'));
    const village = villages.findIndex((v) => v.name.endsWith('村'));
    expect(shape.gridsPerVillage[community]!).toBeGreaterThan(shape.gridsPerVillage[village]!);
  });

  it("gives every resident a valid ID number that agrees with birth date and sex, and the registry's search keys", async () => {
    // residents (people met only at a checkpoint have no household)
    const persons = await first.db.selectFrom('persons').selectAll().where('household_id', 'is not', null).execute();
    expect(persons).toHaveLength(summary.persons);
    for (const p of persons) {
      expect(idCardProblem(p.id_number!), p.id_number!).toBeNull();
      expect(p.birth_date!.replaceAll('-', '')).toBe(p.id_number!.slice(6, 14));
      expect(p.sex).toBe(Number(p.id_number![16]) % 2 === 1 ? 'M' : 'F');
      if (p.phone !== null) {
        expect(p.phone).toMatch(MOBILE_PATTERN);
        expect(p.birth_date! <= '2002-01-20', 'only adults carry phones').toBe(true);
      }
      expect(p).toMatchObject(personKeys(p.name, p.id_number, p.phone));
    }
    expect(new Set(persons.map((p) => p.id_number)).size).toBe(persons.length);
  });

  it('puts every household in a building and its members where it is', async () => {
    const { db } = first;
    const households = await db
      .selectFrom('households')
      .innerJoin('regions', 'regions.id', 'households.region_id')
      .select(['households.id', 'households.region_path', 'households.head_person_id', 'regions.level', 'regions.path'])
      .execute();
    expect(households).toHaveLength(summary.households);
    for (const h of households) {
      expect(h.level).toBe('building');
      expect(h.region_path).toBe(h.path);
    }
    const strays = await db
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.household_id')
      .select('persons.id')
      .whereRef('persons.region_id', '<>', 'households.region_id')
      .execute();
    expect(strays).toHaveLength(0);
    const heads = await db
      .selectFrom('persons')
      .select(['id', 'household_id'])
      .where('relation', '=', 'head')
      .execute();
    expect(heads).toHaveLength(summary.households);
    const headOf = new Map(households.map((h) => [h.id, h.head_person_id]));
    for (const p of heads) expect(headOf.get(p.household_id!)).toBe(p.id);
  });

  it('creates users of every role sharing the demo password, and leaves some responsibility gaps', async () => {
    const { db } = first;
    const users = await db.selectFrom('users').select(['username', 'role', 'password_hash']).execute();
    expect(users).toHaveLength(summary.users);
    expect(new Set(users.map((u) => u.role))).toEqual(
      new Set(['command', 'township', 'grid', 'checkpoint', 'observer', 'organisation', 'supplies']),
    );
    const grid = users.find((u) => u.username === 'grid0001')!;
    expect(await verifyPassword(grid.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(summary.sampleUsers).toContain('township01');
    const assigned = await db
      .selectFrom('responsibilities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const gaps = await db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('responsibilities').select('id').whereRef('responsibilities.region_id', '=', 'regions.id'),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    expect(Number(assigned.n)).toBeGreaterThan(Number(gaps.n));
    expect(Number(gaps.n)).toBeGreaterThan(0);
  });

  it("writes the screening round as recordVisit would: status from the visits, the grid's own worker, a tag and an alert per key person", async () => {
    const { db } = first;
    const round = await db.selectFrom('screening_rounds').selectAll().executeTakeFirstOrThrow();
    const command = await db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'command')
      .executeTakeFirstOrThrow();
    expect(round).toMatchObject({
      id: summary.screening.roundId,
      name: DEMO_ROUND_NAME,
      status: 'open',
      created_by: command.id,
      region_path: command.region_path,
    });
    const roundRegions = await db
      .selectFrom('screening_round_regions')
      .select('region_path')
      .where('round_id', '=', round.id)
      .execute();
    expect(roundRegions).toHaveLength(16);

    const visits = await db.selectFrom('screening_visits').selectAll().orderBy('id').execute();
    const statuses = await db.selectFrom('screening_household_status').selectAll().execute();
    const workers = new Map(
      (await db.selectFrom('users').select(['id', 'region_path']).where('role', '=', 'grid').execute()).map((u) => [
        u.id,
        u.region_path,
      ]),
    );
    for (const st of statuses) {
      const own = visits.filter((v) => v.household_id === st.household_id);
      expect(st.visits).toBe(own.length);
      expect(st.status).toBe(own.some((v) => v.outcome !== 'not_home') ? 'visited' : 'not_home');
      expect(st.last_visit_at).toBe(
        own
          .map((v) => v.visited_at)
          .sort()
          .at(-1),
      );
      expect(st.region_path.startsWith(workers.get(st.worker_id)!), 'each grid is screened by its own worker').toBe(
        true,
      );
    }
    expect(new Set(visits.map((v) => v.household_id)).size).toBe(statuses.length);
    expect(statuses.length).toBeLessThan(summary.households);
    expect(statuses.filter((x) => x.status === 'visited')).toHaveLength(summary.screening.visitedHouseholds);

    const checks = await db.selectFrom('screening_checks').selectAll().execute();
    expect(checks).toHaveLength(summary.screening.checks);
    for (const c of checks.filter((x) => x.present === 1)) expect(c.temperature).toBeGreaterThanOrEqual(36);
    expectAll(checks, (c) => c.present === 1 || c.temperature === null);
    const fevers = checks.filter((c) => (c.temperature ?? 0) >= FEVER_CELSIUS);
    expect(fevers.length).toBeGreaterThan(0);
    const tagsOf = async (personId: string) =>
      (await db.selectFrom('person_tags').select('tag').where('person_id', '=', personId).execute()).map((t) => t.tag);
    for (const f of fevers) expect(await tagsOf(f.person_id)).toEqual(expect.arrayContaining(['fever', 'key_person']));

    const alerts = await db
      .selectFrom('alerts')
      .selectAll()
      .where('source_type', '=', 'screening_visit')
      .orderBy('id')
      .execute();
    expect(alerts).toHaveLength(summary.screening.alerts);
    const visitIds = new Set(visits.map((v) => v.id));
    for (const a of alerts) {
      expect(visitIds.has(a.source_id!)).toBe(true);
      if (a.person_id) expect(await tagsOf(a.person_id)).toContain('key_person');
      expect(a.acknowledged_by === null).toBe(a.acknowledged_at === null);
    }
    expect(alerts.filter((a) => a.acknowledged_at === null)).toHaveLength(summary.screening.openAlerts);
    expect(alerts.at(-1)!.acknowledged_at, 'the newest alert is still open').toBeNull();
    // a fever sent to the clinic is one alert, pointing at its referral
    expect(new Set(alerts.map((a) => a.kind))).toEqual(new Set(['fever', 'key_person']));
    const referred = alerts.filter((a) => a.referral_id);
    expect(referred.length).toBeGreaterThan(0);
    const referrals = await db
      .selectFrom('referrals')
      .select(['id', 'source_type'])
      .where('source_type', '=', 'screening_visit')
      .execute();
    expect(referrals.map((r) => r.id).sort()).toEqual(referred.map((a) => a.referral_id).sort());
  });

  it('is deterministic: the same seed gives the same residents in the same order', async () => {
    await buildDemo(second.db, clock, { scale: 'small' });
    const residents = (db: TestDatabase['db']) =>
      db.selectFrom('persons').select(['id', 'name', 'id_number', 'relation']).orderBy('id').execute();
    const [a, b] = await Promise.all([residents(first.db), residents(second.db)]);
    expect(b).toEqual(a);
    const screening = async (db: TestDatabase['db']) => ({
      visits: await db.selectFrom('screening_visits').selectAll().orderBy('id').execute(),
      checks: await db.selectFrom('screening_checks').selectAll().orderBy('visit_id').orderBy('person_id').execute(),
      // zero-report escalations name their unit by id, and region ids come from the division-table loader, not the seed
      alerts: await db
        .selectFrom('alerts')
        .selectAll()
        .where('source_type', '<>', 'zero_report')
        .orderBy('id')
        .execute(),
    });
    expect(await screening(second.db)).toEqual(await screening(first.db));
    const codes = (db: TestDatabase['db']) =>
      db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'building').orderBy('code').execute();
    expect(await codes(second.db)).toEqual(await codes(first.db));
  });

  it('refuses a database that already has regions', async () => {
    await expect(buildDemo(first.db, clock, { scale: 'small' })).rejects.toThrow(/already has regions/);
  });
});

describe('the small demo through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await buildDemo(t.db, t.clock, { scale: 'small' });
  });
  afterAll(async () => t?.close());

  it('lets a demo grid worker log in and find residents of their grid by initials and ID suffix', async () => {
    const worker = await t.login('grid0001', DEMO_PASSWORD);
    const me = (await worker.get('/api/auth/me')).json() as { region: { path: string } };
    const someone = await t.db
      .selectFrom('persons')
      .selectAll()
      .where('region_path', 'like', me.region.path + '%')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    for (const q of [someone.initials!, someone.id_number!.slice(-4)]) {
      const res = await worker.get(`/api/persons?q=${encodeURIComponent(q)}&limit=500`);
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as { items: { id: string }[] }).items.map((p) => p.id)).toContain(someone.id);
    }
  });

  it('shows the command centre a round with gaps: grids done and grids behind, key persons, open alerts', async () => {
    const command = await t.login('command', DEMO_PASSWORD);
    const rounds = (await command.get('/api/screening/rounds')).json() as {
      items: { id: string; name: string; regions: unknown[] }[];
    };
    const round = rounds.items.find((r) => r.name === DEMO_ROUND_NAME)!;
    expect(round.regions).toHaveLength(16);

    const res = await command.get(`/api/screening/rounds/${round.id}/coverage?level=grid`);
    expect(res.statusCode, res.body).toBe(200);
    const grids = (res.json() as { items: CoverageRow[] }).items.filter((g) => g.households > 0);
    expect(grids).toHaveLength(4);
    expect(grids.some((g) => g.visited === g.households)).toBe(true);
    expect(grids.some((g) => g.visited < g.households)).toBe(true);
    expect(Math.min(...grids.map((g) => g.rate))).toBeLessThan(0.6);

    const gaps = (await command.get(`/api/screening/rounds/${round.id}/gaps?limit=500`)).json() as {
      items: GapHousehold[];
    };
    const behind = grids.reduce((n, g) => n + g.households - g.visited, 0);
    expect(gaps.items).toHaveLength(behind);
    expect(gaps.items.length).toBeGreaterThan(0);

    const keyPersons = (await command.get('/api/persons?tag=key_person&limit=500')).json() as {
      items: { tags: string[] }[];
    };
    expect(keyPersons.items.length).toBeGreaterThan(0);
    expect(keyPersons.items.some((p) => p.tags.includes('fever'))).toBe(true);
    const open = (await command.get('/api/alerts?open=true&limit=500')).json() as {
      items: { acknowledgedAt: string | null }[];
    };
    expect(open.items.length).toBeGreaterThan(0);
    expectAll(open.items, (a) => a.acknowledgedAt === null);

    const workers = (await command.get(`/api/screening/rounds/${round.id}/workers`)).json() as {
      items: { workerName: string; households: number }[];
    };
    expect(workers.items.map((w) => w.workerName).sort()).toEqual(['grid0001', 'grid0002', 'grid0003', 'grid0004']);
  });

  it("takes a real visit to a gap on top of the demo round, from that grid's worker", async () => {
    const command = await t.login('command', DEMO_PASSWORD);
    const round = ((await command.get('/api/screening/rounds')).json() as { items: { id: string }[] }).items[0]!;
    const gap = (
      (await command.get(`/api/screening/rounds/${round.id}/gaps?limit=1`)).json() as { items: GapHousehold[] }
    ).items[0]!;
    const grid = await t.db
      .selectFrom('users')
      .select(['username', 'region_path'])
      .where('role', '=', 'grid')
      .execute()
      .then((us) => us.find((u) => gap.regionPath.startsWith(u.region_path))!);
    const worker = await t.login(grid.username, DEMO_PASSWORD);
    const household = (await worker.get(`/api/households/${gap.householdId}`)).json() as { members: { id: string }[] };
    const before = (
      (await command.get(`/api/screening/rounds/${round.id}/coverage?level=grid`)).json() as { items: CoverageRow[] }
    ).items;
    const res = await worker.post('/api/screening/visits', {
      roundId: round.id,
      householdId: gap.householdId,
      visitedAt: '2020-01-25T15:00:00+08:00',
      outcome: 'no_risk',
      checks: household.members.map((m) => ({ personId: m.id, present: true, temperature: 36.6 })),
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = (
      (await command.get(`/api/screening/rounds/${round.id}/coverage?level=grid`)).json() as { items: CoverageRow[] }
    ).items;
    const visited = (rows: CoverageRow[]) => rows.reduce((n, r) => n + r.visited, 0);
    expect(visited(after)).toBe(visited(before) + 1);
  });
});
