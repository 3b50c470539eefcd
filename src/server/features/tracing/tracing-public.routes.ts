import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PublicSeekNotice, SelfReportToSeekNotice } from '../../../shared/tracing';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import { publicSeekNotice, reportToSeekNotice } from './seek-reports.service';

const SlugParams = z.object({ slug: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });

/**
 * The public page of a seek notice: the notice, and a form "I was there". No login; reports are
 * limited per address (a few an hour per notice) and never answer with anyone's data.
 */
export function tracingPublicRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  const reads = new RateLimiter(300, 60_000);
  const reports = new RateLimiter(5, 60 * 60_000);
  return async (app) => {
    app.get(
      '/api/public/seek-notices/:slug',
      {
        schema: {
          tags: ['public'],
          summary: 'A published seek notice (410 once closed)',
          params: SlugParams,
          response: { 200: PublicSeekNotice },
        },
      },
      async (request) => {
        reads.take(request.ip);
        const n = await publicSeekNotice(db, request.params.slug);
        return {
          title: n.title,
          body: n.body,
          hotline: n.hotline,
          regionName: n.region_name ?? null,
          plate: n.plate,
          place: n.place,
          windowFrom: n.window_from,
          windowTo: n.window_to,
          publishedAt: n.published_at,
          open: n.status === 'published',
        };
      },
    );

    app.post(
      '/api/public/seek-notices/:slug/reports',
      {
        schema: {
          tags: ['public'],
          summary: '"I was there": name, phone, where I am now, optional ID number and seat',
          params: SlugParams,
          body: SelfReportToSeekNotice,
          response: { 201: z.object({ received: z.literal(true) }) },
        },
      },
      async (request, reply) => {
        reports.take(`${request.ip}:${request.params.slug}`);
        await reportToSeekNotice(db, clock, request.params.slug, request.body, request.ip);
        return reply.status(201).send({ received: true as const });
      },
    );
  };
}
