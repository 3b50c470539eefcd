import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Household,
  HouseholdInput,
  HouseholdPatch,
  HouseholdSearchQuery,
  Person,
  PersonInput,
  PersonPatch,
  PersonSearchQuery,
} from '../../../shared/residents';
import { RevealResult } from '../../../shared/audit';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { CursorId, decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { getRegionInScope } from '../regions';
import { ROLES_AT_THE_BARRIER } from '../checkpoints';
import { likelyDuplicates, searchPersons } from './persons.repository';
import { tagsOf } from './person-tags.repository';
import {
  getPerson,
  lookupByIdNumber,
  personWithTags,
  registerPerson,
  revealPerson,
  ROLES_THAT_REGISTER,
  toPerson,
  updatePerson,
} from './persons.service';
import { searchHouseholds } from './households.repository';
import {
  createHousehold,
  getHouseholdInScope,
  revealHouseholdPhone,
  toHousehold,
  updateHousehold,
} from './households.service';
import { mergePersons, undoMerge } from './person-merge.service';

const IdParams = z.object({ id: z.string().uuid() });
const MergeResult = z.object({ id: z.string(), keptId: z.string(), mergedId: z.string() });

export function residentRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/persons',
      {
        schema: {
          tags: ['residents'],
          summary: 'Search the registry (name, 繁/简, pinyin, initials, ID/phone suffix, tag, region)',
          querystring: PersonSearchQuery,
          response: { 200: pageOf(Person) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const q = request.query;
        const region = q.regionId ? await getRegionInScope(db, scope, q.regionId) : undefined;
        const rows = await searchPersons(db, scope, {
          q: q.q,
          tag: q.tag,
          underPath: region?.path,
          householdId: q.householdId,
          afterId: decodeCursor(q.cursor, CursorId),
          limit: q.limit,
        });
        const tags = await tagsOf(
          db,
          rows.map((r) => r.id),
        );
        return pageFrom(
          rows,
          q.limit,
          (r) => r.id,
          (r) => toPerson(r, tags.get(r.id) ?? []),
        );
      },
    );

    app.post(
      '/api/persons',
      {
        schema: {
          tags: ['residents'],
          summary: 'Register a person once (an existing ID number updates that person)',
          body: PersonInput,
          response: {
            200: z.object({ person: Person, matchedExisting: z.boolean() }),
            201: z.object({ person: Person, matchedExisting: z.boolean() }),
          },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        const { person, matchedExisting } = await registerPerson(db, clock, actor, request.body);
        return reply
          .status(matchedExisting ? 200 : 201)
          .send({ person: await personWithTags(db, person), matchedExisting });
      },
    );

    app.get(
      '/api/persons/lookup',
      {
        schema: {
          tags: ['residents'],
          summary:
            'Look a person up by a full ID number to fill checkpoint entry: only what the card says (name, sex, birth date); crews at the barrier only; audited',
          querystring: z.object({ idNumber: z.string().trim().toUpperCase().min(5).max(30) }),
          response: {
            200: z.object({ name: z.string(), sex: z.enum(['M', 'F']).nullable(), birthDate: z.string().nullable() }),
          },
        },
      },
      async (request) => {
        // Only those who enter passages may ask beyond their jurisdiction, and learn no more than the card in their hand shows.
        const { actor } = authorise(request, ROLES_AT_THE_BARRIER);
        const { name, sex, birthDate } = await lookupByIdNumber(db, clock, actor, request.query.idNumber);
        return { name, sex, birthDate };
      },
    );

    app.get(
      '/api/persons/:id',
      {
        schema: {
          tags: ['residents'],
          summary: 'One person (ID number and phone masked)',
          params: IdParams,
          response: { 200: Person },
        },
      },
      async (request) => {
        const { actor } = authorise(request, 'any');
        return personWithTags(db, await getPerson(db, actor, request.params.id));
      },
    );

    app.patch(
      '/api/persons/:id',
      {
        schema: {
          tags: ['residents'],
          summary: 'Correct a person (only the fields sent change; tags, when sent, replace)',
          params: IdParams,
          body: PersonPatch,
          response: { 200: Person },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        return personWithTags(db, await updatePerson(db, clock, actor, request.params.id, request.body));
      },
    );

    app.post(
      '/api/persons/:id/reveal',
      {
        schema: {
          tags: ['residents'],
          summary: 'Reveal the full ID number or phone (audited)',
          params: IdParams,
          body: z.object({ field: z.enum(['idNumber', 'phone']) }),
          response: { 200: RevealResult },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        return revealPerson(db, clock, actor, request.params.id, request.body.field);
      },
    );

    app.get(
      '/api/persons/:id/duplicates',
      {
        schema: {
          tags: ['residents'],
          summary: 'Likely duplicates of a person (same name + birth date or phone)',
          params: IdParams,
          response: { 200: z.object({ items: z.array(Person) }) },
        },
      },
      async (request) => {
        const { actor, scope } = authorise(request, ROLES_THAT_REGISTER);
        const p = await getPerson(db, actor, request.params.id);
        const rows = await likelyDuplicates(db, scope, {
          nameKey: p.name_key ?? p.name,
          birthDate: p.birth_date,
          phone: p.phone,
          excludeId: p.id,
        });
        const tags = await tagsOf(
          db,
          rows.map((r) => r.id),
        );
        return { items: rows.map((r) => toPerson(r, tags.get(r.id) ?? [])) };
      },
    );

    app.post(
      '/api/persons/:id/merge',
      {
        schema: {
          tags: ['residents'],
          summary: 'Merge a duplicate record into this one (audited, reversible)',
          params: IdParams,
          body: z.object({ duplicateId: z.string().uuid() }),
          response: { 200: MergeResult },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        return mergePersons(db, clock, actor, request.params.id, request.body.duplicateId);
      },
    );

    app.post(
      '/api/person-merges/:id/undo',
      {
        schema: { tags: ['residents'], summary: 'Undo a merge', params: IdParams, response: { 200: MergeResult } },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        return undoMerge(db, clock, actor, request.params.id);
      },
    );

    app.get(
      '/api/households',
      {
        schema: {
          tags: ['residents'],
          summary: 'Search households (room, address, head of household)',
          querystring: HouseholdSearchQuery,
          response: { 200: pageOf(Household) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const q = request.query;
        const region = q.regionId ? await getRegionInScope(db, scope, q.regionId) : undefined;
        const rows = await searchHouseholds(db, scope, {
          q: q.q,
          underPath: region?.path,
          afterId: decodeCursor(q.cursor, CursorId),
          limit: q.limit,
        });
        return pageFrom(rows, q.limit, (r) => r.id, toHousehold);
      },
    );

    app.post(
      '/api/households',
      {
        schema: {
          tags: ['residents'],
          summary: 'Register a household in a building',
          body: HouseholdInput,
          response: { 201: Household },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        return reply.status(201).send(toHousehold(await createHousehold(db, clock, actor, request.body)));
      },
    );

    app.get(
      '/api/households/:id',
      {
        schema: {
          tags: ['residents'],
          summary: 'A household with its members',
          params: IdParams,
          response: { 200: Household.extend({ members: z.array(Person) }) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, 'any');
        const household = await getHouseholdInScope(db, scope, request.params.id);
        const members = await searchPersons(db, scope, { householdId: household.id, limit: 100 });
        const tags = await tagsOf(
          db,
          members.map((m) => m.id),
        );
        return { ...toHousehold(household), members: members.map((m) => toPerson(m, tags.get(m.id) ?? [])) };
      },
    );

    app.post(
      '/api/households/:id/reveal',
      {
        schema: {
          tags: ['residents'],
          summary: "Reveal a household's full phone (audited)",
          params: IdParams,
          body: z.object({ field: z.literal('phone') }),
          response: { 200: RevealResult },
        },
      },
      async (request) =>
        revealHouseholdPhone(db, clock, authorise(request, ROLES_THAT_REGISTER).actor, request.params.id),
    );

    app.patch(
      '/api/households/:id',
      {
        schema: {
          tags: ['residents'],
          summary: 'Change a household (only the fields sent change; a new building moves its members)',
          params: IdParams,
          body: HouseholdPatch,
          response: { 200: Household },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        return toHousehold(await updateHousehold(db, clock, actor, request.params.id, request.body));
      },
    );
  };
}
