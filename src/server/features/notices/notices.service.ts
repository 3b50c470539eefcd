import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import { CursorId, CursorPair, decodeCursor } from '../../http/pagination';
import type { Role } from '../../../shared/enums';
import type { NoticeDraft, NoticeDraftChange, NoticeKind, NoticeState, NoticeView } from '../../../shared/notices';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import {
  countUnread,
  findNotice,
  insertNotice,
  insertNoticeRead,
  listInbox as listInboxRows,
  listIssuedNotices as listIssuedNoticeRows,
  type InboxReader,
  type NoticeRow,
  updateNoticeRow,
} from './notices.repository';

/** Who issues notices and announcements (发通知、发公告): the command centre and townships, to their own jurisdiction. */
export const ROLES_THAT_ISSUE_NOTICES: readonly Role[] = ['admin', 'command', 'township'];

export function audienceOf(row: { audience_roles: string }): Role[] {
  return JSON.parse(row.audience_roles) as Role[];
}

/** The sender's side: the actor may issue notices and the notice's region lies in their jurisdiction. */
export function managesNotice(actor: Actor, row: { region_path: string }): boolean {
  return ROLES_THAT_ISSUE_NOTICES.includes(actor.role) && pathInScope(row.region_path, scopeOf(actor));
}

/**
 * The receiving side: a published internal notice reaches every user whose node lies inside the
 * region it is addressed to (a notice to 古陶镇 reaches its villages' grid workers, not 段村镇's),
 * when their role is one of those it names (or it names none).
 */
function isAddressee(
  actor: Actor,
  row: { kind: string; state: string; region_path: string; audience_roles: string },
): boolean {
  if (row.kind !== 'internal' || row.state !== 'published' || actor.regionPath === '/') return false;
  const roles = audienceOf(row);
  return actor.regionPath.startsWith(row.region_path) && (roles.length === 0 || roles.includes(actor.role));
}

export function toNoticeView(actor: Actor, r: NoticeRow): NoticeView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    urgency: r.urgency,
    state: r.state,
    regionId: r.region_id,
    regionName: r.region_name,
    regionPath: r.region_path,
    roles: audienceOf(r),
    slug: r.slug,
    authorName: r.author_name,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    withdrawnAt: r.withdrawn_at,
    readAt: r.read_at,
    manageable: managesNotice(actor, r),
    addressed: isAddressee(actor, r),
  };
}

/** A notice the actor may see — as its sender's side or as an addressee — or 404. */
export async function getNotice(db: Db, actor: Actor, id: string): Promise<NoticeRow> {
  const row = await findNotice(db, actor.id, id);
  if (!row || !(managesNotice(actor, row) || isAddressee(actor, row))) throw new AppError('NOTIFICATION_NOT_FOUND');
  return row;
}

/** A notice the actor may change (publish, withdraw, edit the draft), or 404. */
async function getManagedNotice(db: Db, actor: Actor, id: string): Promise<NoticeRow> {
  const row = await getNotice(db, actor, id);
  if (!managesNotice(actor, row)) throw new AppError('NOTIFICATION_NOT_FOUND');
  return row;
}

/** A public announcement is for everyone: it names no roles. */
function checkedRoles(kind: NoticeKind, roles: Role[] | undefined): string {
  const unique = [...new Set(roles ?? [])].sort();
  if (kind === 'public' && unique.length > 0) throw new AppError('NOTIFICATION_AUDIENCE_INVALID', { field: 'roles' });
  return JSON.stringify(unique);
}

/** Draft a notice to a region of the actor's jurisdiction, or publish it at once. */
export async function composeNotice(db: Db, clock: Clock, actor: Actor, input: NoticeDraft): Promise<NoticeRow> {
  const id = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scopeOf(actor), input.regionId);
    const now = clock.now();
    const at = now.toISOString();
    const noticeId = uuidv7(now.getTime());
    await insertNotice(trx, {
      id: noticeId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      urgency: input.urgency,
      region_id: region.id,
      region_path: region.path,
      audience_roles: checkedRoles(input.kind, input.roles),
      state: input.publish ? 'published' : 'draft',
      slug: input.kind === 'public' ? randomBytes(6).toString('base64url') : null,
      created_by: actor.id,
      author_name: actor.displayName,
      created_at: at,
      updated_at: at,
      published_at: input.publish ? at : null,
      withdrawn_at: null,
    });
    await audit(trx, clock, actor, {
      action: input.publish ? 'notice_doc.publish' : 'notice_doc.create',
      entityType: 'notice',
      entityId: noticeId,
      regionPath: region.path,
      details: { kind: input.kind, roles: input.roles, title: input.title },
    });
    return noticeId;
  });
  return getNotice(db, actor, id);
}

/** Change a draft's text, region, roles or urgency. */
export async function changeDraft(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  change: NoticeDraftChange,
): Promise<NoticeRow> {
  await db.transaction().execute(async (trx) => {
    const n = await getManagedNotice(trx, actor, id);
    if (n.state !== 'draft') throw new AppError('NOTIFICATION_STATE', { state: n.state });
    const region = change.regionId ? await getRegionInScope(trx, scopeOf(actor), change.regionId) : null;
    await updateNoticeRow(trx, id, {
      ...(change.title !== undefined ? { title: change.title } : {}),
      ...(change.body !== undefined ? { body: change.body } : {}),
      ...(change.urgency !== undefined ? { urgency: change.urgency } : {}),
      ...(change.roles !== undefined ? { audience_roles: checkedRoles(n.kind, change.roles) } : {}),
      ...(region ? { region_id: region.id, region_path: region.path } : {}),
      updated_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'notice_doc.change',
      entityType: 'notice',
      entityId: id,
      regionPath: region?.path ?? n.region_path,
      details: { fields: Object.keys(change) },
    });
  });
  return getNotice(db, actor, id);
}

/**
 * Publish a draft (it reaches its addressees' inboxes, or the public page goes live) or withdraw a
 * published notice (it leaves the inboxes and the public page; its receipts are kept).
 */
export async function actOnNoticeDoc(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  action: 'publish' | 'withdraw',
): Promise<NoticeRow> {
  await db.transaction().execute(async (trx) => {
    const n = await getManagedNotice(trx, actor, id);
    const now = clock.now().toISOString();
    if (action === 'publish') {
      if (n.state !== 'draft') throw new AppError('NOTIFICATION_STATE', { state: n.state });
      await updateNoticeRow(trx, id, { state: 'published', published_at: now, updated_at: now });
    } else {
      if (n.state !== 'published') throw new AppError('NOTIFICATION_STATE', { state: n.state });
      await updateNoticeRow(trx, id, { state: 'withdrawn', withdrawn_at: now, updated_at: now });
    }
    await audit(trx, clock, actor, {
      action: `notice_doc.${action}`,
      entityType: 'notice',
      entityId: id,
      regionPath: n.region_path,
    });
  });
  return getNotice(db, actor, id);
}

/** The notices of the actor's jurisdiction (the sender's list), newest first. */
export async function listIssuedNotices(
  db: Db,
  actor: Actor,
  q: { kind?: NoticeKind; state?: NoticeState; limit: number; cursor?: string },
) {
  return listIssuedNoticeRows(db, actor.id, scopeOf(actor), {
    kind: q.kind,
    state: q.state,
    beforeId: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}

function readerOf(actor: Actor): InboxReader {
  return { id: actor.id, role: actor.role, scope: scopeOf(actor) };
}

/** My inbox: the published internal notices addressed to me, newest first, with whether I have read each. */
export async function listInbox(
  db: Db,
  actor: Actor,
  q: { unread?: 'true' | 'false'; limit: number; cursor?: string },
) {
  return listInboxRows(db, readerOf(actor), {
    unread: q.unread === 'true',
    before: decodeCursor(q.cursor, CursorPair),
    limit: q.limit,
  });
}

/** How many notices addressed to me I have not read (the badge in the header). */
export async function unreadCount(db: Db, actor: Actor): Promise<number> {
  if (actor.regionPath === '/') return 0;
  return countUnread(db, readerOf(actor), 1000);
}

/** An addressee has read the notice (a read receipt); reading again keeps the first time. */
export async function markRead(db: Db, clock: Clock, actor: Actor, id: string): Promise<NoticeRow> {
  await db.transaction().execute(async (trx) => {
    const n = await getNotice(trx, actor, id);
    if (!isAddressee(actor, n)) throw new AppError('NOTIFICATION_NOT_FOUND');
    if (n.read_at) return;
    await insertNoticeRead(trx, id, actor.id, clock.now().toISOString());
    await audit(trx, clock, actor, {
      action: 'notice_doc.read',
      entityType: 'notice',
      entityId: id,
      regionPath: n.region_path,
    });
  });
  return getNotice(db, actor, id);
}
