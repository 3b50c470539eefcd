import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Scope } from '../../access/scope';
import type { BranchFlag, BranchFlags, BranchRules } from '../../../shared/temp-branches';
import { getCountyTimeZone } from '../../../shared/dates';
import { localDay } from '../../clock';
import { activeMembershipsOf } from '../party';
import { branchRules } from './rules';
import {
  compoundsWithoutBranch,
  membersOfBranches,
  openBranchesInScope,
  partyMembersOnIsolationStaff,
  partyMembersOnOpenRosters,
} from './temp-branches.repository';

const DAY = 86_400_000;

type Membership = Awaited<ReturnType<typeof activeMembershipsOf>>[number];

/**
 * The jurisdiction's temporary-branch flags, computed from live data each time (never stored):
 *
 * (a) 应建未建 at a station: a checkpoint site with `stationMembers` or more distinct party members
 *     on its duty roster in the last `rosterDays` days, or an isolation site with as many on its
 *     staff roster on one of the last `rosterDays` local days (today included), and no open
 *     temporary branch there;
 * (b) 应建未建 at a compound: a compound of `compoundHouseholds`+ households or
 *     `compoundResidents`+ registered residents, without property management and without a branch;
 * (c) 低于最低人数: an open branch with fewer than `minFormalMembers` formal (正式) members.
 *
 * Each flag carries what caused it: the party members on the roster, the counts, the branch's members.
 * The rule is the seeds' ("at any station with 3 or more party members; at every compound of 300+
 * households or 1,000+ people"); the thresholds are the county's settings.
 */
export async function branchFlags(db: Db, clock: Clock, scope: Scope, rules?: BranchRules): Promise<BranchFlags> {
  const r = rules ?? (await branchRules(db));
  const now = clock.now();
  const since = new Date(now.getTime() - r.rosterDays * DAY);
  const timeZone = getCountyTimeZone();
  const [onRosters, onStaff, openBranches, compounds] = await Promise.all([
    partyMembersOnOpenRosters(db, scope, since.toISOString(), now.toISOString()),
    partyMembersOnIsolationStaff(db, scope, localDay(since, timeZone), localDay(now, timeZone)),
    openBranchesInScope(db, scope),
    compoundsWithoutBranch(db, scope),
  ]);
  const branchMembers = await membersOfBranches(
    db,
    openBranches.map((b) => b.id),
  );
  const memberships = new Map<string, Membership>(
    (await activeMembershipsOf(db, [...new Set(branchMembers.map((m) => m.person_id))])).map((m) => [m.person_id, m]),
  );
  const flags: BranchFlag[] = [];

  // (a) stations: distinct party members on the roster of an open site that has no branch (a closed
  // site's post has ended: its old roster calls for no branch)
  type Post = {
    kind: 'checkpoint' | 'isolation_site';
    name: string;
    regionPath: string;
    members: BranchFlag['members'];
  };
  const bySite = new Map<string, Post>();
  const rosterRows = [
    ...onRosters.map((d) => ({ ...d, kind: 'checkpoint' as const })),
    ...onStaff.map((d) => ({ ...d, kind: 'isolation_site' as const })),
  ];
  for (const d of rosterRows) {
    let site = bySite.get(d.site_id);
    if (!site) {
      site = { kind: d.kind, name: d.site_name, regionPath: d.region_path, members: [] };
      bySite.set(d.site_id, site);
    }
    site.members.push({
      personId: d.person_id!,
      name: d.name ?? '',
      homeBranch: d.organisation_name ?? null,
      category: (d.category as 'full' | 'probationary' | null) ?? null,
    });
  }
  for (const [siteId, site] of bySite) {
    if (site.members.length < r.stationMembers) continue;
    flags.push({
      kind: 'station_without_branch',
      regionPath: site.regionPath,
      site: { id: siteId, name: site.name, kind: site.kind },
      compound: null,
      branch: null,
      members: site.members,
    });
  }

  // (b) compounds without property management and without a branch
  for (const c of compounds) {
    const households = Number(c.households ?? 0);
    const residents = Number(c.residents ?? 0);
    if (households < r.compoundHouseholds && residents < r.compoundResidents) continue;
    flags.push({
      kind: 'compound_without_branch',
      regionPath: c.region_path,
      site: null,
      compound: { id: c.id, name: c.name, regionId: c.region_id, households, residents },
      branch: null,
      members: [],
    });
  }

  // (c) open branches below the minimum of formal members
  const byBranch = new Map<string, { person_id: string; name: string }[]>();
  for (const m of branchMembers) byBranch.set(m.branch_id, [...(byBranch.get(m.branch_id) ?? []), m]);
  for (const b of openBranches) {
    const people = byBranch.get(b.id) ?? [];
    const formal = people.filter((p) => memberships.get(p.person_id)?.category === 'full').length;
    if (formal >= r.minFormalMembers) continue;
    flags.push({
      kind: 'below_minimum',
      regionPath: b.region_path,
      site: null,
      compound: null,
      branch: { id: b.id, name: b.name, formalMembers: formal, members: people.length },
      members: people.map((p) => flagMember(p.person_id, p.name, memberships)),
    });
  }
  flags.sort((x, y) => (x.regionPath < y.regionPath ? -1 : x.regionPath > y.regionPath ? 1 : 0));
  return { rules: r, flags };
}

function flagMember(personId: string, name: string, memberships: Map<string, Membership>) {
  const m = memberships.get(personId);
  return { personId, name, homeBranch: m?.organisation_name ?? null, category: m?.category ?? null };
}
