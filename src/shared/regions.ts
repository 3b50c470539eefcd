import { z } from 'zod';
import { RegionLevel, RegionStatus } from './enums';
import { nameText } from './text';

export const RegionName = nameText(100);
const RegionCode = z
  .string()
  .trim()
  .regex(/^\d{12}(\d{3}){0,2}$/, 'code: 12, 15 or 18 digits');

/** A node of the region tree as the API returns it. */
export const Region = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: RegionLevel,
  code: z.string(),
  name: z.string(),
  path: z.string(),
  depth: z.number().int(),
  status: RegionStatus,
  pinyin: z.string(),
  initials: z.string(),
  childCount: z.number().int().optional(),
  /** "古陶镇 / 东城村" — the names along the path, on search results */
  pathNames: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Region = z.infer<typeof Region>;

/**
 * Create a node. Administrative levels need their 12-digit statistics code; grids and buildings
 * may omit `code` and get the next free one under their parent (village code + 3 digits, …).
 */
export const RegionCreateInput = z.object({
  parentId: z.string().uuid().nullable(),
  level: RegionLevel,
  name: RegionName,
  code: RegionCode.optional(),
});
export type RegionCreateInput = z.infer<typeof RegionCreateInput>;

export const RegionRenameInput = z.object({ name: RegionName });
export type RegionRenameInput = z.infer<typeof RegionRenameInput>;

/** Move under a new parent. An administrative node whose code no longer fits must be given a new code. */
export const RegionMoveInput = z.object({
  parentId: z.string().uuid(),
  code: RegionCode.optional(),
});
export type RegionMoveInput = z.infer<typeof RegionMoveInput>;

export const RegionListQuery = z.object({
  parentId: z.string().uuid().optional(),
  /** Subtree of this node (inclusive), ordered by path. */
  under: z.string().uuid().optional(),
  level: RegionLevel.optional(),
  status: z.enum(['active', 'retired', 'all']).default('active'),
  /** Name, code, full pinyin or pinyin initials (zs → 张三), simplified or traditional. */
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  cursor: z.string().max(500).optional(),
});
export type RegionListQuery = z.infer<typeof RegionListQuery>;

export const RegionLoadInput = z.object({
  /** 6-digit county code (GB/T 2260), e.g. 140728 for Pingyao. */
  countyCode: z.string().regex(/^\d{6}$/),
});
export type RegionLoadInput = z.infer<typeof RegionLoadInput>;

export const RegionImportRowError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type RegionImportRowError = z.infer<typeof RegionImportRowError>;

export const RegionImportResult = z.object({ created: z.number().int(), updated: z.number().int() });
export type RegionImportResult = z.infer<typeof RegionImportResult>;
