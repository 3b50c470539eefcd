import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PublicSignupPlace, PublicVolunteerSignup, VolunteerSelfLink } from '../../../shared/volunteers';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import { publicSignupPlace, signUpByLink } from './signup-links.service';

const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,40}$/) });

/**
 * A village's public volunteer sign-up page (志愿者报名): no login. Reads and sign-ups are limited
 * per address; the answer never carries anyone's data — only that the sign-up was received, and the
 * signer's own personal check-in link (shown once).
 */
export function volunteerPublicRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  const reads = new RateLimiter(300, 60_000);
  const signups = new RateLimiter(10, 60 * 60_000);
  return async (app) => {
    app.get(
      '/api/public/volunteer-signup/:token',
      {
        schema: {
          tags: ['public'],
          summary: "The village or community a sign-up link is for (its name and its township's)",
          params: TokenParams,
          response: { 200: PublicSignupPlace },
        },
      },
      async (request) => {
        reads.take(request.ip);
        return publicSignupPlace(db, request.params.token);
      },
    );

    app.post(
      '/api/public/volunteer-signup/:token',
      {
        schema: {
          tags: ['public'],
          summary: 'Sign up as a volunteer: name, ID number, phone, skills, availability, health declaration',
          params: TokenParams,
          body: PublicVolunteerSignup,
          response: { 201: z.object({ received: z.literal(true), selfLink: VolunteerSelfLink }) },
        },
        // counted before the body is checked: a script sending bad bodies is limited too
        preValidation: async (request) => signups.take(request.ip),
      },
      async (request, reply) => {
        const selfLink = await signUpByLink(db, clock, request.params.token, request.body);
        return reply.status(201).send({ received: true as const, selfLink });
      },
    );
  };
}
