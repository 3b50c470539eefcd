import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { NoticeKind, NoticeState } from '../../../shared/notices';
import type { Role } from '../../../shared/enums';
import { containsScopeNode, inScope, inSubtree, type Scope } from '../../access/scope';
import type { NoticeTable } from './notices.table';

/** A notice with its region's name and when the reader opened it (null: not yet, or not an addressee). */
export type NoticeRow = Selectable<NoticeTable> & { region_name: string | null; read_at: string | null };

/** The one user the read receipts are joined for. */
function selectNotices(db: Db, readerId: string) {
  return db
    .selectFrom('notices')
    .leftJoin('regions', 'regions.id', 'notices.region_id')
    .leftJoin('notice_reads', (j) =>
      j.onRef('notice_reads.notice_id', '=', 'notices.id').on('notice_reads.user_id', '=', readerId),
    )
    .selectAll('notices')
    .select(['regions.name as region_name', 'notice_reads.read_at']);
}

export async function findNotice(db: Db, readerId: string, id: string): Promise<NoticeRow | undefined> {
  return selectNotices(db, readerId).where('notices.id', '=', id).executeTakeFirst();
}

export async function insertNotice(db: Db, row: Insertable<NoticeTable>): Promise<void> {
  await db.insertInto('notices').values(row).execute();
}

export async function updateNoticeRow(db: Db, id: string, changes: Updateable<NoticeTable>): Promise<void> {
  await db.updateTable('notices').set(changes).where('id', '=', id).execute();
}

/** A read receipt; a second one for the same reader changes nothing (the first time stays). */
export async function insertNoticeRead(db: Db, noticeId: string, userId: string, readAt: string): Promise<void> {
  await db
    .insertInto('notice_reads')
    .values({ notice_id: noticeId, user_id: userId, read_at: readAt })
    .onConflict((oc) => oc.columns(['notice_id', 'user_id']).doNothing())
    .execute();
}

/** The notices of a jurisdiction (the sender's list), newest first, one more than the limit. */
export async function listIssuedNotices(
  db: Db,
  readerId: string,
  scope: Scope,
  f: { kind?: NoticeKind; state?: NoticeState; beforeId?: string; limit: number },
): Promise<NoticeRow[]> {
  return inScope(selectNotices(db, readerId), 'notices.region_path', scope)
    .$if(f.kind !== undefined, (qb) => qb.where('notices.kind', '=', f.kind!))
    .$if(f.state !== undefined, (qb) => qb.where('notices.state', '=', f.state!))
    .$if(f.beforeId !== undefined, (qb) => qb.where('notices.id', '<', f.beforeId!))
    .orderBy('notices.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Who reads an inbox: the user, their role and their jurisdiction. */
export interface InboxReader {
  id: string;
  role: Role;
  scope: Scope;
}

/** The published internal notices addressed to a node that contains the reader's and to the reader's role (or to every role). */
function inboxOf(db: Db, reader: InboxReader) {
  return selectNotices(db, reader.id)
    .where('notices.kind', '=', 'internal')
    .where('notices.state', '=', 'published')
    .where((eb) => containsScopeNode(eb, 'notices.region_path', reader.scope))
    .where((eb) =>
      eb.or([eb('notices.audience_roles', '=', '[]'), eb('notices.audience_roles', 'like', `%"${reader.role}"%`)]),
    );
}

/** An inbox, newest published first, one more than the limit; `before` is the last page's (published_at, id). */
export async function listInbox(
  db: Db,
  reader: InboxReader,
  f: { unread: boolean; before?: [string, string]; limit: number },
): Promise<NoticeRow[]> {
  const before = f.before;
  return inboxOf(db, reader)
    .$if(f.unread, (qb) => qb.where('notice_reads.read_at', 'is', null))
    .$if(before !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('notices.published_at', '<', before![0]),
          eb.and([eb('notices.published_at', '=', before![0]), eb('notices.id', '<', before![1])]),
        ]),
      ),
    )
    .orderBy('notices.published_at', 'desc')
    .orderBy('notices.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** How many notices of an inbox are unread, counted up to `cap`. */
export async function countUnread(db: Db, reader: InboxReader, cap: number): Promise<number> {
  const rows = await inboxOf(db, reader).where('notice_reads.read_at', 'is', null).limit(cap).execute();
  return rows.length;
}

/** The public announcements (the no-login pages read them); the state is checked by the caller. */
function selectAnnouncements(db: Db) {
  return db
    .selectFrom('notices')
    .leftJoin('regions', 'regions.id', 'notices.region_id')
    .select([
      'notices.slug',
      'notices.title',
      'notices.body',
      'notices.urgency',
      'notices.state',
      'notices.published_at',
      'regions.name as region_name',
    ])
    .where('notices.kind', '=', 'public');
}

/** The public announcements in force, newest first. */
export async function listPublishedAnnouncements(db: Db, limit: number) {
  return selectAnnouncements(db)
    .where('notices.state', '=', 'published')
    .orderBy('notices.published_at', 'desc')
    .orderBy('notices.id', 'desc')
    .limit(limit)
    .execute();
}

/** A public announcement by its slug, in whatever state. */
export async function findAnnouncementBySlug(db: Db, slug: string) {
  return selectAnnouncements(db).where('notices.slug', '=', slug).executeTakeFirst();
}

/**
 * The active users a notice is addressed to: inside its region, of the roles it names (all if
 * none). A read of the users feature's table, joined here with this feature's receipts because
 * the sender's list counts them per notice in one query.
 */
function addresseesOf(db: Db, notice: { region_path: string }, roles: Role[]) {
  return inSubtree(
    db.selectFrom('users').where('users.status', '=', 'active'),
    'users.region_path',
    notice.region_path,
  ).$if(roles.length > 0, (qb) => qb.where('users.role', 'in', roles));
}

/** How many users a notice reaches and how many of them have read it. */
export async function countReceipts(db: Db, notice: { id: string; region_path: string }, roles: Role[]) {
  const row = await addresseesOf(db, notice, roles)
    .leftJoin('notice_reads', (j) =>
      j.onRef('notice_reads.user_id', '=', 'users.id').on('notice_reads.notice_id', '=', notice.id),
    )
    .select((eb) => [eb.fn.countAll<number>().as('addressees'), eb.fn.count<number>('notice_reads.read_at').as('read')])
    .executeTakeFirstOrThrow();
  return { addressees: Number(row.addressees), read: Number(row.read) };
}

/** Every addressee of a notice with their region's name and when they read it (null: not yet), by region then username. */
export async function listAddresseeReceipts(db: Db, notice: { id: string; region_path: string }, roles: Role[]) {
  return addresseesOf(db, notice, roles)
    .leftJoin('regions', 'regions.id', 'users.region_id')
    .leftJoin('notice_reads', (j) =>
      j.onRef('notice_reads.user_id', '=', 'users.id').on('notice_reads.notice_id', '=', notice.id),
    )
    .select([
      'users.id',
      'users.display_name',
      'users.username',
      'users.role',
      'users.region_path',
      'regions.name as region_name',
      'notice_reads.read_at',
    ])
    .orderBy('users.region_path')
    .orderBy('users.username')
    .execute();
}
