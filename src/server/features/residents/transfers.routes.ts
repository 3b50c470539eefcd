import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../shared/pagination';
import { PersonTransfer, TransferDecision, TransferListQuery, TransferRequestInput } from '../../../shared/transfers';
import { authorise } from '../../http/actor';
import { CursorId, decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { ROLES_THAT_REGISTER } from './persons.service';
import {
  decideTransfer,
  pendingTransferCounts,
  requestTransfer,
  ROLES_THAT_DECIDE_TRANSFERS,
  toTransfer,
  transfersOf,
  withdrawTransfer,
} from './transfers.service';

const IdParams = z.object({ id: z.string().uuid() });

/** 迁入申请: requests to move a person registered in another jurisdiction (see transfers.service.ts). */
export function transferRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/person-transfers',
      {
        schema: {
          tags: ['residents'],
          summary: 'Ask the jurisdiction holding a person to move them here (迁入申请); audited on both sides',
          body: TransferRequestInput,
          response: { 201: PersonTransfer },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        return reply.status(201).send(await requestTransfer(db, clock, actor, request.body));
      },
    );

    app.get(
      '/api/person-transfers',
      {
        schema: {
          tags: ['residents'],
          summary: 'Transfer requests: incoming (persons of your jurisdiction) or outgoing (filed by it), newest first',
          querystring: TransferListQuery,
          response: { 200: pageOf(PersonTransfer) },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        const rows = await transfersOf(db, clock, actor, {
          ...request.query,
          beforeId: decodeCursor(request.query.cursor, CursorId),
        });
        return pageFrom(
          rows,
          request.query.limit,
          (r) => r.id,
          (r) => toTransfer(r, actor),
        );
      },
    );

    app.get(
      '/api/person-transfers/pending',
      {
        schema: {
          tags: ['residents'],
          summary: 'How many requests wait: to decide (incoming) and filed by your jurisdiction (outgoing)',
          response: { 200: z.object({ incoming: z.number().int(), outgoing: z.number().int() }) },
        },
      },
      async (request) => pendingTransferCounts(db, clock, authorise(request, ROLES_THAT_REGISTER).actor),
    );

    app.post(
      '/api/person-transfers/:id/decision',
      {
        schema: {
          tags: ['residents'],
          summary: 'Accept (moves the person and their open records) or refuse a pending request',
          params: IdParams,
          body: TransferDecision,
          response: { 200: PersonTransfer },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_DECIDE_TRANSFERS);
        return decideTransfer(db, clock, actor, request.params.id, request.body);
      },
    );

    app.post(
      '/api/person-transfers/:id/withdraw',
      {
        schema: {
          tags: ['residents'],
          summary: 'Withdraw your own pending request',
          params: IdParams,
          response: { 200: PersonTransfer },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        return withdrawTransfer(db, clock, actor, request.params.id);
      },
    );
  };
}
