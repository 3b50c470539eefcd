import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  GapQuery,
  Responsibility,
  ResponsibilityInput,
  ResponsibilityListQuery,
  ResponsibilityUpdateInput,
} from '../../../shared/responsibility';
import { Region } from '../../../shared/regions';
import { RevealResult } from '../../../shared/audit';
import { pageOf } from '../../../shared/pagination';
import { authorise, ROLES_THAT_MANAGE_REGIONS } from '../../http/actor';
import { CursorId, decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { getRegionInScope, pathNamesOf } from '../regions';
import { toRegion } from '../regions';
import { listGaps, listResponsibilities } from './responsibility.repository';
import {
  assignResponsibility,
  removeResponsibility,
  revealResponsibilityPhone,
  toResponsibility,
  updateResponsibility,
} from './responsibility.service';

const IdParams = z.object({ id: z.string().uuid() });
const Gap = Region.extend({ pathNames: z.string() });

export function responsibilityRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/responsibilities',
      {
        schema: {
          tags: ['responsibility'],
          summary: 'Who answers for which region (包保责任)',
          querystring: ResponsibilityListQuery,
          response: { 200: pageOf(Responsibility) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const q = request.query;
        if (q.regionId) await getRegionInScope(db, scope, q.regionId);
        const rows = await listResponsibilities(db, scope, {
          regionId: q.regionId,
          afterId: decodeCursor(q.cursor, CursorId),
          limit: q.limit,
        });
        return pageFrom(rows, q.limit, (r) => r.id, toResponsibility);
      },
    );

    app.get(
      '/api/responsibilities/gaps',
      {
        schema: {
          tags: ['responsibility'],
          summary: 'Active regions with nobody answerable (责任空白)',
          querystring: GapQuery,
          response: { 200: pageOf(Gap) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const q = request.query;
        const under = q.under ? await getRegionInScope(db, scope, q.under) : undefined;
        const rows = await listGaps(db, scope, {
          level: q.level,
          underPath: under?.path,
          afterPath: decodeCursor<string>(q.cursor),
          limit: q.limit,
        });
        const names = await pathNamesOf(
          db,
          rows.map((r) => r.path),
        );
        return pageFrom(
          rows,
          q.limit,
          (r) => r.path,
          (r) => ({ ...toRegion(r), pathNames: names.get(r.path) ?? '' }),
        );
      },
    );

    app.post(
      '/api/responsibilities',
      {
        schema: {
          tags: ['responsibility'],
          summary: 'Assign an answerable person to a region',
          body: ResponsibilityInput,
          response: { 201: Responsibility },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_REGIONS);
        return reply.status(201).send(toResponsibility(await assignResponsibility(db, clock, actor, request.body)));
      },
    );

    app.patch(
      '/api/responsibilities/:id',
      {
        schema: {
          tags: ['responsibility'],
          summary: 'Change an assignment (fields left out are kept)',
          params: IdParams,
          body: ResponsibilityUpdateInput,
          response: { 200: Responsibility },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_REGIONS);
        return toResponsibility(await updateResponsibility(db, clock, actor, request.params.id, request.body));
      },
    );

    app.delete(
      '/api/responsibilities/:id',
      {
        schema: {
          tags: ['responsibility'],
          summary: 'Remove an assignment',
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_REGIONS);
        await removeResponsibility(db, clock, actor, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/responsibilities/:id/reveal',
      {
        schema: {
          tags: ['responsibility'],
          summary: 'Reveal the full phone number (audited)',
          params: IdParams,
          body: z.object({ field: z.literal('phone') }),
          response: { 200: RevealResult },
        },
      },
      async (request) => {
        const { actor } = authorise(request, 'any');
        return revealResponsibilityPhone(db, clock, actor, request.params.id);
      },
    );
  };
}
