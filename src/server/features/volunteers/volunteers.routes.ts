import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ROLES_THAT_MANAGE_VOLUNTEERS,
  ROLES_THAT_READ_VOLUNTEERS,
  Volunteer,
  VolunteerAction,
  VolunteerInput,
  VolunteerQuery,
  VolunteerRevealField,
  VolunteerSignupLink,
  VolunteerUpdate,
} from '../../../shared/volunteers';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import {
  actOnVolunteer,
  createVolunteer,
  getVolunteer,
  listVolunteers,
  revealVolunteer,
  toVolunteer,
  updateVolunteerRecord,
} from './volunteers.service';
import { renewSignupLink, signupLinkFor } from './signup-links.service';

const IdParams = z.object({ id: z.string().uuid() });
const RegionParams = z.object({ regionId: z.string().uuid() });
const tags = ['volunteers'];

/** The volunteer registry (志愿者): list, read, sign up, approve, change; villages' sign-up links. */
export function volunteerRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/volunteers',
      {
        schema: {
          tags,
          summary: 'Volunteers in my jurisdiction (ID numbers and phones masked)',
          querystring: VolunteerQuery,
          response: { 200: pageOf(Volunteer) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_READ_VOLUNTEERS);
        return pageFrom(await listVolunteers(db, scope, request.query), request.query.limit, (r) => r.id, toVolunteer);
      },
    );

    app.post(
      '/api/volunteers',
      {
        schema: {
          tags,
          summary: 'Sign a person up as a volunteer (the registry person by ID number; registered if new)',
          body: VolunteerInput,
          response: { 201: Volunteer },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            toVolunteer(
              await createVolunteer(db, clock, authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor, request.body),
            ),
          ),
    );

    app.get(
      '/api/volunteers/:id',
      { schema: { tags, summary: 'One volunteer', params: IdParams, response: { 200: Volunteer } } },
      async (request) =>
        toVolunteer(await getVolunteer(db, authorise(request, ROLES_THAT_READ_VOLUNTEERS).scope, request.params.id)),
    );

    app.patch(
      '/api/volunteers/:id',
      {
        schema: {
          tags,
          summary: "Change a volunteer's village, skills, availability, health declaration or note",
          params: IdParams,
          body: VolunteerUpdate,
          response: { 200: Volunteer },
        },
      },
      async (request) =>
        toVolunteer(
          await updateVolunteerRecord(
            db,
            clock,
            authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor,
            request.params.id,
            request.body,
          ),
        ),
    );

    app.post(
      '/api/volunteers/:id/status',
      {
        schema: {
          tags,
          summary: 'Approve, suspend, resume, or record that a volunteer left',
          params: IdParams,
          body: z.object({ action: VolunteerAction, reason: z.string().trim().max(200).nullable().optional() }),
          response: { 200: Volunteer },
        },
      },
      async (request) =>
        toVolunteer(
          await actOnVolunteer(
            db,
            clock,
            authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor,
            request.params.id,
            request.body.action,
            request.body.reason ?? null,
          ),
        ),
    );

    app.post(
      '/api/volunteers/:id/reveal',
      {
        schema: {
          tags,
          summary: "Reveal a volunteer's full ID number or phone (audited)",
          params: IdParams,
          body: z.object({ field: VolunteerRevealField }),
          response: { 200: z.object({ field: VolunteerRevealField, value: z.string().nullable() }) },
        },
      },
      async (request) =>
        revealVolunteer(
          db,
          clock,
          authorise(request, ROLES_THAT_READ_VOLUNTEERS).actor,
          request.params.id,
          request.body.field,
        ),
    );

    app.get(
      '/api/volunteers/signup-links/:regionId',
      {
        schema: {
          tags,
          summary: "A village's public sign-up link (made on first request, stable after)",
          params: RegionParams,
          response: { 200: VolunteerSignupLink },
        },
      },
      async (request) =>
        signupLinkFor(db, clock, authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor, request.params.regionId),
    );

    app.post(
      '/api/volunteers/signup-links/:regionId/renew',
      {
        schema: {
          tags,
          summary: 'A new sign-up link for a village (the old one stops working)',
          params: RegionParams,
          response: { 200: VolunteerSignupLink },
        },
      },
      async (request) =>
        renewSignupLink(db, clock, authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor, request.params.regionId),
    );
  };
}
