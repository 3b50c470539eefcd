import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../shared/pagination';
import {
  Allocation,
  AllocationInput,
  AllocationQuery,
  ConfirmInput,
  DesignatedStock,
} from '../../../shared/supplies-requests';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { designatedStockOf } from '../donations';
import { getWarehouse } from './catalogue.service';
import { REQUEST_ROLES } from './requests.service';
import {
  ALLOCATION_ROLES,
  allocate,
  confirmDelivery,
  getAllocation,
  listAllocations,
  owedDesignations,
  revealCourierPhone,
  toAllocation,
} from './allocations.service';

const IdParams = z.object({ id: z.string().uuid() });
const StockKeyQuery = z.object({
  warehouseId: z.string().uuid(),
  itemId: z.string().uuid(),
  spec: z.string().max(100).default(''),
  batch: z.string().max(60).default(''),
});

/**
 * Allocation and delivery (调拨 / 签收). Which stock is designated comes from donations' receiving
 * (`designatedStockOf`): donations builds on supplies, so supplies does not import it below its
 * routes — the routes pass it to the service.
 */
export function allocationRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const ctx = { clock, timeZone: config.timeZone, designatedStockOf };
  return async (app) => {
    const tags = ['supplies'];
    app.get(
      '/api/supplies/allocations',
      {
        schema: {
          tags,
          summary: 'Allocations I sent, deliveries awaiting my signature, or what I sent that arrived short',
          querystring: AllocationQuery,
          response: { 200: pageOf(Allocation) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, REQUEST_ROLES);
        return pageFrom(
          await listAllocations(db, scope, request.query),
          request.query.limit,
          (r) => r.id,
          toAllocation,
        );
      },
    );
    app.post(
      '/api/supplies/allocations',
      {
        schema: {
          tags,
          summary: 'Allocate stock to a unit with a courier (optionally against a request line)',
          body: AllocationInput,
          response: { 201: Allocation },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(toAllocation(await allocate(db, ctx, authorise(request, ALLOCATION_ROLES).actor, request.body))),
    );
    app.get(
      '/api/supplies/allocations/designations',
      {
        schema: {
          tags,
          summary: 'What of a stock is still owed to designated (定向) recipients',
          querystring: StockKeyQuery,
          response: { 200: z.array(DesignatedStock) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ALLOCATION_ROLES);
        await getWarehouse(db, scope, request.query.warehouseId);
        const owed = await owedDesignations(db, ctx, request.query);
        return [...owed].map(([designatedTo, q]) => ({ designatedTo, owed: q }));
      },
    );
    app.get(
      '/api/supplies/allocations/:id',
      { schema: { tags, summary: 'One allocation', params: IdParams, response: { 200: Allocation } } },
      async (request) =>
        toAllocation(await getAllocation(db, authorise(request, REQUEST_ROLES).scope, request.params.id)),
    );
    app.post(
      '/api/supplies/allocations/:id/confirm',
      {
        schema: {
          tags,
          summary: 'Sign for a delivery (签收) with the quantity that arrived and the reason for any difference',
          params: IdParams,
          body: ConfirmInput,
          response: { 200: Allocation },
        },
      },
      async (request) =>
        toAllocation(
          await confirmDelivery(db, ctx, authorise(request, REQUEST_ROLES).actor, request.params.id, request.body),
        ),
    );
    app.post(
      '/api/supplies/allocations/:id/courier-phone/reveal',
      {
        schema: {
          tags,
          summary: "The courier's full phone number (audited)",
          params: IdParams,
          response: { 200: z.object({ phone: z.string().nullable() }) },
        },
      },
      async (request) => revealCourierPhone(db, ctx, authorise(request, REQUEST_ROLES).actor, request.params.id),
    );
  };
}
