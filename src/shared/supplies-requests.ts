import { z } from 'zod';
import { PageQuery } from './pagination';
import { MOBILE_PATTERN } from './validators';

/**
 * Requests, allocation and delivery (申领 / 调拨 / 签收, issue 17). A site asks for supplies; the
 * level above approves each line in whole or in part; the supplies desk allocates from a
 * warehouse's stock to the site with a courier; the site signs for what actually arrived.
 */
export const SupplyRequestStatus = z.enum(['none', 'partial', 'complete', 'cancelled']);
export type SupplyRequestStatus = z.infer<typeof SupplyRequestStatus>;

export const AllocationStatus = z.enum(['in_transit', 'received']);
export type AllocationStatus = z.infer<typeof AllocationStatus>;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const code = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s), 'no control characters')
    .default('');
const quantity = z.number().int().min(1).max(1_000_000_000);

export const RequestLineInput = z.object({
  itemId: z.string().uuid(),
  spec: code(100),
  quantity,
  needBy: z.string().date().nullable().optional(),
});
export type RequestLineInput = z.infer<typeof RequestLineInput>;

export const SupplyRequestInput = z.object({
  /** the requesting site's warehouse (a checkpoint's, the hospital's, an isolation site's, a township's) */
  warehouseId: z.string().uuid(),
  note: optionalText(500),
  lines: z.array(RequestLineInput).min(1).max(50),
});
export type SupplyRequestInput = z.infer<typeof SupplyRequestInput>;

/** Approval by the level above: each line's approved quantity (0 refuses the line), up to what was asked. */
export const ApprovalInput = z.object({
  lines: z
    .array(z.object({ lineId: z.string().uuid(), approvedQuantity: z.number().int().min(0).max(1_000_000_000) }))
    .min(1)
    .max(50),
  note: optionalText(500),
});
export type ApprovalInput = z.infer<typeof ApprovalInput>;

export const CancelRequestInput = z.object({ reason: text(500) });
export type CancelRequestInput = z.infer<typeof CancelRequestInput>;

export const SupplyRequestLine = z.object({
  id: z.string(),
  lineNo: z.number(),
  itemId: z.string(),
  itemName: z.string(),
  unit: z.string(),
  spec: z.string(),
  quantity: z.number(),
  needBy: z.string().nullable(),
  approvedQuantity: z.number().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvalNote: z.string().nullable(),
  allocatedQuantity: z.number(),
  deliveredQuantity: z.number(),
});
export type SupplyRequestLine = z.infer<typeof SupplyRequestLine>;

export const SupplyRequest = z.object({
  id: z.string(),
  warehouseId: z.string(),
  warehouseName: z.string(),
  warehouseKind: z.string(),
  regionName: z.string().nullable(),
  status: SupplyRequestStatus,
  /** every line has an approved quantity */
  approved: z.boolean(),
  note: z.string().nullable(),
  cancelReason: z.string().nullable(),
  requestedByName: z.string().nullable(),
  createdAt: z.string(),
  /** the earliest need-by date of its lines */
  needBy: z.string().nullable(),
  lines: z.array(SupplyRequestLine),
});
export type SupplyRequest = z.infer<typeof SupplyRequest>;

export const SupplyRequestQuery = PageQuery.extend({
  /** open: not yet complete or cancelled (the queue, oldest first); all: every request, newest first */
  state: z.enum(['open', 'all']).default('open'),
  warehouseId: z.string().uuid().optional(),
});
export type SupplyRequestQuery = z.infer<typeof SupplyRequestQuery>;

export const AllocationInput = z.object({
  fromWarehouseId: z.string().uuid(),
  toWarehouseId: z.string().uuid(),
  itemId: z.string().uuid(),
  spec: code(100),
  batch: code(60),
  quantity,
  courier: text(60),
  courierPhone: z.string().trim().regex(MOBILE_PATTERN, 'a mainland mobile number').nullable().optional(),
  requestLineId: z.string().uuid().nullable().optional(),
  note: optionalText(500),
  /**
   * The command centre's decision to use designated (定向) stock for another recipient, with its
   * reason; printed on the public ledger.
   */
  designationDecision: optionalText(500),
});
export type AllocationInput = z.infer<typeof AllocationInput>;

/** 签收: what actually arrived, and why it differs from what was sent. */
export const ConfirmInput = z.object({
  receivedQuantity: z.number().int().min(0).max(1_000_000_000),
  discrepancyReason: optionalText(500),
});
export type ConfirmInput = z.infer<typeof ConfirmInput>;

export const Allocation = z.object({
  id: z.string(),
  fromWarehouseId: z.string(),
  fromWarehouseName: z.string(),
  toWarehouseId: z.string(),
  toWarehouseName: z.string(),
  requestId: z.string().nullable(),
  requestLineId: z.string().nullable(),
  itemId: z.string(),
  itemName: z.string(),
  unit: z.string(),
  spec: z.string(),
  batch: z.string(),
  quantity: z.number(),
  courier: z.string(),
  /** masked */
  courierPhone: z.string().nullable(),
  note: z.string().nullable(),
  status: AllocationStatus,
  designatedTo: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decisionByName: z.string().nullable(),
  sentByName: z.string().nullable(),
  sentAt: z.string(),
  outSeq: z.number().nullable(),
  receivedQuantity: z.number().nullable(),
  /** sent minus received, once signed for */
  shortfall: z.number().nullable(),
  discrepancyReason: z.string().nullable(),
  receivedByName: z.string().nullable(),
  receivedAt: z.string().nullable(),
  inSeq: z.number().nullable(),
});
export type Allocation = z.infer<typeof Allocation>;

export const AllocationQuery = PageQuery.extend({
  /** sent: from the jurisdiction's warehouses; incoming: to them, awaiting signature; discrepancies: signed for short */
  view: z.enum(['sent', 'incoming', 'discrepancies']).default('sent'),
});
export type AllocationQuery = z.infer<typeof AllocationQuery>;

/** A designated stock as the allocate form warns about it. */
export const DesignatedStock = z.object({
  designatedTo: z.string(),
  /** still owed to the designated unit from this warehouse's stock */
  owed: z.number(),
});
export type DesignatedStock = z.infer<typeof DesignatedStock>;

/** Where everything went (public): one allocation, with no person's data. */
export const PublicAllocation = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  item: z.string(),
  spec: z.string(),
  unit: z.string(),
  sent: z.number(),
  received: z.number().nullable(),
  discrepancyReason: z.string().nullable(),
  sentAt: z.string(),
  receivedAt: z.string().nullable(),
  designatedTo: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type PublicAllocation = z.infer<typeof PublicAllocation>;

export const PublicAllocationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/)
    .optional(),
});
export type PublicAllocationQuery = z.infer<typeof PublicAllocationQuery>;

export const SUPPLY_REQUEST_STATUSES = SupplyRequestStatus.options;
