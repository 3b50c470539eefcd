import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CalloutHistory,
  MemberInput,
  MemberPatch,
  Team,
  TeamDetail,
  TeamInput,
  TeamMember,
  TeamPatch,
  TeamQuery,
} from '../../../shared/callouts';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import {
  addTeamMember,
  changeTeam,
  changeTeamMember,
  createTeam,
  disbandTeam,
  listTeams,
  removeTeamMember,
  revealMemberPhone,
  ROLES_THAT_CALL_OUT,
  teamDetail,
  toTeam,
} from './teams.service';
import { memberHistories, teamHistory } from './history.service';

const IdParams = z.object({ id: z.string().uuid() });
const MemberParams = z.object({ id: z.string().uuid(), memberId: z.string().uuid() });

/** Commando teams (党员突击队) and their members: kept by the command centre, townships and the organisation department. */
export function teamRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['callouts'];
    app.get(
      '/api/callouts/teams',
      {
        schema: {
          tags,
          summary: 'Active teams in my jurisdiction',
          querystring: TeamQuery,
          response: { 200: pageOf(Team) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_CALL_OUT);
        return pageFrom(await listTeams(db, scope, request.query), request.query.limit, (r) => r.id, toTeam);
      },
    );

    app.get(
      '/api/callouts/teams/:id/history',
      {
        schema: {
          tags,
          summary: "A team's record over its call-outs: response rate, median time to acknowledge and to arrive",
          params: IdParams,
          response: { 200: CalloutHistory },
        },
      },
      async (request) => teamHistory(db, authorise(request, ROLES_THAT_CALL_OUT).scope, request.params.id),
    );

    app.get(
      '/api/callouts/teams/:id/members/history',
      {
        schema: {
          tags,
          summary: "Each member's record over the jurisdiction's call-outs, by person id",
          params: IdParams,
          response: { 200: z.record(z.string(), CalloutHistory) },
        },
      },
      async (request) => memberHistories(db, authorise(request, ROLES_THAT_CALL_OUT).scope, request.params.id),
    );

    app.post(
      '/api/callouts/teams',
      {
        schema: {
          tags,
          summary: 'Set up a team based in a region (its leader, if given, is its first member)',
          body: TeamInput,
          response: { 201: Team },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(toTeam(await createTeam(db, clock, authorise(request, ROLES_THAT_CALL_OUT).actor, request.body))),
    );

    app.get(
      '/api/callouts/teams/:id',
      {
        schema: {
          tags,
          summary: 'One team with its members (ID numbers and phones masked)',
          params: IdParams,
          response: { 200: TeamDetail },
        },
      },
      async (request) => teamDetail(db, authorise(request, ROLES_THAT_CALL_OUT).scope, request.params.id),
    );

    app.patch(
      '/api/callouts/teams/:id',
      {
        schema: {
          tags,
          summary: "Change a team's name, kind, skills or note",
          params: IdParams,
          body: TeamPatch,
          response: { 200: Team },
        },
      },
      async (request) =>
        toTeam(
          await changeTeam(db, clock, authorise(request, ROLES_THAT_CALL_OUT).actor, request.params.id, request.body),
        ),
    );

    app.delete(
      '/api/callouts/teams/:id',
      { schema: { tags, summary: 'Disband a team (its records are kept)', params: IdParams } },
      async (request, reply) => {
        await disbandTeam(db, clock, authorise(request, ROLES_THAT_CALL_OUT).actor, request.params.id);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/callouts/teams/:id/members',
      {
        schema: {
          tags,
          summary: 'Add a member: a registry person picked, or identified by ID number and name',
          params: IdParams,
          body: MemberInput,
          response: { 201: TeamMember },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await addTeamMember(
              db,
              clock,
              authorise(request, ROLES_THAT_CALL_OUT).actor,
              request.params.id,
              request.body,
            ),
          ),
    );

    app.patch(
      '/api/callouts/teams/:id/members/:memberId',
      {
        schema: {
          tags,
          summary: "Change a member's role or skills (a new leader replaces the old)",
          params: MemberParams,
          body: MemberPatch,
          response: { 200: TeamMember },
        },
      },
      async (request) =>
        changeTeamMember(
          db,
          clock,
          authorise(request, ROLES_THAT_CALL_OUT).actor,
          request.params.id,
          request.params.memberId,
          request.body,
        ),
    );

    app.delete(
      '/api/callouts/teams/:id/members/:memberId',
      { schema: { tags, summary: 'Take a member off the team', params: MemberParams } },
      async (request, reply) => {
        await removeTeamMember(
          db,
          clock,
          authorise(request, ROLES_THAT_CALL_OUT).actor,
          request.params.id,
          request.params.memberId,
        );
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/callouts/teams/:id/members/:memberId/reveal',
      {
        schema: {
          tags,
          summary: "Reveal a member's full phone (audited)",
          params: MemberParams,
          body: z.object({ field: z.literal('phone') }),
          response: { 200: z.object({ field: z.literal('phone'), value: z.string().nullable() }) },
        },
      },
      async (request) =>
        revealMemberPhone(
          db,
          clock,
          authorise(request, ROLES_THAT_CALL_OUT).actor,
          request.params.id,
          request.params.memberId,
        ),
    );
  };
}
