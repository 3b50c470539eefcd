import { z } from 'zod';
import { WarehouseKind } from './supplies';

/**
 * Consumption and days of cover (issue 17): a site — checkpoint, isolation site, hospital, township
 * warehouse — reports what it used (masks per shift at a checkpoint) as `consumption` entries out
 * of its warehouse; its days of cover are its stock ÷ its average daily use over the last 7 days.
 */

/** The county's default: a site with less than 3 days of cover is low (the threshold). */
export const DEFAULT_COVER_THRESHOLD_DAYS = 3;
/** How many county-local days the average daily use is taken over. */
export const COVER_WINDOW_DAYS = 7;

/** A report of use: so many units of an item taken out of the site's warehouse, for a shift. */
export const ConsumptionInput = z.object({
  warehouseId: z.string().uuid(),
  itemId: z.string().uuid(),
  /** only this specification's stock (尺码 L); absent: any specification, earliest expiry first */
  spec: z
    .string()
    .trim()
    .max(100)
    .refine((s) => !/\p{Cc}/u.test(s), 'no control characters')
    .optional(),
  quantity: z.number().int().min(1).max(1_000_000),
  /** the shift or use, as the crew says it (早班, 夜班, 入户消杀) */
  shift: z.string().trim().max(40).nullable().optional(),
  note: z.string().trim().max(200).nullable().optional(),
});
export type ConsumptionInput = z.infer<typeof ConsumptionInput>;

/** One report as written: the ledger entries it took (one per batch it drew from). */
export const ConsumptionReport = z.object({
  warehouseId: z.string(),
  warehouseName: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  unit: z.string(),
  quantity: z.number(),
  shift: z.string().nullable(),
  at: z.string(),
  day: z.string(),
  reporter: z.string().nullable(),
  seqs: z.array(z.number()),
  /** stock of the item left in the warehouse after the report */
  left: z.number(),
});
export type ConsumptionReport = z.infer<typeof ConsumptionReport>;

/** A warehouse the user may report use from, with what it holds by item. */
export const ConsumptionSite = z.object({
  id: z.string(),
  name: z.string(),
  kind: WarehouseKind,
  regionName: z.string().nullable(),
  stock: z.array(z.object({ itemId: z.string(), itemName: z.string(), unit: z.string(), quantity: z.number() })),
});
export type ConsumptionSite = z.infer<typeof ConsumptionSite>;

export const ConsumptionQuery = z.object({ warehouseId: z.string().uuid() });
export type ConsumptionQuery = z.infer<typeof ConsumptionQuery>;

/** One entry of a site's recent use (its last reports, newest first). */
export const ConsumptionEntry = z.object({
  seq: z.number(),
  at: z.string(),
  itemName: z.string(),
  unit: z.string(),
  quantity: z.number(),
  shift: z.string().nullable(),
  reporter: z.string().nullable(),
  reversed: z.boolean(),
});
export type ConsumptionEntry = z.infer<typeof ConsumptionEntry>;

/** Days of cover of one item at one warehouse. */
export const CoverRow = z.object({
  warehouseId: z.string(),
  warehouseName: z.string(),
  warehouseKind: WarehouseKind,
  regionName: z.string().nullable(),
  regionPath: z.string(),
  itemId: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  unit: z.string(),
  stock: z.number(),
  /** used over the window (reversed reports netted out) */
  used: z.number(),
  /** days the average is taken over: 7, or fewer when the site began reporting within the window */
  days: z.number(),
  /** average use per day; null when nothing was used in the window (no rate: no cover figure) */
  dailyUse: z.number().nullable(),
  /** stock ÷ daily use, one decimal; null without a rate */
  daysOfCover: z.number().nullable(),
  low: z.boolean(),
});
export type CoverRow = z.infer<typeof CoverRow>;

export const CoverQuery = z.object({
  /** only the rows below the threshold */
  low: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  warehouseId: z.string().uuid().optional(),
});
export type CoverQuery = z.infer<typeof CoverQuery>;

export const CoverReport = z.object({
  /** the county-local day the figures are for (the window is the 7 days before it) */
  day: z.string(),
  thresholdDays: z.number(),
  rows: z.array(CoverRow),
});
export type CoverReport = z.infer<typeof CoverReport>;

/** The county's setting: below how many days of cover a site is flagged. */
export const CoverSettings = z.object({ thresholdDays: z.number().min(0.5).max(60) });
export type CoverSettings = z.infer<typeof CoverSettings>;
