import { z } from 'zod';
import { PageQuery } from './pagination';

/**
 * Supplies (物资, issue 17): the item catalogue, warehouses, and the ledger on which every movement
 * of goods or money is an append-only, hash-chained entry. Stock is the ledger's sum, never edited.
 */
export const ItemCategory = z.enum(['ppe', 'disinfectant', 'equipment', 'food', 'money', 'other']);
export type ItemCategory = z.infer<typeof ItemCategory>;

export const WarehouseKind = z.enum(['county', 'township', 'hospital', 'checkpoint', 'isolation_site']);
export type WarehouseKind = z.infer<typeof WarehouseKind>;

/**
 * Kinds of ledger entry. This slice writes receipts (donations received, 验收), stocktake
 * differences (盘点) and reversals (更正); transfers, allocations, deliveries and consumption follow.
 */
export const LedgerKind = z.enum([
  'receipt',
  'stocktake',
  'reversal',
  'transfer_out',
  'transfer_in',
  'allocation',
  'delivery',
  'consumption',
]);
export type LedgerKind = z.infer<typeof LedgerKind>;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/** A specification or batch number: '' when there is none. */
const code = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s), 'no control characters')
    .default('');

export const SupplyItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  category: ItemCategory,
  unit: z.string(),
  standard: z.string().nullable(),
  specHint: z.string().nullable(),
  builtin: z.boolean(),
  status: z.enum(['active', 'retired']),
  /** whether the ledger uses the item (its unit is then fixed) */
  used: z.boolean(),
});
export type SupplyItem = z.infer<typeof SupplyItem>;

export const ItemInput = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'code: letters, digits and dashes'),
  name: text(60),
  category: ItemCategory,
  unit: text(10),
  standard: optionalText(60),
  specHint: optionalText(100),
});
export type ItemInput = z.infer<typeof ItemInput>;

export const ItemPatch = z
  .object({
    name: text(60),
    unit: text(10),
    standard: z.string().trim().max(60).nullable(),
    specHint: z.string().trim().max(100).nullable(),
    status: z.enum(['active', 'retired']),
  })
  .partial();
export type ItemPatch = z.infer<typeof ItemPatch>;

export const Warehouse = z.object({
  id: z.string(),
  name: z.string(),
  kind: WarehouseKind,
  regionId: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  address: z.string().nullable(),
  keeper: z.string().nullable(),
  status: z.enum(['active', 'closed']),
  createdAt: z.string(),
});
export type Warehouse = z.infer<typeof Warehouse>;

export const WarehouseInput = z.object({
  name: text(60),
  kind: WarehouseKind,
  /** where the warehouse is: a region of the jurisdiction (its path is the warehouse's jurisdiction) */
  regionId: z.string().uuid(),
  address: optionalText(200),
  keeper: optionalText(60),
});
export type WarehouseInput = z.infer<typeof WarehouseInput>;

export const WarehousePatch = z
  .object({
    name: text(60),
    address: z.string().trim().max(200).nullable(),
    keeper: z.string().trim().max(60).nullable(),
    status: z.enum(['active', 'closed']),
  })
  .partial();
export type WarehousePatch = z.infer<typeof WarehousePatch>;

export const WarehouseQuery = PageQuery.extend({ kind: WarehouseKind.optional() });
export type WarehouseQuery = z.infer<typeof WarehouseQuery>;

export const StockRow = z.object({
  warehouseId: z.string(),
  warehouseName: z.string(),
  itemId: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  unit: z.string(),
  spec: z.string(),
  batch: z.string(),
  expiry: z.string().nullable(),
  quantity: z.number(),
});
export type StockRow = z.infer<typeof StockRow>;

export const StockQuery = z.object({ warehouseId: z.string().uuid().optional(), itemId: z.string().uuid().optional() });
export type StockQuery = z.infer<typeof StockQuery>;

export const LedgerEntry = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  day: z.string(),
  kind: LedgerKind,
  warehouseId: z.string(),
  warehouseName: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  unit: z.string(),
  spec: z.string(),
  batch: z.string(),
  expiry: z.string().nullable(),
  quantity: z.number(),
  counterparty: z.string().nullable(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  reversesSeq: z.number().nullable(),
  reversedBySeq: z.number().nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  hash: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerQuery = PageQuery.extend({
  warehouseId: z.string().uuid().optional(),
  itemId: z.string().uuid().optional(),
  kind: LedgerKind.optional(),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

/** A stocktake (盘点) difference: counted minus booked, with the reason. */
export const StocktakeInput = z.object({
  warehouseId: z.string().uuid(),
  itemId: z.string().uuid(),
  spec: code(100),
  batch: code(60),
  expiry: z.string().date().nullable().optional(),
  quantity: z
    .number()
    .int()
    .min(-1_000_000_000)
    .max(1_000_000_000)
    .refine((n) => n !== 0, 'a difference is not zero'),
  reason: text(500),
});
export type StocktakeInput = z.infer<typeof StocktakeInput>;

export const ReversalInput = z.object({ reason: text(500) });
export type ReversalInput = z.infer<typeof ReversalInput>;

export const LedgerDigest = z.object({ day: z.string(), seq: z.number(), hash: z.string() });
export type LedgerDigest = z.infer<typeof LedgerDigest>;

/** What recomputing the chain found: the first broken entry, if any, and balances that disagree. */
export const LedgerVerification = z.object({
  ok: z.boolean(),
  entries: z.number(),
  head: z.object({ seq: z.number(), hash: z.string() }),
  firstBroken: z.object({ seq: z.number(), problem: z.string() }).nullable(),
  digestsChecked: z.number(),
  badDigests: z.array(z.string()),
  balanceMismatches: z.number(),
});
export type LedgerVerification = z.infer<typeof LedgerVerification>;

export const WAREHOUSE_KINDS = WarehouseKind.options;
export const ITEM_CATEGORIES = ItemCategory.options;
