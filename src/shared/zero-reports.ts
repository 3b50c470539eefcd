import { z } from 'zod';
import { CalendarDate } from './dates';

/**
 * The daily zero report (零报告): every reporting unit — each village/community, each checkpoint,
 * each centralised isolation site — reports once a day before a deadline, even when every figure is
 * zero, so silence is itself the alarm. Qunfang pre-fills the figures from what it already knows;
 * the unit confirms them or corrects one with a reason.
 *
 * The report of day D covers:
 * - flows (new returnees, households screened, fevers, new isolations, missed follow-ups, passages,
 *   people checked, turned back): the whole previous local day, D−1 00:00 to D 00:00;
 * - stocks (people in isolation): as of the moment the form is computed, never later than the end of D.
 * A day is a CalendarDate (shared/dates.ts).
 */

/** 村/社区 · 卡口 · 集中隔离点 */
export const ZeroReportUnitType = z.enum(['village', 'checkpoint_site', 'isolation_site']);
export type ZeroReportUnitType = z.infer<typeof ZeroReportUnitType>;
export const ZERO_REPORT_UNIT_TYPES = ZeroReportUnitType.options;

/** Every figure a zero report can carry; which ones a unit reports depends on its type (FIGURES_OF). */
export const ZeroReportFigureKey = z.enum([
  'newReturnees', // 新增返乡人员 (persons tagged returnee during the day)
  'householdsScreened', // 入户排查户数 (households visited and found at home)
  'fevers', // 发现发热 (≥ 37.3 °C at a door, at the barrier, or at a follow-up)
  'newIsolations', // 新增隔离观察
  'inIsolation', // 在观察人数 (a stock)
  'followUpsMissed', // 漏访 (follow-up slots due that day and not filled)
  'passages', // 登记车辆/人次 (passages registered)
  'peopleChecked', // 测温人数 (occupants checked)
  'turnedBack', // 劝返
]);
export type ZeroReportFigureKey = z.infer<typeof ZeroReportFigureKey>;

/** The figures each kind of unit reports, in the order the form shows them. */
export const FIGURES_OF: Record<ZeroReportUnitType, readonly ZeroReportFigureKey[]> = {
  village: ['newReturnees', 'householdsScreened', 'fevers', 'newIsolations', 'inIsolation', 'followUpsMissed'],
  checkpoint_site: ['passages', 'peopleChecked', 'fevers', 'turnedBack'],
  isolation_site: ['newIsolations', 'inIsolation', 'followUpsMissed', 'fevers'],
};

export const ZeroReportFigures = z.partialRecord(ZeroReportFigureKey, z.number().int().min(0));
export type ZeroReportFigures = z.infer<typeof ZeroReportFigures>;

/** A figure the unit changed: what Qunfang computed, what the unit reports, and why. */
export const ZeroReportCorrection = z.object({
  field: ZeroReportFigureKey,
  computed: z.number().int(),
  value: z.number().int(),
  reason: z.string(),
});
export type ZeroReportCorrection = z.infer<typeof ZeroReportCorrection>;

/**
 * A unit's submission. Figures not corrected are Qunfang's own (nobody retypes what the system
 * knows); a correction whose value differs from the computed figure needs a reason.
 */
export const ZeroReportSubmission = z.object({
  unitType: ZeroReportUnitType,
  unitId: z.string().uuid(),
  /** the local day reported; today (the county's) when absent */
  day: CalendarDate.optional(),
  corrections: z
    .array(
      z.object({
        field: ZeroReportFigureKey,
        value: z.number().int().min(0).max(1_000_000),
        reason: z.string().trim().max(200).optional(),
      }),
    )
    .max(ZeroReportFigureKey.options.length)
    .default([])
    .refine((list) => new Set(list.map((c) => c.field)).size === list.length, 'each figure at most once'),
  remarks: z.string().trim().max(500).nullable().optional(),
});
export type ZeroReportSubmission = z.input<typeof ZeroReportSubmission>;

export const ZeroReportUnit = z.object({
  unitType: ZeroReportUnitType,
  unitId: z.string(),
  name: z.string(),
  regionPath: z.string(),
  /** the township/street the unit lies in, null for a unit registered at county level */
  townshipName: z.string().nullable(),
});
export type ZeroReportUnit = z.infer<typeof ZeroReportUnit>;

export const ZeroReport = z.object({
  id: z.string(),
  unitType: ZeroReportUnitType,
  unitId: z.string(),
  regionPath: z.string(),
  day: z.string(),
  figures: ZeroReportFigures,
  computed: ZeroReportFigures,
  corrections: z.array(ZeroReportCorrection),
  remarks: z.string().nullable(),
  /** the first submission for the day came before the deadline (a later correction does not change it) */
  onTime: z.boolean(),
  version: z.number().int(),
  submittedBy: z.string().nullable(),
  submittedByName: z.string().nullable(),
  submittedAt: z.string(),
});
export type ZeroReport = z.infer<typeof ZeroReport>;

/** The pre-filled form for one unit and day. */
export const ZeroReportDraft = z.object({
  unit: ZeroReportUnit,
  day: z.string(),
  /** the flows cover [from, to): the previous local day */
  period: z.object({ from: z.string(), to: z.string() }),
  /** the instant the stocks were counted at */
  asOf: z.string(),
  deadline: z.string(),
  deadlineAt: z.string(),
  deadlinePassed: z.boolean(),
  fields: z.array(ZeroReportFigureKey),
  computed: ZeroReportFigures,
  /** the latest version already submitted for this day, if any */
  report: ZeroReport.nullable(),
});
export type ZeroReportDraft = z.infer<typeof ZeroReportDraft>;

export const ZeroReportSubmitResult = z.object({
  report: ZeroReport,
  /** false when the same content was sent again (a retry): no new version was written */
  created: z.boolean(),
});

/** A unit the user may report for, with where its report of the day stands. */
export const ZeroReportUnitStatus = ZeroReportUnit.extend({
  report: z
    .object({ id: z.string(), version: z.number().int(), onTime: z.boolean(), submittedAt: z.string() })
    .nullable(),
});
export type ZeroReportUnitStatus = z.infer<typeof ZeroReportUnitStatus>;

/** Reported and on-time counts of a group of units on one day. Rates are reported/units and onTime/units. */
export const ZeroReportCounts = z.object({
  units: z.number().int(),
  reported: z.number().int(),
  onTime: z.number().int(),
});
export type ZeroReportCounts = z.infer<typeof ZeroReportCounts>;

export const ZeroReportAnswerable = z.object({
  name: z.string(),
  post: z.string(),
  phone: z.string().nullable(),
  regionName: z.string().nullable(),
});

/** The command centre's view of one day: who has not reported, and per township completeness and timeliness. */
export const ZeroReportStatus = z.object({
  day: z.string(),
  deadline: z.string(),
  deadlineAt: z.string(),
  deadlinePassed: z.boolean(),
  totals: ZeroReportCounts,
  townships: z.array(ZeroReportCounts.extend({ townshipId: z.string().nullable(), name: z.string().nullable() })),
  /** units without a report for the day (late once the deadline has passed), with their 包保 answerable person (phone masked) */
  missing: z.array(ZeroReportUnit.extend({ answerable: ZeroReportAnswerable.nullable(), escalated: z.boolean() })),
  /** the most recent submissions of the day */
  latest: z.array(
    ZeroReportUnit.extend({
      reportId: z.string(),
      version: z.number().int(),
      onTime: z.boolean(),
      submittedAt: z.string(),
    }),
  ),
  /** the 14 days before `day` and `day` itself, oldest first */
  history: z.array(
    ZeroReportCounts.extend({
      day: z.string(),
      townships: z.array(ZeroReportCounts.extend({ townshipId: z.string().nullable() })),
    }),
  ),
});
export type ZeroReportStatus = z.infer<typeof ZeroReportStatus>;

export const DEFAULT_ZERO_REPORT_DEADLINE = '10:00';
/** How many days before today a unit may still file (补报) and the status view looks back. */
export const ZERO_REPORT_HISTORY_DAYS = 14;

/** The county's zero-report settings (admin, command centre). */
export const ZeroReportSettings = z.object({
  /** local time HH:MM by which the day's report is due */
  deadline: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time: HH:MM'),
  /** which kinds of unit report */
  unitKinds: z
    .array(ZeroReportUnitType)
    .min(1)
    .refine((k) => new Set(k).size === k.length, 'each kind once'),
});
export type ZeroReportSettings = z.infer<typeof ZeroReportSettings>;
