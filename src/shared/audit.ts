import { z } from 'zod';
import { Instant } from './dates';

/** One append-only audit entry: who did what to which record, when, from where. */
export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  regionPath: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  actorId: z.string().uuid().optional(),
  action: z.string().max(64).optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const RevealResult = z.object({ field: z.string(), value: z.string().nullable() });
export type RevealResult = z.infer<typeof RevealResult>;
