import type { SupplyRequestStatus } from '../../../shared/supplies-requests';

/**
 * A request (申领) from a site — a checkpoint's, the hospital's, an isolation hotel's or a township's
 * warehouse — for supplies. Its status follows what was delivered: none / partial / complete, or
 * cancelled by the requester or the level above.
 */
export interface SupplyRequestTable {
  id: string;
  region_id: string;
  /** the requesting warehouse's region path */
  region_path: string;
  /** the requesting site's warehouse, where the goods are to arrive */
  warehouse_id: string;
  status: SupplyRequestStatus;
  note: string | null;
  cancel_reason: string | null;
  requested_by: string | null;
  requested_by_name: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * One line of a request: what was asked for, what the level above approved (null while awaiting
 * approval; less than asked for a partial approval), and what has been sent and signed for since.
 */
export interface SupplyRequestLineTable {
  id: string;
  request_id: string;
  region_path: string;
  line_no: number;
  item_id: string;
  /** '' when any specification will do */
  spec: string;
  quantity: number;
  need_by: string | null;
  approved_quantity: number | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: string | null;
  approval_note: string | null;
  /** sent by allocations against the line (in transit included) */
  allocated_quantity: number;
  /** signed for (签收) by the requesting site */
  delivered_quantity: number;
}
