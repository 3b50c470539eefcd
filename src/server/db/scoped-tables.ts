import type { Database } from './database';

/**
 * Every table whose rows belong to a region: each has `region_id` and `region_path` (a copy of the
 * region's path, so jurisdiction is a prefix range on the row itself). Moving a region re-paths
 * these rows; a region referenced here holds data and cannot be deleted, only retired.
 * Each later feature appends its tables.
 */
export const SCOPED_TABLES = ['users', 'responsibilities', 'households', 'persons'] as const satisfies readonly (keyof Database)[];
export type ScopedTable = (typeof SCOPED_TABLES)[number];
