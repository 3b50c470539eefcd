import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ItemInput,
  ItemPatch,
  LedgerEntry,
  LedgerQuery,
  LedgerVerification,
  ReversalInput,
  StockQuery,
  StockRow,
  StocktakeInput,
  SupplyItem,
  Warehouse,
  WarehouseInput,
  WarehousePatch,
  WarehouseQuery,
} from '../../../shared/supplies';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import {
  CATALOGUE_ROLES,
  SUPPLIES_ROLES,
  changeItem,
  changeWarehouse,
  createItem,
  createWarehouse,
  getWarehouse,
  listCatalogue,
  listWarehouses,
  toItem,
  toWarehouse,
} from './catalogue.service';
import { getEntry, listLedger, recordStocktake, reverseEntry, toLedgerEntry } from './ledger.service';
import { stockInScope, verifyLedger } from './verify.service';

const IdParams = z.object({ id: z.string().uuid() });
const SeqParams = z.object({ seq: z.coerce.number().int().min(1).max(2_000_000_000) });
const CursorSeq = z.number().int().min(1);

/** The supplies desk (物资组): catalogue, warehouses, stock and the ledger of the jurisdiction. */
export function suppliesRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const ctx = { clock, timeZone: config.timeZone };
  return async (app) => {
    const tags = ['supplies'];
    app.get(
      '/api/supplies/items',
      {
        schema: { tags, summary: 'The item catalogue (standard items first)', response: { 200: z.array(SupplyItem) } },
      },
      async (request) => {
        authorise(request, SUPPLIES_ROLES);
        return listCatalogue(db);
      },
    );
    app.post(
      '/api/supplies/items',
      {
        schema: {
          tags,
          summary: "Add an item to the county's catalogue",
          body: ItemInput,
          response: { 201: SupplyItem },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(toItem(await createItem(db, clock, authorise(request, CATALOGUE_ROLES).actor, request.body))),
    );
    app.patch(
      '/api/supplies/items/:id',
      {
        schema: {
          tags,
          summary: 'Rename, describe or retire an item (its unit is fixed once the ledger uses it)',
          params: IdParams,
          body: ItemPatch,
          response: { 200: SupplyItem },
        },
      },
      async (request) =>
        toItem(await changeItem(db, clock, authorise(request, CATALOGUE_ROLES).actor, request.params.id, request.body)),
    );

    app.get(
      '/api/supplies/warehouses',
      {
        schema: {
          tags,
          summary: 'Warehouses of my jurisdiction',
          querystring: WarehouseQuery,
          response: { 200: pageOf(Warehouse) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, SUPPLIES_ROLES);
        return pageFrom(await listWarehouses(db, scope, request.query), request.query.limit, (r) => r.id, toWarehouse);
      },
    );
    app.post(
      '/api/supplies/warehouses',
      {
        schema: {
          tags,
          summary: 'Set up a warehouse at a region of my jurisdiction',
          body: WarehouseInput,
          response: { 201: Warehouse },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(toWarehouse(await createWarehouse(db, clock, authorise(request, SUPPLIES_ROLES).actor, request.body))),
    );
    app.get(
      '/api/supplies/warehouses/:id',
      {
        schema: {
          tags,
          summary: 'One warehouse with its stock',
          params: IdParams,
          response: { 200: z.object({ warehouse: Warehouse, stock: z.array(StockRow) }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, SUPPLIES_ROLES);
        const w = await getWarehouse(db, scope, request.params.id);
        return { warehouse: toWarehouse(w), stock: await stockInScope(db, scope, { warehouseId: w.id }) };
      },
    );
    app.patch(
      '/api/supplies/warehouses/:id',
      {
        schema: {
          tags,
          summary: 'Rename, re-keep, close or reopen a warehouse',
          params: IdParams,
          body: WarehousePatch,
          response: { 200: Warehouse },
        },
      },
      async (request) =>
        toWarehouse(
          await changeWarehouse(db, clock, authorise(request, SUPPLIES_ROLES).actor, request.params.id, request.body),
        ),
    );

    app.get(
      '/api/supplies/stock',
      {
        schema: {
          tags,
          summary: 'Stock by warehouse, item, specification and batch (from the ledger)',
          querystring: StockQuery,
          response: { 200: z.array(StockRow) },
        },
      },
      async (request) => stockInScope(db, authorise(request, SUPPLIES_ROLES).scope, request.query),
    );

    app.get(
      '/api/supplies/ledger',
      {
        schema: {
          tags,
          summary: "My jurisdiction's ledger, newest first",
          querystring: LedgerQuery,
          response: { 200: pageOf(LedgerEntry) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, SUPPLIES_ROLES);
        const before = decodeCursor(request.query.cursor, CursorSeq);
        return pageFrom(
          await listLedger(db, scope, request.query, before),
          request.query.limit,
          (r) => r.seq,
          toLedgerEntry,
        );
      },
    );
    app.get(
      '/api/supplies/ledger/:seq',
      { schema: { tags, summary: 'One ledger entry', params: SeqParams, response: { 200: LedgerEntry } } },
      async (request) =>
        toLedgerEntry(await getEntry(db, authorise(request, SUPPLIES_ROLES).scope, request.params.seq)),
    );
    app.post(
      '/api/supplies/ledger/stocktake',
      {
        schema: {
          tags,
          summary: 'Record a stocktake (盘点) difference with its reason',
          body: StocktakeInput,
          response: { 201: LedgerEntry },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(toLedgerEntry(await recordStocktake(db, ctx, authorise(request, SUPPLIES_ROLES).actor, request.body))),
    );
    app.post(
      '/api/supplies/ledger/:seq/reverse',
      {
        schema: {
          tags,
          summary: 'Correct an entry by a reversing entry with the reason (once per entry)',
          params: SeqParams,
          body: ReversalInput,
          response: { 201: LedgerEntry },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            toLedgerEntry(
              await reverseEntry(db, ctx, authorise(request, SUPPLIES_ROLES).actor, request.params.seq, request.body),
            ),
          ),
    );
    app.get(
      '/api/supplies/ledger-verification',
      {
        schema: {
          tags,
          summary: 'Recompute the whole chain, digests and balances',
          response: { 200: LedgerVerification },
        },
      },
      async (request) => {
        authorise(request, SUPPLIES_ROLES);
        return verifyLedger(db);
      },
    );
  };
}
