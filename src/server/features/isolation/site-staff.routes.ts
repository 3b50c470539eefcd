import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EndIsolationStaffInput,
  IsolationStaff,
  IsolationStaffInput,
  IsolationStaffQuery,
} from '../../../shared/isolation-staff';
import type { AppDeps } from '../../deps';
import { authorise } from '../../http/actor';
import { ROLES_THAT_MANAGE_ISOLATION_SITES } from './isolation-sites.service';
import { addSiteStaff, endSiteStaff, listSiteStaff } from './site-staff.service';

const IdParams = z.object({ id: z.string().uuid() });

/** The staff rosters of centralised isolation sites (医护 / 安保 / 后勤 / 观察员 / 其他). */
export function isolationStaffRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  const ctx = { clock, timeZone: config.timeZone };
  return async (app) => {
    app.get(
      '/api/isolation/sites/:id/staff',
      {
        schema: {
          tags: ['isolation'],
          summary: "A site's staff roster: who works there in which role, from which day to which (phones masked)",
          params: IdParams,
          querystring: IsolationStaffQuery,
          response: { 200: z.object({ items: z.array(IsolationStaff) }) },
        },
      },
      async (request) => ({
        items: await listSiteStaff(db, ctx, authorise(request, 'any').scope, request.params.id, request.query.show),
      }),
    );

    app.post(
      '/api/isolation/sites/:id/staff',
      {
        schema: {
          tags: ['isolation'],
          summary: "Put a registry person on a site's staff roster in a role from a day (audited)",
          params: IdParams,
          body: IsolationStaffInput,
          response: { 201: IsolationStaff },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_ISOLATION_SITES);
        return reply.status(201).send(await addSiteStaff(db, ctx, actor, request.params.id, request.body));
      },
    );

    app.post(
      '/api/isolation/staff/:id/end',
      {
        schema: {
          tags: ['isolation'],
          summary: "End a person's time on a site's roster: their last day there (audited; the entry stays)",
          params: IdParams,
          body: EndIsolationStaffInput,
          response: { 200: IsolationStaff },
        },
      },
      async (request) =>
        endSiteStaff(
          db,
          ctx,
          authorise(request, ROLES_THAT_MANAGE_ISOLATION_SITES).actor,
          request.params.id,
          request.body,
        ),
    );
  };
}
