import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';

/**
 * The Content-Security-Policy every response carries, pages and API alike. Scripts come only from
 * our own files — no inline script, no eval — so a name that slipped into HTML unescaped still
 * cannot run. Styles allow 'unsafe-inline': antd writes its CSS-in-JS as <style> tags at run time,
 * React and ECharts' tooltips set style attributes, and a nonce cannot cover style attributes
 * (nor can a static index.html carry a per-request nonce); inline CSS cannot run script.
 * Images may be data:/blob: (the icon, QR codes drawn on a canvas); fetches and the live
 * Server-Sent Events go only to this server; no page may be framed.
 */
function contentSecurityPolicy(config: Pick<Config, 'cookieSecure'>): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // only where the site is served over HTTPS: on a plain-HTTP county LAN it would break every file
    ...(config.cookieSecure ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * Security headers on every response through @fastify/helmet: the CSP above, X-Content-Type-Options
 * nosniff, X-Frame-Options DENY, Referrer-Policy same-origin (a self-report link /r/<token> never
 * leaves in a Referer), and Strict-Transport-Security (one year) when QUNFANG_COOKIE_SECURE says the
 * site is served over HTTPS. Registered before every route, so the pages, the public pages, the
 * API, the docs and the 404s all carry them.
 *
 * API answers hold personal data (names, phones, ID numbers, health status): unless a route says
 * otherwise they carry `Cache-Control: no-store`, so no browser or proxy cache keeps a copy.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Readonly<Config>): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    strictTransportSecurity: config.cookieSecure ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
