import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import type { DispatchBulkAssign, DispatchBulkDone, DispatchItem } from '../../../shared/dispatch';
import { audit } from '../audit';
import { getUser } from '../users';
import { findItemsInScope, updateItems } from './dispatch.repository';
import { toDispatchItem } from './dispatch.service';

/**
 * The lines asked for, all in the actor's jurisdiction and all still open — or an error and nothing
 * changes: one line outside the jurisdiction (or unknown) is 404 for the whole request, as for one line.
 */
async function openItemsOf(db: Db, actor: Actor, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const rows = await findItemsInScope(db, scopeOf(actor), unique);
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.id));
    throw new AppError('DISPATCH_ITEM_NOT_FOUND', { ids: unique.filter((id) => !found.has(id)) });
  }
  const done = rows.filter((r) => r.status === 'done');
  if (done.length > 0) throw new AppError('DISPATCH_ITEM_DONE', { ids: done.map((r) => r.id) });
  return rows;
}

/**
 * 交办 at a meeting: hand many lines (a township's group, or lines picked from the sheet) to one
 * person by one time, in one transaction — every line or none; each line audited as a single 交办 is.
 */
export async function assignDispatchItems(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: DispatchBulkAssign,
): Promise<DispatchItem[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await openItemsOf(trx, actor, input.ids);
    const user = input.assigneeUserId ? await getUser(trx, actor, input.assigneeUserId) : null;
    const name = input.assigneeName ?? user?.display_name ?? null;
    const dueAt = new Date(input.dueAt).toISOString();
    const at = clock.now().toISOString();
    const set = { assignee_user_id: user?.id ?? null, assignee_name: name, due_at: dueAt, updated_at: at };
    await updateItems(
      trx,
      rows.map((r) => r.id),
      set,
    );
    for (const r of rows)
      await audit(trx, clock, actor, {
        action: 'dispatch_item.assign',
        entityType: 'dispatch_item',
        entityId: r.id,
        regionPath: r.region_path,
        details: { assigneeUserId: user?.id ?? null, assigneeName: name, dueAt, bulk: rows.length },
      });
    const now = clock.now();
    return rows.map((r) => toDispatchItem({ ...r, ...set }, now));
  });
}

/** 办结 at a meeting: mark many lines done with one note, in one transaction — every line or none. */
export async function completeDispatchItems(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: DispatchBulkDone,
): Promise<DispatchItem[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await openItemsOf(trx, actor, input.ids);
    const at = clock.now().toISOString();
    const set = {
      status: 'done' as const,
      done_at: at,
      done_by: actor.id,
      done_note: input.note ?? null,
      updated_at: at,
    };
    await updateItems(
      trx,
      rows.map((r) => r.id),
      set,
    );
    for (const r of rows)
      await audit(trx, clock, actor, {
        action: 'dispatch_item.done',
        entityType: 'dispatch_item',
        entityId: r.id,
        regionPath: r.region_path,
        details: { note: input.note ?? null, bulk: rows.length },
      });
    const now = clock.now();
    return rows.map((r) => toDispatchItem({ ...r, ...set }, now));
  });
}
