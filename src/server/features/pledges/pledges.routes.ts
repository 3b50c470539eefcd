import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Pledge,
  PledgeAssignInput,
  OnSitePledgeInput,
  PledgeInput,
  PledgeQuery,
  PledgeUnit,
  PledgeUnitInput,
  PledgeUnitUpdate,
  PledgeUnitView,
  PublicPledgeInput,
  PublicPledgeResult,
  ROLES_THAT_KEEP_PLEDGES,
} from '../../../shared/pledges';
import { pageOf } from '../../../shared/pagination';
import { AppError } from '../../errors';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import { RateLimiter } from '../../http/rate-limit';
import type { AppDeps } from '../../deps';
import {
  createPledgeUnit,
  getPledge,
  getPledgeUnit,
  listPledges,
  listPledgeUnits,
  pledgeUnitView,
  signByCadre,
  signOnSite,
  signByLink,
  toPledges,
  toPledgeUnit,
  updatePledgeUnit,
} from './pledges.service';
import { turnIntoAssignment } from './pledge-assign.service';
import { pledgeSignature } from './pledges.repository';

const IdParams = z.object({ id: z.string().uuid() });
/** A unit's slug: URL-safe base64, nothing else reaches the database. */
const SlugParams = z.object({ slug: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
const tags = ['pledges'];

/**
 * 请战书: units and their texts, signing (the unit's public link /qz/<slug>, rate-limited per
 * address and per link; or with a cadre), the list by unit, one pledge with its signature image for
 * the A4 print view, and turning a pledge into an assignment.
 */
export function pledgeRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const perAddress = new RateLimiter(60, 60_000);
  const signPerAddress = new RateLimiter(10, 60 * 60_000);
  const perLink = new RateLimiter(600, 60 * 60_000);
  return async (app) => {
    app.get(
      '/api/public/pledge/:slug',
      {
        schema: {
          tags: ['public'],
          summary: "A unit's signing page: its name and pledge text",
          params: SlugParams,
          response: { 200: PledgeUnitView },
        },
      },
      async (request) => {
        perAddress.take(request.ip);
        return pledgeUnitView(db, request.params.slug);
      },
    );

    app.post(
      '/api/public/pledge/:slug',
      {
        schema: {
          tags: ['public'],
          summary: 'Sign the pledge: name and ID number (checked against the registry) and a drawn signature (PNG)',
          params: SlugParams,
          body: PublicPledgeInput,
          response: { 201: PublicPledgeResult },
        },
      },
      async (request, reply) => {
        perAddress.take(request.ip);
        signPerAddress.take(request.ip);
        perLink.take(request.params.slug);
        return reply.status(201).send(await signByLink(db, clock, config.timeZone, request.params.slug, request.body));
      },
    );

    app.get(
      '/api/pledges/units',
      { schema: { tags, summary: 'Pledge units of my jurisdiction', response: { 200: z.array(PledgeUnit) } } },
      async (request) =>
        (await listPledgeUnits(db, authorise(request, ROLES_THAT_KEEP_PLEDGES).scope)).map(toPledgeUnit),
    );

    app.post(
      '/api/pledges/units',
      { schema: { tags, summary: 'Set up a pledge unit', body: PledgeUnitInput, response: { 201: PledgeUnit } } },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            toPledgeUnit(
              await createPledgeUnit(db, clock, authorise(request, ROLES_THAT_KEEP_PLEDGES).actor, request.body),
            ),
          ),
    );

    app.get(
      '/api/pledges/units/:id',
      { schema: { tags, summary: 'One pledge unit', params: IdParams, response: { 200: PledgeUnit } } },
      async (request) =>
        toPledgeUnit(await getPledgeUnit(db, authorise(request, ROLES_THAT_KEEP_PLEDGES).scope, request.params.id)),
    );

    app.patch(
      '/api/pledges/units/:id',
      {
        schema: {
          tags,
          summary: 'Rename a unit or edit its pledge text (signed pledges keep theirs)',
          params: IdParams,
          body: PledgeUnitUpdate,
          response: { 200: PledgeUnit },
        },
      },
      async (request) =>
        toPledgeUnit(
          await updatePledgeUnit(
            db,
            clock,
            authorise(request, ROLES_THAT_KEEP_PLEDGES).actor,
            request.params.id,
            request.body,
          ),
        ),
    );

    app.get(
      '/api/pledges',
      {
        schema: {
          tags,
          summary: 'Pledges of my jurisdiction, by unit (ID numbers masked)',
          querystring: PledgeQuery,
          response: { 200: pageOf(Pledge) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_KEEP_PLEDGES);
        const rows = await listPledges(db, scope, request.query);
        const page = pageFrom(
          rows,
          request.query.limit,
          (r) => r.id,
          (r) => r,
        );
        return { ...page, items: await toPledges(db, page.items) };
      },
    );

    app.post(
      '/api/pledges/on-site',
      {
        schema: {
          tags,
          summary:
            '代签/现场签署: a registry person of my jurisdiction signs on my tablet (the text as shown, a drawn signature)',
          body: OnSitePledgeInput,
          response: { 201: Pledge },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_KEEP_PLEDGES);
        const row = await signOnSite(db, clock, config.timeZone, actor, request.body);
        return reply.status(201).send((await toPledges(db, [row]))[0]!);
      },
    );

    app.post(
      '/api/pledges',
      { schema: { tags, summary: 'Sign a pledge with a cadre', body: PledgeInput, response: { 201: Pledge } } },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_KEEP_PLEDGES);
        const row = await signByCadre(db, clock, config.timeZone, actor, request.body);
        return reply.status(201).send((await toPledges(db, [row]))[0]!);
      },
    );

    app.get(
      '/api/pledges/:id',
      { schema: { tags, summary: 'One pledge (for the A4 print view)', params: IdParams, response: { 200: Pledge } } },
      async (request) => {
        const row = await getPledge(db, authorise(request, ROLES_THAT_KEEP_PLEDGES).scope, request.params.id);
        return (await toPledges(db, [row]))[0]!;
      },
    );

    app.get(
      '/api/pledges/:id/signature.png',
      { schema: { tags, summary: "The pledge's signature image (PNG, checked when signed)", params: IdParams } },
      async (request, reply) => {
        const row = await pledgeSignature(db, authorise(request, ROLES_THAT_KEEP_PLEDGES).scope, request.params.id);
        if (!row) throw new AppError('PLEDGE_NOT_FOUND');
        return reply.header('content-type', 'image/png').send(Buffer.from(row.signature));
      },
    );

    app.post(
      '/api/pledges/:id/assign',
      {
        schema: {
          tags,
          summary: "Turn the pledge into an assignment: a 报到 post in the signer's community, or a checkpoint shift",
          params: IdParams,
          body: PledgeAssignInput,
          response: { 200: Pledge },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_KEEP_PLEDGES);
        const row = await turnIntoAssignment(db, clock, actor, request.params.id, request.body);
        return (await toPledges(db, [row]))[0]!;
      },
    );
  };
}
