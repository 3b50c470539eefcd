import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  GROUP_MAX,
  ROLES_THAT_MANAGE_VOLUNTEERS,
  ROLES_THAT_READ_VOLUNTEERS,
  VolunteerGroup,
  VolunteerGroupDetail,
  VolunteerGroupInput,
  VolunteerGroupPatch,
  VolunteerGroupQuery,
} from '../../../shared/volunteers';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import {
  activateGroup,
  addGroupMembers,
  createGroup,
  disbandGroup,
  groupDetail,
  listGroups,
  patchGroup,
  removeGroupMember,
  toGroup,
} from './groups.service';

const IdParams = z.object({ id: z.string().uuid() });
const MemberParams = z.object({ id: z.string().uuid(), volunteerId: z.string().uuid() });
const tags = ['volunteers'];

/** Volunteer groups of 3–5 under a leader (志愿服务小组): form, add and remove members, activate, disband. */
export function volunteerGroupRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/volunteer-groups',
      {
        schema: {
          tags,
          summary: 'Volunteer groups in my jurisdiction',
          querystring: VolunteerGroupQuery,
          response: { 200: pageOf(VolunteerGroup) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_READ_VOLUNTEERS);
        return pageFrom(await listGroups(db, scope, request.query), request.query.limit, (r) => r.id, toGroup);
      },
    );

    app.post(
      '/api/volunteer-groups',
      {
        schema: {
          tags,
          summary: 'Form a group (forming: up to 5 members, the leader among them)',
          body: VolunteerGroupInput,
          response: { 201: VolunteerGroupDetail },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createGroup(db, clock, authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor, request.body)),
    );

    app.get(
      '/api/volunteer-groups/:id',
      {
        schema: {
          tags,
          summary: 'A group with its members',
          params: IdParams,
          response: { 200: VolunteerGroupDetail },
        },
      },
      async (request) => groupDetail(db, authorise(request, ROLES_THAT_READ_VOLUNTEERS).scope, request.params.id),
    );

    app.patch(
      '/api/volunteer-groups/:id',
      {
        schema: {
          tags,
          summary: 'Rename a group, change its note or its leader (a member)',
          params: IdParams,
          body: VolunteerGroupPatch,
          response: { 200: VolunteerGroupDetail },
        },
      },
      async (request) =>
        patchGroup(db, clock, authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor, request.params.id, request.body),
    );

    app.post(
      '/api/volunteer-groups/:id/members',
      {
        schema: {
          tags,
          summary: 'Add volunteers to a group (never above 5)',
          params: IdParams,
          body: z.object({ volunteerIds: z.array(z.string().uuid()).min(1).max(GROUP_MAX) }),
          response: { 200: VolunteerGroupDetail },
        },
      },
      async (request) =>
        addGroupMembers(
          db,
          clock,
          authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor,
          request.params.id,
          request.body.volunteerIds,
        ),
    );

    app.delete(
      '/api/volunteer-groups/:id/members/:volunteerId',
      {
        schema: {
          tags,
          summary: 'Take a volunteer out of a group (not the leader; an active group keeps 3)',
          params: MemberParams,
          response: { 200: VolunteerGroupDetail },
        },
      },
      async (request) =>
        removeGroupMember(
          db,
          clock,
          authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor,
          request.params.id,
          request.params.volunteerId,
        ),
    );

    app.post(
      '/api/volunteer-groups/:id/activate',
      {
        schema: {
          tags,
          summary: 'Activate a forming group (3–5 members, a leader among them)',
          params: IdParams,
          response: { 200: VolunteerGroupDetail },
        },
      },
      async (request) =>
        activateGroup(db, clock, authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor, request.params.id),
    );

    app.delete(
      '/api/volunteer-groups/:id',
      { schema: { tags, summary: 'Disband a group (kept, audited; its members are free)', params: IdParams } },
      async (request, reply) => {
        await disbandGroup(db, clock, authorise(request, ROLES_THAT_MANAGE_VOLUNTEERS).actor, request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
