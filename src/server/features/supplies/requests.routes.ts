import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../shared/pagination';
import { SupplyItem, Warehouse, WarehouseQuery } from '../../../shared/supplies';
import {
  ApprovalInput,
  CancelRequestInput,
  SupplyRequest,
  SupplyRequestInput,
  SupplyRequestQuery,
} from '../../../shared/supplies-requests';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { SUPPLIES_ROLES, listCatalogue, listWarehouses, toWarehouse } from './catalogue.service';
import {
  REQUEST_ROLES,
  approveRequest,
  cancelRequest,
  createRequest,
  listRequests,
  requestDetail,
} from './requests.service';

const IdParams = z.object({ id: z.string().uuid() });

/** Requests (申领): a site asks, the level above approves in whole or in part, the queue shows the oldest unmet first. */
export function supplyRequestRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['supplies'];
    app.get(
      '/api/supplies/request-sites',
      {
        schema: {
          tags,
          summary: 'Warehouses of my jurisdiction a request can come from (sites)',
          querystring: WarehouseQuery,
          response: { 200: pageOf(Warehouse) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, REQUEST_ROLES);
        return pageFrom(await listWarehouses(db, scope, request.query), request.query.limit, (r) => r.id, toWarehouse);
      },
    );
    app.get(
      '/api/supplies/request-items',
      {
        schema: {
          tags,
          summary: 'The catalogue items a site may ask for (active ones)',
          response: { 200: z.array(SupplyItem) },
        },
      },
      async (request) => {
        authorise(request, REQUEST_ROLES);
        return (await listCatalogue(db)).filter((i) => i.status === 'active');
      },
    );
    app.get(
      '/api/supplies/requests',
      {
        schema: {
          tags,
          summary: 'Requests of my jurisdiction: the open queue (oldest unmet first) or all (newest first)',
          querystring: SupplyRequestQuery,
          response: { 200: pageOf(SupplyRequest) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, REQUEST_ROLES);
        const { rows, toItem } = await listRequests(db, scope, request.query);
        return pageFrom(rows, request.query.limit, (r) => r.id, toItem);
      },
    );
    app.post(
      '/api/supplies/requests',
      {
        schema: {
          tags,
          summary: 'A site asks for supplies (lines of item, quantity, need-by)',
          body: SupplyRequestInput,
          response: { 201: SupplyRequest },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createRequest(db, clock, authorise(request, REQUEST_ROLES).actor, request.body)),
    );
    app.get(
      '/api/supplies/requests/:id',
      { schema: { tags, summary: 'One request with its lines', params: IdParams, response: { 200: SupplyRequest } } },
      async (request) => requestDetail(db, authorise(request, REQUEST_ROLES).scope, request.params.id),
    );
    app.post(
      '/api/supplies/requests/:id/approve',
      {
        schema: {
          tags,
          summary: 'Approve lines in whole or in part (the level above, not the requester)',
          params: IdParams,
          body: ApprovalInput,
          response: { 200: SupplyRequest },
        },
      },
      async (request) =>
        approveRequest(db, clock, authorise(request, SUPPLIES_ROLES).actor, request.params.id, request.body),
    );
    app.post(
      '/api/supplies/requests/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel an open request, with the reason',
          params: IdParams,
          body: CancelRequestInput,
          response: { 200: SupplyRequest },
        },
      },
      async (request) =>
        cancelRequest(db, clock, authorise(request, REQUEST_ROLES).actor, request.params.id, request.body),
    );
  };
}
