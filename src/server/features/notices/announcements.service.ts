import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { PublicAnnouncement } from '../../../shared/notices';
import { findAnnouncementBySlug, listPublishedAnnouncements } from './notices.repository';

function toAnnouncement(r: {
  slug: string | null;
  title: string;
  body: string;
  urgency: PublicAnnouncement['urgency'];
  published_at: string | null;
  region_name: string | null;
}): PublicAnnouncement {
  return {
    slug: r.slug!,
    title: r.title,
    body: r.body,
    urgency: r.urgency,
    regionName: r.region_name,
    publishedAt: r.published_at!,
  };
}

/** The public announcements in force (published, not withdrawn), newest first — for anyone, without login. */
export async function publicAnnouncements(db: Db, limit = 50): Promise<PublicAnnouncement[]> {
  const rows = await listPublishedAnnouncements(db, limit);
  return rows.map(toAnnouncement);
}

/** One announcement by its slug: 404 for a draft or an unknown slug, 410 once withdrawn (and nothing of it). */
export async function publicAnnouncement(db: Db, slug: string): Promise<PublicAnnouncement> {
  const row = await findAnnouncementBySlug(db, slug);
  if (!row || row.state === 'draft') throw new AppError('ANNOUNCEMENT_NOT_FOUND');
  if (row.state === 'withdrawn') throw new AppError('ANNOUNCEMENT_WITHDRAWN');
  return toAnnouncement(row);
}
