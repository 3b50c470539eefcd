import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CertificateView, NecessityInput, SelfReportInput, SelfReportView } from '../../../shared/isolation';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import { selfReport, selfReportView } from './followups.service';
import { requestNecessityByLink } from './necessities.service';
import { certificateByCode } from './certificates.service';

/** A self-report token or certificate code: URL-safe base64, nothing else reaches the database. */
const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

/**
 * Pages that work without logging in: the isolated person's self-report link and the public
 * check of an end-of-observation certificate. Each answers only about the one token it is given,
 * and is rate-limited per address and per token.
 */
export function isolationPublicRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const ctx = { clock, timeZone: config.timeZone };
  const perAddress = new RateLimiter(120, 60_000);
  const perToken = new RateLimiter(20, 60 * 60_000);
  return async (app) => {
    app.get(
      '/api/public/self-report/:token',
      {
        schema: {
          tags: ['public'],
          summary: "The self-report page's data: my day of observation and today's reports",
          params: TokenParams,
          response: { 200: SelfReportView },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        return selfReportView(db, ctx, request.params.token);
      },
    );

    app.post(
      '/api/public/self-report/:token',
      {
        schema: {
          tags: ['public'],
          summary: 'Report my temperature and symptoms (fills the report due now)',
          params: TokenParams,
          body: SelfReportInput,
          response: { 201: z.object({ seq: z.number(), day: z.string(), unwell: z.boolean() }) },
        },
      },
      async (request, reply) => {
        perAddress.take(request.ip);
        perToken.take(request.params.token);
        return reply.status(201).send(await selfReport(db, ctx, request.params.token, request.body));
      },
    );

    app.post(
      '/api/public/self-report/:token/necessities',
      {
        schema: {
          tags: ['public'],
          summary: 'Ask for food, medicine, gas or other help',
          params: TokenParams,
          body: NecessityInput,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        perAddress.take(request.ip);
        perToken.take(request.params.token);
        return reply
          .status(201)
          .send({ id: await requestNecessityByLink(db, clock, request.params.token, request.body) });
      },
    );

    app.get(
      '/api/public/certificates/:token',
      {
        schema: {
          tags: ['public'],
          summary: 'Check an end-of-observation certificate by the code on its QR',
          params: TokenParams,
          response: { 200: CertificateView },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        return certificateByCode(db, request.params.token);
      },
    );
  };
}
