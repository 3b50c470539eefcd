import type { Db } from '../../db/database';
import { CursorId, decodeCursor } from '../../http/pagination';
import type { PublicAllocation } from '../../../shared/supplies-requests';
import { listPublicAllocations } from './allocations.repository';

/**
 * Where everything went (public ledger): each allocation's sending and receiving unit, item,
 * quantity sent and signed for (with the reason for a difference), dates, and — for designated
 * (定向) stock — the designated unit and any decision of the command centre to use it elsewhere.
 * Units and items only: no person's name, no courier.
 */
export async function publicAllocations(
  db: Db,
  q: { limit: number; cursor?: string; designatedOnly?: boolean },
): Promise<{ items: PublicAllocation[]; nextCursor: string | null }> {
  const rows = await listPublicAllocations(db, {
    before: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
    designatedOnly: q.designatedOnly,
  });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      from: r.from_name,
      to: r.to_name,
      item: r.item_name,
      spec: r.spec,
      unit: r.unit,
      sent: r.quantity,
      received: r.received_quantity,
      discrepancyReason: r.discrepancy_reason,
      sentAt: r.sent_at,
      receivedAt: r.received_at,
      designatedTo: r.designated_to,
      decisionReason: r.decision_reason,
    })),
    nextCursor:
      rows.length > q.limit ? Buffer.from(JSON.stringify(page[page.length - 1]!.id)).toString('base64url') : null,
  };
}
