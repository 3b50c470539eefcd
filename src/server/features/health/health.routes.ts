import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { engineOf } from '../../db/database';
import type { AppDeps } from '../../deps';
import { VERSION } from '../../version';
import { pingDatabase } from './health.repository';

export function healthRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['health'],
          summary: 'Liveness and database check (no login needed)',
          response: {
            200: z.object({
              status: z.literal('ok'),
              engine: z.enum(['sqlite', 'postgres']),
              version: z.string(),
              time: z.string(),
            }),
          },
        },
      },
      async () => {
        await pingDatabase(db);
        return { status: 'ok' as const, engine: engineOf(db), version: VERSION, time: clock.now().toISOString() };
      },
    );
  };
}
