import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { PublicAnnouncement } from '../../../shared/notices';

function selectPublished(db: Db) {
  return db.selectFrom('notices').leftJoin('regions', 'regions.id', 'notices.region_id')
    .select(['notices.slug', 'notices.title', 'notices.body', 'notices.urgency', 'notices.state', 'notices.published_at', 'regions.name as region_name'])
    .where('notices.kind', '=', 'public');
}

function toAnnouncement(r: { slug: string | null; title: string; body: string; urgency: PublicAnnouncement['urgency']; published_at: string | null; region_name: string | null }): PublicAnnouncement {
  return { slug: r.slug!, title: r.title, body: r.body, urgency: r.urgency, regionName: r.region_name, publishedAt: r.published_at! };
}

/** The public announcements in force (published, not withdrawn), newest first — for anyone, without login. */
export async function publicAnnouncements(db: Db, limit = 50): Promise<PublicAnnouncement[]> {
  const rows = await selectPublished(db).where('notices.state', '=', 'published').orderBy('notices.published_at', 'desc').orderBy('notices.id', 'desc').limit(limit).execute();
  return rows.map(toAnnouncement);
}

/** One announcement by its slug: 404 for a draft or an unknown slug, 410 once withdrawn (and nothing of it). */
export async function publicAnnouncement(db: Db, slug: string): Promise<PublicAnnouncement> {
  const row = await selectPublished(db).where('notices.slug', '=', slug).executeTakeFirst();
  if (!row || row.state === 'draft') throw new AppError('ANNOUNCEMENT_NOT_FOUND');
  if (row.state === 'withdrawn') throw new AppError('ANNOUNCEMENT_WITHDRAWN');
  return toAnnouncement(row);
}
