import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { DispatchItemTable } from './dispatch.table';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import type { Role } from '../../../shared/enums';
import type {
  DispatchAssign,
  DispatchDone,
  DispatchItem,
  DispatchSheet,
  DispatchSummary,
} from '../../../shared/dispatch';
import { audit } from '../audit';
import { getUser } from '../users';
import { townshipsOverlapping } from '../zero-reports';
import {
  findItemInScope,
  findSheetInScope,
  listItemsOfSheet,
  listSheetsInScope,
  updateItem,
  type SheetRow,
} from './dispatch.repository';

/** Who draws dispatch sheets and hands out their lines: the command centre and townships, for their own jurisdiction. */
export const ROLES_THAT_DISPATCH: readonly Role[] = ['admin', 'command', 'township'];

export function toDispatchSummary(r: SheetRow): DispatchSummary {
  return {
    id: r.id,
    regionId: r.region_id,
    regionName: r.region_name ?? null,
    regionPath: r.region_path,
    slot: r.slot,
    day: r.day,
    since: r.since,
    drawnAt: r.drawn_at,
    drawnByName: r.drawn_by_name,
    note: r.note,
    total: Number(r.total ?? 0),
    done: Number(r.done ?? 0),
  };
}

export function toDispatchItem(r: Selectable<DispatchItemTable>, now: Date): DispatchItem {
  return {
    id: r.id,
    dispatchId: r.dispatch_id,
    kind: r.kind,
    regionPath: r.region_path,
    sourceType: r.source_type,
    sourceId: r.source_id,
    title: r.title,
    assigneeUserId: r.assignee_user_id,
    assigneeName: r.assignee_name,
    dueAt: r.due_at,
    overdue: r.status === 'open' && r.due_at !== null && Date.parse(r.due_at) < now.getTime(),
    status: r.status,
    doneAt: r.done_at,
    doneNote: r.done_note,
    units: r.units ? (JSON.parse(r.units) as DispatchItem['units']) : null,
  };
}

/** A sheet of the actor's jurisdiction with its lines, or 404. */
export async function getDispatch(db: Db, clock: Clock, actor: Actor, id: string): Promise<DispatchSheet> {
  const scope = scopeOf(actor);
  const row = await findSheetInScope(db, scope, id);
  if (!row) throw new AppError('DISPATCH_NOT_FOUND');
  const [items, townships] = await Promise.all([
    listItemsOfSheet(db, scope, id),
    townshipsOverlapping(db, { prefix: row.region_path }),
  ]);
  const now = clock.now();
  return { ...toDispatchSummary(row), items: items.map((i) => toDispatchItem(i, now)), townships };
}

/** The sheets of the actor's jurisdiction (one day's, or all), newest first. */
export async function listDispatches(db: Db, actor: Actor, q: { day?: string; limit: number; cursor?: string }) {
  return listSheetsInScope(db, scopeOf(actor), {
    day: q.day,
    beforeId: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}

/** A line of a sheet in the actor's jurisdiction, or 404. */
export async function getItem(db: Db, actor: Actor, id: string) {
  const row = await findItemInScope(db, scopeOf(actor), id);
  if (!row) throw new AppError('DISPATCH_ITEM_NOT_FOUND');
  return row;
}

/**
 * Hand a line to someone by a time: a user of the actor's jurisdiction (their name is kept too), or
 * a person named in words (a volunteer without an account). Handing it again replaces the assignee.
 */
export async function assignDispatchItem(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: DispatchAssign,
): Promise<DispatchItem> {
  await db.transaction().execute(async (trx) => {
    const item = await getItem(trx, actor, id);
    if (item.status === 'done') throw new AppError('DISPATCH_ITEM_DONE');
    const user = input.assigneeUserId ? await getUser(trx, actor, input.assigneeUserId) : null;
    const name = input.assigneeName ?? user?.display_name ?? null;
    const dueAt = new Date(input.dueAt).toISOString();
    await updateItem(trx, id, {
      assignee_user_id: user?.id ?? null,
      assignee_name: name,
      due_at: dueAt,
      updated_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'dispatch_item.assign',
      entityType: 'dispatch_item',
      entityId: id,
      regionPath: item.region_path,
      details: { assigneeUserId: user?.id ?? null, assigneeName: name, dueAt },
    });
  });
  return toDispatchItem(await getItem(db, actor, id), clock.now());
}

/** Mark a line done, with what was done (a line is done once; it is not reopened — the next sheet lists what still stands). */
export async function completeDispatchItem(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: DispatchDone,
): Promise<DispatchItem> {
  await db.transaction().execute(async (trx) => {
    const item = await getItem(trx, actor, id);
    if (item.status === 'done') throw new AppError('DISPATCH_ITEM_DONE');
    const at = clock.now().toISOString();
    await updateItem(trx, id, {
      status: 'done',
      done_at: at,
      done_by: actor.id,
      done_note: input.note ?? null,
      updated_at: at,
    });
    await audit(trx, clock, actor, {
      action: 'dispatch_item.done',
      entityType: 'dispatch_item',
      entityId: id,
      regionPath: item.region_path,
      details: { note: input.note ?? null },
    });
  });
  return toDispatchItem(await getItem(db, actor, id), clock.now());
}
