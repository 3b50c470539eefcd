import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { ImportJob, PersonTag } from '../../../shared/residents';
import { AppError } from '../../errors';
import { MAX_UPLOAD_BYTES } from '../../../shared/upload-limits';
import { keepUploadSlot, uploadSlotHooks } from '../../spreadsheets/upload-slots';
import { authorise } from '../../http/actor';
import type { AppDeps } from '../../deps';
import { getRegionInScope } from '../regions';
import { ROLES_THAT_REGISTER } from './persons.service';
import { residentTemplate } from './import/resident-files';
import { getImportJob, startResidentImport } from './import/import-jobs.service';
import { exportResidents } from './import/resident-export';
import { importReportFileName } from '../../../shared/files';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(name: string) {
  return `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Spreadsheets of the registry (造册): template, background import with an error report, export. */
export function residentFileRoutes({ db, clock }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/persons/import-template',
      { schema: { tags: ['residents'], summary: 'Download the resident roster template (.xlsx)' } },
      async (request, reply) => {
        authorise(request, ROLES_THAT_REGISTER);
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', attachment('人员花名册导入模板.xlsx'))
          .send(await residentTemplate());
      },
    );

    app.post(
      '/api/persons/import',
      {
        bodyLimit: MAX_UPLOAD_BYTES,
        ...uploadSlotHooks((request) => authorise(request as FastifyRequest, ROLES_THAT_REGISTER)),
        schema: {
          tags: ['residents'],
          summary: 'Import a roster (.xlsx or .csv as the raw body); runs in the background — poll the job',
          querystring: z.object({ fileName: z.string().max(200).default('roster.xlsx') }),
          response: { 202: ImportJob },
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new AppError('FILE_REQUIRED');
        const id = await startResidentImport(
          db,
          clock,
          actor,
          request.body,
          request.query.fileName,
          keepUploadSlot(request),
          (err) => request.log.error({ err }, 'import failed'),
        );
        return reply.status(202).send(toJob(await getImportJob(db, actor, id)));
      },
    );

    app.get(
      '/api/imports/:id',
      {
        schema: {
          tags: ['residents'],
          summary: 'Progress and result of an import',
          params: z.object({ id: z.string().uuid() }),
          response: { 200: ImportJob },
        },
      },
      async (request) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        return toJob(await getImportJob(db, actor, request.params.id));
      },
    );

    app.get(
      '/api/imports/:id/report',
      {
        schema: {
          tags: ['residents'],
          summary: 'The rows an import refused, with the reasons (.xlsx)',
          params: z.object({ id: z.string().uuid() }),
        },
      },
      async (request, reply) => {
        const { actor } = authorise(request, ROLES_THAT_REGISTER);
        const job = await getImportJob(db, actor, request.params.id);
        if (!job.report) throw new AppError('NOT_FOUND');
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', attachment(importReportFileName(job.file_name)))
          .send(job.report);
      },
    );

    app.get(
      '/api/persons/export',
      {
        schema: {
          tags: ['residents'],
          summary: 'Export the filtered person list as .xlsx (masked unless reveal=true; audited)',
          querystring: z.object({
            q: z.string().max(50).optional(),
            tag: PersonTag.optional(),
            regionId: z.string().uuid().optional(),
            reveal: z.enum(['true', 'false']).default('false'),
          }),
        },
      },
      async (request, reply) => {
        const reveal = request.query.reveal === 'true';
        const { actor, scope } = authorise(request, reveal ? ROLES_THAT_REGISTER : 'any');
        const region = request.query.regionId ? await getRegionInScope(db, scope, request.query.regionId) : undefined;
        const out = new PassThrough();
        reply.header('content-type', XLSX).header('content-disposition', attachment('人员花名册.xlsx'));
        void exportResidents(
          db,
          clock,
          actor,
          { q: request.query.q, tag: request.query.tag, underPath: region?.path },
          reveal,
          out,
        ).catch((err) => {
          request.log.error({ err }, 'export failed');
          out.destroy(err);
        });
        return reply.send(out);
      },
    );
  };
}

function toJob(j: Awaited<ReturnType<typeof getImportJob>>) {
  return {
    id: j.id,
    fileName: j.file_name,
    status: j.status,
    rows: j.rows,
    created: j.created,
    updated: j.updated,
    unchanged: j.unchanged,
    invalid: j.invalid,
    warnings: j.warnings,
    message: j.message,
    error: j.error ? JSON.parse(j.error) : null,
    hasReport: j.report !== null,
    startedAt: j.started_at,
    finishedAt: j.finished_at,
  };
}
