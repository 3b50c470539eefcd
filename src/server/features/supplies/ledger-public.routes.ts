import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LedgerDigest, LedgerVerification } from '../../../shared/supplies';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import { publicDigests } from './public-ledger.service';
import { verifyLedger } from './verify.service';

/**
 * The public side of the ledger (no login): the daily digests anyone may copy, and a verification
 * that recomputes the chain. Verification reads the whole ledger, so it is limited harder.
 */
export function ledgerPublicRoutes({ db }: AppDeps): FastifyPluginAsyncZod {
  const perAddress = new RateLimiter(120, 60_000);
  const verifications = new RateLimiter(6, 60_000);
  return async (app) => {
    app.get(
      '/api/public/ledger/digests',
      {
        schema: {
          tags: ['public'],
          summary: "The ledger's head now and at the end of each local day (newest first)",
          response: {
            200: z.object({ head: LedgerDigest.extend({ day: z.string().nullable() }), days: z.array(LedgerDigest) }),
          },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        return publicDigests(db);
      },
    );
    app.get(
      '/api/public/ledger/verify',
      {
        schema: {
          tags: ['public'],
          summary: 'Recompute the hash chain and name the first broken entry',
          response: { 200: LedgerVerification },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        verifications.take(request.ip);
        return verifyLedger(db);
      },
    );
  };
}
