import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import type { Actor } from '../../access/actor';
import { insertAuditEntry } from './audit.repository';

/** What an audited action touched. */
export interface AuditTarget {
  action: string;
  entityType?: string;
  entityId?: string;
  regionPath?: string | null;
  details?: unknown;
}

/**
 * Append one entry to the audit log: who did what to which record, when, from where. Call it in
 * the same transaction as the change so the two stand or fall together.
 */
export async function audit(
  db: Db,
  clock: Clock,
  actor: Pick<Actor, 'id' | 'username' | 'ip' | 'userAgent'> | null,
  target: AuditTarget,
): Promise<void> {
  const now = clock.now();
  await insertAuditEntry(db, {
    id: uuidv7(now.getTime()),
    at: now.toISOString(),
    actor_id: actor?.id ?? null,
    actor_name: actor?.username ?? null,
    action: target.action,
    entity_type: target.entityType ?? null,
    entity_id: target.entityId ?? null,
    region_path: target.regionPath ?? null,
    ip: actor?.ip ?? null,
    user_agent: actor?.userAgent ?? null,
    details: target.details === undefined ? null : JSON.stringify(target.details),
  });
}
