import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEntry, AuditQuery } from '../../../shared/audit';
import { pageOf } from '../../../shared/pagination';
import { authorise, ROLES_THAT_READ_AUDIT } from '../../http/actor';
import { CursorId, decodeCursor, pageFrom } from '../../http/pagination';
import type { AppDeps } from '../../deps';
import { listAuditEntries } from './audit.repository';

export function auditRoutes({ db }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Audit log, newest first (admin, command)',
          querystring: AuditQuery,
          response: { 200: pageOf(AuditEntry) },
        },
      },
      async (request) => {
        const { scope } = authorise(request, ROLES_THAT_READ_AUDIT);
        const q = request.query;
        const rows = await listAuditEntries(db, scope, q, decodeCursor(q.cursor, CursorId));
        return pageFrom(
          rows,
          q.limit,
          (r) => r.id,
          (r) => ({
            id: r.id,
            at: r.at,
            actorId: r.actor_id,
            actorName: r.actor_name,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            regionPath: r.region_path,
            ip: r.ip,
            userAgent: r.user_agent,
            details: r.details === null ? null : JSON.parse(r.details),
          }),
        );
      },
    );
  };
}
