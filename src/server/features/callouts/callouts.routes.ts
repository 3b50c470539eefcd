import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  Callout,
  CalloutAnswerInput,
  CalloutBoard,
  CalloutCandidate,
  CalloutFigures,
  CalloutInput,
  CalloutLinkView,
  CalloutQuery,
  CalloutPointCheckIn,
  CalloutPointResult,
  CalloutPointView,
  CalloutTargetsInput,
  LINK_TOKEN_PATTERN,
} from '../../../shared/callouts';
import { pageOf } from '../../../shared/pagination';
import { CalendarDate } from '../../../shared/dates';
import { localDay } from '../../clock';
import { calloutFigures } from './history.service';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import {
  calloutCandidates,
  closeCallout,
  issueCallout,
  listCallouts,
  remindSilent,
  toCallout,
} from './callouts.service';
import { calloutBoard, checkIn, linkView } from './answers.service';
import { answerThrough, answerWriter } from './answer-writer';
import { deliverOutbox, localTestSender, startOutboxDrain } from './outbox';
import { ROLES_THAT_CALL_OUT } from './teams.service';
import { previewTargets } from './targets.service';
import { checkInAtPoint, pointView } from './point.service';

const IdParams = z.object({ id: z.string().uuid() });
/** A link token: URL-safe base64, nothing else reaches the database. */
const TokenParams = z.object({ token: z.string().regex(LINK_TOKEN_PATTERN) });
/** A meeting point's code (96 random bits, URL-safe). */
const PointParams = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{16}$/) });

/** The address the commander's browser used: the persons' links in the SMS point there. */
const linkBase = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * Call-outs (集结令): issue, the live board, check-in, remind the silent, close; and the persons'
 * no-login link (/c/<token>), rate-limited per address and per link. SMS go through the outbox; the
 * local test sender only logs them (no gateway is plugged in yet).
 */
export function calloutRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const perAddress = new RateLimiter(120, 60_000);
  const perToken = new RateLimiter(20, 60 * 60_000);
  // a call-out of up to 2,000 persons checks in at one point within the hour
  const perPoint = new RateLimiter(3000, 60 * 60_000);
  // answers from the links are written in batches (group commit): one commit for all that arrive meanwhile
  const answers = answerWriter(db);
  return async (app) => {
    const tags = ['callouts'];
    const sender = localTestSender((line) => app.log.info(line));
    const ctx = (request: FastifyRequest) => ({ linkBase: linkBase(request), timeZone: config.timeZone });
    const deliver = (calloutId: string) => deliverOutbox(db, clock, sender, { calloutId });
    // the drain loop runs while the server listens (not under app.inject in tests): retries with backoff
    let stopDrain: (() => Promise<void>) | null = null;
    app.addHook('onListen', async () => {
      stopDrain ??= startOutboxDrain(db, clock, sender, app.log);
    });
    app.addHook('onClose', async () => {
      await stopDrain?.();
      stopDrain = null;
    });

    app.get(
      '/api/callouts',
      {
        schema: {
          tags,
          summary: 'Call-outs in my jurisdiction, latest first',
          querystring: CalloutQuery,
          response: { 200: pageOf(Callout) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_CALL_OUT);
        return pageFrom(await listCallouts(db, scope, request.query), request.query.limit, (r) => r.id, toCallout);
      },
    );

    app.get(
      '/api/callouts/figures',
      {
        schema: {
          tags,
          summary:
            'Call-out figures per township for a local day: teams, call-outs, median first acknowledgement and completion, on-time share',
          querystring: z.object({ day: CalendarDate.optional() }),
          response: { 200: CalloutFigures },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_CALL_OUT);
        const day = request.query.day ?? localDay(clock.now(), config.timeZone);
        return calloutFigures(db, scope, { day, timeZone: config.timeZone });
      },
    );

    app.get(
      '/api/callouts/teams/:id/candidates',
      {
        schema: {
          tags,
          summary: "A team's members for the picker; those on another active call-out are marked busy",
          params: IdParams,
          response: { 200: z.array(CalloutCandidate) },
        },
      },
      async (request) => calloutCandidates(db, clock, authorise(request, ROLES_THAT_CALL_OUT).scope, request.params.id),
    );

    app.post(
      '/api/callouts/preview',
      {
        schema: {
          tags,
          summary:
            'Who a call-out would reach (a team, picked persons, or everyone with a skill in a region), with those busy elsewhere and where',
          body: CalloutTargetsInput,
          response: { 200: z.array(CalloutCandidate) },
        },
      },
      async (request) => previewTargets(db, authorise(request, ROLES_THAT_CALL_OUT).scope, clock.now(), request.body),
    );

    app.post(
      '/api/callouts',
      {
        schema: {
          tags,
          summary: 'Issue a call-out: one order, one link and one SMS per person (busy persons left out by default)',
          body: CalloutInput,
          response: { 201: Callout },
        },
      },
      async (request, reply) => {
        const { callout } = await issueCallout(
          db,
          clock,
          authorise(request, ROLES_THAT_CALL_OUT).actor,
          request.body,
          ctx(request),
        );
        await deliver(callout.id);
        return reply.status(201).send(toCallout(callout));
      },
    );

    app.get(
      '/api/callouts/:id/board',
      { schema: { tags, summary: 'The live board of a call-out', params: IdParams, response: { 200: CalloutBoard } } },
      async (request) => calloutBoard(db, clock, authorise(request, ROLES_THAT_CALL_OUT).actor, request.params.id),
    );

    app.post(
      '/api/callouts/:id/orders/:orderId/arrive',
      {
        schema: {
          tags,
          summary: 'Check a person in at the meeting point',
          params: z.object({ id: z.string().uuid(), orderId: z.string().uuid() }),
          response: { 200: CalloutBoard },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_CALL_OUT);
        await checkIn(db, clock, actor, request.params.id, request.params.orderId);
        return calloutBoard(db, clock, actor, request.params.id);
      },
    );

    app.post(
      '/api/callouts/:id/remind',
      {
        schema: {
          tags,
          summary: 'Remind the silent (an SMS only to those who have not answered)',
          params: IdParams,
          response: { 200: z.object({ reminded: z.number().int() }) },
        },
      },
      async (request) => {
        const { reminded } = await remindSilent(
          db,
          clock,
          authorise(request, ROLES_THAT_CALL_OUT).actor,
          request.params.id,
          ctx(request),
        );
        await deliver(request.params.id);
        return { reminded };
      },
    );

    app.post(
      '/api/callouts/:id/close',
      { schema: { tags, summary: 'End a call-out', params: IdParams, response: { 200: Callout } } },
      async (request) =>
        toCallout(await closeCallout(db, clock, authorise(request, ROLES_THAT_CALL_OUT).actor, request.params.id)),
    );

    app.get(
      '/api/public/callouts/point/:code',
      {
        schema: {
          tags: ['public'],
          summary: "The meeting point's QR page: which call-out, where, by when (nothing about its persons)",
          params: PointParams,
          response: { 200: CalloutPointView },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        return pointView(db, clock, request.params.code);
      },
    );

    app.post(
      '/api/public/callouts/point/:code/arrive',
      {
        schema: {
          tags: ['public'],
          summary:
            'Check in at the meeting point by its QR: the phone sends the call-out links it remembers; the one of this call-out is the person',
          params: PointParams,
          body: CalloutPointCheckIn,
          response: { 200: CalloutPointResult },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        perPoint.take(request.params.code);
        return checkInAtPoint(db, clock, request.params.code, request.body.tokens);
      },
    );

    app.get(
      '/api/public/callouts/:token',
      {
        schema: {
          tags: ['public'],
          summary: "A person's call-out link: where to go, by when, my answer so far",
          params: TokenParams,
          response: { 200: CalloutLinkView },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        return linkView(db, clock, request.params.token);
      },
    );

    app.post(
      '/api/public/callouts/:token',
      {
        schema: {
          tags: ['public'],
          summary: 'Answer a call-out: coming / coming in N minutes / cannot (with a reason) / arrived',
          params: TokenParams,
          body: CalloutAnswerInput,
          response: { 200: CalloutLinkView },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        perToken.take(request.params.token);
        return answerThrough(answers, clock, request.params.token, request.body);
      },
    );
  };
}
