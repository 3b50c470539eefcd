import type { AllocationStatus } from '../../../shared/supplies-requests';

/**
 * An allocation (调拨 / 出库): a quantity of one stock (item, specification, batch) sent from a
 * warehouse to a unit's warehouse by a courier, optionally against a request line. Sending books an
 * `allocation` entry out of the source (`out_seq`); the recipient's signature (签收) books a
 * `delivery` entry of what actually arrived (`in_seq`). Sent and received stay side by side, with
 * the reason for any difference.
 */
export interface AllocationTable {
  id: string;
  /** the source warehouse's region path */
  region_path: string;
  from_warehouse_id: string;
  to_warehouse_id: string;
  request_line_id: string | null;
  item_id: string;
  spec: string;
  batch: string;
  expiry: string | null;
  /** sent */
  quantity: number;
  courier: string;
  /** masked in lists */
  courier_phone: string | null;
  note: string | null;
  status: AllocationStatus;
  out_seq: number | null;
  /**
   * The designated (定向) purpose this allocation draws on, when its stock came from a designated
   * donation: honoured (the recipient is the designated unit) or overridden by `decision_reason`.
   */
  designated_to: string | null;
  /** the command centre's recorded decision to use designated stock elsewhere (public) */
  decision_reason: string | null;
  decision_by_name: string | null;
  sent_by: string | null;
  sent_by_name: string | null;
  sent_at: string;
  received_quantity: number | null;
  discrepancy_reason: string | null;
  in_seq: number | null;
  received_by: string | null;
  received_by_name: string | null;
  received_at: string | null;
}
