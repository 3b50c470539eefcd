import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Region,
  RegionCreateInput,
  RegionImportResult,
  RegionListQuery,
  RegionLoadInput,
  RegionMoveInput,
  RegionRenameInput,
} from '../../../shared/regions';
import { pageOf } from '../../../shared/pagination';
import { authorise, ROLES_THAT_MANAGE_REGIONS } from '../../http/actor';
import { uploadSlotHooks } from '../../spreadsheets/upload-slots';
import { decodeCursor, pageFrom } from '../../http/pagination';
import { normaliseQuery } from '../../text';
import { AppError } from '../../errors';
import type { AppDeps } from '../../deps';
import { toRegion } from './regions.mapper';
import { listRegions, listRootRegions } from './regions.repository';
import {
  ancestorsOf,
  createRegion,
  deleteRegion,
  getRegionInScope,
  moveRegion,
  renameRegion,
  restoreRegion,
  retireRegion,
} from './regions.service';
import { loadCountyFromDivisionTable } from './regions.load';
import { importRegions, regionImportTemplate } from './regions.import';
import { pathNamesOf } from './regions.service';

const IdParams = z.object({ id: z.string().uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RegionDetail = Region.extend({
  ancestors: z.array(z.object({ id: z.string(), name: z.string(), level: z.string(), code: z.string() })),
});

export function regionRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/regions/roots',
      {
        schema: {
          tags: ['regions'],
          summary: 'The top nodes of my jurisdiction',
          response: { 200: z.object({ items: z.array(Region) }) },
        },
      },
      async (request) => {
        const { actor, scope } = authorise(request, 'any');
        const rows = await listRootRegions(db, scope, actor.regionId);
        return { items: rows.map(toRegion) };
      },
    );

    app.get(
      '/api/regions',
      {
        schema: {
          tags: ['regions'],
          summary: 'List regions in my jurisdiction (children, subtree, search by name/pinyin/code)',
          querystring: RegionListQuery,
          response: { 200: pageOf(Region) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const q = request.query;
        const under = q.under ? await getRegionInScope(db, scope, q.under) : undefined;
        if (q.parentId) await getRegionInScope(db, scope, q.parentId);
        const rows = await listRegions(db, scope, {
          parentId: q.parentId,
          underPath: under?.path,
          level: q.level,
          status: q.status,
          search: q.q ? normaliseQuery(q.q) : undefined,
          afterPath: decodeCursor<string>(q.cursor),
          limit: q.limit,
        });
        const page = pageFrom(rows, q.limit, (r) => r.path, toRegion);
        if (q.q) {
          const names = await pathNamesOf(
            db,
            page.items.map((r) => r.path),
          );
          for (const item of page.items) item.pathNames = names.get(item.path);
        }
        return page;
      },
    );

    app.get(
      '/api/regions/import-template',
      {
        schema: { tags: ['regions'], summary: 'Download the region import template (.xlsx)' },
      },
      async (request, reply) => {
        authorise(request, ROLES_THAT_MANAGE_REGIONS);
        const file = await regionImportTemplate();
        return reply
          .header('content-type', XLSX)
          .header(
            'content-disposition',
            `attachment; filename="regions-template.xlsx"; filename*=UTF-8''${encodeURIComponent('区域导入模板.xlsx')}`,
          )
          .send(file);
      },
    );

    app.post(
      '/api/regions/import',
      {
        ...uploadSlotHooks((request) => authorise(request as FastifyRequest, ROLES_THAT_MANAGE_REGIONS)),
        schema: {
          tags: ['regions'],
          summary: 'Import a region tree from .xlsx (raw file body); all rows or none',
          response: { 200: RegionImportResult },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_REGIONS);
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new AppError('FILE_REQUIRED');
        return importRegions(db, clock, actor, request.body);
      },
    );

    app.post(
      '/api/regions/load',
      {
        schema: {
          tags: ['regions'],
          summary: "Load a real county's townships and villages from the national division table",
          body: RegionLoadInput,
          response: { 200: z.object({ created: z.number(), updated: z.number(), countyId: z.string() }) },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ['admin', 'command']);
        return loadCountyFromDivisionTable(db, clock, actor, request.body.countyCode);
      },
    );

    app.get(
      '/api/regions/:id',
      {
        schema: {
          tags: ['regions'],
          summary: 'One region with its ancestors',
          params: IdParams,
          response: { 200: RegionDetail },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const row = await getRegionInScope(db, scope, request.params.id);
        return { ...toRegion(row), ancestors: await ancestorsOf(db, row) };
      },
    );

    app.post(
      '/api/regions',
      {
        schema: { tags: ['regions'], summary: 'Create a region', body: RegionCreateInput, response: { 201: Region } },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_REGIONS);
        return reply.status(201).send(toRegion(await createRegion(db, clock, actor, request.body)));
      },
    );

    app.patch(
      '/api/regions/:id',
      {
        schema: {
          tags: ['regions'],
          summary: 'Rename a region',
          params: IdParams,
          body: RegionRenameInput,
          response: { 200: Region },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_REGIONS);
        return toRegion(await renameRegion(db, clock, actor, request.params.id, request.body.name));
      },
    );

    app.post(
      '/api/regions/:id/move',
      {
        schema: {
          tags: ['regions'],
          summary: 'Move a region and its subtree under a new parent',
          params: IdParams,
          body: RegionMoveInput,
          response: { 200: Region },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_REGIONS);
        return toRegion(await moveRegion(db, clock, actor, request.params.id, request.body));
      },
    );

    app.post(
      '/api/regions/:id/retire',
      {
        schema: {
          tags: ['regions'],
          summary: 'Retire a region and its subtree (data is kept)',
          params: IdParams,
          response: { 200: Region },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_REGIONS);
        return toRegion(await retireRegion(db, clock, actor, request.params.id));
      },
    );

    app.post(
      '/api/regions/:id/restore',
      {
        schema: {
          tags: ['regions'],
          summary: 'Restore a retired region and its subtree',
          params: IdParams,
          response: { 200: Region },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_REGIONS);
        return toRegion(await restoreRegion(db, clock, actor, request.params.id));
      },
    );

    app.delete(
      '/api/regions/:id',
      {
        schema: {
          tags: ['regions'],
          summary: 'Delete a region that holds no data (otherwise retire it)',
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_REGIONS);
        await deleteRegion(db, clock, actor, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
