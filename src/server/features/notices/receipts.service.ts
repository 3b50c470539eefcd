import type { Db } from '../../db/database';
import type { Actor } from '../../access/actor';
import { AppError } from '../../errors';
import { inSubtree, overlapsScope } from '../../access/scope';
import type { NoticeReceipts } from '../../../shared/notices';
import { audienceOf, getNotice, managesNotice } from './notices.service';

/** The active users a notice is addressed to: inside its region, of the roles it names (all if none). */
function addresseesOf(db: Db, notice: { region_path: string; audience_roles: string }) {
  const roles = audienceOf(notice);
  return inSubtree(db.selectFrom('users').where('users.status', '=', 'active'), 'users.region_path', notice.region_path)
    .$if(roles.length > 0, (qb) => qb.where('users.role', 'in', roles));
}

/** How many users a notice reaches and how many of them have read it (for the sender's list). */
export async function receiptCounts(db: Db, notice: { id: string; kind: string; region_path: string; audience_roles: string }) {
  if (notice.kind !== 'internal') return { addressees: 0, read: 0 };
  const row = await addresseesOf(db, notice)
    .leftJoin('notice_reads', (j) => j.onRef('notice_reads.user_id', '=', 'users.id').on('notice_reads.notice_id', '=', notice.id))
    .select((eb) => [eb.fn.countAll<number>().as('addressees'), eb.fn.count<number>('notice_reads.read_at').as('read')])
    .executeTakeFirstOrThrow();
  return { addressees: Number(row.addressees), read: Number(row.read) };
}

/**
 * Read receipts for the sender's side: every addressee with when they read it (or not yet),
 * and per township how many of how many — so the command centre sees which township has not
 * passed the notice down. Users of a level above any township are grouped under their own node.
 */
export async function noticeReceipts(db: Db, actor: Actor, id: string): Promise<NoticeReceipts> {
  const notice = await getNotice(db, actor, id);
  if (!managesNotice(actor, notice)) throw new AppError('NOTIFICATION_NOT_FOUND');
  if (notice.kind !== 'internal') return { addressees: 0, read: 0, byTownship: [], people: [] };
  const people = await addresseesOf(db, notice)
    .leftJoin('regions', 'regions.id', 'users.region_id')
    .leftJoin('notice_reads', (j) => j.onRef('notice_reads.user_id', '=', 'users.id').on('notice_reads.notice_id', '=', notice.id))
    .select(['users.id', 'users.display_name', 'users.username', 'users.role', 'users.region_path', 'regions.name as region_name', 'notice_reads.read_at'])
    .orderBy('users.region_path').orderBy('users.username').execute();
  const townships = await db.selectFrom('regions').select(['id', 'name', 'path']).where('level', '=', 'township')
    .where((eb) => overlapsScope(eb, 'path', { prefix: notice.region_path })).orderBy('path').execute();

  const groups = new Map<string, { regionId: string | null; name: string; addressees: number; read: number }>();
  for (const t of townships) groups.set(t.path, { regionId: t.id, name: t.name, addressees: 0, read: 0 });
  const rows = people.map((p) => {
    const township = townships.find((t) => p.region_path.startsWith(t.path));
    const key = township?.path ?? p.region_path;
    const group = groups.get(key) ?? groups.set(key, { regionId: null, name: p.region_name ?? '—', addressees: 0, read: 0 }).get(key)!;
    group.addressees++;
    if (p.read_at) group.read++;
    return { userId: p.id, displayName: p.display_name, username: p.username, role: p.role, regionName: p.region_name, township: group.name, readAt: p.read_at };
  });
  return {
    addressees: rows.length,
    read: rows.filter((r) => r.readAt).length,
    byTownship: [...groups.values()].filter((g) => g.addressees > 0),
    people: rows,
  };
}
