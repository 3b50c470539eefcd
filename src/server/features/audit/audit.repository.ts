import { sql, type Insertable } from 'kysely';
import { engineOf, type Db } from '../../db/database';
import type { AuditTable } from './audit.table';
import type { AuditQuery } from '../../../shared/audit';
import { inScope, subtreeCondition, type Scope } from '../../access/scope';

export type AuditInsert = Insertable<AuditTable>;

export async function insertAuditEntry(db: Db, row: AuditInsert): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/**
 * Audit entries newest first. An admin bound to a subtree sees the entries about that subtree and
 * the actions of users in it; a global admin sees everything.
 */
export async function listAuditEntries(db: Db, scope: Scope, q: AuditQuery, before: string | undefined) {
  let query = db.selectFrom('audit_log').selectAll();
  if (scope.prefix !== '/') {
    query = query.where((eb) =>
      eb.or([
        subtreeCondition(eb, 'region_path', scope.prefix),
        eb('actor_id', 'in', inScope(db.selectFrom('users').select('id'), 'region_path', scope)),
      ]),
    );
  }
  return query
    .$if(q.actorId !== undefined, (qb) => qb.where('actor_id', '=', q.actorId!))
    .$if(q.action !== undefined, (qb) => qb.where('action', '=', q.action!))
    .$if(q.entityType !== undefined, (qb) => qb.where('entity_type', '=', q.entityType!))
    .$if(q.entityId !== undefined, (qb) => qb.where('entity_id', '=', q.entityId!))
    .$if(q.from !== undefined, (qb) => qb.where('at', '>=', new Date(q.from!).toISOString()))
    .$if(q.to !== undefined, (qb) => qb.where('at', '<', new Date(q.to!).toISOString()))
    .$if(before !== undefined, (qb) => qb.where('id', '<', before!))
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
}

/**
 * On PostgreSQL: whether the role the application logs in as owns `audit_log` — then its own
 * credentials could drop the table or its triggers (see docs/operations.md, "PostgreSQL roles"). Always false on
 * SQLite, where the file is the boundary.
 */
export async function auditLogOwnedByApplication(db: Db): Promise<boolean> {
  if (engineOf(db) !== 'postgres') return false;
  const { rows } = await sql<{
    own: boolean;
  }>`select tableowner = current_user as own from pg_tables where tablename = 'audit_log'`.execute(db);
  return rows[0]?.own === true;
}
