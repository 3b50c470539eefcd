import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { AppError } from '../errors';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** `host[:port]` in lower case, without the scheme's default port. */
function hostOf(url: URL): string {
  return url.port && url.port !== DEFAULT_PORTS[url.protocol] ? `${url.hostname}:${url.port}` : url.hostname;
}

/** The host the browser addressed: Host, or X-Forwarded-Host when QUNFANG_TRUST_PROXY is on (Fastify's request.host). */
function ownHost(request: FastifyRequest): string | null {
  try {
    return hostOf(new URL(`http://${request.host}`));
  } catch {
    return null;
  }
}

/** Where a browser says the request came from: Origin, or the Referer when Origin is absent. Null when neither was sent. */
function claimedOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') return origin;
  const referer = request.headers.referer;
  return typeof referer === 'string' && referer !== '' ? referer : null;
}

/**
 * Cross-site request refusal: a POST, PUT, PATCH or DELETE whose Origin (or, without one, Referer)
 * names another site is answered 403 ORIGIN_FORBIDDEN before anything else happens — SameSite=Strict
 * on the session cookie is one guard, this is the second, and it also stops a foreign page from
 * logging a browser into an account of its choosing. "Our own" is the host the request was sent to
 * (X-Forwarded-Host behind a trusted proxy) or an origin listed in QUNFANG_ALLOWED_ORIGINS (for a
 * proxy that rewrites Host). `Origin: null` (a sandboxed frame, a file) is foreign. A request with
 * neither header is not from a page — the CLI, curl, a script holding its own cookie — and passes.
 */
export function registerOriginCheck(app: FastifyInstance, config: Readonly<Pick<Config, 'allowedOrigins'>>): void {
  const allowed = new Set(config.allowedOrigins.map((o) => hostOf(new URL(o))));
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    const claimed = claimedOrigin(request);
    if (claimed === null) return;
    let from: string | null = null;
    try {
      from = hostOf(new URL(claimed));
    } catch {
      from = null;
    }
    if (from !== null && (from === ownHost(request) || allowed.has(from))) return;
    throw new AppError('ORIGIN_FORBIDDEN');
  });
}
