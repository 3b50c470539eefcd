import fs from 'node:fs';
import path from 'node:path';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../shared/errors';
import { AppError, errorMessage } from '../errors';
import { z } from 'zod';
import { localeOf } from './actor';
import type { Locale } from '../../shared/enums';
import { RULE_MESSAGES_ZH } from '../../shared/rule-messages';
import { toTraditional } from '../text';

/**
 * One handler turns every failure into `{ error: { code, message, details } }` with a stable code;
 * validation issues list each field; 5xx messages never reveal internals.
 */
export function registerErrorHandler(app: FastifyInstance, webRoot: string | null): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const locale = localeOf(request);
    const send = (status: number, code: ErrorCode, details?: unknown) =>
      reply
        .status(status)
        .send({ error: { code, message: errorMessage(code, locale), ...(details === undefined ? {} : { details }) } });

    if (err instanceof AppError) return send(err.status, err.code, localiseIssues(err.details, locale));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        in: err.validationContext ?? 'body',
        path: v.instancePath.split('/').filter(Boolean),
        message: issueMessage(v, locale),
      }));
      return send(400, 'VALIDATION', { issues });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return send(500, 'INTERNAL');
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(415, 'UNSUPPORTED_MEDIA_TYPE');
    if (
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err instanceof SyntaxError
    ) {
      return send(400, 'MALFORMED_JSON');
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(413, 'BODY_TOO_LARGE');
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode, 'VALIDATION', { reason: err.message });
    }
    request.log.error({ err }, 'unhandled error');
    return send(500, 'INTERNAL');
  });

  // Unknown /api paths are JSON 404s; any other GET is a page of the single-page web app — the
  // no-login pages (self-report link /r/…, certificate checks /verify/… and /vs/…, seek notice /n/…, call-out answer
  // and meeting point /c/…, volunteer sign-up /v/…, a volunteer's own page /vt/…, 报到 /bd/…, pledge /qz/…, public announcements /a and /a/…, the
  // public supplies ledger /ledger) from their own light entry.
  // The html is read per request (the OS caches it) so a rebuilt UI is served without a restart.
  app.setNotFoundHandler((request, reply) => {
    if (webRoot && request.method === 'GET' && !request.url.startsWith('/api/')) {
      const page = /^\/((r|verify|vs|vt|v|n|a|c|bd|qz)\/|a(\?|$)|ledger(\?|\/|$))/.test(request.url)
        ? 'public.html'
        : 'index.html';
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(fs.readFileSync(path.join(webRoot, page)));
    }
    const locale = localeOf(request);
    reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: errorMessage('ROUTE_NOT_FOUND', locale) } });
  });
}

const ZOD_LOCALES = { 'zh-CN': z.locales.zhCN(), 'zh-TW': z.locales.zhTW() } as const;

/**
 * A rule's sentence (a refine's, or a service's VALIDATION issue), written once in English, in the
 * reader's language from the catalogue in shared/rule-messages.ts; 繁體 is converted from it.
 */
export function ruleMessage(message: string, locale: Locale): string {
  if (locale === 'en') return message;
  const zh = RULE_MESSAGES_ZH[message];
  if (zh === undefined) return message;
  return locale === 'zh-TW' ? toTraditional(zh) : zh;
}

/** A service's refusal with per-field issues: each issue's message in the reader's language. */
function localiseIssues(details: unknown, locale: Locale): unknown {
  if (locale === 'en' || !details || typeof details !== 'object') return details;
  const issues = (details as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return details;
  return {
    ...details,
    issues: issues.map((issue: unknown) =>
      issue && typeof issue === 'object' && typeof (issue as { message?: unknown }).message === 'string'
        ? { ...issue, message: ruleMessage((issue as { message: string }).message, locale) }
        : issue,
    ),
  };
}

/**
 * A field's message in the reader's language: zod's own Chinese wording for its built-in checks
 * (wrong type, not one of the options, too long, not a date …) and the catalogue's for a rule's own
 * sentence (a refine).
 */
function issueMessage(
  v: { keyword: string; message?: string; params?: Record<string, unknown> },
  locale: Locale,
): string | undefined {
  if (locale === 'en') return v.message;
  // a rule's own sentence (a refine, a pattern's explanation) before zod's generic wording
  if (v.message !== undefined && RULE_MESSAGES_ZH[v.message] !== undefined) return ruleMessage(v.message, locale);
  if (v.keyword === 'custom') return v.message;
  const translated = ZOD_LOCALES[locale].localeError({ code: v.keyword, ...v.params } as never);
  const text = typeof translated === 'string' ? translated : translated?.message;
  return text || v.message;
}
