import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PartyMember,
  PartyMemberInput,
  PartyMemberQuery,
  PartyMemberUpdate,
  PartyOrg,
  PartyOrgInput,
  PartyOrgNode,
  PartyOrgQuery,
  PartyOrgUpdate,
  PartyRevealField,
  ROLES_THAT_MANAGE_PARTY,
  ROLES_THAT_READ_PARTY,
} from '../../../shared/party';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import {
  createPartyOrg,
  getPartyOrg,
  listPartyOrgs,
  partyOrgTree,
  revealPartyOrgPhone,
  toPartyOrg,
  updatePartyOrg,
} from './organisations.service';
import {
  createPartyMember,
  getPartyMember,
  listPartyMembers,
  removePartyMember,
  revealPartyMember,
  toPartyMember,
  updatePartyMember,
} from './members.service';

const IdParams = z.object({ id: z.string().uuid() });
const tags = ['party'];

/** Party organisations (党委 / 党总支 / 党支部) and members (党员): list, read, set up, change. */
export function partyRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/party/organisations',
      {
        schema: {
          tags,
          summary: 'Party organisations in my jurisdiction, in name order (phones masked)',
          querystring: PartyOrgQuery,
          response: { 200: pageOf(PartyOrg) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_READ_PARTY);
        return pageFrom(
          await listPartyOrgs(db, scope, request.query),
          request.query.limit,
          (r) => [r.name, r.id],
          toPartyOrg,
        );
      },
    );

    app.get(
      '/api/party/organisations/tree',
      {
        schema: {
          tags,
          summary: 'Every organisation of my jurisdiction as tree nodes (parentId), with member counts',
          response: { 200: z.array(PartyOrgNode) },
        },
      },
      async (request) => partyOrgTree(db, authorise(request, ROLES_THAT_READ_PARTY).scope),
    );

    app.post(
      '/api/party/organisations',
      {
        schema: { tags, summary: 'Set up a party organisation', body: PartyOrgInput, response: { 201: PartyOrg } },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            toPartyOrg(
              await createPartyOrg(db, clock, authorise(request, ROLES_THAT_MANAGE_PARTY).actor, request.body),
            ),
          ),
    );

    app.get(
      '/api/party/organisations/:id',
      { schema: { tags, summary: 'One party organisation', params: IdParams, response: { 200: PartyOrg } } },
      async (request) =>
        toPartyOrg(await getPartyOrg(db, authorise(request, ROLES_THAT_READ_PARTY).scope, request.params.id)),
    );

    app.patch(
      '/api/party/organisations/:id',
      {
        schema: {
          tags,
          summary: 'Change a party organisation (what is left out is kept)',
          params: IdParams,
          body: PartyOrgUpdate,
          response: { 200: PartyOrg },
        },
      },
      async (request) =>
        toPartyOrg(
          await updatePartyOrg(
            db,
            clock,
            authorise(request, ROLES_THAT_MANAGE_PARTY).actor,
            request.params.id,
            request.body,
          ),
        ),
    );

    app.post(
      '/api/party/organisations/:id/reveal',
      {
        schema: {
          tags,
          summary: "Reveal the organisation's full phone (audited)",
          params: IdParams,
          body: z.object({ field: z.literal('phone') }),
          response: { 200: z.object({ field: z.literal('phone'), value: z.string().nullable() }) },
        },
      },
      async (request) =>
        revealPartyOrgPhone(db, clock, authorise(request, ROLES_THAT_READ_PARTY).actor, request.params.id),
    );

    app.get(
      '/api/party/members',
      {
        schema: {
          tags,
          summary: 'Party members in my jurisdiction (ID numbers and phones masked)',
          querystring: PartyMemberQuery,
          response: { 200: pageOf(PartyMember) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_READ_PARTY);
        return pageFrom(
          await listPartyMembers(db, scope, request.query),
          request.query.limit,
          (r) => r.id,
          toPartyMember,
        );
      },
    );

    app.post(
      '/api/party/members',
      {
        schema: {
          tags,
          summary: 'Register a party member (the registry person by ID number; registered if new)',
          body: PartyMemberInput,
          response: { 201: PartyMember },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            toPartyMember(
              await createPartyMember(db, clock, authorise(request, ROLES_THAT_MANAGE_PARTY).actor, request.body),
            ),
          ),
    );

    app.get(
      '/api/party/members/:id',
      { schema: { tags, summary: 'One party member', params: IdParams, response: { 200: PartyMember } } },
      async (request) =>
        toPartyMember(await getPartyMember(db, authorise(request, ROLES_THAT_READ_PARTY).scope, request.params.id)),
    );

    app.patch(
      '/api/party/members/:id',
      {
        schema: {
          tags,
          summary: "Change a member's organisation, category, status, post or join date",
          params: IdParams,
          body: PartyMemberUpdate,
          response: { 200: PartyMember },
        },
      },
      async (request) =>
        toPartyMember(
          await updatePartyMember(
            db,
            clock,
            authorise(request, ROLES_THAT_MANAGE_PARTY).actor,
            request.params.id,
            request.body,
          ),
        ),
    );

    app.delete(
      '/api/party/members/:id',
      { schema: { tags, summary: 'Take a member off the roll (kept, audited)', params: IdParams } },
      async (request, reply) => {
        await removePartyMember(db, clock, authorise(request, ROLES_THAT_MANAGE_PARTY).actor, request.params.id);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/party/members/:id/reveal',
      {
        schema: {
          tags,
          summary: "Reveal a member's full ID number or phone (audited)",
          params: IdParams,
          body: z.object({ field: PartyRevealField }),
          response: { 200: z.object({ field: PartyRevealField, value: z.string().nullable() }) },
        },
      },
      async (request) =>
        revealPartyMember(
          db,
          clock,
          authorise(request, ROLES_THAT_READ_PARTY).actor,
          request.params.id,
          request.body.field,
        ),
    );
  };
}
