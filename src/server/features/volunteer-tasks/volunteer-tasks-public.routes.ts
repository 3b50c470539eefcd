import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ServiceCertificateView } from '../../../shared/volunteer-tasks';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import { certificateByCode } from './certificates.service';

/** A certificate code: URL-safe base64, nothing else reaches the database. */
const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

/**
 * The public check of a 志愿服务证明 (no login): what the certificate states, the name masked.
 * Rate-limited per address and per code.
 */
export function volunteerTaskPublicRoutes({ db }: AppDeps): FastifyPluginAsyncZod {
  const perAddress = new RateLimiter(60, 60_000);
  const perToken = new RateLimiter(30, 60 * 60_000);
  return async (app) => {
    app.get(
      '/api/public/volunteer-certificates/:token',
      {
        schema: {
          tags: ['public'],
          summary: 'Check a volunteer service certificate by the code on its QR',
          params: TokenParams,
          response: { 200: ServiceCertificateView },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        perToken.take(request.params.token);
        return certificateByCode(db, request.params.token);
      },
    );
  };
}
