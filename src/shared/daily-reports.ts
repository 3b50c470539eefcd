import { z } from 'zod';
import { CalendarDate } from './dates';
import { Figures, METRICS, type Metric } from './rollups';
import type { RegionLevel } from './enums';

/**
 * 一日一汇报 — the daily report up the chain. Every administrative unit (village/community,
 * township/street, county, and city/province where the tree has them) files one report per local
 * day: figures Qunfang computes from the roll-ups, corrected where the unit knows better (each
 * correction with a reason), and three narrative fields. A village's figures are its own roll-up; a
 * township's (or county's) are the sum of its children's SUBMITTED reports plus what sits on the
 * township node itself, so each level answers for what it passed up — shown beside the live figures
 * of its whole jurisdiction (辖区实时数), so missing children are never mistaken for zeros. A village
 * with nobody to file has its township fill in for it (代填), recorded on every state. Workflow:
 * draft → submitted → reviewed by the level above, or returned (editable again; a new version on
 * resubmission). Every saved state is kept as a version; a submitted report is never recomputed.
 */
export const REPORT_LEVELS: readonly RegionLevel[] = ['province', 'city', 'county', 'township', 'village'];

export const DailyReportStatus = z.enum(['draft', 'submitted', 'reviewed', 'returned']);
export type DailyReportStatus = z.infer<typeof DailyReportStatus>;

/** A unit's standing for a day in the list: `none` when nobody has started its report. */
export const DailyReportUnitStatus = z.enum(['none', 'draft', 'submitted', 'reviewed', 'returned']);
export type DailyReportUnitStatus = z.infer<typeof DailyReportUnitStatus>;

/** A report counts upwards once submitted (reviewed is submitted and checked). */
export const COUNTS_UPWARDS: readonly DailyReportStatus[] = ['submitted', 'reviewed'];

/** The report's figures in the sections a county office's form has, in order (rows on paper, columns in Excel). */
export type ReportSectionKey =
  | 'registry'
  | 'screening'
  | 'isolation'
  | 'checkpoints'
  | 'cases'
  | 'zeroReports'
  | 'mobilisation';
export const REPORT_SECTIONS: readonly { key: ReportSectionKey; zh: string; en: string; metrics: readonly Metric[] }[] =
  [
    {
      key: 'registry',
      zh: '人员登记',
      en: 'Registration',
      metrics: ['residents', 'households', 'newPersons', 'newReturnees', 'returnees', 'keyPersons'],
    },
    {
      key: 'screening',
      zh: '入户排查',
      en: 'Door-to-door screening',
      metrics: ['householdsVisited', 'roundHouseholds', 'roundVisited', 'doorFevers'],
    },
    {
      key: 'isolation',
      zh: '隔离观察',
      en: 'Isolation and observation',
      metrics: [
        'inIsolationHome',
        'inIsolationCentralised',
        'inIsolationHospital',
        'newIsolations',
        'completedIsolations',
        'followUpsMissed',
        'followUpFevers',
      ],
    },
    {
      key: 'checkpoints',
      zh: '卡口检测',
      en: 'Checkpoints',
      metrics: ['passages', 'peopleChecked', 'checkpointFevers', 'turnedBack', 'referred'],
    },
    {
      key: 'cases',
      zh: '病例与密接',
      en: 'Cases and contacts',
      metrics: ['newCases', 'activeCases', 'confirmedCases', 'newContacts'],
    },
    {
      key: 'zeroReports',
      zh: '零报告',
      en: 'Zero reports',
      metrics: ['zeroReportUnits', 'zeroReportsIn', 'zeroReportsOnTime'],
    },
    {
      key: 'mobilisation',
      zh: '党员志愿者动员',
      en: 'Party members and volunteers',
      metrics: [
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
      ],
    },
  ];
/** Screening coverage (排查覆盖率): households screened in the round over households due, or null when no round is open. */
export function coverageOf(f: Pick<Figures, 'roundHouseholds' | 'roundVisited'>): number | null {
  return f.roundHouseholds > 0 ? f.roundVisited / f.roundHouseholds : null;
}

/** Any figure of shared/rollups.ts, by name. */
export const MetricKey = z.enum(METRICS);

/** A figure the unit changed: what Qunfang computed, what the unit reports, and why. */
export const DailyReportCorrection = z.object({ from: z.number(), to: z.number(), reason: z.string() });
export type DailyReportCorrection = z.infer<typeof DailyReportCorrection>;
export const DailyReportCorrections = z.partialRecord(MetricKey, DailyReportCorrection);
export type DailyReportCorrections = z.infer<typeof DailyReportCorrections>;

/** A child unit as its parent's report saw it: included (with the figures it submitted) or missing. */
export const DailyReportChild = z.object({
  regionId: z.string(),
  name: z.string(),
  level: z.string(),
  path: z.string(),
  reportId: z.string().nullable(),
  status: DailyReportUnitStatus,
  version: z.number().int(),
  submittedAt: z.string().nullable(),
  /** the child's final figures as submitted; null for a missing child */
  figures: Figures.nullable(),
  /** 辖区实时数: the child's live roll-up when the draft was taken (null in reports drafted before it was kept) */
  live: Figures.nullable(),
  /** 代填: the unit above that submitted this child's report for it, or null when the child submitted it itself */
  proxyUnit: z.string().nullable(),
});
export type DailyReportChild = z.infer<typeof DailyReportChild>;

/** For a township or higher: which children were summed, which were missing, and the part on the node itself (本级). */
export const DailyReportChildren = z.object({
  included: z.array(DailyReportChild),
  missing: z.array(DailyReportChild),
  own: Figures,
  /**
   * 辖区实时数: the live roll-up of the whole jurisdiction (the unit and everything under it, as the
   * big screen shows it) when the draft was taken. Shown beside the sum of what was submitted, so a
   * unit whose children are missing sees the gap before it submits. Null in reports drafted before
   * it was kept.
   */
  live: Figures.nullable(),
});
export type DailyReportChildren = z.infer<typeof DailyReportChildren>;

/** What a report holds, as it stands and in each saved version. */
const ReportContent = z.object({
  /** the report's figures: computed, with the corrections applied */
  figures: Figures,
  /** what Qunfang computed when the draft was last drawn */
  computed: Figures,
  corrections: DailyReportCorrections,
  /** null for a village */
  children: DailyReportChildren.nullable(),
  assessment: z.string().nullable(),
  problems: z.string().nullable(),
  requests: z.string().nullable(),
  /** why the report went up while children were missing */
  missingNote: z.string().nullable(),
});

export const DailyReport = z.object({
  id: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  regionPath: z.string(),
  level: z.string(),
  day: z.string(),
  status: DailyReportStatus,
  /** how many times it has been submitted (0 while never submitted) */
  version: z.number().int(),
  ...ReportContent.shape,
  computedAt: z.string(),
  submittedByName: z.string().nullable(),
  /** 代填: the unit above (a township for its village) whose cadre submitted this report for the unit; null when the unit submitted it itself */
  submittedProxyUnit: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  updatedAt: z.string(),
  /** what the reader may do with it now; `proxy`: editing and submitting would be 代填, for the unit by the level above */
  may: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean(), proxy: z.boolean() }),
});
export type DailyReport = z.infer<typeof DailyReport>;

/** One unit in the day's list: the chosen node and its direct children, each with its report's standing. */
export const DailyReportUnit = z.object({
  regionId: z.string(),
  name: z.string(),
  level: z.string(),
  path: z.string(),
  /** the node the list is about (the others are its children) */
  self: z.boolean(),
  reportId: z.string().nullable(),
  status: DailyReportUnitStatus,
  version: z.number().int(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  /** 代填: the unit above that submitted it for this unit */
  submittedProxyUnit: z.string().nullable(),
  /** this unit's own reporting children, and how many of them have submitted */
  childrenTotal: z.number().int(),
  childrenSubmitted: z.number().int(),
  /** the reader files this unit's report: its own, or a village's filled in by its township (代填, `proxy`) */
  mayPrepare: z.boolean(),
  proxy: z.boolean(),
});
export type DailyReportUnit = z.infer<typeof DailyReportUnit>;

export const DailyReportList = z.object({
  day: z.string(),
  today: z.string(),
  region: z
    .object({
      id: z.string(),
      name: z.string(),
      level: z.string(),
      path: z.string(),
      parentId: z.string().nullable(),
      parentInScope: z.boolean(),
    })
    .nullable(),
  units: z.array(DailyReportUnit),
});
export type DailyReportList = z.infer<typeof DailyReportList>;

export const DailyReportListQuery = z.object({
  day: CalendarDate.optional(),
  regionId: z.string().uuid().optional(),
});
export type DailyReportListQuery = z.infer<typeof DailyReportListQuery>;

/** Start (or recompute) a unit's draft of a day. Corrections and narrative are kept across recomputation. */
export const DailyReportDraftInput = z.object({
  regionId: z.string().uuid(),
  day: CalendarDate.optional(),
});
export type DailyReportDraftInput = z.infer<typeof DailyReportDraftInput>;

const Narrative = z.string().trim().max(4000).nullable().optional();

/**
 * Save corrections and narrative. A listed metric is set to `value` (a value equal to the computed
 * figure removes the correction); unlisted metrics keep theirs. A value that differs from the
 * computed figure needs a reason. Narrative fields left out are kept; null clears one.
 */
export const DailyReportUpdate = z.object({
  corrections: z
    .array(
      z.object({
        metric: MetricKey,
        value: z.number().int().min(0).max(100_000_000),
        reason: z.string().trim().max(500).optional(),
      }),
    )
    .max(METRICS.length)
    .optional(),
  assessment: Narrative,
  problems: Narrative,
  requests: Narrative,
});
export type DailyReportUpdate = z.infer<typeof DailyReportUpdate>;

export const DailyReportSubmit = z.object({
  /** required when some children have not submitted: what became of them */
  missingNote: z.string().trim().max(1000).optional(),
});
export type DailyReportSubmit = z.infer<typeof DailyReportSubmit>;

export const DailyReportReview = z.object({
  decision: z.enum(['reviewed', 'returned']),
  /** required to return a report: what to put right */
  note: z.string().trim().max(1000).optional(),
});
export type DailyReportReview = z.infer<typeof DailyReportReview>;

export const DailyReportAction = z.enum(['draft', 'refresh', 'save', 'submit', 'review', 'return']);
export type DailyReportAction = z.infer<typeof DailyReportAction>;

/** One saved state of a report, oldest first: what it held, who made it, and what changed. */
export const DailyReportVersion = z.object({
  seq: z.number().int(),
  version: z.number().int(),
  action: DailyReportAction,
  status: DailyReportStatus,
  at: z.string(),
  actorName: z.string().nullable(),
  /** 代填: the unit (a township) whose cadre made this state for the report's unit; null when the unit itself did */
  proxyUnit: z.string().nullable(),
  ...ReportContent.shape,
  note: z.string().nullable(),
  changes: z.array(
    z.object({
      field: z.string(),
      from: z.union([z.number(), z.string(), z.null()]),
      to: z.union([z.number(), z.string(), z.null()]),
    }),
  ),
});
export type DailyReportVersion = z.infer<typeof DailyReportVersion>;
