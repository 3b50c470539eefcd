import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZeroReport,
  ZeroReportDraft,
  ZeroReportSettings,
  ZeroReportStatus,
  ZeroReportSubmission,
  ZeroReportSubmitResult,
  ZeroReportUnitStatus,
  ZeroReportUnitType,
} from '../../../shared/zero-reports';
import { CalendarDate } from '../../../shared/dates';
import { authorise } from '../../http/actor';
import type { AppDeps } from '../../deps';
import { getRegionInScope } from '../regions';
import { getZeroReportSettings, ROLES_THAT_SET_ZERO_REPORTS, saveZeroReportSettings } from './settings.service';
import { reportableDays, submitZeroReport, zeroReportDraft, zeroReportVersions } from './submit.service';
import { zeroReportStatus } from './status.service';
import { sweepLateZeroReports } from './sweep.service';
import { ANY_REPORTING_ROLE, listMyUnits } from './units.service';

const DayQuery = z.object({ day: CalendarDate.optional() });

/** 零报告: the units' daily form and submission, the command centre's status view, settings and the late sweep. */
export function zeroReportRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const tz = config.timeZone;
  return async (app) => {
    app.get(
      '/api/zero-reports/settings',
      {
        schema: {
          tags: ['zero-reports'],
          summary: 'The deadline (local HH:MM) and which kinds of unit report',
          response: { 200: ZeroReportSettings },
        },
      },
      async (request) => {
        authorise(request, 'any');
        return getZeroReportSettings(db);
      },
    );

    app.put(
      '/api/zero-reports/settings',
      {
        schema: {
          tags: ['zero-reports'],
          summary: 'Change the deadline and the reporting kinds (admin, command centre; audited)',
          body: ZeroReportSettings,
          response: { 200: ZeroReportSettings },
        },
      },
      async (request) =>
        saveZeroReportSettings(db, clock, authorise(request, ROLES_THAT_SET_ZERO_REPORTS).actor, request.body),
    );

    app.get(
      '/api/zero-reports/units',
      {
        schema: {
          tags: ['zero-reports'],
          summary:
            "The units I file reports for, with each one's report of the day (today by default, the county's day)",
          querystring: DayQuery,
          response: { 200: z.object({ day: z.string(), items: z.array(ZeroReportUnitStatus) }) },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ANY_REPORTING_ROLE);
        const day = request.query.day ?? reportableDays(clock, tz).today;
        return { day, items: await listMyUnits(db, actor, day) };
      },
    );

    app.get(
      '/api/zero-reports/draft',
      {
        schema: {
          tags: ['zero-reports'],
          summary:
            "A unit's pre-filled form: flows over the previous local day, stocks as of now; with the version already submitted",
          querystring: DayQuery.extend({ unitType: ZeroReportUnitType, unitId: z.string().uuid() }),
          response: { 200: ZeroReportDraft },
        },
      },
      async (request) => zeroReportDraft(db, clock, tz, authorise(request, ANY_REPORTING_ROLE).actor, request.query),
    );

    app.post(
      '/api/zero-reports',
      {
        schema: {
          tags: ['zero-reports'],
          summary:
            "Submit (or resubmit: a new version) a unit's zero report; a changed figure needs a reason; the same content again changes nothing",
          body: ZeroReportSubmission,
          response: { 201: ZeroReportSubmitResult, 200: ZeroReportSubmitResult },
        },
      },
      async (request, reply) => {
        const result = await submitZeroReport(
          db,
          clock,
          tz,
          authorise(request, ANY_REPORTING_ROLE).actor,
          request.body,
        );
        return reply.status(result.created ? 201 : 200).send(result);
      },
    );

    app.get(
      '/api/zero-reports/:id/versions',
      {
        schema: {
          tags: ['zero-reports'],
          summary: 'Every version of a report, oldest first',
          params: z.object({ id: z.string().uuid() }),
          response: { 200: z.object({ items: z.array(ZeroReport) }) },
        },
      },
      async (request) => ({ items: await zeroReportVersions(db, authorise(request, 'any').actor, request.params.id) }),
    );

    app.get(
      '/api/zero-reports/status',
      {
        schema: {
          tags: ['zero-reports'],
          summary:
            'Who has not reported, and per township completeness and timeliness for the day and the 14 days before',
          querystring: DayQuery.extend({ under: z.string().uuid().optional() }),
          response: { 200: ZeroReportStatus },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const under = request.query.under ? await getRegionInScope(db, scope, request.query.under) : undefined;
        const day = request.query.day ?? reportableDays(clock, tz).today;
        return zeroReportStatus(db, clock, tz, under ? { prefix: under.path } : scope, day);
      },
    );

    app.post(
      '/api/zero-reports/sweep',
      {
        schema: {
          tags: ['zero-reports'],
          summary:
            'Escalate every unit late for the day (after its deadline), once per unit and day (admin; a ticker runs the same)',
          body: z.object({ day: CalendarDate.optional() }).nullish(),
          response: {
            200: z.object({
              day: z.string(),
              deadlinePassed: z.boolean(),
              late: z.number().int(),
              raised: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ['admin']);
        return sweepLateZeroReports(db, clock, tz, { day: request.body?.day, actor });
      },
    );
  };
}
