import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { engineOf } from '../../db/database';
import type { AppDeps } from '../../deps';
import { VERSION } from '../../version';

export function healthRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/health', {
      schema: {
        tags: ['health'],
        summary: 'Liveness and database check (no login needed)',
        response: { 200: z.object({ status: z.literal('ok'), engine: z.enum(['sqlite', 'postgres']), version: z.string(), time: z.string() }) },
      },
    }, async () => {
      await sql`select 1`.execute(db);
      return { status: 'ok' as const, engine: engineOf(db), version: VERSION, time: clock.now().toISOString() };
    });
  };
}
