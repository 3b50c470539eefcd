import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PublicAllocation, PublicAllocationQuery } from '../../../shared/supplies-requests';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import { publicAllocations } from './allocations-public.service';

/**
 * The public ledger's "where everything went" and designated-use compliance (no login,
 * rate-limited per address): units, items, quantities and dates only.
 */
export function allocationPublicRoutes({ db }: AppDeps): FastifyPluginAsyncZod {
  const perAddress = new RateLimiter(120, 60_000);
  const Page = z.object({ items: z.array(PublicAllocation), nextCursor: z.string().nullable() });
  return async (app) => {
    app.get(
      '/api/public/ledger/allocations',
      {
        schema: {
          tags: ['public'],
          summary: 'Where everything went: allocations to units, sent and signed for (newest first)',
          querystring: PublicAllocationQuery,
          response: { 200: Page },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        return publicAllocations(db, request.query);
      },
    );
    app.get(
      '/api/public/ledger/designated',
      {
        schema: {
          tags: ['public'],
          summary: 'Designated-use compliance: allocations of designated (定向) goods, honoured or by decision',
          querystring: PublicAllocationQuery,
          response: { 200: Page },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        return publicAllocations(db, { ...request.query, designatedOnly: true });
      },
    );
  };
}
