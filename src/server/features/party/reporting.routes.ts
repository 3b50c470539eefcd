import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssignPostInput,
  CadreReportInput,
  PartyReport,
  PartyReportQuery,
  ReportInInput,
  ReportInResult,
  ReportingLink,
  ReportingLinkView,
  ReportingRates,
  ReportRevealField,
  ROLES_THAT_KEEP_REPORTS,
  ROLES_THAT_READ_REPORTING_RATES,
} from '../../../shared/reporting';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import {
  assignPost,
  communityLink,
  getPartyReport,
  listPartyReports,
  markOnPost,
  reportingLinkView,
  reportInByCadre,
  reportInByLink,
  revealPartyReport,
  toPartyReport,
} from './reporting.service';
import { reportingRates, reportingRatesWorkbook } from './reporting-figures.service';

const IdParams = z.object({ id: z.string().uuid() });
/** A community's slug: URL-safe base64, nothing else reaches the database. */
const SlugParams = z.object({ slug: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
const tags = ['party'];

/**
 * 在职党员到社区报到: the community's public page (/bd/<slug>, no login, rate-limited per address and
 * per link), the community's list, posts and 已到岗, and the county's 报到率.
 */
export function reportingRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  const perAddress = new RateLimiter(60, 60_000);
  const perLink = new RateLimiter(600, 60 * 60_000);
  return async (app) => {
    app.get(
      '/api/public/report-in/:slug',
      {
        schema: {
          tags: ['public'],
          summary: "A community's reporting page: which community (nothing private)",
          params: SlugParams,
          response: { 200: ReportingLinkView },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        return reportingLinkView(db, request.params.slug);
      },
    );

    app.post(
      '/api/public/report-in/:slug',
      {
        schema: {
          tags: ['public'],
          summary: 'Report in to the community: name, ID number and phone checked against the party roll',
          params: SlugParams,
          body: ReportInInput,
          response: { 200: ReportInResult },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        perLink.take(request.params.slug);
        return reportInByLink(db, clock, request.params.slug, request.body);
      },
    );

    app.post(
      '/api/party/reporting/links/:id',
      {
        schema: {
          tags,
          summary: "A community's poster link (made once, stable); :id is the community's region id",
          params: IdParams,
          response: { 200: ReportingLink },
        },
      },
      async (request) => communityLink(db, clock, authorise(request, ROLES_THAT_KEEP_REPORTS).actor, request.params.id),
    );

    app.get(
      '/api/party/reports',
      {
        schema: {
          tags,
          summary: 'Members who reported to the communities of my jurisdiction (masked)',
          querystring: PartyReportQuery,
          response: { 200: pageOf(PartyReport) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_KEEP_REPORTS);
        return pageFrom(
          await listPartyReports(db, scope, request.query),
          request.query.limit,
          (r) => r.id,
          toPartyReport,
        );
      },
    );

    app.post(
      '/api/party/reports',
      {
        schema: {
          tags,
          summary: "Enter a member's report for a community (checked against the party roll)",
          body: CadreReportInput,
          response: { 201: PartyReport },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            toPartyReport(
              await reportInByCadre(db, clock, authorise(request, ROLES_THAT_KEEP_REPORTS).actor, request.body),
            ),
          ),
    );

    app.get(
      '/api/party/reports/:id',
      { schema: { tags, summary: 'One report', params: IdParams, response: { 200: PartyReport } } },
      async (request) =>
        toPartyReport(await getPartyReport(db, authorise(request, ROLES_THAT_KEEP_REPORTS).scope, request.params.id)),
    );

    app.post(
      '/api/party/reports/:id/post',
      {
        schema: {
          tags,
          summary: 'Put the member on a post (卡口值守 may name a site and a shift)',
          params: IdParams,
          body: AssignPostInput,
          response: { 200: PartyReport },
        },
      },
      async (request) =>
        toPartyReport(
          await assignPost(
            db,
            clock,
            authorise(request, ROLES_THAT_KEEP_REPORTS).actor,
            request.params.id,
            request.body,
          ),
        ),
    );

    app.post(
      '/api/party/reports/:id/on-post',
      {
        schema: {
          tags,
          summary: '已到岗: the member is at their post',
          params: IdParams,
          response: { 200: PartyReport },
        },
      },
      async (request) =>
        toPartyReport(
          await markOnPost(db, clock, authorise(request, ROLES_THAT_KEEP_REPORTS).actor, request.params.id),
        ),
    );

    app.post(
      '/api/party/reports/:id/reveal',
      {
        schema: {
          tags,
          summary: "Reveal the member's full ID number or phone (audited)",
          params: IdParams,
          body: z.object({ field: ReportRevealField }),
          response: { 200: z.object({ field: ReportRevealField, value: z.string().nullable() }) },
        },
      },
      async (request) =>
        revealPartyReport(
          db,
          clock,
          authorise(request, ROLES_THAT_KEEP_REPORTS).actor,
          request.params.id,
          request.body.field,
        ),
    );

    app.get(
      '/api/party/reporting/rates',
      {
        schema: {
          tags,
          summary: '报到率 per unit and reports per community in my jurisdiction',
          response: { 200: ReportingRates },
        },
      },
      async (request) => reportingRates(db, authorise(request, ROLES_THAT_READ_REPORTING_RATES).scope),
    );

    app.get(
      '/api/party/reporting/rates.xlsx',
      { schema: { tags, summary: '报到率 per unit and per community as .xlsx' } },
      async (request, reply) => {
        const file = await reportingRatesWorkbook(db, authorise(request, ROLES_THAT_READ_REPORTING_RATES).scope);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="reporting-rates.xlsx"; filename*=UTF-8''${encodeURIComponent('报到率.xlsx')}`,
          )
          .send(file);
      },
    );
  };
}
