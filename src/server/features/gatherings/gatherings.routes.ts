import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Gathering,
  GatheringFigures,
  GatheringInput,
  GatheringOutcomeInput,
  GatheringQuery,
  PersuasionVisit,
  PersuasionVisitInput,
} from '../../../shared/gatherings';
import { CalendarDate } from '../../../shared/dates';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import {
  addPersuasionVisit,
  getGathering,
  listGatherings,
  recordOutcome,
  registerGathering,
  revealHostPhone,
  ROLES_THAT_HANDLE_GATHERINGS,
  toGathering,
  visitsOf,
} from './gatherings.service';
import { gatheringFigures } from './figures.service';

const IdParams = z.object({ id: z.string().uuid() });

/** Gatherings (红白喜事, banquets, markets): register, persuade, record the outcome, count per township. */
export function gatheringRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/gatherings',
      {
        schema: {
          tags: ['gatherings'],
          summary: 'Gatherings in my jurisdiction, latest date first (host phones masked)',
          querystring: GatheringQuery,
          response: { 200: pageOf(Gathering) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        return pageFrom(
          await listGatherings(db, scope, request.query),
          request.query.limit,
          (r) => [r.date, r.id],
          toGathering,
        );
      },
    );

    app.post(
      '/api/gatherings',
      {
        schema: {
          tags: ['gatherings'],
          summary: 'Register a gathering in a village or grid (it starts as planned)',
          body: GatheringInput,
          response: { 201: Gathering },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            toGathering(
              await registerGathering(db, clock, authorise(request, ROLES_THAT_HANDLE_GATHERINGS).actor, request.body),
            ),
          ),
    );

    app.get(
      '/api/gatherings/figures',
      {
        schema: {
          tags: ['gatherings'],
          summary: 'Per township, gatherings dated in [from, to] by outcome, and the guests avoided',
          querystring: z.object({ from: CalendarDate, to: CalendarDate }),
          response: { 200: GatheringFigures },
        },
      },
      async (request) => gatheringFigures(db, authorise(request, 'any').scope, request.query.from, request.query.to),
    );

    app.get(
      '/api/gatherings/:id',
      {
        schema: {
          tags: ['gatherings'],
          summary: 'One gathering with its persuasion visits',
          params: IdParams,
          response: { 200: z.object({ gathering: Gathering, visits: z.array(PersuasionVisit) }) },
        },
      },
      async (request) => {
        const row = await getGathering(db, authorise(request, 'any').scope, request.params.id);
        return { gathering: toGathering(row), visits: await visitsOf(db, row.id) };
      },
    );

    app.post(
      '/api/gatherings/:id/reveal',
      {
        schema: {
          tags: ['gatherings'],
          summary: "Reveal the host's full phone (audited)",
          params: IdParams,
          body: z.object({ field: z.literal('phone') }),
          response: { 200: z.object({ field: z.literal('phone'), value: z.string().nullable() }) },
        },
      },
      async (request) =>
        revealHostPhone(db, clock, authorise(request, ROLES_THAT_HANDLE_GATHERINGS).actor, request.params.id),
    );

    app.post(
      '/api/gatherings/:id/outcome',
      {
        schema: {
          tags: ['gatherings'],
          summary: 'Record the outcome: cancelled, postponed (new date), scaled down or held (actual guests)',
          params: IdParams,
          body: GatheringOutcomeInput,
          response: { 200: Gathering },
        },
      },
      async (request) =>
        toGathering(
          await recordOutcome(
            db,
            clock,
            authorise(request, ROLES_THAT_HANDLE_GATHERINGS).actor,
            request.params.id,
            request.body,
          ),
        ),
    );

    app.post(
      '/api/gatherings/:id/visits',
      {
        schema: {
          tags: ['gatherings'],
          summary: 'Record a persuasion visit to the host (劝导)',
          params: IdParams,
          body: PersuasionVisitInput,
          response: { 201: PersuasionVisit },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await addPersuasionVisit(
              db,
              clock,
              authorise(request, ROLES_THAT_HANDLE_GATHERINGS).actor,
              request.params.id,
              request.body,
            ),
          ),
    );
  };
}
