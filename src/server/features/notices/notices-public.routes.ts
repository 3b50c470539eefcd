import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PublicAnnouncement } from '../../../shared/notices';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import { publicAnnouncement, publicAnnouncements } from './announcements.service';

const SlugParams = z.object({ slug: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });

/**
 * Public announcements (公告) for anyone, without login: the list in force and one by its slug.
 * Reads are limited per address like the other public pages.
 */
export function noticePublicRoutes({ db }: AppDeps): FastifyPluginAsyncZod {
  const reads = new RateLimiter(300, 60_000);
  return async (app) => {
    app.get(
      '/api/public/announcements',
      {
        schema: {
          tags: ['public'],
          summary: 'Public announcements in force, newest first',
          response: { 200: z.object({ items: z.array(PublicAnnouncement) }) },
        },
      },
      async (request) => {
        reads.take(request.ip);
        return { items: await publicAnnouncements(db) };
      },
    );

    app.get(
      '/api/public/announcements/:slug',
      {
        schema: {
          tags: ['public'],
          summary: 'One public announcement (404 unknown or draft, 410 once withdrawn)',
          params: SlugParams,
          response: { 200: PublicAnnouncement },
        },
      },
      async (request) => {
        reads.take(request.ip);
        return publicAnnouncement(db, request.params.slug);
      },
    );
  };
}
