import type { Db } from '../../db/database';
import { addDays, startOfLocalDay } from '../../clock';
import type { Scope } from '../../access/scope';
import { listTownshipsOverlapping } from '../regions';
import { pledgeCountsByPath } from './pledges.repository';

/** One township's 请战书 figures (see pledgeFigures). */
export interface PledgeFigures {
  townshipPath: string;
  townshipName: string;
  /** pledges signed with units of the township, in all */
  pledges: number;
  /** of those, signed on `day` */
  signedOnDay: number;
  /** of those, turned into an assignment (a 报到 post or a checkpoint shift) */
  assigned: number;
}

/**
 * 请战书 figures per township of the jurisdiction (by the unit's region), for the organisation
 * department's page, the big screen and the daily report: signed in all, on the local `day`, and
 * turned into assignments.
 */
export async function pledgeFigures(
  db: Db,
  scope: Scope,
  opts: { day: string; timeZone: string },
): Promise<PledgeFigures[]> {
  const from = startOfLocalDay(opts.day, opts.timeZone).toISOString();
  const to = startOfLocalDay(addDays(opts.day, 1), opts.timeZone).toISOString();
  const [townships, counts, after] = await Promise.all([
    listTownshipsOverlapping(db, scope.prefix),
    pledgeCountsByPath(db, scope, from),
    pledgeCountsByPath(db, scope, to),
  ]);
  return townships.map((t) => {
    const sum = (rows: typeof counts, f: (r: (typeof counts)[number]) => number) =>
      rows.filter((r) => r.regionPath.startsWith(t.path)).reduce((s, r) => s + f(r), 0);
    return {
      townshipPath: t.path,
      townshipName: t.name,
      pledges: sum(counts, (r) => r.pledges),
      signedOnDay: sum(counts, (r) => r.since) - sum(after, (r) => r.since),
      assigned: sum(counts, (r) => r.assigned),
    };
  });
}
