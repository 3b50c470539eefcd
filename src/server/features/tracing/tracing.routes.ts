import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Candidate,
  CandidateQuery,
  Case,
  CaseChange,
  CaseHistoryEntry,
  CaseInput,
  CaseQuery,
  ChainGraph,
  Contact,
  ContactDecisions,
  DecisionResult,
  FoundPerson,
  JourneyEvent,
  RegisterOccupantInput,
  SeekNotice,
  SeekNoticeInput,
  SeekNoticeReport,
  SeekNoticeStatus,
  UnregisteredOccupant,
} from '../../../shared/tracing';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { CursorId, decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { getPerson } from '../residents';
import { findCaseOfPersonInScope, listCasesInScope } from './cases.repository';
import { caseHistory, changeCase, createCase, getCase, ROLES_THAT_TRACE, toCase } from './cases.service';
import { contactCandidates, journeyOf } from './candidates.service';
import { chainGraph, contactsOf, decideContacts } from './contacts.service';
import { listSeekNoticesInScope } from './seek-notices.repository';
import {
  actOnSeekNotice,
  createSeekNotice,
  foundOf,
  getSeekNotice,
  toSeekNotice,
  unregisteredOf,
} from './seek-notices.service';
import { decideReport, reportsOf } from './seek-reports.service';
import { registerOccupant } from './register-occupant.service';
import { phoneForContactCall } from './calls.service';

const IdParams = z.object({ id: z.string().uuid() });

export function tracingRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const ctx = { clock, timeZone: config.timeZone };
  return async (app) => {
    app.get(
      '/api/cases',
      {
        schema: {
          tags: ['tracing'],
          summary: 'Cases in my jurisdiction, newest first',
          querystring: CaseQuery,
          response: { 200: pageOf(Case) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const q = request.query;
        return pageFrom(
          await listCasesInScope(db, scope, { ...q, before: decodeCursor(q.cursor, CursorId) }),
          q.limit,
          (r) => r.id,
          toCase,
        );
      },
    );

    app.post(
      '/api/cases',
      {
        schema: {
          tags: ['tracing'],
          summary: 'Record a case (suspected, confirmed, asymptomatic) for a registered person',
          body: CaseInput,
          response: { 201: Case },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(toCase(await createCase(db, clock, authorise(request, ROLES_THAT_TRACE).actor, request.body))),
    );

    app.get(
      '/api/cases/:id',
      {
        schema: {
          tags: ['tracing'],
          summary: 'One case with the history of its changes',
          params: IdParams,
          response: { 200: z.object({ case: Case, history: z.array(CaseHistoryEntry) }) },
        },
      },
      async (request) => {
        const row = await getCase(db, authorise(request, 'any').scope, request.params.id);
        return { case: toCase(row), history: await caseHistory(db, row.id) };
      },
    );

    app.patch(
      '/api/cases/:id',
      {
        schema: {
          tags: ['tracing'],
          summary: 'Change classification, outcome or dates (kept in the history)',
          params: IdParams,
          body: CaseChange,
          response: { 200: Case },
        },
      },
      async (request) =>
        toCase(
          await changeCase(db, clock, authorise(request, ROLES_THAT_TRACE).actor, request.params.id, request.body),
        ),
    );

    app.get(
      '/api/persons/:id/case',
      {
        schema: {
          tags: ['tracing'],
          summary: "A person's case, if any (shown on the person, the household and the grid)",
          params: IdParams,
          response: { 200: z.object({ case: Case.nullable() }) },
        },
      },
      async (request) => {
        const { actor, scope } = authorise(request, 'any');
        // a person outside the jurisdiction is not found, as on every other read
        await getPerson(db, actor, request.params.id);
        const row = await findCaseOfPersonInScope(db, scope, request.params.id);
        return { case: row ? toCase(row) : null };
      },
    );

    app.get(
      '/api/cases/:id/candidates',
      {
        schema: {
          tags: ['tracing'],
          summary: 'Contact candidates computed from households, passages, vehicles, rooms and visits — each with why',
          params: IdParams,
          querystring: CandidateQuery,
          response: { 200: z.object({ items: z.array(Candidate), outsideScope: z.number() }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_TRACE);
        return contactCandidates(db, scope, await getCase(db, scope, request.params.id), request.query);
      },
    );

    app.post(
      '/api/tracing/register-occupant',
      {
        schema: {
          tags: ['tracing'],
          summary:
            'Register a traveller a checkpoint recorded but the registry does not know, from their checkpoint records (one traveller)',
          body: RegisterOccupantInput,
          response: { 201: z.object({ personId: z.string() }) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await registerOccupant(db, clock, authorise(request, ROLES_THAT_TRACE).actor, request.body.occupants)),
    );

    app.post(
      '/api/cases/:id/contacts',
      {
        schema: {
          tags: ['tracing'],
          summary: 'Accept or reject contacts (in bulk); optionally put the accepted into isolation at once',
          params: IdParams,
          body: ContactDecisions,
          response: { 200: DecisionResult },
        },
      },
      async (request) =>
        decideContacts(db, ctx, authorise(request, ROLES_THAT_TRACE).actor, request.params.id, request.body),
    );

    app.post(
      '/api/contacts/:id/call',
      {
        schema: {
          tags: ['tracing'],
          summary: "A contact's full phone number, to call them (a tracer in scope; audited as a reveal for 流调)",
          params: IdParams,
          response: { 200: z.object({ phone: z.string() }) },
        },
      },
      async (request) => phoneForContactCall(db, clock, authorise(request, ROLES_THAT_TRACE).actor, request.params.id),
    );

    app.get(
      '/api/cases/:id/contacts',
      {
        schema: {
          tags: ['tracing'],
          summary: "A case's contacts with their isolation now",
          params: IdParams,
          response: { 200: z.object({ items: z.array(Contact) }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        await getCase(db, scope, request.params.id);
        return { items: await contactsOf(db, scope, request.params.id) };
      },
    );

    app.get(
      '/api/cases/:id/journey',
      {
        schema: {
          tags: ['tracing'],
          summary: "The case's journey: passages with co-travellers, visits, stays",
          params: IdParams,
          querystring: z.object({ days: z.coerce.number().int().min(1).max(30).default(14) }),
          response: { 200: z.object({ items: z.array(JourneyEvent) }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_TRACE);
        return { items: await journeyOf(db, await getCase(db, scope, request.params.id), request.query.days) };
      },
    );

    app.get(
      '/api/tracing/graph',
      {
        schema: {
          tags: ['tracing'],
          summary: 'The transmission chain: cases and contacts, generations, clusters (one cluster with caseId)',
          querystring: z.object({ caseId: z.string().uuid().optional() }),
          response: { 200: ChainGraph },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        if (request.query.caseId) await getCase(db, scope, request.query.caseId);
        return chainGraph(db, scope, request.query.caseId);
      },
    );

    app.get(
      '/api/seek-notices',
      {
        schema: {
          tags: ['tracing'],
          summary: 'Seek notices (寻人通告) in my jurisdiction',
          querystring: z.object({ status: SeekNoticeStatus.optional() }),
          response: { 200: z.object({ items: z.array(SeekNotice) }) },
        },
      },
      async (request) => ({
        items: (await listSeekNoticesInScope(db, authorise(request, 'any').scope, request.query.status)).map(
          toSeekNotice,
        ),
      }),
    );

    app.post(
      '/api/seek-notices',
      {
        schema: {
          tags: ['tracing'],
          summary:
            'Draft a seek notice from a vehicle or a place and a time window; the found list fills from the data',
          body: SeekNoticeInput,
          response: { 201: SeekNotice },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_TRACE);
        return reply.status(201).send(toSeekNotice(await createSeekNotice(db, clock, actor, request.body)));
      },
    );

    app.get(
      '/api/seek-notices/:id',
      {
        schema: {
          tags: ['tracing'],
          summary: 'A seek notice with its found list and public reports',
          params: IdParams,
          response: {
            200: z.object({
              notice: SeekNotice,
              found: z.array(FoundPerson.extend({ inScope: z.boolean() })),
              unregistered: z.array(UnregisteredOccupant),
              reports: z.array(SeekNoticeReport),
            }),
          },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const n = await getSeekNotice(db, scope, request.params.id);
        return {
          notice: toSeekNotice(n),
          found: await foundOf(db, scope, n.id),
          unregistered: await unregisteredOf(db, scope, n),
          reports: await reportsOf(db, n.id),
        };
      },
    );

    app.post(
      '/api/seek-notices/:id/:action',
      {
        schema: {
          tags: ['tracing'],
          summary: 'publish | close | refresh (found list from new data); `expected` sets how many are sought',
          params: IdParams.extend({ action: z.enum(['publish', 'close', 'refresh']) }),
          body: z.object({ expected: z.number().int().min(0).max(10_000).nullable().optional() }).nullish(),
          response: { 200: SeekNotice },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_TRACE);
        return toSeekNotice(
          await actOnSeekNotice(db, clock, actor, request.params.id, request.params.action, request.body?.expected),
        );
      },
    );

    app.post(
      '/api/seek-notices/:id/reports/:reportId',
      {
        schema: {
          tags: ['tracing'],
          summary: 'Confirm a public report (the match, a chosen person, or register a new one) or reject it',
          params: IdParams.extend({ reportId: z.string().uuid() }),
          body: z.object({
            action: z.enum(['confirm', 'reject']),
            personId: z.string().uuid().optional(),
            register: z.boolean().optional(),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await decideReport(
          db,
          clock,
          authorise(request, ROLES_THAT_TRACE).actor,
          request.params.id,
          request.params.reportId,
          request.body,
        );
        return reply.status(204).send(null);
      },
    );
  };
}
