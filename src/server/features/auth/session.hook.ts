import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorForToken } from './session.service';
import { forgetAllSessions } from './session-cache';

export const SESSION_COOKIE = 'qf_session';

export function requestMeta(request: FastifyRequest) {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null };
}

/** Resolve the session cookie to an actor on every request; routes then call `authorise`. */
export function registerSessionHook(app: FastifyInstance, { db, clock, config }: AppDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    const found = await actorForToken(db, clock, config, token, requestMeta(request));
    if (found) {
      request.actor = found.actor;
      request.sessionId = found.sessionId;
    }
  });
  // A change to users or regions may change who a logged-in user is (role, jurisdiction, status):
  // resolve every session afresh after one (see features/auth/session-cache.ts).
  // (onSend: before the answer leaves, so the client's next request already sees the change.)
  app.addHook('onSend', async (request, reply, payload) => {
    if (
      request.method !== 'GET' &&
      request.method !== 'HEAD' &&
      reply.statusCode < 400 &&
      CHANGES_WHO_USERS_ARE.test(request.url)
    )
      forgetAllSessions();
    return payload;
  });
}

const CHANGES_WHO_USERS_ARE = /^\/api\/(users|regions)(\/|\?|$)/;
