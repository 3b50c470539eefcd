import { z } from 'zod';
import { CalendarDate, Instant } from './dates';
import { MOBILE_PATTERN } from './validators';
import { nameText } from './text';

/**
 * Gatherings (聚集性活动): weddings and funerals (红白喜事), banquets, birthdays, markets, temple
 * fairs. The village registers each one it hears of; cadres and volunteers visit the host to
 * persuade them (劝导) to cancel, postpone or scale down; the outcome is recorded. The seeds count
 * 1,200 banquets cancelled in one city.
 */
export const GatheringOccasion = z.enum([
  'wedding',
  'funeral',
  'banquet',
  'birthday',
  'market',
  'temple_fair',
  'other',
]);
export type GatheringOccasion = z.infer<typeof GatheringOccasion>;

/** planned until an outcome is recorded: 取消 / 延期 / 缩小规模 / 照常举办. */
export const GatheringStatus = z.enum(['planned', 'cancelled', 'postponed', 'scaled_down', 'held']);
export type GatheringStatus = z.infer<typeof GatheringStatus>;
export const GatheringOutcome = z.enum(['cancelled', 'postponed', 'scaled_down', 'held']);
export type GatheringOutcome = z.infer<typeof GatheringOutcome>;

export const GatheringInput = z.object({
  /** the village or grid it takes place in */
  regionId: z.string().uuid(),
  occasion: GatheringOccasion,
  hostName: nameText(50),
  hostPhone: z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile').nullable().optional(),
  date: CalendarDate,
  place: z.string().trim().max(200).nullable().optional(),
  expectedGuests: z.number().int().min(1).max(100_000),
  note: z.string().trim().max(500).nullable().optional(),
});
export type GatheringInput = z.infer<typeof GatheringInput>;

/**
 * What became of it. A postponement needs the new date (after the planned one); a scaled-down or
 * held gathering needs how many actually came (scaled down: fewer than expected).
 */
export const GatheringOutcomeInput = z.object({
  outcome: GatheringOutcome,
  newDate: CalendarDate.nullable().optional(),
  actualGuests: z.number().int().min(0).max(100_000).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export type GatheringOutcomeInput = z.infer<typeof GatheringOutcomeInput>;

/** A persuasion visit (劝导) to the host: who was there, what was said, whether they agreed. */
export const PersuasionVisitInput = z.object({
  visitedAt: Instant.optional(),
  present: z.string().trim().max(200).nullable().optional(),
  result: z.string().trim().min(1).max(500),
  agreed: z.boolean(),
});
export type PersuasionVisitInput = z.infer<typeof PersuasionVisitInput>;

export const Gathering = z.object({
  id: z.string(),
  regionId: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  occasion: GatheringOccasion,
  hostName: z.string(),
  /** masked (138****1234); the full number is an audited reveal */
  hostPhone: z.string().nullable(),
  date: z.string(),
  place: z.string().nullable(),
  expectedGuests: z.number().int(),
  status: GatheringStatus,
  newDate: z.string().nullable(),
  actualGuests: z.number().int().nullable(),
  outcomeNote: z.string().nullable(),
  outcomeAt: z.string().nullable(),
  note: z.string().nullable(),
  visits: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Gathering = z.infer<typeof Gathering>;

export const PersuasionVisit = z.object({
  id: z.string(),
  visitedAt: z.string(),
  visitorName: z.string().nullable(),
  present: z.string().nullable(),
  result: z.string(),
  agreed: z.boolean(),
});
export type PersuasionVisit = z.infer<typeof PersuasionVisit>;

export const GatheringQuery = z.object({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  occasion: GatheringOccasion.optional(),
  status: GatheringStatus.optional(),
  regionId: z.string().uuid().optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type GatheringQuery = z.infer<typeof GatheringQuery>;

/** One township's gatherings dated within a range, by outcome, and the guests who did not gather. */
export const GatheringFiguresRow = z.object({
  regionId: z.string().nullable(),
  name: z.string(),
  registered: z.number().int(),
  planned: z.number().int(),
  cancelled: z.number().int(),
  postponed: z.number().int(),
  scaledDown: z.number().int(),
  held: z.number().int(),
  expectedGuests: z.number().int(),
  /** expected − actual over the cancelled (actual 0) and scaled-down ones */
  guestsAvoided: z.number().int(),
  visits: z.number().int(),
});
export type GatheringFiguresRow = z.infer<typeof GatheringFiguresRow>;

export const GatheringFigures = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(GatheringFiguresRow),
  total: GatheringFiguresRow,
});
export type GatheringFigures = z.infer<typeof GatheringFigures>;
