import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BranchDonations,
  Donor,
  DonorQuery,
  PartyDonationFiguresRow,
  DonationCertificate,
  DonationDetail,
  DonationInput,
  DonationQuery,
  DonationSummary,
  ReceiveInput,
} from '../../../shared/donations';
import { pageOf } from '../../../shared/pagination';
import { authorise } from '../../http/actor';
import { pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { SUPPLIES_ROLES } from '../supplies';
import {
  donationDetail,
  listDonations,
  receiveDonation,
  registerDonation,
  revealDonorPhone,
  toDonationSummary,
} from './donations.service';
import { donationCertificate } from './certificates.service';
import { listDonors, toDonor } from './donors.service';
import { donationsByBranch, partyDonationFigures } from './party-donations.service';
import { localDay } from '../../clock';

const FiguresQuery = z.object({ day: z.string().date().optional() });

const IdParams = z.object({ id: z.string().uuid() });

/** Donations in: registered as declared, received (验收) into a warehouse, certified (捐赠证书). */
export function donationRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const ctx = { clock, timeZone: config.timeZone };
  return async (app) => {
    const tags = ['donations'];
    app.get(
      '/api/donations',
      {
        schema: {
          tags,
          summary: 'Donations of my jurisdiction, newest first',
          querystring: DonationQuery,
          response: { 200: pageOf(DonationSummary) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, SUPPLIES_ROLES);
        return pageFrom(
          await listDonations(db, scope, request.query),
          request.query.limit,
          (r) => r.id,
          toDonationSummary,
        );
      },
    );
    app.get(
      '/api/donations/donors',
      {
        schema: {
          tags,
          summary: 'Known donors of my jurisdiction by name (search-or-create); phones masked',
          querystring: DonorQuery,
          response: { 200: pageOf(Donor) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, SUPPLIES_ROLES);
        return pageFrom(await listDonors(db, scope, request.query), request.query.limit, (r) => r.id, toDonor);
      },
    );
    app.get(
      '/api/donations/by-branch',
      {
        schema: {
          tags,
          summary: "Party members' donations per branch (党支部) of my jurisdiction",
          response: { 200: z.array(BranchDonations) },
        },
      },
      async (request) => donationsByBranch(db, authorise(request, SUPPLIES_ROLES).scope),
    );
    app.get(
      '/api/donations/party-figures',
      {
        schema: {
          tags,
          summary: "Party members' donations per township on a local day (today by default) and so far",
          querystring: FiguresQuery,
          response: {
            200: z.object({ day: z.string(), rows: z.array(PartyDonationFiguresRow), total: PartyDonationFiguresRow }),
          },
        },
      },
      async (request) =>
        partyDonationFigures(db, authorise(request, SUPPLIES_ROLES).scope, {
          day: request.query.day ?? localDay(clock.now(), config.timeZone),
        }),
    );
    app.post(
      '/api/donations',
      {
        schema: {
          tags,
          summary: 'Register a donation as declared: goods lines or money, general or designated (定向)',
          body: DonationInput,
          response: { 201: DonationDetail },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await registerDonation(db, ctx, authorise(request, SUPPLIES_ROLES).actor, request.body)),
    );
    app.get(
      '/api/donations/:id',
      {
        schema: {
          tags,
          summary: 'One donation with its lines as declared and as received (donor phone masked)',
          params: IdParams,
          response: { 200: DonationDetail },
        },
      },
      async (request) => donationDetail(db, authorise(request, SUPPLIES_ROLES).scope, request.params.id),
    );
    app.post(
      '/api/donations/:id/receive',
      {
        schema: {
          tags,
          summary: 'Receive (验收) lines into a warehouse: counted quantity, batch, expiry, verdict, reasons',
          params: IdParams,
          body: ReceiveInput,
          response: { 200: DonationDetail },
        },
      },
      async (request) =>
        receiveDonation(db, ctx, authorise(request, SUPPLIES_ROLES).actor, request.params.id, request.body),
    );
    app.get(
      '/api/donations/:id/certificate',
      {
        schema: {
          tags,
          summary: 'The donation certificate (捐赠证书) for printing',
          params: IdParams,
          response: { 200: DonationCertificate },
        },
      },
      async (request) =>
        donationCertificate(db, authorise(request, SUPPLIES_ROLES).scope, request.params.id, config.timeZone),
    );
    app.post(
      '/api/donations/:id/donor-phone/reveal',
      {
        schema: {
          tags,
          summary: "The donor's full phone number (audited)",
          params: IdParams,
          response: { 200: z.object({ phone: z.string().nullable() }) },
        },
      },
      async (request) => revealDonorPhone(db, ctx, authorise(request, SUPPLIES_ROLES).actor, request.params.id),
    );
  };
}
