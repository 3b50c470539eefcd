import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './deps';
import { VERSION } from './version';
import { AppError } from './errors';
import { registerErrorHandler } from './http/error-handler';
import { registerSessionHook } from './features/auth/session.hook';
import { actorOf } from './http/actor';
import { registerInputGuard } from './http/input-guard';
import { registerOriginCheck } from './http/origin-check';
import { registerSecurityHeaders } from './http/security-headers';
import { registerCompression, serveWebApp } from './http/web-delivery';
import { healthRoutes } from './features/health/health.routes';
import { authRoutes } from './features/auth/auth.routes';
import { regionRoutes } from './features/regions/regions.routes';
import { userRoutes } from './features/users/users.routes';
import { responsibilityRoutes } from './features/responsibility/responsibility.routes';
import { auditRoutes } from './features/audit/audit.routes';
import { residentRoutes } from './features/residents/residents.routes';
import { residentFileRoutes } from './features/residents/residents-files.routes';
import { transferRoutes } from './features/residents/transfers.routes';
import { screeningRoutes } from './features/screening/screening.routes';
import { alertRoutes } from './features/alerts/alerts.routes';
import { referralRoutes } from './features/alerts/referrals.routes';
import { checkpointRoutes } from './features/checkpoints/checkpoints.routes';
import { zeroReportRoutes } from './features/zero-reports/zero-reports.routes';
import { isolationRoutes } from './features/isolation/isolation.routes';
import { isolationPublicRoutes } from './features/isolation/isolation-public.routes';
import { isolationStaffRoutes } from './features/isolation/site-staff.routes';
import { tracingRoutes } from './features/tracing/tracing.routes';
import { tracingPublicRoutes } from './features/tracing/tracing-public.routes';
import { noticeRoutes } from './features/notices/notices.routes';
import { noticePublicRoutes } from './features/notices/notices-public.routes';
import { gatheringRoutes } from './features/gatherings/gatherings.routes';
import { teamRoutes } from './features/callouts/teams.routes';
import { calloutRoutes } from './features/callouts/callouts.routes';
import { partyRoutes } from './features/party/party.routes';
import { partyFileRoutes } from './features/party/party-files.routes';
import { volunteerRoutes } from './features/volunteers/volunteers.routes';
import { volunteerGroupRoutes } from './features/volunteers/groups.routes';
import { volunteerPublicRoutes } from './features/volunteers/volunteers-public.routes';
import { suppliesRoutes } from './features/supplies/supplies.routes';
import { ledgerPublicRoutes } from './features/supplies/ledger-public.routes';
import { supplyRequestRoutes } from './features/supplies/requests.routes';
import { allocationRoutes } from './features/supplies/allocations.routes';
import { allocationPublicRoutes } from './features/supplies/allocations-public.routes';
import { coverRoutes } from './features/supplies/cover.routes';
import { donationRoutes } from './features/donations/donations.routes';
import { donationPublicRoutes } from './features/donations/donations-public.routes';
import { tempBranchRoutes } from './features/temp-branches/temp-branches.routes';
import { reportingRoutes } from './features/party/reporting.routes';
import { pledgeRoutes } from './features/pledges/pledges.routes';
import { dispatchRoutes } from './features/dispatch/dispatch.routes';
import { rollupRoutes } from './features/rollups/rollups.routes';
import { mobilisationRoutes } from './features/mobilisation/mobilisation.routes';
import { dailyReportRoutes } from './features/daily-reports/daily-reports.routes';
import { volunteerTaskRoutes } from './features/volunteer-tasks/volunteer-tasks.routes';
import { volunteerTaskPublicRoutes } from './features/volunteer-tasks/volunteer-tasks-public.routes';
import { volunteerSelfRoutes } from './features/volunteer-tasks/volunteer-self.routes';
import { volunteerSelfLinkRoutes } from './features/volunteers/self-links.routes';
import { setCountyTimeZone } from '../shared/dates';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string }[];
  }
}

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface BuildAppOptions extends AppDeps {
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web UI from dist/web (default: when it exists). */
  serveWeb?: boolean;
}

/** Build the HTTP application: every feature plugin is registered here, explicitly. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { db, config, clock } = options;
  const deps: AppDeps = { db, config, clock };
  // an instant sent without an offset is the county's local time
  setCountyTimeZone(config.timeZone);
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // live streams (Server-Sent Events) must not keep a closing server waiting
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON bodies: an empty body is no body; a malformed one is a 400 with a stable code.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError('MALFORMED_JSON'), undefined);
    }
  });

  // Spreadsheet uploads arrive as the raw file body (a route sets its own size limit).
  app.addContentTypeParser(
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream', 'text/csv'],
    { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  // Headers, the cross-site check and the control-character check come first: every route,
  // page and 404 registered after them is covered.
  await registerSecurityHeaders(app, config);
  await registerCompression(app);
  registerOriginCheck(app, config);
  registerInputGuard(app);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Qunfang 群防 API',
        version: VERSION,
        description:
          'Grassroots epidemic prevention and control. Log in with POST /api/auth/login; the session cookie authorises every other call.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'qf_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // Every route registered, for the jurisdiction test that walks them all.
  const routeList: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeList.push({ method, url: route.url });
  });
  app.decorate('routeList', routeList);

  registerErrorHandler(app, (options.serveWeb ?? fs.existsSync(path.join(WEB_DIST, 'index.html'))) ? WEB_DIST : null);
  registerSessionHook(app, deps);

  // The API's documentation describes every endpoint and field: for logged-in users only.
  const loggedIn = async (request: FastifyRequest) => void actorOf(request);
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiHooks: { onRequest: loggedIn } });

  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(regionRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(responsibilityRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(residentRoutes(deps));
  await app.register(residentFileRoutes(deps));
  await app.register(transferRoutes(deps));
  await app.register(screeningRoutes(deps));
  await app.register(alertRoutes(deps));
  await app.register(referralRoutes(deps));
  await app.register(checkpointRoutes(deps));
  await app.register(zeroReportRoutes(deps));
  await app.register(isolationRoutes(deps));
  await app.register(isolationPublicRoutes(deps));
  await app.register(isolationStaffRoutes(deps));
  await app.register(tracingRoutes(deps));
  await app.register(tracingPublicRoutes(deps));
  await app.register(noticeRoutes(deps));
  await app.register(suppliesRoutes(deps));
  await app.register(ledgerPublicRoutes(deps));
  await app.register(coverRoutes(deps));
  await app.register(donationRoutes(deps));
  await app.register(donationPublicRoutes(deps));
  await app.register(supplyRequestRoutes(deps));
  await app.register(allocationRoutes(deps));
  await app.register(allocationPublicRoutes(deps));
  await app.register(volunteerRoutes(deps));
  await app.register(volunteerGroupRoutes(deps));
  await app.register(volunteerPublicRoutes(deps));
  await app.register(noticePublicRoutes(deps));
  await app.register(tempBranchRoutes(deps));
  await app.register(gatheringRoutes(deps));
  await app.register(teamRoutes(deps));
  await app.register(calloutRoutes(deps));
  await app.register(partyRoutes(deps));
  await app.register(partyFileRoutes(deps));
  await app.register(reportingRoutes(deps));
  await app.register(pledgeRoutes(deps));
  await app.register(dispatchRoutes(deps));
  await app.register(rollupRoutes(deps));
  await app.register(mobilisationRoutes(deps));
  await app.register(dailyReportRoutes(deps));
  await app.register(volunteerTaskRoutes(deps));
  await app.register(volunteerTaskPublicRoutes(deps));
  await app.register(volunteerSelfRoutes(deps));
  await app.register(volunteerSelfLinkRoutes(deps));

  app.get('/api/openapi.json', { schema: { hide: true }, onRequest: loggedIn }, async () => app.swagger());

  if (options.serveWeb ?? fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await serveWebApp(app, WEB_DIST);
  }
  return app;
}
