import type { Db } from '../../db/database';
import type { Actor } from '../../access/actor';
import { AppError } from '../../errors';
import type { NoticeReceipts } from '../../../shared/notices';
import { listTownshipsOverlapping } from '../regions';
import { countReceipts, listAddresseeReceipts } from './notices.repository';
import { audienceOf, getNotice, managesNotice } from './notices.service';

/** How many users a notice reaches and how many of them have read it (for the sender's list). */
export async function receiptCounts(
  db: Db,
  notice: { id: string; kind: string; region_path: string; audience_roles: string },
) {
  if (notice.kind !== 'internal') return { addressees: 0, read: 0 };
  return countReceipts(db, notice, audienceOf(notice));
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
  const people = await listAddresseeReceipts(db, notice, audienceOf(notice));
  const townships = await listTownshipsOverlapping(db, notice.region_path);

  const groups = new Map<string, { regionId: string | null; name: string; addressees: number; read: number }>();
  for (const t of townships) groups.set(t.path, { regionId: t.id, name: t.name, addressees: 0, read: 0 });
  const rows = people.map((p) => {
    const township = townships.find((t) => p.region_path.startsWith(t.path));
    const key = township?.path ?? p.region_path;
    const group =
      groups.get(key) ??
      groups.set(key, { regionId: null, name: p.region_name ?? '—', addressees: 0, read: 0 }).get(key)!;
    group.addressees++;
    if (p.read_at) group.read++;
    return {
      userId: p.id,
      displayName: p.display_name,
      username: p.username,
      role: p.role,
      regionName: p.region_name,
      township: group.name,
      readAt: p.read_at,
    };
  });
  return {
    addressees: rows.length,
    read: rows.filter((r) => r.readAt).length,
    byTownship: [...groups.values()].filter((g) => g.addressees > 0),
    people: rows,
  };
}
