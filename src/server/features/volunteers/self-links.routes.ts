import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES_THAT_MANAGE_VOLUNTEERS, SelfLinkInput, VolunteerSelfLink } from '../../../shared/volunteers';
import { authorise } from '../../http/actor';
import type { AppDeps } from '../../deps';
import { issueSelfLink, revokeSelfLink } from './self-links.service';

const IdParams = z.object({ id: z.string().uuid() });
const tags = ['volunteers'];

/** A volunteer's personal check-in link: issued (shown once, the earlier one revoked) or revoked by a cadre. */
export function volunteerSelfLinkRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/volunteers/:id/self-link',
      {
        schema: {
          tags,
          summary: "Issue a volunteer's personal check-in link (shown this once; any earlier link stops working)",
          params: IdParams,
          body: SelfLinkInput,
          response: { 201: VolunteerSelfLink },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await issueSelfLink(
              db,
              clock,
              authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor,
              request.params.id,
              request.body.days,
            ),
          ),
    );

    app.delete(
      '/api/volunteers/:id/self-link',
      { schema: { tags, summary: "Revoke a volunteer's personal check-in link", params: IdParams } },
      async (request, reply) => {
        await revokeSelfLink(db, clock, authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor, request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
