import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { User, UserCreateInput, UserListQuery, UserUpdateInput } from '../../../shared/users';
import { RevealResult } from '../../../shared/audit';
import { pageOf } from '../../../shared/pagination';
import { authorise, ROLES_THAT_MANAGE_USERS } from '../../http/actor';
import { decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { getRegionInScope } from '../regions';
import {
  createUser,
  getUser,
  listUsersInScope,
  revealUserPhone,
  toUser,
  unlockUser,
  updateUser,
} from './users.service';

const IdParams = z.object({ id: z.string().uuid() });

export function userRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Users in my jurisdiction (phones masked)',
          querystring: UserListQuery,
          response: { 200: pageOf(User) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_MANAGE_USERS);
        const q = request.query;
        const region = q.regionId ? await getRegionInScope(db, scope, q.regionId) : undefined;
        const rows = await listUsersInScope(db, scope, {
          search: q.q?.toLowerCase(),
          role: q.role,
          regionPath: region?.path,
          afterUsername: decodeCursor<string>(q.cursor),
          limit: q.limit,
        });
        return pageFrom(rows, q.limit, (r) => r.username, toUser);
      },
    );

    app.post(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Create a user bound to a region',
          body: UserCreateInput,
          response: { 201: User },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_USERS);
        return reply
          .status(201)
          .send(toUser(await createUser(db, clock, actor, request.body, { temporaryPassword: true })));
      },
    );

    app.get(
      '/api/users/:id',
      {
        schema: { tags: ['users'], summary: 'One user', params: IdParams, response: { 200: User } },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_USERS);
        return toUser(await getUser(db, actor, request.params.id));
      },
    );

    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: 'Change a user (role, region, status, password …)',
          params: IdParams,
          body: UserUpdateInput,
          response: { 200: User },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_USERS);
        return toUser(await updateUser(db, clock, actor, request.params.id, request.body));
      },
    );

    app.post(
      '/api/users/:id/unlock',
      {
        schema: { tags: ['users'], summary: 'Lift a login lockout', params: IdParams, response: { 200: User } },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_USERS);
        return toUser(await unlockUser(db, clock, actor, request.params.id));
      },
    );

    app.post(
      '/api/users/:id/reveal',
      {
        schema: {
          tags: ['users'],
          summary: "Reveal a user's full phone number (audited)",
          params: IdParams,
          body: z.object({ field: z.literal('phone') }),
          response: { 200: RevealResult },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_USERS);
        return revealUserPhone(db, clock, actor, request.params.id);
      },
    );
  };
}
