import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssignmentInput,
  DailyFigures,
  Passage,
  PassageInput,
  PassageQuery,
  ShiftPlanInput,
  Site,
  SiteInput,
  SiteKind,
} from '../../../shared/checkpoints';
import { RevealResult } from '../../../shared/audit';
import { CalendarDate } from '../../../shared/dates';
import { pageOf } from '../../../shared/pagination';
import { localDay, startOfLocalDay } from '../../clock';
import { authorise } from '../../http/actor';
import { CursorId, decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { getRegionInScope } from '../regions';
import {
  getSite,
  listSites,
  revealSitePhone,
  ROLES_AT_THE_BARRIER,
  ROLES_THAT_MANAGE_SITES,
  saveSite,
  toSite,
} from './sites.service';
import { checkPassage, passageWriter } from './passages.service';
import { dailyFiguresBySite, lastPassageOfPlate, listPassages, occupantsOf, recentPlates } from './passages.repository';
import { toPassage } from './passages.mapper';
import { assignToShift, checkInOut, myCurrentShifts, planShifts, rosterBetween, rosterGaps } from './roster.service';
import { normalisePlate } from '../../../shared/checkpoints';
import { figuresByUnit } from './figures.service';
import { exportPassages } from './passages.export';
import { scopeOf } from '../../access/scope';
import { PassThrough } from 'node:stream';

const IdParams = z.object({ id: z.string().uuid() });
const RosterShift = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  people: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      userId: z.string().nullable(),
      personId: z.string().nullable(),
      checkedInAt: z.string().nullable(),
      checkedOutAt: z.string().nullable(),
      /** 亮身份: the home branch of a party member on duty (党员先锋岗), else null */
      partyBranch: z.string().nullable(),
    }),
  ),
});

export function checkpointRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const writer = passageWriter(db, clock);

    app.get(
      '/api/checkpoints/sites',
      {
        schema: {
          tags: ['checkpoints'],
          summary: 'Checkpoints in my jurisdiction',
          querystring: z.object({
            regionId: z.string().uuid().optional(),
            kind: SiteKind.optional(),
            status: z.enum(['active', 'closed']).optional(),
          }),
          response: { 200: z.object({ items: z.array(Site) }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const region = request.query.regionId ? await getRegionInScope(db, scope, request.query.regionId) : undefined;
        return {
          items: (
            await listSites(db, scope, {
              regionPath: region?.path,
              kind: request.query.kind,
              status: request.query.status,
            })
          ).map(toSite),
        };
      },
    );

    app.post(
      '/api/checkpoints/sites',
      {
        schema: { tags: ['checkpoints'], summary: 'Register a checkpoint', body: SiteInput, response: { 201: Site } },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_SITES);
        return reply.status(201).send(toSite(await saveSite(db, clock, actor, request.body)));
      },
    );

    app.get(
      '/api/checkpoints/sites/:id',
      {
        schema: { tags: ['checkpoints'], summary: 'One checkpoint', params: IdParams, response: { 200: Site } },
      },
      async (request) => toSite(await getSite(db, authorise(request, 'any').scope, request.params.id)),
    );

    app.put(
      '/api/checkpoints/sites/:id',
      {
        schema: {
          tags: ['checkpoints'],
          summary: 'Change a checkpoint (leadPhone left out is kept)',
          params: IdParams,
          body: SiteInput,
          response: { 200: Site },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_SITES);
        return toSite(await saveSite(db, clock, actor, request.body, request.params.id));
      },
    );

    app.post(
      '/api/checkpoints/sites/:id/reveal',
      {
        schema: {
          tags: ['checkpoints'],
          summary: "Reveal the site lead's phone (audited)",
          params: IdParams,
          body: z.object({ field: z.literal('leadPhone') }),
          response: { 200: RevealResult },
        },
      },
      async (request) => revealSitePhone(db, clock, authorise(request, 'any').actor, request.params.id),
    );

    app.post(
      '/api/checkpoints/passages',
      {
        schema: {
          tags: ['checkpoints'],
          summary:
            'Register a passage with all occupants (client id: a retry stores once; committed before the answer)',
          body: PassageInput,
          response: {
            201: z.object({ id: z.string(), duplicate: z.boolean() }),
            200: z.object({ id: z.string(), duplicate: z.boolean() }),
          },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_AT_THE_BARRIER);
        const checked = await checkPassage(db, clock, actor, request.body);
        const result = await writer.submit(checked);
        return reply.status(result.duplicate ? 200 : 201).send(result);
      },
    );

    app.get(
      '/api/checkpoints/passages',
      {
        schema: {
          tags: ['checkpoints'],
          summary: 'Passages, newest first (by site, plate, time window, decision)',
          querystring: PassageQuery,
          response: { 200: pageOf(Passage) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const q = request.query;
        const rows = await listPassages(db, scope, {
          ...q,
          plate: q.plate ? normalisePlate(q.plate) : undefined,
          before: decodeCursor(q.cursor, CursorId),
        });
        const occupants = await occupantsOf(
          db,
          rows.map((r) => r.id),
        );
        return pageFrom(
          rows,
          q.limit,
          (r) => r.id,
          (r) => toPassage(r, occupants),
        );
      },
    );

    app.get(
      '/api/checkpoints/sites/:id/passages.xlsx',
      {
        schema: {
          tags: ['checkpoints'],
          summary: "Export a site's passages in a window as .xlsx (masked unless reveal=true; audited)",
          params: IdParams,
          querystring: z.object({
            from: z.string().datetime({ offset: true }),
            to: z.string().datetime({ offset: true }),
            reveal: z.enum(['true', 'false']).default('false'),
          }),
        },
      },
      async (request, reply) => {
        const reveal = request.query.reveal === 'true';
        const { actor } = authorise(request, reveal ? ROLES_AT_THE_BARRIER : 'any');
        await getSite(db, scopeOf(actor), request.params.id);
        const out = new PassThrough();
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="passages.xlsx"; filename*=UTF-8''${encodeURIComponent('卡口登记表.xlsx')}`,
          );
        void exportPassages(
          db,
          clock,
          actor,
          {
            siteId: request.params.id,
            from: new Date(request.query.from).toISOString(),
            to: new Date(request.query.to).toISOString(),
            reveal,
          },
          out,
          config.timeZone,
        ).catch((err) => {
          request.log.error({ err }, 'passage export failed');
          out.destroy(err);
        });
        return reply.send(out);
      },
    );

    app.get(
      '/api/checkpoints/sites/:id/plates',
      {
        schema: {
          tags: ['checkpoints'],
          summary: 'Plates seen at this site in the last 7 days (autocomplete)',
          params: IdParams,
          querystring: z.object({ prefix: z.string().max(12).default('') }),
          response: {
            200: z.object({ items: z.array(z.object({ plate: z.string(), lastAt: z.string(), times: z.number() })) }),
          },
        },
      },
      async (request) => {
        const site = await getSite(db, authorise(request, 'any').scope, request.params.id);
        const since = new Date(clock.now().getTime() - 7 * 24 * 3600_000).toISOString();
        const rows = await recentPlates(db, site.id, normalisePlate(request.query.prefix), since);
        return { items: rows.map((r) => ({ plate: r.plate!, lastAt: String(r.last_at), times: Number(r.times) })) };
      },
    );

    app.get(
      '/api/checkpoints/sites/:id/last-passage',
      {
        schema: {
          tags: ['checkpoints'],
          summary: 'The last passage of a plate at this site ("same occupants as last time")',
          params: IdParams,
          querystring: z.object({ plate: z.string().min(1).max(12) }),
          response: { 200: z.object({ passage: Passage.nullable() }) },
        },
      },
      async (request) => {
        const site = await getSite(db, authorise(request, 'any').scope, request.params.id);
        const last = await lastPassageOfPlate(db, site.id, normalisePlate(request.query.plate));
        return { passage: last ? toPassage(last, await occupantsOf(db, [last.id])) : null };
      },
    );

    app.get(
      '/api/checkpoints/figures',
      {
        schema: {
          tags: ['checkpoints'],
          summary:
            "A local day's figures per site, or per township/village; `day` defaults to today in the county's time zone (QUNFANG_TZ), not the browser's",
          querystring: z.object({
            day: CalendarDate.optional(),
            by: z.enum(['site', 'township', 'village']).default('site'),
            under: z.string().uuid().optional(),
          }),
          response: { 200: z.object({ day: z.string(), items: z.array(DailyFigures) }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const day = request.query.day ?? localDay(clock.now(), config.timeZone);
        const from = startOfLocalDay(day, config.timeZone).toISOString();
        const to = new Date(Date.parse(from) + 24 * 3600_000).toISOString();
        const under = request.query.under ? await getRegionInScope(db, scope, request.query.under) : undefined;
        const rows = await dailyFiguresBySite(db, scope, from, to, under?.path);
        return { day, items: await figuresByUnit(db, scope, rows, request.query.by) };
      },
    );

    app.post(
      '/api/checkpoints/shifts/plan',
      {
        schema: {
          tags: ['checkpoints'],
          summary: 'Plan shifts for a site (three 8-hour shifts a day by default)',
          body: ShiftPlanInput,
          response: { 201: z.object({ created: z.number() }) },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_SITES);
        return reply.status(201).send({ created: await planShifts(db, clock, config.timeZone, actor, request.body) });
      },
    );

    app.post(
      '/api/checkpoints/shifts/:id/assign',
      {
        schema: {
          tags: ['checkpoints'],
          summary: 'Put a user, a registered person or a named helper on a shift',
          params: IdParams,
          body: AssignmentInput,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_SITES);
        return reply.status(201).send({ id: await assignToShift(db, clock, actor, request.params.id, request.body) });
      },
    );

    app.post(
      '/api/checkpoints/assignments/:id/check',
      {
        schema: {
          tags: ['checkpoints'],
          summary: 'Check in to or out of a shift',
          params: IdParams,
          body: z.object({ what: z.enum(['in', 'out']) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await checkInOut(
          db,
          clock,
          authorise(request, ROLES_AT_THE_BARRIER).actor,
          request.params.id,
          request.body.what,
        );
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/checkpoints/roster/mine',
      {
        schema: {
          tags: ['checkpoints'],
          summary: 'My shifts right now (which site I am on)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  assignmentId: z.string(),
                  shiftId: z.string(),
                  siteId: z.string(),
                  siteName: z.string(),
                  startsAt: z.string(),
                  endsAt: z.string(),
                  checkedInAt: z.string().nullable(),
                  checkedOutAt: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const rows = await myCurrentShifts(db, clock, authorise(request, 'any').actor);
        return {
          items: rows.map((r) => ({
            assignmentId: r.assignment_id,
            shiftId: r.shift_id,
            siteId: r.site_id,
            siteName: r.site_name,
            startsAt: r.starts_at,
            endsAt: r.ends_at,
            checkedInAt: r.checked_in_at,
            checkedOutAt: r.checked_out_at,
          })),
        };
      },
    );

    app.get(
      '/api/checkpoints/roster',
      {
        schema: {
          tags: ['checkpoints'],
          summary: 'Shifts and who is on them, in a window (default: now to 48 h ahead)',
          querystring: z.object({
            siteId: z.string().uuid().optional(),
            from: z.string().datetime({ offset: true }).optional(),
            to: z.string().datetime({ offset: true }).optional(),
          }),
          response: { 200: z.object({ items: z.array(RosterShift) }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const now = clock.now();
        const from = request.query.from ? new Date(request.query.from).toISOString() : now.toISOString();
        const to = request.query.to
          ? new Date(request.query.to).toISOString()
          : new Date(now.getTime() + 48 * 3600_000).toISOString();
        const shifts = await rosterBetween(db, scope, from, to, request.query.siteId);
        return {
          items: shifts.map((s) => ({
            id: s.id,
            siteId: s.site_id,
            siteName: s.site_name,
            startsAt: s.starts_at,
            endsAt: s.ends_at,
            people: s.people.map((p) => ({
              id: p.id,
              name: p.name,
              userId: p.user_id,
              personId: p.person_id,
              checkedInAt: p.checked_in_at,
              checkedOutAt: p.checked_out_at,
              partyBranch: p.party_branch,
            })),
          })),
        };
      },
    );

    app.get(
      '/api/checkpoints/roster/gaps',
      {
        schema: {
          tags: ['checkpoints'],
          summary: 'Site-hours with nobody on duty, now to 48 hours ahead',
          response: {
            200: z.object({
              items: z.array(z.object({ siteId: z.string(), siteName: z.string(), from: z.string(), to: z.string() })),
            }),
          },
        },
      },
      async (request) => ({ items: await rosterGaps(db, clock, authorise(request, 'any').scope) }),
    );
  };
}
