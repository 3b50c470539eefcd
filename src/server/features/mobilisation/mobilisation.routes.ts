import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MobilisationOverview, MobilisationQuery, ROLES_THAT_READ_MOBILISATION } from '../../../shared/mobilisation';
import { authorise } from '../../http/actor';
import type { AppDeps } from '../../deps';
import { exportMobilisation, mobilisationOverview } from './mobilisation.service';

/** 动员统计: the organisation department's figures per region and day, and their .xlsx. */
export function mobilisationRoutes({ db, clock, config }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/mobilisation/overview',
      {
        schema: {
          tags: ['mobilisation'],
          summary: "A region's mobilisation figures on a day and each child region's, from the roll-ups",
          querystring: MobilisationQuery,
          response: { 200: MobilisationOverview },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_READ_MOBILISATION);
        return mobilisationOverview(db, clock, config.timeZone, scope, request.query);
      },
    );

    app.get(
      '/api/mobilisation/overview.xlsx',
      {
        schema: {
          tags: ['mobilisation'],
          summary: 'The overview as .xlsx with Chinese headers, one row per child region and the total (audited)',
          querystring: MobilisationQuery,
        },
      },
      async (request, reply) => {
        const { actor, scope } = authorise(request, ROLES_THAT_READ_MOBILISATION);
        const { buffer, filename } = await exportMobilisation(db, clock, config.timeZone, actor, scope, request.query);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="mobilisation.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
          )
          .send(buffer);
      },
    );
  };
}
