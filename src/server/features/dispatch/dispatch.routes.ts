import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DispatchAssign,
  DispatchBulkAssign,
  DispatchBulkDone,
  DispatchDone,
  DispatchDraw,
  DispatchItem,
  DispatchListQuery,
  DispatchSheet,
  DispatchSummary,
} from '../../../shared/dispatch';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import {
  assignDispatchItem,
  completeDispatchItem,
  getDispatch,
  listDispatches,
  ROLES_THAT_DISPATCH,
  toDispatchSummary,
} from './dispatch.service';
import { drawDispatch } from './draw.service';
import { assignDispatchItems, completeDispatchItems } from './bulk.service';

const IdParams = z.object({ id: z.string().uuid() });

/** Dispatch sheets (一日两调度): draw the morning or evening sheet, hand out its lines, track them to done. */
export function dispatchRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dispatches',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'Dispatch sheets of my jurisdiction, newest first, with progress',
          querystring: DispatchListQuery,
          response: { 200: pageOf(DispatchSummary) },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_DISPATCH);
        return pageFrom(
          await listDispatches(db, actor, request.query),
          request.query.limit,
          (r) => r.id,
          toDispatchSummary,
        );
      },
    );

    app.post(
      '/api/dispatches',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'Draw the morning or evening sheet of my jurisdiction (201), or get the one already drawn (200)',
          body: DispatchDraw,
          response: { 200: DispatchSheet, 201: DispatchSheet },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_DISPATCH);
        const { sheet, created } = await drawDispatch(db, clock, config.timeZone, actor, request.body);
        return reply.status(created ? 201 : 200).send(sheet);
      },
    );

    app.get(
      '/api/dispatches/:id',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'One sheet with its lines, assignees and state',
          params: IdParams,
          response: { 200: DispatchSheet },
        },
      },
      async (request) => getDispatch(db, clock, authorise(request, ROLES_THAT_DISPATCH).actor, request.params.id),
    );

    app.post(
      '/api/dispatches/items/assign',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'Hand many lines to one person by one time, all or none (a line outside my jurisdiction: 404)',
          body: DispatchBulkAssign,
          response: { 200: z.object({ items: z.array(DispatchItem) }) },
        },
      },
      async (request) => ({
        items: await assignDispatchItems(db, clock, authorise(request, ROLES_THAT_DISPATCH).actor, request.body),
      }),
    );

    app.post(
      '/api/dispatches/items/done',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'Mark many lines done with one note, all or none (a line outside my jurisdiction: 404)',
          body: DispatchBulkDone,
          response: { 200: z.object({ items: z.array(DispatchItem) }) },
        },
      },
      async (request) => ({
        items: await completeDispatchItems(db, clock, authorise(request, ROLES_THAT_DISPATCH).actor, request.body),
      }),
    );

    app.post(
      '/api/dispatches/items/:id',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'Hand a line to a user of my jurisdiction or a named person, by a time',
          params: IdParams,
          body: DispatchAssign,
          response: { 200: DispatchItem },
        },
      },
      async (request) =>
        assignDispatchItem(db, clock, authorise(request, ROLES_THAT_DISPATCH).actor, request.params.id, request.body),
    );

    app.post(
      '/api/dispatches/items/:id/done',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'Mark a line done, with a note of what was done',
          params: IdParams,
          body: DispatchDone,
          response: { 200: DispatchItem },
        },
      },
      async (request) =>
        completeDispatchItem(
          db,
          clock,
          authorise(request, ROLES_THAT_DISPATCH).actor,
          request.params.id,
          request.body ?? {},
        ),
    );
  };
}
