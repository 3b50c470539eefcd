import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Dashboard, DashboardQuery } from '../../../shared/rollups';
import { authorise } from '../../http/actor';
import type { AppDeps } from '../../deps';
import { dashboard } from './dashboard.service';
import { rebuildRollups, rollupVersion } from './refresh.service';

/** How often each live stream looks at the roll-ups' version: one primary-key read, across processes. */
const STREAM_POLL_MS = 2000;

/** 大屏: the big-screen payload, its live stream, and the administrator's rebuild of roll-ups. */
export function rollupRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dashboard',
      {
        schema: {
          tags: ['dashboard'],
          summary:
            'The big screen for a region in my jurisdiction: today, the trend, the children by risk, checkpoint flows',
          querystring: DashboardQuery,
          response: { 200: Dashboard },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        return dashboard(db, clock, config.timeZone, scope, request.query);
      },
    );

    app.get(
      '/api/dashboard/stream',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'Server-Sent Events: a `rollup` event with the new version whenever the figures change',
        },
      },
      async (request, reply) => {
        authorise(request, 'any');
        let version = await rollupVersion(db);
        reply.hijack();
        reply.raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        reply.raw.write(`: connected\n\nevent: rollup\ndata: ${JSON.stringify({ version })}\n\n`);
        let busy = false;
        const timer = setInterval(async () => {
          if (busy) return;
          busy = true;
          try {
            const now = await rollupVersion(db);
            if (now !== version) {
              version = now;
              reply.raw.write(`event: rollup\ndata: ${JSON.stringify({ version })}\n\n`);
            } else reply.raw.write(': keep-alive\n\n');
          } catch (err) {
            request.log.warn({ err }, 'dashboard stream poll failed');
          } finally {
            busy = false;
          }
        }, STREAM_POLL_MS);
        request.raw.on('close', () => clearInterval(timer));
      },
    );

    app.post(
      '/api/rollups/rebuild',
      {
        schema: {
          tags: ['dashboard'],
          summary: "Rebuild every day's roll-ups from history (administrator; after a back-dated bulk correction)",
          response: { 200: z.object({ changedRows: z.number() }) },
        },
      },
      async (request) => {
        authorise(request, ['admin']);
        return { changedRows: await rebuildRollups(db, clock, config.timeZone) };
      },
    );
  };
}
