import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ImportJob } from '../../../shared/residents';
import { ROLES_THAT_MANAGE_PARTY } from '../../../shared/party';
import { importReportFileName } from '../../../shared/files';
import { MAX_UPLOAD_BYTES } from '../../../shared/upload-limits';
import { AppError } from '../../errors';
import { keepUploadSlot, uploadSlotHooks } from '../../spreadsheets/upload-slots';
import { authorise } from '../../http/actor';
import type { AppDeps } from '../../deps';
import { getPartyImportJob, startPartyImport, toPartyImportJob } from './import/import-jobs.service';
import { memberTemplate, organisationTemplate } from './import/party-files';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['party'];

function attachment(name: string) {
  return `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Spreadsheets of the party organisations and members: templates, background imports with an error report. */
export function partyFileRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    for (const [kind, path, templateName, template] of [
      ['organisations', 'organisations', '党组织导入模板.xlsx', organisationTemplate],
      ['members', 'members', '党员花名册导入模板.xlsx', memberTemplate],
    ] as const) {
      app.get(
        `/api/party/${path}/import-template`,
        { schema: { tags, summary: `Download the ${kind} import template (.xlsx)` } },
        async (request, reply) => {
          authorise(request, ROLES_THAT_MANAGE_PARTY);
          return reply
            .header('content-type', XLSX)
            .header('content-disposition', attachment(templateName))
            .send(await template());
        },
      );

      app.post(
        `/api/party/${path}/import`,
        {
          bodyLimit: MAX_UPLOAD_BYTES,
          ...uploadSlotHooks((request) => authorise(request as FastifyRequest, ROLES_THAT_MANAGE_PARTY)),
          schema: {
            tags,
            summary: `Import ${kind} (.xlsx or .csv as the raw body); runs in the background — poll the job`,
            querystring: z.object({ fileName: z.string().max(200).default(`${kind}.xlsx`) }),
            response: { 202: ImportJob },
          },
        },
        async (request, reply) => {
          const { actor } = authorise(request, ROLES_THAT_MANAGE_PARTY);
          if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new AppError('FILE_REQUIRED');
          const id = await startPartyImport(
            db,
            clock,
            actor,
            kind,
            request.body,
            request.query.fileName,
            keepUploadSlot(request),
            (err) => request.log.error({ err }, 'party import failed'),
          );
          return reply.status(202).send(toPartyImportJob(await getPartyImportJob(db, actor, id)));
        },
      );
    }

    app.get(
      '/api/party/imports/:id',
      {
        schema: {
          tags,
          summary: 'Progress and result of a party import',
          params: z.object({ id: z.string().uuid() }),
          response: { 200: ImportJob },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_PARTY);
        return toPartyImportJob(await getPartyImportJob(db, actor, request.params.id));
      },
    );

    app.get(
      '/api/party/imports/:id/report',
      {
        schema: {
          tags,
          summary: 'The rows a party import refused, with row, column and reason (.xlsx)',
          params: z.object({ id: z.string().uuid() }),
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_MANAGE_PARTY);
        const job = await getPartyImportJob(db, actor, request.params.id);
        if (!job.report) throw new AppError('NOT_FOUND');
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', attachment(importReportFileName(job.file_name)))
          .send(job.report);
      },
    );
  };
}
