import { rebuildRollups } from '../features/rollups';
import { buildDispatchDemo, type DispatchDemoSummary } from './dispatch';
import { buildTempBranchDemo } from './temp-branches';
import { buildIsolationStaffDemo } from './isolation-staff';
import { buildDailyReportDemo, type DailyReportDemoSummary } from './daily-reports';
import { sql } from 'kysely';
import { engineOf, sqliteHandle, type Db } from '../db/database';
import { type BulkTarget, bulkTarget, insertMany, RowBuffer } from '../db/bulk-writes';
import type { RegionRow } from '../features/regions';
import type { Clock } from '../clock';
import { audit } from '../features/audit';
import { hashPassword } from '../features/auth';
import { loadCountyFromDivisionTable } from '../features/regions';
import { IdNumbers, randomHousehold } from './people';
import { DemoIds, Rng } from './random';
import { DemoScreening, type ScreeningCounts } from './screening';
import { buildCheckpointDemo, type CheckpointDemoSummary } from './checkpoints';
import { buildIsolationDemo, type IsolationDemoSummary } from './isolation';
import { buildTracingDemo, type TracingDemoSummary } from './tracing';
import { buildZeroReportDemo, type ZeroReportDemoSummary } from './zero-reports';
import { buildSuppliesDemo } from './supplies';
import { buildSupplyRequestsDemo } from './supply-requests';
import { buildPartyDonationsDemo } from './party-donations';
import { buildCoverDemo } from './cover';
import { buildCalloutsDemo } from './callouts';
import { buildVolunteersDemo } from './volunteers';
import { buildGatheringsDemo, type GatheringsDemoSummary } from './gatherings';
import { buildVolunteerTasksDemo } from './volunteer-tasks';
import { buildPartyDemo, type PartyDemoSummary } from './party';
import { cachedPersonKeys } from './search-keys';
import { countyShape, planGrids, type GridPlan, type TreeShape } from './tree';
import { demoResponsibilities, demoUsers, demoVillageUsers } from './users';
import { buildReportingDemo } from './reporting';
import { buildPledgesDemo } from './pledges';

/**
 * The demo county: Pingyao (平遥县, 140728) — the county of the bus 晋C60695 story in the reports —
 * with its real townships and villages from the national division table, and generated grids,
 * buildings, households, residents (with returnees and other registry flags), users,
 * responsibility assignments and a door-to-door screening round about 80% done (with its key
 * persons and alerts), village cadres (village001…) and today's daily reports part way up the
 * chain, so every screen has realistic data on first start. Everything generated
 * comes from one seed: two builds are identical.
 */
export interface DemoSummary {
  regions: number;
  households: number;
  persons: number;
  users: number;
  password: string;
  sampleUsers: string[];
  screening: ScreeningCounts;
  checkpoints: CheckpointDemoSummary;
  isolation: IsolationDemoSummary;
  zeroReports: ZeroReportDemoSummary;
  tracing: TracingDemoSummary;
  gatherings: GatheringsDemoSummary;
  party: PartyDemoSummary;
  dispatch: DispatchDemoSummary;
  dailyReports: DailyReportDemoSummary;
}

export type DemoScale = 'small' | 'county';

export interface DemoOptions {
  scale: DemoScale;
  progress?: (done: number, total: number, step?: string) => void;
  /** Another seed gives another county of the same shape. */
  seed?: number;
  /** The county's time zone (QUNFANG_TZ): isolation follow-ups are planned in local time. */
  timeZone?: string;
}

const DEMO_COUNTY_CODE = '140728';
export const DEMO_PASSWORD = 'Demo@2020';
const DEFAULT_SEED = 20200120;
/** Ids and timestamps of generated rows start here (2020-01-20, the eve of the Level-I response). */
const DEMO_EPOCH_MS = Date.UTC(2020, 0, 20);
const DEMO_NOW = new Date(DEMO_EPOCH_MS).toISOString();
/** County scale: about Pingyao's grid count, and 100,000 households ≈ 313,000 residents. */
const COUNTY_GRIDS = 1600;
const COUNTY_HOUSEHOLDS = 100_000;
const MEAN_HOUSEHOLD_SIZE = 3.13;
/** Screening rows per household, for the progress bar: ~0.85 visits, ~0.8 statuses, ~2.4 checks. */
const SCREENING_ROWS_PER_HOUSEHOLD = 4.05;

export async function demoIsLoaded(db: Db): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'demo.scale').executeTakeFirst();
  return row !== undefined;
}

/**
 * Build the demo county into an empty database (it refuses one that already has regions).
 * 'county': 1,600 grids, ~9,200 buildings, 100,000 households, ~313,000 residents.
 * 'small': the same county tree, with grids, buildings and a few hundred residents only under two
 * villages of 古陶镇 — for tests and quick looks.
 */
export async function buildDemo(db: Db, clock: Clock, opts: DemoOptions): Promise<DemoSummary> {
  const report = opts.progress ?? (() => {});
  const { n } = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) > 0) throw new Error('the database already has regions; the demo needs an empty database');

  // One argon2 hash for every demo account (one per user would take a minute at county scale).
  const passwordHash = hashPassword(DEMO_PASSWORD);
  report(0, 1, 'regions');
  const loaded = await loadCountyFromDivisionTable(db, clock, null, DEMO_COUNTY_CODE, (done, total) =>
    report(done, total, 'regions'),
  );
  const tree = await db.selectFrom('regions').selectAll().orderBy('path').execute();
  const county = tree.find((r) => r.id === loaded.countyId)!;
  const townships = tree.filter((r) => r.level === 'township');
  const villages = tree.filter((r) => r.level === 'village');
  const townshipById = new Map(townships.map((t) => [t.id, t]));

  const seed = opts.seed ?? DEFAULT_SEED;
  const rng = new Rng(seed);
  const ids = new DemoIds(DEMO_EPOCH_MS, new Rng(seed ^ 0x5bd1e995));
  const shape =
    opts.scale === 'county'
      ? countyShape(rng, villages, townshipById, COUNTY_GRIDS, COUNTY_HOUSEHOLDS)
      : smallShape(villages, townships);
  const grids = planGrids(rng, ids, shape, townshipById, DEMO_NOW);
  const regionRows = grids.flatMap((g) => [g.row, ...g.buildings.map((b) => b.row)]);
  const users = demoUsers(rng, ids, await passwordHash, DEMO_NOW, county, townships, grids);
  const responsibilities = demoResponsibilities(rng, ids, DEMO_NOW, county, townships, villages, grids, users);
  for (const u of demoVillageUsers(
    seed,
    DEMO_EPOCH_MS,
    await passwordHash,
    DEMO_NOW,
    villages.filter((v) => v.status === 'active'),
  )) {
    users.rows.push(u);
    users.byUsername.set(u.username, u);
  }

  const householdTotal = shape.householdsPerGrid.reduce((a, b) => a + b, 0);
  const total =
    regionRows.length +
    users.rows.length +
    responsibilities.length +
    Math.round(householdTotal * (1 + MEAN_HOUSEHOLD_SIZE + SCREENING_ROWS_PER_HOUSEHOLD));
  let done = 0;
  const advance = (step: string) => (rows: number) => {
    done += rows;
    report(Math.min(done, total - 1), total, step);
  };

  const counts = await db.transaction().execute(async (trx) => {
    const to = bulkTarget(db, trx);
    await insertMany(to, 'regions', regionRows, { onRows: advance('grids') });
    await insertMany(to, 'users', users.rows, { onRows: advance('users') });
    await insertMany(to, 'responsibilities', responsibilities, { onRows: advance('responsibility') });
    const screeningRng = new Rng(seed ^ 0x2c1b3c6d);
    const residents = await insertResidents(
      to,
      rng,
      ids,
      grids,
      advance('residents'),
      (persons, tags, onRows) =>
        new DemoScreening(
          to,
          screeningRng,
          opts.scale,
          users.byUsername.get('command')!,
          users.gridUserOf,
          persons,
          tags,
          onRows,
        ),
      townships,
    );
    await trx
      .insertInto('settings')
      .values([
        { key: 'demo.scale', value: opts.scale },
        { key: 'demo.built_at', value: clock.now().toISOString() },
        { key: 'demo.seed', value: String(seed) },
      ])
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
      .execute();
    await audit(trx, clock, null, {
      action: 'demo.build',
      entityType: 'region',
      entityId: county.id,
      regionPath: county.path,
      details: {
        scale: opts.scale,
        seed,
        households: residents.households,
        persons: residents.persons,
        screening: residents.screening,
      },
    });
    return residents;
  });
  const checkpoints = await buildCheckpointDemo(db, clock, {
    scale: opts.scale,
    progress: (done, all, step) => opts.progress?.(done, all, step ?? 'checkpoints'),
  });
  report(total - 1, total, 'isolation');
  const isolation = await db
    .transaction()
    .execute((trx) => buildIsolationDemo(trx, clock, { scale: opts.scale, timeZone: opts.timeZone }));
  const tracing = await db.transaction().execute((trx) => buildTracingDemo(trx, { timeZone: opts.timeZone }));
  report(total - 1, total, 'zero reports');
  const zeroReports = await buildZeroReportDemo(db, clock);
  const gatherings = await db.transaction().execute((trx) => buildGatheringsDemo(trx));
  const party = await buildPartyDemo(db, opts.scale);
  await buildTempBranchDemo(db, clock, opts.timeZone ?? 'Asia/Shanghai');
  await buildIsolationStaffDemo(db, clock, opts.timeZone ?? 'Asia/Shanghai');
  const dispatch = await buildDispatchDemo(db, clock, opts.timeZone ?? 'Asia/Shanghai');
  await buildReportingDemo(db).then(() => buildPledgesDemo(db, opts.timeZone ?? 'Asia/Shanghai'));
  await buildVolunteersDemo(db, clock);
  await buildVolunteerTasksDemo(db, clock);
  await buildCalloutsDemo(db, clock, opts.timeZone ?? 'Asia/Shanghai');
  report(total - 1, total, 'roll-ups');
  await rebuildRollups(db, clock, opts.timeZone ?? 'Asia/Shanghai');
  report(total - 1, total, 'daily reports');
  const dailyReports = await buildDailyReportDemo(db, clock, opts.timeZone ?? 'Asia/Shanghai');
  await buildSuppliesDemo(db, {
    county,
    townships,
    desk: users.byUsername.get('supplies01')!,
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
  });
  await buildPartyDonationsDemo(db, {
    county,
    townships,
    desk: users.byUsername.get('supplies01')!,
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
  });
  await buildSupplyRequestsDemo(db, {
    county,
    townships,
    users: users.byUsername,
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
  });
  await buildCoverDemo(db, clock, {
    users: users.byUsername,
    desk: users.byUsername.get('supplies01')!,
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
  });
  const sqlite = sqliteHandle(db);
  if (sqlite) {
    // Statistics for the planner, as `vacuum analyze` gives PostgreSQL below: without them SQLite
    // answers a county-wide name search by walking the whole region_path range (~100 ms at county
    // scale instead of a few ms).
    sqlite.exec('analyze');
    // SQLite keeps the whole build in its write-ahead log until a checkpoint; fold it into the
    // database file and truncate the log, rather than leave a 300 MB -wal file beside it.
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
  if (engineOf(db) === 'postgres') {
    // Fresh statistics and visibility map for the 400,000 new rows now, rather than whenever
    // autovacuum gets to them, so the first screens after the build get good plans.
    const tables = [
      'regions',
      'households',
      'persons',
      'person_tags',
      'responsibilities',
      'users',
      'screening_visits',
      'screening_checks',
      'screening_household_status',
      'alerts',
      'checkpoint_sites',
      'duty_shifts',
      'duty_assignments',
      'passages',
      'passage_occupants',
      'isolation_sites',
      'isolation_rooms',
      'isolation_episodes',
      'follow_up_slots',
      'necessity_requests',
      'cases',
      'contacts',
      'seek_notices',
      'seek_found',
      'party_organisations',
      'party_members',
    ] as const;
    for (const table of tables) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
  }
  report(total, total, 'done');

  const sampleRoles = ['command', 'township', 'grid', 'checkpoint', 'observer', 'organisation', 'supplies'];
  return {
    regions: loaded.created + regionRows.length,
    households: counts.households,
    persons: counts.persons,
    users: users.rows.length,
    screening: counts.screening,
    checkpoints,
    isolation,
    tracing,
    zeroReports,
    gatherings,
    party,
    dispatch,
    dailyReports,
    password: DEMO_PASSWORD,
    sampleUsers: [
      ...sampleRoles.flatMap((role) =>
        users.rows
          .filter((u) => u.role === role && !u.username.startsWith('village'))
          .slice(0, role === 'command' ? 1 : 2)
          .map((u) => u.username),
      ),
      'village001',
    ],
  };
}

/** Two grids in each of the first two villages of 古陶镇, three courtyards a grid, eight households a courtyard. */
function smallShape(villages: RegionRow[], townships: RegionRow[]): TreeShape {
  const gutao = townships.find((t) => t.code === DEMO_COUNTY_CODE + '100000') ?? townships[0]!;
  const chosen = villages.filter((v) => v.parent_id === gutao.id).slice(0, 2);
  return {
    villages: chosen,
    gridsPerVillage: chosen.map(() => 2),
    householdsPerGrid: chosen.flatMap(() => [24, 24]),
    buildingSize: { urban: [8, 8], rural: [8, 8] },
  };
}

type ScreeningFor = (
  persons: RowBuffer<'persons'>,
  tags: RowBuffer<'person_tags'>,
  onRows: (n: number) => void,
) => DemoScreening;

/**
 * Households and their members, building by building. A household's address is township +
 * village + building, then the room (as the registry writes it: 古陶镇东城村1号院 3号); its phone is
 * the head's; persons live where their household does. The screening round's calls at each
 * household are written alongside (from their own random stream, so the residents do not depend
 * on them).
 */
async function insertResidents(
  to: BulkTarget,
  rng: Rng,
  ids: DemoIds,
  grids: GridPlan[],
  onRows: (n: number) => void,
  screeningFor: ScreeningFor,
  townships: RegionRow[],
) {
  const households = new RowBuffer(to, 'households', { onRows });
  const persons = new RowBuffer(to, 'persons', { onRows, before: households });
  const tags = new RowBuffer(to, 'person_tags', { onRows, before: persons });
  const screening = screeningFor(persons, tags, onRows);
  await screening.openRound(townships);
  const idNumbers = new IdNumbers();
  let householdCount = 0;
  let personCount = 0;
  for (const grid of grids) {
    screening.beginGrid(grid);
    for (const building of grid.buildings) {
      const b = building.row;
      for (const room of building.rooms) {
        const householdId = ids.next();
        const members = randomHousehold(rng, idNumbers);
        const memberIds = members.map(() => ids.next());
        const address = `${building.addressPrefix}${b.name} ${room}`;
        await households.push({
          id: householdId,
          region_id: b.id,
          region_path: b.path,
          address,
          room,
          head_person_id: memberIds[0]!,
          phone: members[0]!.phone,
          vacant: 0,
          note: null,
          created_at: DEMO_NOW,
          updated_at: DEMO_NOW,
        });
        for (let i = 0; i < members.length; i++) {
          const m = members[i]!;
          await persons.push({
            id: memberIds[i]!,
            household_id: householdId,
            region_id: b.id,
            region_path: b.path,
            name: m.name,
            sex: m.sex,
            birth_date: m.birthDate,
            id_type: 'resident_id',
            id_number: m.idNumber,
            nationality: null,
            phone: m.phone,
            relation: m.relation,
            away: m.away ? 1 : 0,
            returnee_from: m.returnee?.from ?? null,
            arrival_date: m.returnee?.arrivalDate ?? null,
            transport: m.returnee?.transport ?? null,
            transport_no: m.returnee?.transportNo ?? null,
            note: null,
            ...cachedPersonKeys(m.name, m.idNumber, m.phone),
            created_at: DEMO_NOW,
            updated_at: DEMO_NOW,
          });
          for (const tag of m.tags) {
            await tags.push({
              person_id: memberIds[i]!,
              tag,
              region_path: b.path,
              source: 'demo',
              created_at: DEMO_NOW,
            });
          }
        }
        await screening.household(
          { id: householdId, region_id: b.id, region_path: b.path, address },
          members,
          memberIds,
        );
        householdCount++;
        personCount += members.length;
      }
    }
  }
  await tags.flush();
  return { households: householdCount, persons: personCount, screening: await screening.finish() };
}
