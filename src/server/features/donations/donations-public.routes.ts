import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PublicBalance, PublicDonation, PublicLedgerQuery, PublicReceipt } from '../../../shared/donations';
import { LedgerDigest } from '../../../shared/supplies';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import { publicDonationByCode } from './certificates.service';
import { publicLedger, publicLedgerCsv, publicLedgerXlsx } from './public-ledger.service';

/** A certificate code: URL-safe base64, nothing else reaches the database. */
const CodeParams = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

/**
 * The public ledger (公开台账, no login): donations received with the donor's public name (匿名 for
 * the anonymous), balances by item, daily digests, a donation's path by its certificate code, and
 * the whole list as .csv or .xlsx. Rate-limited per address; downloads harder.
 */
export function donationPublicRoutes({ db, config }: AppDeps): FastifyPluginAsyncZod {
  const perAddress = new RateLimiter(120, 60_000);
  const downloads = new RateLimiter(10, 60_000);
  return async (app) => {
    app.get(
      '/api/public/ledger',
      {
        schema: {
          tags: ['public'],
          summary: 'Donations received (newest first), balances by item, the chain head and daily digests',
          querystring: PublicLedgerQuery,
          response: {
            200: z.object({
              receipts: z.array(PublicReceipt),
              nextCursor: z.string().nullable(),
              balances: z.array(PublicBalance),
              head: LedgerDigest.extend({ day: z.string().nullable() }),
              digests: z.array(LedgerDigest),
              timeZone: z.string(),
            }),
          },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        return publicLedger(db, request.query, config.timeZone);
      },
    );
    app.get(
      '/api/public/ledger/donations/:code',
      {
        schema: {
          tags: ['public'],
          summary: 'A donation by its certificate code, and its path so far',
          params: CodeParams,
          response: { 200: PublicDonation },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        return publicDonationByCode(db, request.params.code, config.timeZone);
      },
    );
    app.get(
      '/api/public/ledger.csv',
      { schema: { tags: ['public'], summary: 'Every donation received, as CSV' } },
      async (request, reply) => {
        perAddress.take(request.ip);
        downloads.take(request.ip);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="ledger.csv"; filename*=UTF-8''${encodeURIComponent('捐赠物资公开台账.csv')}`,
          )
          .send(await publicLedgerCsv(db, config.timeZone));
      },
    );
    app.get(
      '/api/public/ledger.xlsx',
      { schema: { tags: ['public'], summary: 'Every donation received and the balance by item, as .xlsx' } },
      async (request, reply) => {
        perAddress.take(request.ip);
        downloads.take(request.ip);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('捐赠物资公开台账.xlsx')}`,
          )
          .send(await publicLedgerXlsx(db, config.timeZone));
      },
    );
  };
}
