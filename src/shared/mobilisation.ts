import { z } from 'zod';
import type { Role } from './enums';
import { type Metric, METRIC_LABELS } from './rollups';

/** Who reads the organisation department's figures: the department, the command centre, townships (their own). */
export const ROLES_THAT_READ_MOBILISATION: readonly Role[] = ['admin', 'command', 'organisation', 'township'];

/** The mobilisation figures, in the order the organisation department reads them (columns of the table and the .xlsx). */
export const MOBILISATION_METRICS = [
  'partyMembers',
  'partyMembersOnDuty',
  'membersReported',
  'tempBranches',
  'tempBranchesFlagged',
  'commandoTeams',
  'callouts',
  'calloutsOnTime',
  'pledges',
  'volunteersActive',
  'volunteerGroups',
  'volunteerTasksDone',
  'volunteerHours',
] as const satisfies readonly Metric[];
export type MobilisationMetric = (typeof MOBILISATION_METRICS)[number];

export const MOBILISATION_LABELS: Record<MobilisationMetric, { zh: string; en: string }> = Object.fromEntries(
  MOBILISATION_METRICS.map((m) => [m, METRIC_LABELS[m]]),
) as Record<MobilisationMetric, { zh: string; en: string }>;

export const MobilisationFigures = z.object(
  Object.fromEntries(MOBILISATION_METRICS.map((m) => [m, z.number()])) as Record<MobilisationMetric, z.ZodNumber>,
);
export type MobilisationFigures = z.infer<typeof MobilisationFigures>;

export const MobilisationQuery = z.object({
  region: z.string().uuid().optional().describe('a region in my jurisdiction (default: the top of it)'),
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .describe('a local day, YYYY-MM-DD (default: today)'),
});
export type MobilisationQuery = z.infer<typeof MobilisationQuery>;

/**
 * The times of the day's call-outs (集结令) against the 15-minute standard, from callouts' history:
 * the median from the order to its first acknowledgement, the median from the order to each
 * person's arrival, and the share of call-outs complete (everyone not declining arrived) within 15
 * minutes. Null where no call-out was ordered; given for the region shown and its townships.
 */
export const CalloutTimes = z.object({
  callouts: z.number().int(),
  medianFirstAckSeconds: z.number().nullable(),
  medianArriveSeconds: z.number().nullable(),
  withinStandardShare: z.number().nullable(),
});
export type CalloutTimes = z.infer<typeof CalloutTimes>;

/** Party members' donations (党员捐款) of a township or the region: the day's and up to the day. */
export const PartyGiving = z.object({
  donationsToday: z.number(),
  moneyToday: z.number(),
  donations: z.number(),
  members: z.number(),
  money: z.number(),
});
export type PartyGiving = z.infer<typeof PartyGiving>;

const RegionRow = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  path: z.string(),
  figures: MobilisationFigures,
  calloutTimes: CalloutTimes.nullable(),
  /** null below township level, as the call-out times */
  partyGiving: PartyGiving.nullable(),
});

/** 动员统计: a region's mobilisation figures on a day, and each child region's. */
export const MobilisationOverview = z.object({
  day: z.string(),
  region: RegionRow,
  /** the region's parent when it is in my jurisdiction (to go back up) */
  parentId: z.string().nullable(),
  children: z.array(RegionRow),
});
export type MobilisationOverview = z.infer<typeof MobilisationOverview>;
