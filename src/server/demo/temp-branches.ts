import type { Db } from '../db/database';
import { addDays, localDay, type Clock } from '../clock';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import { AppError } from '../errors';
import { assignToShift, listSites, planShifts, rosterBetween } from '../features/checkpoints';
import { listPartyMembers } from '../features/party';
import {
  addBranchMember,
  isolationSitesInScope,
  listBranches,
  markCompound,
  setUpBranch,
  villagesByHouseholds,
} from '../features/temp-branches';

export interface TempBranchDemoSummary {
  compounds: number;
  branches: number;
  members: number;
  shiftsStaffed: number;
}

const DAY = 86_400_000;

/** The organisation department's demo account (organisation01), as an actor, or null before users exist. */
async function organisationActor(db: Db): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .innerJoin('regions', 'regions.id', 'users.region_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.region_id', 'regions.path'])
    .where('users.username', '=', 'organisation01')
    .executeTakeFirst();
  if (!user) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: 'organisation',
    regionId: user.region_id,
    regionPath: user.path,
    locale: 'zh-CN',
    ip: null,
    userAgent: null,
  };
}

/**
 * The demo county's temporary party branches (临时党支部), written through the feature's own services:
 * the ten villages and communities with the most households marked as compounds (小区), two of them
 * with property management; seven branches — the 京昆高速平遥出口 checkpoint, the county hospital's
 * fever clinic (a ward), the 平遥宾馆 isolation hotel and the four biggest unmanaged compounds; the
 * remaining big unmanaged compounds stay flagged 应建未建. Then `staffTempBranchDemo` gives the
 * branches their members and puts party members on checkpoint rosters — if the county has party
 * members yet (the party demo builds them; without them the branches stand empty and are flagged
 * 低于最低人数, which is true).
 */
export async function buildTempBranchDemo(db: Db, clock: Clock, timeZone: string): Promise<TempBranchDemoSummary> {
  const actor = await organisationActor(db);
  if (!actor) return { compounds: 0, branches: 0, members: 0, shiftsStaffed: 0 };
  const scope = scopeOf(actor);
  const today = localDay(clock.now(), timeZone);

  const villages = await villagesByHouseholds(db, scope, 10);
  const unmanaged: { id: string; name: string }[] = [];
  for (const [i, v] of villages.entries()) {
    const managed = i % 5 === 4;
    const compound = await markCompound(db, clock, actor, {
      regionId: v.id,
      propertyManagement: managed,
      propertyCompany: managed ? '平遥县古城物业服务有限公司' : null,
      note: managed ? null : '老旧小区，无物业管理，由社区代管',
    });
    if (!managed) unmanaged.push({ id: compound.id, name: compound.name });
  }

  const sites = await listSites(db, scope, { status: 'active' });
  const highway = sites.find((s) => s.name === '京昆高速平遥出口') ?? sites[0];
  const hotels = await isolationSitesInScope(db, scope);
  const hotel = hotels.find((h) => h.name.startsWith('平遥宾馆') && h.status === 'active') ?? hotels[0];
  const posts: Parameters<typeof setUpBranch>[3][] = [];
  if (highway)
    posts.push({
      name: `${highway.name}临时党支部`,
      postKind: 'checkpoint',
      checkpointSiteId: highway.id,
      foundedOn: addDays(today, -5),
      note: '高速出口24小时值守，党员分三班',
    });
  if (actor.regionId)
    posts.push({
      name: '县人民医院发热门诊临时党支部',
      postKind: 'ward',
      postName: '县人民医院发热门诊',
      regionId: actor.regionId,
      foundedOn: addDays(today, -4),
    });
  if (hotel)
    posts.push({
      name: '平遥宾馆集中隔离点临时党支部',
      postKind: 'isolation_site',
      isolationSiteId: hotel.id,
      foundedOn: addDays(today, -3),
    });
  for (const c of unmanaged.slice(0, 4))
    posts.push({
      name: `${c.name}小区临时党支部`,
      postKind: 'compound',
      compoundId: c.id,
      foundedOn: addDays(today, -2),
    });
  for (const post of posts) await setUpBranch(db, clock, actor, post);

  const staffed = await staffTempBranchDemo(db, clock, timeZone);
  return { compounds: villages.length, branches: posts.length, ...staffed };
}

/**
 * Give the demo's open branches their members and put party members on checkpoint rosters in the
 * last days, from the county's party members (party's index, at run time): each branch a secretary
 * and three to five members from any branch — the fever clinic's only two, so it shows 低于最低人数 —
 * and four members each on the rosters of the highway exit (shown 党员先锋岗) and of two more
 * checkpoints without a branch, which the flags then call 应建未建. Nothing happens without members.
 */
export async function staffTempBranchDemo(
  db: Db,
  clock: Clock,
  timeZone: string,
): Promise<{ members: number; shiftsStaffed: number }> {
  const actor = await organisationActor(db);
  if (!actor) return { members: 0, shiftsStaffed: 0 };
  const scope = scopeOf(actor);
  const pool = (await listPartyMembers(db, scope, { limit: 300 })).slice(0, 300);
  if (pool.length === 0) return { members: 0, shiftsStaffed: 0 };
  let next = 0;
  const take = () => pool[next++ % pool.length]!;

  let members = 0;
  const branches = await listBranches(db, scope, { status: 'open', limit: 50 });
  for (const [i, b] of branches.entries()) {
    const size = b.post_kind === 'ward' ? 2 : 4 + (i % 3);
    const taken = new Set<string>();
    for (let k = 0; k < size; k++) {
      const m = take();
      if (taken.has(m.person_id)) continue;
      taken.add(m.person_id);
      try {
        await addBranchMember(db, clock, actor, b.id, { partyMemberId: m.id, role: k === 0 ? 'secretary' : 'member' });
        members++;
      } catch (err) {
        // a member already serving there (the pool wrapped round) is skipped
        if (!(err instanceof AppError) || err.code !== 'TEMP_BRANCH_MEMBER_EXISTS') throw err;
      }
    }
  }

  // rosters: the highway exit and two more checkpoints, four party members each in the last days
  const withBranch = new Set(branches.map((b) => b.checkpoint_site_id).filter((id) => id !== null));
  const sites = await listSites(db, scope, { status: 'active' });
  const rostered = [
    ...sites.filter((s) => withBranch.has(s.id)),
    // the main sites first; the small county has only village entrances besides the highway exit
    ...sites
      .filter((s) => !withBranch.has(s.id))
      .sort((a, b) => Number(a.kind === 'village_entrance') - Number(b.kind === 'village_entrance'))
      .slice(0, 2),
  ];
  const now = clock.now();
  const today = localDay(now, timeZone);
  let shiftsStaffed = 0;
  for (const site of rostered) {
    const window = () =>
      rosterBetween(db, scope, new Date(now.getTime() - 5 * DAY).toISOString(), now.toISOString(), site.id);
    let shifts = (await window()).filter((s) => s.starts_at <= now.toISOString());
    // a site whose roster already covers these days (the checkpoint demo's, in January 2020) keeps it:
    // the party demo made most people on it members. A demo built later than that (npm start today)
    // gets a few days of shifts with party members on them, so the station flags show.
    if (shifts.length > 0) continue;
    await planShifts(db, clock, timeZone, actor, {
      siteId: site.id,
      fromDay: addDays(today, -3),
      days: 4,
      startHours: [0, 8, 16],
    });
    shifts = (await window()).filter((s) => s.starts_at <= now.toISOString());
    for (let k = 0; k < 4 && shifts.length > 0; k++) {
      const shift = shifts[shifts.length - 1 - (k % shifts.length)]!;
      await assignToShift(db, clock, actor, shift.id, { personId: take().person_id });
      shiftsStaffed++;
    }
  }
  return { members, shiftsStaffed };
}
