import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePasswordInput, LoginInput, Me } from '../../../shared/users';
import { actorOf } from '../../http/actor';
import type { Actor } from '../../access/actor';
import { requestMeta, SESSION_COOKIE } from './session.hook';
import { AppError } from '../../errors';
import type { AppDeps } from '../../deps';
import type { Db } from '../../db/database';
import { findRegionById } from '../regions';
import { changePassword, login, logout } from './auth.service';
import { actorForToken } from './session.service';

async function meOf(db: Db, actor: Actor, timeZone: string): Promise<Me> {
  const row = actor.regionId ? await findRegionById(db, actor.regionId) : undefined;
  const region = row && { id: row.id, name: row.name, code: row.code, level: row.level, path: row.path };
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    locale: actor.locale,
    mustChangePassword: actor.mustChangePassword ?? false,
    timeZone,
    region: region ?? null,
  };
}

export function authRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in; sets the httpOnly session cookie',
          body: LoginInput,
          response: { 200: Me },
        },
        config: { public: true },
      },
      async (request, reply) => {
        const meta = requestMeta(request);
        const { token } = await login(db, clock, config, request.body, meta).catch((err: unknown) => {
          // Throttled (429) or locked for this address (423): say when to come back.
          const retry =
            err instanceof AppError
              ? (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
              : undefined;
          if (retry !== undefined) reply.header('retry-after', String(retry));
          throw err;
        });
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: config.cookieSecure,
          maxAge: config.sessionHours * 3600,
        });
        const session = await actorForToken(db, clock, config, token, meta);
        return meOf(db, session!.actor, config.timeZone);
      },
    );

    app.post(
      '/api/auth/logout',
      {
        schema: { tags: ['auth'], summary: 'Log out and end this session', response: { 204: z.null() } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await logout(db, clock, actor, request.sessionId!);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      {
        schema: { tags: ['auth'], summary: 'The logged-in user and their jurisdiction', response: { 200: Me } },
      },
      async (request) => meOf(db, actorOf(request), config.timeZone),
    );

    app.post(
      '/api/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Change my password (closes my other sessions)',
          body: ChangePasswordInput,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await changePassword(db, clock, actorOf(request), request.sessionId!, request.body);
        return reply.status(204).send(null);
      },
    );
  };
}
