import { sql, type Kysely } from 'kysely';
import { engineOf } from '../database';

/**
 * The few column types that differ between the engines: UUID primary keys, paths compared by byte
 * order (PostgreSQL's default collation is not; range prefix queries need it), floating point and
 * binary. Everything else is the schema builder's own portable types.
 */
export function columnTypes(db: Kysely<any>) {
  const pg = engineOf(db) === 'postgres';
  return {
    pg,
    id: pg ? sql`uuid` : sql`text`,
    pathType: pg ? sql`text collate "C"` : sql`text`,
    real: pg ? sql`double precision` : sql`real`,
    binary: pg ? sql`bytea` : sql`blob`,
  };
}
