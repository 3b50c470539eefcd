import type { Db } from '../../db/database';
import { localDay, type Clock } from '../../clock';
import type { Scope } from '../../access/scope';
import { listTownshipsOverlapping } from '../regions';
import { branchFlags } from './flags.service';
import { branchesForFigures } from './temp-branches.repository';

/** One township's temporary-branch figures. */
export interface BranchFigures {
  townshipId: string;
  townshipName: string;
  townshipPath: string;
  /** open temporary branches now */
  open: number;
  /** branches founded on the day */
  setUpOnDay: number;
  /** branches closed on the day (a local day in the county's zone) */
  closedOnDay: number;
  /** flags now, by kind */
  stationWithoutBranch: number;
  compoundWithoutBranch: number;
  belowMinimum: number;
}

/**
 * The organisation department's figures per township of the jurisdiction: temporary branches set up
 * (open now, founded on `day`) and flagged (应建未建 at stations and compounds, 低于最低人数), keyed by
 * township region path — for the organisation department's page, the big screen and the daily report.
 * Flags are the live ones (they are never stored, so a past day's flags cannot be recounted).
 */
export async function branchFigures(
  db: Db,
  clock: Clock,
  scope: Scope,
  opts: { day: string; timeZone: string },
): Promise<BranchFigures[]> {
  const [townships, branches, { flags }] = await Promise.all([
    listTownshipsOverlapping(db, scope.prefix),
    branchesForFigures(db, scope),
    branchFlags(db, clock, scope),
  ]);
  const rows = townships.map((t) => ({
    townshipId: t.id,
    townshipName: t.name,
    townshipPath: t.path,
    open: 0,
    setUpOnDay: 0,
    closedOnDay: 0,
    stationWithoutBranch: 0,
    compoundWithoutBranch: 0,
    belowMinimum: 0,
  }));
  const rowOf = (path: string) => rows.find((r) => path.startsWith(r.townshipPath));
  for (const b of branches) {
    const row = rowOf(b.region_path);
    if (!row) continue;
    if (!b.closed_at) row.open++;
    if (b.founded_on === opts.day) row.setUpOnDay++;
    if (b.closed_at && localDay(new Date(b.closed_at), opts.timeZone) === opts.day) row.closedOnDay++;
  }
  for (const f of flags) {
    const row = rowOf(f.regionPath);
    if (!row) continue;
    if (f.kind === 'station_without_branch') row.stationWithoutBranch++;
    else if (f.kind === 'compound_without_branch') row.compoundWithoutBranch++;
    else row.belowMinimum++;
  }
  return rows;
}
