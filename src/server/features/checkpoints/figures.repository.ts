import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';

/**
 * The active townships or villages in scope, by path: the units a day's checkpoint figures roll up
 * to. A read of the regions' table for names and paths only (regions exports no such list).
 */
export async function activeUnitsAt(db: Db, scope: Scope, level: 'township' | 'village') {
  return inScope(
    db.selectFrom('regions').select(['id', 'name', 'path']).where('level', '=', level).where('status', '=', 'active'),
    'path',
    scope,
  )
    .orderBy('path')
    .execute();
}
