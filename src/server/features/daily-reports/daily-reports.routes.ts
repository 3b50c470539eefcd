import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DailyReport,
  DailyReportDraftInput,
  DailyReportList,
  DailyReportListQuery,
  DailyReportReview,
  DailyReportSubmit,
  DailyReportUpdate,
  DailyReportVersion,
} from '../../../shared/daily-reports';
import { authorise } from '../../http/actor';
import type { AppDeps } from '../../deps';
import { draftDailyReport } from './draft.service';
import { exportDailyReport } from './export';
import { dailyReportVersions, getDailyReport, listDailyReports } from './read.service';
import { ROLES_THAT_REPORT } from './report.model';
import { reviewDailyReport } from './review.service';
import { saveDailyReport } from './save.service';
import { submitDailyReport } from './submit.service';

const IdParams = z.object({ id: z.string().uuid() });

/**
 * 每日报告 (一日一汇报): the day's list of my jurisdiction's units, draft from live figures, correct
 * with reasons, submit, review or return by the level above, versions, and the .xlsx a county files.
 * Who may do what is decided per report (see report.model.ts); reading is open to every role within
 * its jurisdiction.
 */
export function dailyReportRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/daily-reports',
      {
        schema: {
          tags: ['daily-reports'],
          summary: "A unit's daily report standing and its children's, for a day (default: my own node, today)",
          querystring: DailyReportListQuery,
          response: { 200: DailyReportList },
        },
      },
      async (request) => listDailyReports(db, clock, config.timeZone, authorise(request, 'any').actor, request.query),
    );

    app.post(
      '/api/daily-reports/draft',
      {
        schema: {
          tags: ['daily-reports'],
          summary:
            "Start my unit's report of a day (201) or recompute its draft (200): live figures, children's submitted reports",
          body: DailyReportDraftInput,
          response: { 200: DailyReport, 201: DailyReport },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_REPORT);
        const { report, created } = await draftDailyReport(
          db,
          clock,
          config.timeZone,
          actor,
          request.body.regionId,
          request.body.day,
        );
        return reply.status(created ? 201 : 200).send(report);
      },
    );

    app.get(
      '/api/daily-reports/:id',
      {
        schema: {
          tags: ['daily-reports'],
          summary: 'One report as stored (a submitted report exactly as it went up)',
          params: IdParams,
          response: { 200: DailyReport },
        },
      },
      async (request) => getDailyReport(db, authorise(request, 'any').actor, request.params.id),
    );

    app.put(
      '/api/daily-reports/:id',
      {
        schema: {
          tags: ['daily-reports'],
          summary: 'Save corrections (each with a reason) and the narrative of a draft or returned report',
          params: IdParams,
          body: DailyReportUpdate,
          response: { 200: DailyReport },
        },
      },
      async (request) =>
        saveDailyReport(db, clock, authorise(request, ROLES_THAT_REPORT).actor, request.params.id, request.body ?? {}),
    );

    app.post(
      '/api/daily-reports/:id/submit',
      {
        schema: {
          tags: ['daily-reports'],
          summary: 'Submit the report up the chain (a note is required while children are missing)',
          params: IdParams,
          body: DailyReportSubmit.nullish(),
          response: { 200: DailyReport },
        },
      },
      async (request) =>
        submitDailyReport(
          db,
          clock,
          authorise(request, ROLES_THAT_REPORT).actor,
          request.params.id,
          request.body ?? {},
        ),
    );

    app.post(
      '/api/daily-reports/:id/review',
      {
        schema: {
          tags: ['daily-reports'],
          summary: 'The level above marks a submitted report reviewed, or returns it with a note',
          params: IdParams,
          body: DailyReportReview,
          response: { 200: DailyReport },
        },
      },
      async (request) => reviewDailyReport(db, clock, authorise(request, 'any').actor, request.params.id, request.body),
    );

    app.get(
      '/api/daily-reports/:id/versions',
      {
        schema: {
          tags: ['daily-reports'],
          summary: 'Every saved state of a report, oldest first, with who, when and what changed',
          params: IdParams,
          response: { 200: z.object({ items: z.array(DailyReportVersion) }) },
        },
      },
      async (request) => ({ items: await dailyReportVersions(db, authorise(request, 'any').actor, request.params.id) }),
    );

    app.get(
      '/api/daily-reports/:id/export.xlsx',
      {
        schema: {
          tags: ['daily-reports'],
          summary:
            'The report as .xlsx with Chinese headers: one row per child unit, own part and total, then the narrative (audited)',
          params: IdParams,
        },
      },
      async (request, reply) => {
        const { buffer, filename } = await exportDailyReport(
          db,
          clock,
          authorise(request, 'any').actor,
          request.params.id,
          config.timeZone,
        );
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="daily-report.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
          )
          .send(buffer);
      },
    );
  };
}
