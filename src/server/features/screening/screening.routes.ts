import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CoverageQuery,
  CoverageRow,
  GapHousehold,
  Round,
  RoundInput,
  Visit,
  VisitInput,
  WorkerProgress,
} from '../../../shared/screening';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { CursorId, decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { getRegionInScope } from '../regions';
import {
  closeRound,
  getRound,
  listRounds,
  openRound,
  ROLES_THAT_OPEN_ROUNDS,
  ROLES_THAT_SCREEN,
} from './rounds.service';
import { recordVisit, visitsOfHousehold } from './visits.service';
import { coverage } from './coverage.service';
import { gapHouseholds, workerProgress } from './coverage.repository';

const IdParams = z.object({ id: z.string().uuid() });

export function screeningRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/screening/rounds',
      {
        schema: {
          tags: ['screening'],
          summary: 'Screening rounds that concern my jurisdiction',
          response: { 200: z.object({ items: z.array(Round) }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        return { items: await listRounds(db, scope) };
      },
    );

    app.post(
      '/api/screening/rounds',
      {
        schema: {
          tags: ['screening'],
          summary: 'Open a screening round over regions',
          body: RoundInput,
          response: { 201: Round },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_OPEN_ROUNDS);
        return reply.status(201).send(await openRound(db, clock, actor, request.body));
      },
    );

    app.post(
      '/api/screening/rounds/:id/close',
      {
        schema: {
          tags: ['screening'],
          summary: 'Close a round (no more visits)',
          params: IdParams,
          response: { 200: Round },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_OPEN_ROUNDS);
        return closeRound(db, clock, actor, request.params.id);
      },
    );

    app.get(
      '/api/screening/rounds/:id/coverage',
      {
        schema: {
          tags: ['screening'],
          summary: 'Coverage per township, village or grid: households visited / total, not home, never visited',
          params: IdParams,
          querystring: CoverageQuery,
          response: { 200: z.object({ items: z.array(CoverageRow) }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const round = await getRound(db, scope, request.params.id);
        const under = request.query.under ? await getRegionInScope(db, scope, request.query.under) : undefined;
        return {
          items: await coverage(
            db,
            scope,
            round.id,
            round.regions.map((r) => r.path),
            request.query.level,
            under?.path,
          ),
        };
      },
    );

    app.get(
      '/api/screening/rounds/:id/gaps',
      {
        schema: {
          tags: ['screening'],
          summary: 'Households never visited or only "not home" (不留死角)',
          params: IdParams,
          querystring: z.object({
            under: z.string().uuid().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            cursor: z.string().max(500).optional(),
          }),
          response: { 200: pageOf(GapHousehold) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const round = await getRound(db, scope, request.params.id);
        const q = request.query;
        const under = q.under ? await getRegionInScope(db, scope, q.under) : undefined;
        const rows = await gapHouseholds(
          db,
          scope,
          round.id,
          round.regions.map((r) => r.path),
          { underPath: under?.path, afterId: decodeCursor(q.cursor, CursorId), limit: q.limit },
        );
        return pageFrom(
          rows,
          q.limit,
          (r) => r.id,
          (r) => ({
            householdId: r.id,
            address: r.address,
            headName: r.head_name ?? null,
            regionPath: r.region_path,
            status: r.status === 'not_home' ? ('not_home' as const) : ('never' as const),
            lastVisitAt: r.last_visit_at ?? null,
          }),
        );
      },
    );

    app.get(
      '/api/screening/rounds/:id/workers',
      {
        schema: {
          tags: ['screening'],
          summary: 'Per-worker progress in a round',
          params: IdParams,
          response: { 200: z.object({ items: z.array(WorkerProgress) }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const round = await getRound(db, scope, request.params.id);
        const rows = await workerProgress(db, scope, round.id);
        return {
          items: rows.map((r) => ({
            workerId: r.worker_id,
            workerName: r.username ?? null,
            displayName: r.display_name ?? null,
            visits: Number(r.visits),
            households: Number(r.households),
            notHome: Number(r.not_home ?? 0),
            lastVisitAt: (r.last_visit_at as string | null) ?? null,
          })),
        };
      },
    );

    app.post(
      '/api/screening/visits',
      {
        schema: {
          tags: ['screening'],
          summary: 'Record a household visit with each person’s check (idempotent with a client id)',
          body: VisitInput,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_SCREEN);
        return reply.status(201).send({ id: await recordVisit(db, clock, actor, request.body) });
      },
    );

    app.get(
      '/api/households/:id/visits',
      {
        schema: {
          tags: ['screening'],
          summary: 'Visits to a household, newest first',
          params: IdParams,
          response: { 200: z.object({ items: z.array(Visit) }) },
        },
      },
      async (request) => {
        const { actor } = authorise(request, 'any');
        return { items: await visitsOfHousehold(db, actor, request.params.id) };
      },
    );
  };
}
