import type { FastifyRequest } from 'fastify';
import type { Locale, Role } from '../../shared/enums';
import { AppError } from '../errors';
import type { Actor } from '../access/actor';
import { scopeOf, type Scope } from '../access/scope';

export type { Actor };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
  }
}

/**
 * The authenticated actor or 401. A user whose password was set by someone else gets 403
 * PASSWORD_CHANGE_REQUIRED from every route but /api/auth/* until they change it (features/auth);
 * routes that need no login never ask, so they stay open.
 */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  if (request.actor.mustChangePassword && !request.url.startsWith('/api/auth/'))
    throw new AppError('PASSWORD_CHANGE_REQUIRED');
  return request.actor;
}

/** The actor, required to hold one of `roles` (403 FORBIDDEN otherwise), with their scope. */
export function authorise(request: FastifyRequest, roles: readonly Role[] | 'any'): { actor: Actor; scope: Scope } {
  const actor = actorOf(request);
  if (roles !== 'any' && !roles.includes(actor.role)) throw new AppError('FORBIDDEN');
  return { actor, scope: scopeOf(actor) };
}

/** The language a response is written in: ?lang=, then the user's setting, then Accept-Language. */
export function localeOf(request: FastifyRequest): Locale {
  const q = (request.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'zh-CN' || q === 'zh-TW') return q;
  const header = String(request.headers['accept-language'] ?? '').toLowerCase();
  if (header) {
    const first = header.split(',')[0]!.trim();
    if (first.startsWith('en')) return 'en';
    if (first.startsWith('zh-tw') || first.startsWith('zh-hk') || first.startsWith('zh-hant')) return 'zh-TW';
    if (first.startsWith('zh')) return 'zh-CN';
  }
  if (request.actor) return request.actor.locale;
  return 'zh-CN';
}

export const ROLES_THAT_MANAGE_REGIONS: readonly Role[] = ['admin', 'command', 'township'];
export const ROLES_THAT_MANAGE_USERS: readonly Role[] = ['admin', 'command', 'township'];
export const ROLES_THAT_READ_AUDIT: readonly Role[] = ['admin', 'command'];
