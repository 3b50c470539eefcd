import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Alert, AlertGroups, AlertsAck, AlertsQuery } from '../../../shared/screening';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { CursorId, decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { listAlerts } from './alerts.repository';
import { acknowledgeAlert, acknowledgeAlerts, alertGroups, toAlert } from './alerts.service';

/** How often the live stream looks for new alerts; a database poll works across server processes. */
const STREAM_POLL_MS = 1000;

export function alertRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/alerts',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Alerts in my jurisdiction, newest first (fevers, key persons, referrals)',
          querystring: AlertsQuery,
          response: { 200: pageOf(Alert) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const q = request.query;
        const rows = await listAlerts(db, scope, {
          open: q.open === 'true',
          kind: q.kind,
          region: q.region,
          before: decodeCursor(q.cursor, CursorId),
          limit: q.limit,
        });
        return pageFrom(rows, q.limit, (r) => r.id, toAlert);
      },
    );

    app.get(
      '/api/alerts/groups',
      {
        schema: {
          tags: ['alerts'],
          summary: 'How many alerts (open ones, or all) of each kind and in each township of my jurisdiction',
          querystring: z.object({ open: z.enum(['true', 'false']).optional() }),
          response: { 200: AlertGroups },
        },
      },
      async (request) => {
        const { actor } = authorise(request, 'any');
        return alertGroups(db, actor, { open: request.query.open === 'true' });
      },
    );

    app.post(
      '/api/alerts/ack',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Acknowledge many alerts at once, all or none (one outside my jurisdiction: 404)',
          body: AlertsAck,
          response: { 200: z.object({ acknowledged: z.number().int() }) },
        },
      },
      async (request) => {
        const { actor } = authorise(request, 'any');
        return { acknowledged: await acknowledgeAlerts(db, clock, actor, request.body.ids) };
      },
    );

    app.post(
      '/api/alerts/:id/ack',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Acknowledge an alert',
          params: z.object({ id: z.string().uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, 'any');
        await acknowledgeAlert(db, clock, actor, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/alerts/stream',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Server-Sent Events: each new alert in my jurisdiction as an `alert` event',
        },
      },
      async (request, reply) => {
        const { scope } = authorise(request, 'any');
        const latest = await listAlerts(db, scope, { limit: 1 });
        // uuid v7 ids sort by time; the nil uuid is before them all (and is a valid uuid on PostgreSQL)
        let after =
          (request.headers['last-event-id'] as string | undefined) ??
          latest[0]?.id ??
          '00000000-0000-0000-0000-000000000000';
        reply.hijack();
        reply.raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        reply.raw.write(': connected\n\n');
        let busy = false;
        const timer = setInterval(async () => {
          if (busy) return;
          busy = true;
          try {
            const rows = await listAlerts(db, scope, { after, limit: 100 });
            for (const r of rows) {
              reply.raw.write(`id: ${r.id}\nevent: alert\ndata: ${JSON.stringify(toAlert(r))}\n\n`);
              after = r.id;
            }
            if (rows.length === 0) reply.raw.write(': keep-alive\n\n');
          } catch (err) {
            request.log.warn({ err }, 'alert stream poll failed');
          } finally {
            busy = false;
          }
        }, STREAM_POLL_MS);
        request.raw.on('close', () => clearInterval(timer));
      },
    );
  };
}
