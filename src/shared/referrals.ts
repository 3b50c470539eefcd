import { z } from 'zod';
import { Instant } from './dates';

/** What the fever clinic or hospital found: 排除 (excluded) / 疑似 (suspected) / 确诊 (confirmed). */
export const ReferralOutcome = z.enum(['excluded', 'suspected', 'confirmed']);
export type ReferralOutcome = z.infer<typeof ReferralOutcome>;

/** Where a referral came from: a checkpoint passage, a screening visit, an isolation follow-up, or by hand. */
export const ReferralSource = z.enum(['passage', 'screening_visit', 'follow_up', 'manual']);
export type ReferralSource = z.infer<typeof ReferralSource>;

/** 转诊: a person sent to a fever clinic or hospital, where and when, by whom, and what it found. */
export const Referral = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  personName: z.string(),
  regionPath: z.string(),
  sourceType: ReferralSource,
  sourceId: z.string().nullable(),
  reason: z.string(),
  facility: z.string().nullable(),
  referredAt: z.string(),
  referredByName: z.string().nullable(),
  outcome: ReferralOutcome.nullable(),
  outcomeAt: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  outcomeByName: z.string().nullable(),
  /** the tracing case a suspected or confirmed outcome opened or found */
  caseId: z.string().nullable(),
  createdAt: z.string(),
});
export type Referral = z.infer<typeof Referral>;

/** A referral recorded by hand (a follow-up found a fever, a call from a village doctor). */
export const ReferralInput = z.object({
  personId: z.string().uuid(),
  reason: z.string().trim().min(1).max(200),
  facility: z.string().trim().min(1).max(100).nullable().optional(),
  referredAt: Instant.optional(),
  sourceType: z.enum(['follow_up', 'manual']).default('manual'),
  sourceId: z.string().max(100).optional(),
  /** the alert this referral answers (a follow-up fever): it links to the referral instead of a second alert */
  alertId: z.string().uuid().optional(),
});
export type ReferralInput = z.infer<typeof ReferralInput>;

/** Where the person was taken and when (the crew often only knows later). */
export const ReferralChange = z.object({
  facility: z.string().trim().min(1).max(100).optional(),
  referredAt: Instant.optional(),
});
export type ReferralChange = z.infer<typeof ReferralChange>;

/** The clinic's finding, with when it came and a note (e.g. 血常规正常，CT 未见异常). */
export const ReferralOutcomeInput = z.object({
  outcome: ReferralOutcome,
  at: Instant.optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export type ReferralOutcomeInput = z.infer<typeof ReferralOutcomeInput>;

export const ReferralQuery = z.object({
  /** true: only those still waiting for an outcome */
  open: z.enum(['true', 'false']).optional(),
  personId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type ReferralQuery = z.infer<typeof ReferralQuery>;
