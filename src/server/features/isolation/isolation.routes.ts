import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BulkEpisodeInput,
  BulkEpisodeResult,
  DefaultObserver,
  DefaultObserverQuery,
  EndEpisodeInput,
  ObserverAssignment,
  ObserverAssignmentResult,
  Episode,
  EpisodeChange,
  EpisodeInput,
  EpisodeQuery,
  HouseholdEpisodeInput,
  HouseholdFill,
  IsolationSettings,
  IsolationSite,
  IsolationSiteInput,
  MissedSummary,
  Necessity,
  NecessityAction,
  NecessityInput,
  NecessityStatus,
  Room,
  RoomsInput,
  Slot,
  SlotFill,
  TodayItem,
} from '../../../shared/isolation';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { CursorId, decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import {
  changeEpisode,
  createEpisode,
  createEpisodes,
  createHouseholdEpisodes,
  endEpisode,
  getEpisode,
  listEpisodes,
  regionFilterPath,
  ROLES_THAT_ISOLATE,
  selfReportLink,
  toEpisodes,
} from './episodes.service';
import {
  fillHousehold,
  fillSlot,
  missedFollowUps,
  ROLES_THAT_FOLLOW_UP,
  slotsOfEpisodes,
  today,
  toSlot,
} from './followups.service';
import { actOnNecessity, listNecessities, requestNecessity, toNecessity } from './necessities.service';
import {
  addRooms,
  getIsolationSite,
  isolationSiteWithOccupancy,
  listIsolationSites,
  roomsOf,
  ROLES_THAT_MANAGE_ISOLATION_SITES,
  saveIsolationSite,
  updateRoom,
} from './isolation-sites.service';
import { certificateForPrint } from './certificates.service';
import { phoneForFollowUpCall } from './calls.service';
import { assignObservers, defaultObservers } from './observers.service';
import { isolationSettings, saveIsolationSettings } from './isolation.settings';
import { missedCutoff } from './slots';

const IdParams = z.object({ id: z.string().uuid() });

export function isolationRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const ctx = { clock, timeZone: config.timeZone };
  return async (app) => {
    // ---- centralised sites and rooms ----
    app.get(
      '/api/isolation/sites',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Centralised isolation sites in my jurisdiction, with rooms and occupancy',
          response: { 200: z.object({ items: z.array(IsolationSite) }) },
        },
      },
      async (request) => ({ items: await listIsolationSites(db, authorise(request, 'any').scope) }),
    );

    app.post(
      '/api/isolation/sites',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Register a centralised isolation site (a hotel …)',
          body: IsolationSiteInput,
          response: { 201: IsolationSite },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_ISOLATION_SITES);
        return reply
          .status(201)
          .send(await isolationSiteWithOccupancy(db, await saveIsolationSite(db, clock, actor, request.body)));
      },
    );

    app.get(
      '/api/isolation/sites/:id',
      {
        schema: {
          tags: ['isolation'],
          summary: 'One site with its rooms: who is in which room and when they leave',
          params: IdParams,
          response: { 200: z.object({ site: IsolationSite, rooms: z.array(Room) }) },
        },
      },
      async (request) => {
        const site = await getIsolationSite(db, authorise(request, 'any').scope, request.params.id);
        return { site: await isolationSiteWithOccupancy(db, site), rooms: await roomsOf(db, site.id) };
      },
    );

    app.put(
      '/api/isolation/sites/:id',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Change a site (contactPhone left out is kept)',
          params: IdParams,
          body: IsolationSiteInput,
          response: { 200: IsolationSite },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_ISOLATION_SITES);
        return isolationSiteWithOccupancy(
          db,
          await saveIsolationSite(db, clock, actor, request.body, request.params.id),
        );
      },
    );

    app.post(
      '/api/isolation/sites/:id/rooms',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Add rooms (labels or a numbered range)',
          params: IdParams,
          body: RoomsInput,
          response: { 201: z.object({ created: z.number() }) },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_ISOLATION_SITES);
        return reply.status(201).send({ created: await addRooms(db, clock, actor, request.params.id, request.body) });
      },
    );

    app.patch(
      '/api/isolation/rooms/:id',
      {
        schema: {
          tags: ['isolation'],
          summary: "Change a room's capacity or close it",
          params: IdParams,
          body: z.object({
            capacity: z.number().int().min(1).max(10).optional(),
            status: z.enum(['available', 'closed']).optional(),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await updateRoom(
          db,
          clock,
          authorise(request, ROLES_THAT_MANAGE_ISOLATION_SITES).actor,
          request.params.id,
          request.body,
        );
        return reply.status(204).send(null);
      },
    );

    // ---- episodes ----
    app.post(
      '/api/isolation/episodes',
      {
        schema: {
          tags: ['isolation'],
          summary:
            'Put a person under isolation (home, centralised room, hospital); follow-up slots are planned at once',
          body: EpisodeInput,
          response: { 201: Episode },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_ISOLATE);
        const row = await createEpisode(db, ctx, actor, request.body);
        return reply.status(201).send((await toEpisodes(db, clock, config.timeZone, [row]))[0]!);
      },
    );

    app.post(
      '/api/isolation/episodes/bulk',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Isolate many persons at once; those already isolated or out of reach are listed as skipped',
          body: BulkEpisodeInput,
          response: { 200: BulkEpisodeResult },
        },
      },
      async (request) => createEpisodes(db, ctx, authorise(request, ROLES_THAT_ISOLATE).actor, request.body),
    );

    app.post(
      '/api/isolation/episodes/household',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Isolate a whole household together',
          body: HouseholdEpisodeInput,
          response: { 200: BulkEpisodeResult },
        },
      },
      async (request) => createHouseholdEpisodes(db, ctx, authorise(request, ROLES_THAT_ISOLATE).actor, request.body),
    );

    app.post(
      '/api/isolation/default-observers',
      {
        schema: {
          tags: ['isolation'],
          summary:
            'Who would observe each of these persons if isolated now without a named observer (包保 of the grid or village, else the caller)',
          body: DefaultObserverQuery,
          response: { 200: z.object({ items: z.array(DefaultObserver.extend({ personId: z.string() })) }) },
        },
      },
      async (request) => ({
        items: await defaultObservers(
          db,
          authorise(request, ROLES_THAT_ISOLATE).actor,
          request.body.personIds,
          request.body.siteId,
        ),
      }),
    );

    app.post(
      '/api/isolation/episodes/observer',
      {
        schema: {
          tags: ['isolation'],
          summary:
            'Give many active episodes an observer at once: the one named, or each its default; pending follow-ups follow',
          body: ObserverAssignment,
          response: { 200: ObserverAssignmentResult },
        },
      },
      async (request) => assignObservers(db, clock, authorise(request, ROLES_THAT_ISOLATE).actor, request.body),
    );

    app.get(
      '/api/isolation/episodes',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Isolation episodes in my jurisdiction, newest first',
          querystring: EpisodeQuery,
          response: { 200: pageOf(Episode) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const q = request.query;
        const rows = await listEpisodes(db, scope, {
          ...q,
          regionPath: await regionFilterPath(db, scope, q.regionId),
          before: decodeCursor(q.cursor, CursorId),
        });
        const page = pageFrom(
          rows,
          q.limit,
          (r) => r.id,
          (r) => r,
        );
        return { items: await toEpisodes(db, clock, config.timeZone, page.items), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/api/isolation/episodes/:id',
      {
        schema: {
          tags: ['isolation'],
          summary: 'One episode with every follow-up slot',
          params: IdParams,
          response: { 200: z.object({ episode: Episode, slots: z.array(Slot), necessities: z.array(Necessity) }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const row = await getEpisode(db, scope, request.params.id);
        const cutoff = missedCutoff(clock.now(), await isolationSettings(db));
        const needs = await listNecessities(db, scope, { episodeId: row.id, limit: 200 });
        return {
          episode: (await toEpisodes(db, clock, config.timeZone, [row]))[0]!,
          slots: (await slotsOfEpisodes(db, [row.id])).map((s) => toSlot(s, cutoff)),
          necessities: needs.map((n) => toNecessity(n, clock.now())),
        };
      },
    );

    app.patch(
      '/api/isolation/episodes/:id',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Change observer, planned end (slots follow) or room',
          params: IdParams,
          body: EpisodeChange,
          response: { 200: Episode },
        },
      },
      async (request) => {
        const row = await changeEpisode(
          db,
          ctx,
          authorise(request, ROLES_THAT_ISOLATE).actor,
          request.params.id,
          request.body,
        );
        return (await toEpisodes(db, clock, config.timeZone, [row]))[0]!;
      },
    );

    app.post(
      '/api/isolation/episodes/:id/end',
      {
        schema: {
          tags: ['isolation'],
          summary: 'End an episode: completed (issues the certificate), hospital, lost, ended early',
          params: IdParams,
          body: EndEpisodeInput,
          response: { 200: Episode },
        },
      },
      async (request) => {
        const row = await endEpisode(
          db,
          ctx,
          authorise(request, ROLES_THAT_ISOLATE).actor,
          request.params.id,
          request.body,
        );
        return (await toEpisodes(db, clock, config.timeZone, [row]))[0]!;
      },
    );

    app.post(
      '/api/isolation/episodes/:id/link',
      {
        schema: {
          tags: ['isolation'],
          summary: "The person's self-report link (no login; stops working when the episode ends); audited",
          params: IdParams,
          response: { 200: z.object({ token: z.string(), path: z.string() }) },
        },
      },
      async (request) => selfReportLink(db, clock, authorise(request, ROLES_THAT_FOLLOW_UP).actor, request.params.id),
    );

    app.get(
      '/api/isolation/episodes/:id/certificate',
      {
        schema: {
          tags: ['isolation'],
          summary: 'The end-of-observation certificate for printing',
          params: IdParams,
          response: {
            200: z.object({
              serial: z.string(),
              code: z.string(),
              issuedAt: z.string(),
              kind: z.string(),
              startDay: z.string(),
              endDay: z.string(),
              name: z.string(),
              sex: z.string().nullable(),
              idNumber: z.string().nullable(),
              birthDate: z.string().nullable(),
              issuer: z.string(),
              verifyPath: z.string(),
            }),
          },
        },
      },
      async (request) => {
        const row = await getEpisode(db, authorise(request, 'any').scope, request.params.id);
        return certificateForPrint(db, row.id);
      },
    );

    // ---- follow-ups ----
    app.post(
      '/api/isolation/episodes/:id/call',
      {
        schema: {
          tags: ['isolation'],
          summary:
            "The full phone number of a person under observation, to call them for a follow-up (an observer's own episodes; audited as a reveal for 随访)",
          params: IdParams,
          response: { 200: z.object({ phone: z.string() }) },
        },
      },
      async (request) =>
        phoneForFollowUpCall(db, clock, authorise(request, ROLES_THAT_FOLLOW_UP).actor, request.params.id),
    );

    app.get(
      '/api/isolation/today',
      {
        schema: {
          tags: ['isolation'],
          summary: 'My people today (observer), the ones due now on top; all=true for everyone in my jurisdiction',
          querystring: z.object({
            all: z.enum(['true', 'false']).default('false'),
            limit: z.coerce.number().int().min(1).max(500).default(200),
          }),
          response: { 200: z.object({ items: z.array(TodayItem) }) },
        },
      },
      async (request) => ({
        items: await today(db, ctx, authorise(request, 'any').actor, {
          all: request.query.all === 'true',
          limit: request.query.limit,
        }),
      }),
    );

    app.post(
      '/api/isolation/slots/:id',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Fill a follow-up: temperature, symptoms, seen well/unwell, not seen, refused',
          params: IdParams,
          body: SlotFill,
          response: { 200: Slot },
        },
      },
      async (request) =>
        fillSlot(db, clock, authorise(request, ROLES_THAT_FOLLOW_UP).actor, request.params.id, request.body),
    );

    app.post(
      '/api/isolation/households/:id/follow-up',
      {
        schema: {
          tags: ['isolation'],
          summary: 'One report for a household isolated together (each member present)',
          params: IdParams,
          body: HouseholdFill,
          response: { 200: z.object({ filled: z.number() }) },
        },
      },
      async (request) =>
        fillHousehold(db, clock, authorise(request, ROLES_THAT_FOLLOW_UP).actor, request.params.id, request.body),
    );

    app.get(
      '/api/isolation/missed',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Missed follow-ups per observer and per unit, with consecutive misses',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(2000).default(200) }),
          response: { 200: MissedSummary.extend({ total: z.number() }) },
        },
      },
      async (request) => missedFollowUps(db, clock, authorise(request, 'any').scope, request.query.limit),
    );

    // ---- necessities ----
    app.get(
      '/api/isolation/necessities',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Requests of isolated households (food, medicine, gas …), newest first',
          querystring: z.object({
            status: NecessityStatus.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().max(500).optional(),
          }),
          response: { 200: pageOf(Necessity) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const rows = await listNecessities(db, scope, {
          status: request.query.status,
          limit: request.query.limit,
          before: decodeCursor(request.query.cursor, CursorId),
        });
        return pageFrom(
          rows,
          request.query.limit,
          (r) => r.id,
          (r) => toNecessity(r, clock.now()),
        );
      },
    );

    app.post(
      '/api/isolation/episodes/:id/necessities',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Record a request for an isolated household',
          params: IdParams,
          body: NecessityInput,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send({
          id: await requestNecessity(
            db,
            clock,
            authorise(request, ROLES_THAT_FOLLOW_UP).actor,
            request.params.id,
            request.body,
          ),
        }),
    );

    app.post(
      '/api/isolation/necessities/:id',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Assign, fulfil or cancel a request',
          params: IdParams,
          body: NecessityAction,
          response: { 200: Necessity },
        },
      },
      async (request) =>
        actOnNecessity(db, clock, authorise(request, ROLES_THAT_FOLLOW_UP).actor, request.params.id, request.body),
    );

    // ---- settings ----
    app.get(
      '/api/isolation/settings',
      {
        schema: {
          tags: ['isolation'],
          summary: "The county's isolation rules: days by reason, follow-up windows, grace",
          response: { 200: IsolationSettings },
        },
      },
      async (request) => {
        authorise(request, 'any');
        return isolationSettings(db);
      },
    );

    app.put(
      '/api/isolation/settings',
      {
        schema: {
          tags: ['isolation'],
          summary: 'Change the isolation rules (new episodes follow them)',
          body: IsolationSettings,
          response: { 200: IsolationSettings },
        },
      },
      async (request) => saveIsolationSettings(db, clock, authorise(request, ['admin', 'command']).actor, request.body),
    );
  };
}
