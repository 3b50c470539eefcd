import type { Insertable } from 'kysely';
import { systemClock } from '../src/server/clock';
import type { Database, Db } from '../src/server/db/database';
import { insertMany } from '../src/server/db/bulk-writes';
import { uuidv7 } from '../src/server/ids';
import { insertBranches, insertBranchMembers, insertCompounds } from '../src/server/features/temp-branches';
import { makeUser, PASSWORD } from '../src/server/testing/factories';
import { benchApp, interleaved, type LatencyResult } from './latency';
import { log } from './stats';

/**
 * branch_flags_p99: GET /api/temp-branches/flags (the county's temporary-branch flags, computed
 * live: checkpoint rosters of the last 7 days against the party roll, compounds' households and
 * residents, open branches' formal members) by a county organisation-department user, against GET
 * /api/health interleaved (latency.ts). The county: 20 townships × 25 villages × grids, `residents`
 * registered residents (three to a household), `members` party members in one branch per village,
 * and `posts` sites and posts: 30% checkpoint sites with a week of three shifts a day (two people a
 * shift, one in three of them a party member), 60% compounds on grids (a fifth without property
 * management), 10% open temporary branches at compounds and checkpoints (three members each).
 * Standalone: `node bin/run-ts.mjs bench/branch-flags.ts [--quick]`; also part of `npm run bench`.
 */
export interface BranchFlagsBench extends LatencyResult {
  flags: number;
  assignments: number;
}

const TOWNSHIPS = 20;
const VILLAGES = 25;
const DAY = 86_400_000;
const HOUR = 3_600_000;

type RegionRow = Insertable<Database['regions']> & { id: string; path: string };

function region(parent: RegionRow | null, level: RegionRow['level'], code: string, name: string, now: string) {
  const path = `${parent?.path ?? '/'}${code}/`;
  return {
    id: uuidv7(),
    parent_id: parent?.id ?? null,
    level,
    code,
    name,
    path,
    depth: path.split('/').length - 2,
    status: 'active',
    pinyin: code,
    initials: code,
    search_key: `${name} ${code}`,
    created_at: now,
    updated_at: now,
    retired_at: null,
  } satisfies RegionRow;
}

export async function runBranchFlags(
  db: Db,
  opts: { residents: number; members: number; posts: number; requests: number; warmup: number },
): Promise<BranchFlagsBench> {
  const now = new Date();
  const at = now.toISOString();
  const county = region(null, 'county', '140728000000', '基准县', at);
  const regions: RegionRow[] = [county];
  const villages: RegionRow[] = [];
  const grids: RegionRow[] = [];
  const compoundsWanted = Math.round(opts.posts * 0.6);
  const gridsPerVillage = Math.ceil(compoundsWanted / (TOWNSHIPS * VILLAGES));
  for (let t = 0; t < TOWNSHIPS; t++) {
    const township = region(county, 'township', `140728${100 + t}000`, `镇${t + 1}`, at);
    regions.push(township);
    for (let v = 0; v < VILLAGES; v++) {
      const village = region(township, 'village', `140728${100 + t}${200 + v}`, `镇${t + 1}村${v + 1}`, at);
      regions.push(village);
      villages.push(village);
      for (let g = 0; g < gridsPerVillage; g++) {
        const grid = region(village, 'grid', `${village.code}${String(g + 1).padStart(3, '0')}`, `网格${g + 1}`, at);
        regions.push(grid);
        grids.push(grid);
      }
    }
  }
  await insertMany(db, 'regions', regions);

  // residents, three to a household, spread over the grids; the first `members` are party members
  const personIds: string[] = [];
  const perGrid = Math.ceil(opts.residents / grids.length);
  for (let g = 0, made = 0; g < grids.length && made < opts.residents; g++) {
    const grid = grids[g]!;
    const households: Insertable<Database['households']>[] = [];
    const persons: Insertable<Database['persons']>[] = [];
    for (let i = 0; i < perGrid && made < opts.residents; i++, made++) {
      if (i % 3 === 0)
        households.push({
          id: uuidv7(),
          region_id: grid.id,
          region_path: grid.path,
          address: `${grid.name}${i}号`,
          room: null,
          head_person_id: null,
          phone: null,
          vacant: 0,
          note: null,
          created_at: at,
          updated_at: at,
        });
      const id = uuidv7();
      personIds.push(id);
      persons.push({
        id,
        household_id: households.at(-1)!.id,
        region_id: grid.id,
        region_path: grid.path,
        name: `居民${made}`,
        sex: i % 2 ? 'M' : 'F',
        birth_date: null,
        id_type: 'resident_id',
        id_number: null,
        phone: null,
        relation: null,
        search_key: `居民${made}`,
        nationality: null,
        merged_into: null,
        returnee_from: null,
        arrival_date: null,
        transport: null,
        transport_no: null,
        note: null,
        name_key: null,
        pinyin: null,
        initials: null,
        id_rev: null,
        phone_rev: null,
        created_at: at,
        updated_at: at,
      });
    }
    await insertMany(db, 'households', households);
    await insertMany(db, 'persons', persons);
  }
  log(`branch flags: ${regions.length} regions, ${personIds.length} residents`);

  const orgs: Insertable<Database['party_organisations']>[] = villages.map((v, i) => ({
    id: uuidv7(),
    parent_id: null,
    code: `B${i}`,
    kind: 'branch',
    name: `${v.name}党支部`,
    name_key: `${v.name}党支部`,
    pinyin: `b${i}`,
    initials: `b${i}`,
    unit_name: v.name,
    unit_type: 'village',
    region_id: v.id,
    region_path: v.path,
    secretary_person_id: null,
    phone: null,
    created_by: null,
    created_at: at,
    updated_at: at,
  }));
  await insertMany(db, 'party_organisations', orgs);
  // members spread evenly over the registry (every k-th resident)
  const stride = Math.max(1, Math.floor(personIds.length / opts.members));
  const memberPersons: string[] = [];
  for (let i = 0; i < personIds.length && memberPersons.length < opts.members; i += stride)
    memberPersons.push(personIds[i]!);
  await insertMany(
    db,
    'party_members',
    memberPersons.map((personId, i) => {
      const org = orgs[i % orgs.length]!;
      return {
        id: uuidv7(),
        person_id: personId,
        organisation_id: org.id!,
        region_id: org.region_id,
        region_path: org.region_path,
        category: i % 7 === 6 ? ('probationary' as const) : ('full' as const),
        status: 'normal' as const,
        post: null,
        joined_on: null,
        removed_at: null,
        created_by: null,
        created_at: at,
        updated_at: at,
      };
    }),
  );

  // checkpoint sites with a week of rosters: two people a shift, one in three a party member
  const siteCount = Math.round(opts.posts * 0.3);
  const sites: Insertable<Database['checkpoint_sites']>[] = [];
  for (let s = 0; s < siteCount; s++) {
    const v = villages[s % villages.length]!;
    sites.push({
      id: uuidv7(),
      name: `卡口${s + 1}`,
      kind: 'village_entrance',
      region_id: v.id,
      region_path: v.path,
      address: null,
      responsible_unit: null,
      lead_name: null,
      lead_phone: null,
      hours: '24h',
      status: 'active',
      created_at: at,
      updated_at: at,
    });
  }
  await insertMany(db, 'checkpoint_sites', sites);
  const start = Math.floor((now.getTime() - 7 * DAY) / (8 * HOUR)) * 8 * HOUR;
  let assignments = 0;
  let p = 0;
  for (let s = 0; s < sites.length; s++) {
    const site = sites[s]!;
    const shifts: Insertable<Database['duty_shifts']>[] = [];
    const people: Insertable<Database['duty_assignments']>[] = [];
    for (let k = 0; k < 21; k++) {
      const shift = {
        id: uuidv7(),
        site_id: site.id!,
        region_path: site.region_path,
        starts_at: new Date(start + k * 8 * HOUR).toISOString(),
        ends_at: new Date(start + (k + 1) * 8 * HOUR).toISOString(),
        created_at: at,
      };
      shifts.push(shift);
      for (let j = 0; j < 2; j++) {
        // a site's crew is a pool of six; one in three of them a party member
        const slot = (k * 2 + j) % 6;
        const personId =
          slot % 3 === 0
            ? memberPersons[(s * 2 + slot / 3) % memberPersons.length]!
            : personIds[(p++ * 7919) % personIds.length]!;
        people.push({
          id: uuidv7(),
          shift_id: shift.id,
          region_path: site.region_path,
          user_id: null,
          person_id: personId,
          name: '值守人员',
          checked_in_at: null,
          checked_out_at: null,
          created_at: at,
        });
      }
    }
    await insertMany(db, 'duty_shifts', shifts);
    await insertMany(db, 'duty_assignments', people);
    assignments += people.length;
  }

  // compounds on grids, a fifth without property management; open branches at compounds and sites
  const compounds = grids.slice(0, compoundsWanted).map((g, i) => ({
    id: uuidv7(),
    region_id: g.id,
    region_path: g.path,
    name: `${g.name}小区`,
    property_management: i % 5 === 0 ? 0 : 1,
    property_company: null,
    note: null,
    created_by: null,
    created_at: at,
    updated_at: at,
  }));
  await insertCompounds(db, compounds);
  const branchCount = opts.posts - siteCount - compounds.length;
  const branches = Array.from({ length: branchCount }, (_, i) => {
    const atSite = i % 2 === 0 && i / 2 < sites.length;
    const site = sites[i / 2];
    const compound = compounds[i % compounds.length]!;
    return {
      id: uuidv7(),
      name: `临时党支部${i + 1}`,
      post_kind: atSite ? ('checkpoint' as const) : ('compound' as const),
      checkpoint_site_id: atSite ? site!.id! : null,
      isolation_site_id: null,
      compound_id: atSite ? null : compound.id,
      post_name: null,
      region_id: atSite ? site!.region_id : compound.region_id,
      region_path: atSite ? site!.region_path : compound.region_path,
      founded_on: at.slice(0, 10),
      secretary_person_id: null,
      note: null,
      closed_at: null,
      closed_by: null,
      close_reason: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    };
  });
  await insertBranches(db, branches);
  await insertBranchMembers(
    db,
    branches.flatMap((b, i) =>
      [0, 1, 2].map((k) => ({
        id: uuidv7(),
        branch_id: b.id,
        person_id: memberPersons[(i * 3 + k) % memberPersons.length]!,
        region_path: b.region_path,
        role: k === 0 ? ('secretary' as const) : ('member' as const),
        joined_at: at,
        left_at: null,
      })),
    ),
  );
  log(
    `branch flags: ${memberPersons.length} members, ${sites.length} sites (${assignments} roster places), ${compounds.length} compounds, ${branches.length} branches`,
  );

  await makeUser(db, systemClock, 'bench-organisation', 'organisation', county as never);
  const bench = await benchApp(db);
  try {
    const res = await bench.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bench-organisation', password: PASSWORD },
    });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const probe = await bench.app.inject({ method: 'GET', url: '/api/temp-branches/flags', headers: { cookie } });
    if (probe.statusCode !== 200) throw new Error(`flags probe: ${probe.statusCode} ${probe.body.slice(0, 200)}`);
    const flags = (probe.json() as { flags: unknown[] }).flags.length;
    const latency = await interleaved(bench.app, cookie, () => '/api/temp-branches/flags', opts.requests, opts.warmup);
    return { ...latency, flags, assignments };
  } finally {
    await bench.close();
  }
}

// Standalone: node bin/run-ts.mjs bench/branch-flags.ts [--quick] — a fresh SQLite database in a temporary directory.
if (process.argv[1]?.endsWith('branch-flags.ts')) {
  const { default: fs } = await import('node:fs');
  const { default: os } = await import('node:os');
  const { default: path } = await import('node:path');
  const { openMigratedDb } = await import('../src/server/db/open');
  const { emit } = await import('./stats');
  const quick = process.argv.includes('--quick');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-branch-flags-'));
  const db = await openMigratedDb({ databaseUrl: undefined, sqlitePath: path.join(dir, 'bench.sqlite') });
  try {
    const r = await runBranchFlags(
      db,
      quick
        ? { residents: 100_000, members: 20_000, posts: 1_000, requests: 100, warmup: 10 }
        : { residents: 1_000_000, members: 200_000, posts: 10_000, requests: 300, warmup: 20 },
    );
    log(`branch flags: ${r.flags} flags; p50 ${r.p50.toFixed(1)} ms (health ${r.baselineP50.toFixed(2)} ms)`);
    emit(`branch_flags_p99${quick ? '_quick' : ''}`, r.p99, 'ms', r.baselineP99);
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
