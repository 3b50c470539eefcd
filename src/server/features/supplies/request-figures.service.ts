import type { Db } from '../../db/database';
import { addDays, startOfLocalDay } from '../../clock';
import type { Scope } from '../../access/scope';
import { allocationFiguresInScope } from './allocations.repository';
import { requestFiguresInScope } from './requests.repository';

/** The township's path of a region path (/county/township/…/ → /county/township/), or the path itself above. */
function townshipPathOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length <= 2 ? path : `/${parts.slice(0, 2).join('/')}/`;
}

export interface SupplyRequestFigure {
  /** the township's region path (the county's own path for county-level sites) */
  regionPath: string;
  /** requests not yet complete nor cancelled (the township's sites asking) */
  openRequests: number;
  /** of those, requests with a line still awaiting approval */
  awaitingApproval: number;
  /** units approved for the open requests and not yet signed for */
  approvedUndelivered: number;
  /** units sent from the township's warehouses on `day` */
  sent: number;
  /** units signed for, on `day`, of what the township's warehouses sent */
  received: number;
  /** units sent and not yet signed for (now) */
  inTransit: number;
  /** allocations signed for short on `day` */
  discrepancies: number;
}

/**
 * Requests and allocations per township for the organisation department's page, the big screen
 * and the daily report: the open queue now, and what was sent and signed for on a county-local day.
 * Only the caller's jurisdiction is counted; requests count where the requesting site is,
 * allocations where they were sent from.
 */
export async function supplyRequestFigures(
  db: Db,
  scope: Scope,
  opts: { day: string; timeZone: string },
): Promise<SupplyRequestFigure[]> {
  const out = new Map<string, SupplyRequestFigure>();
  const at = (path: string) => {
    const regionPath = townshipPathOf(path);
    let f = out.get(regionPath);
    if (!f) {
      f = {
        regionPath,
        openRequests: 0,
        awaitingApproval: 0,
        approvedUndelivered: 0,
        sent: 0,
        received: 0,
        inTransit: 0,
        discrepancies: 0,
      };
      out.set(regionPath, f);
    }
    return f;
  };
  const open = new Map<string, { path: string; awaiting: boolean }>();
  for (const l of await requestFiguresInScope(db, scope)) {
    if (l.status !== 'none' && l.status !== 'partial') continue;
    const r = open.get(l.id) ?? { path: l.region_path, awaiting: false };
    if (l.approved_quantity === null) r.awaiting = true;
    else at(l.region_path).approvedUndelivered += Math.max(0, l.approved_quantity - Number(l.delivered_quantity));
    open.set(l.id, r);
  }
  for (const r of open.values()) {
    const f = at(r.path);
    f.openRequests += 1;
    if (r.awaiting) f.awaitingApproval += 1;
  }
  const from = startOfLocalDay(opts.day, opts.timeZone).toISOString();
  const to = startOfLocalDay(addDays(opts.day, 1), opts.timeZone).toISOString();
  for (const a of await allocationFiguresInScope(db, scope, { from, to })) {
    const f = at(a.region_path);
    if (a.sent_at >= from && a.sent_at < to) f.sent += a.quantity;
    if (a.status === 'in_transit') f.inTransit += a.quantity;
    if (a.received_at && a.received_at >= from && a.received_at < to) {
      f.received += a.received_quantity ?? 0;
      if (a.received_quantity !== a.quantity) f.discrepancies += 1;
    }
  }
  return [...out.values()].sort((a, b) => a.regionPath.localeCompare(b.regionPath));
}
