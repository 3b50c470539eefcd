import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Referral,
  ReferralChange,
  ReferralInput,
  ReferralOutcomeInput,
  ReferralQuery,
} from '../../../shared/referrals';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { CursorId, decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { listReferrals } from './referrals.repository';
import {
  changeReferral,
  createReferral,
  getReferral,
  recordReferralOutcome,
  ROLES_THAT_REFER,
  toReferral,
} from './referrals.service';

const IdParams = z.object({ id: z.string().uuid() });

export function referralRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const ctx = { clock, timeZone: config.timeZone };
  return async (app) => {
    app.get(
      '/api/referrals',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Referrals to fever clinics in my jurisdiction, newest first; open=true: waiting for the finding',
          querystring: ReferralQuery,
          response: { 200: pageOf(Referral) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_REFER);
        const q = request.query;
        const rows = await listReferrals(db, scope, {
          open: q.open === 'true',
          personId: q.personId,
          before: decodeCursor(q.cursor, CursorId),
          limit: q.limit,
        });
        return pageFrom(rows, q.limit, (r) => r.id, toReferral);
      },
    );

    app.post(
      '/api/referrals',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Record a referral by hand (raises its alert)',
          body: ReferralInput,
          response: { 201: Referral },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(toReferral(await createReferral(db, clock, authorise(request, ROLES_THAT_REFER).actor, request.body))),
    );

    app.get(
      '/api/referrals/:id',
      {
        schema: { tags: ['alerts'], summary: 'One referral', params: IdParams, response: { 200: Referral } },
      },
      async (request) =>
        toReferral(await getReferral(db, authorise(request, ROLES_THAT_REFER).actor, request.params.id)),
    );

    app.patch(
      '/api/referrals/:id',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Where the person was referred to and when',
          params: IdParams,
          body: ReferralChange,
          response: { 200: Referral },
        },
      },
      async (request) =>
        toReferral(
          await changeReferral(db, clock, authorise(request, ROLES_THAT_REFER).actor, request.params.id, request.body),
        ),
    );

    app.post(
      '/api/referrals/:id/outcome',
      {
        schema: {
          tags: ['alerts'],
          summary:
            "The clinic's finding (excluded / suspected / confirmed) with time and note; a suspected or confirmed finding links or opens the person's case",
          params: IdParams,
          body: ReferralOutcomeInput,
          response: { 200: Referral },
        },
      },
      async (request) =>
        toReferral(
          await recordReferralOutcome(
            db,
            ctx,
            authorise(request, ROLES_THAT_REFER).actor,
            request.params.id,
            request.body,
          ),
        ),
    );
  };
}
