import { z } from 'zod';
import { CalendarDate, Instant } from './dates';
import { nameText } from './text';

/** Body temperature accepted by forms (°C); at or above FEVER_CELSIUS is a fever. */
export const MIN_CELSIUS = 34.0;
export const MAX_CELSIUS = 43.0;
export const FEVER_CELSIUS = 37.3;

export const VisitOutcome = z.enum(['no_risk', 'key_person', 'refer', 'not_home']);
export type VisitOutcome = z.infer<typeof VisitOutcome>;

export const Symptom = z.enum([
  'fever',
  'cough',
  'fatigue',
  'short_breath',
  'diarrhoea',
  'smell_taste',
  'sore_throat',
  'other',
]);
export type Symptom = z.infer<typeof Symptom>;

/** Symptoms as the server words them in the texts it writes (alerts, the daily report): simplified Chinese. */
export const SYMPTOM_ZH: Readonly<Record<Symptom, string>> = {
  fever: '发热',
  cough: '咳嗽',
  fatigue: '乏力',
  short_breath: '气促',
  diarrhoea: '腹泻',
  smell_taste: '嗅觉味觉减退',
  sore_throat: '咽痛',
  other: '其他不适',
};

export const RoundInput = z.object({
  name: nameText(100),
  startDate: CalendarDate,
  endDate: CalendarDate,
  regionIds: z.array(z.string().uuid()).min(1).max(500),
});
export type RoundInput = z.infer<typeof RoundInput>;

export const Round = z.object({
  id: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(['open', 'closed']),
  regions: z.array(z.object({ id: z.string(), name: z.string(), path: z.string() })),
  createdAt: z.string(),
});
export type Round = z.infer<typeof Round>;

/** Why a person present has no temperature: 拒测 (refused) / 未测量 (not measured — no thermometer, asleep …). */
export const TemperatureMissing = z.enum(['refused', 'not_measured']);
export type TemperatureMissing = z.infer<typeof TemperatureMissing>;

/**
 * One person's check at the door. Each person present has a temperature, or the reason there is
 * none (temperatureMissing) with a note saying what happened; a visit is only 无风险 when everyone
 * present was measured.
 */
export const PersonCheck = z.object({
  personId: z.string().uuid(),
  present: z.boolean(),
  temperature: z.number().min(MIN_CELSIUS).max(MAX_CELSIUS).nullable().optional(),
  temperatureMissing: TemperatureMissing.nullable().optional(),
  temperatureNote: z.string().trim().max(200).nullable().optional(),
  symptoms: z.array(Symptom).default([]),
  hubeiTravel: z.boolean().default(false),
  contactHistory: z.boolean().default(false),
  travelNote: z.string().trim().max(200).nullable().optional(),
});
export type PersonCheck = z.infer<typeof PersonCheck>;

/** One call at a household's door. `id` may be made by the client so a retried send stores once. */
export const VisitInput = z.object({
  id: z.string().uuid().optional(),
  roundId: z.string().uuid(),
  householdId: z.string().uuid(),
  visitedAt: Instant.optional(),
  outcome: VisitOutcome,
  note: z.string().trim().max(500).nullable().optional(),
  checks: z.array(PersonCheck).max(50).default([]),
});
export type VisitInput = z.infer<typeof VisitInput>;

export const Visit = z.object({
  id: z.string(),
  roundId: z.string(),
  householdId: z.string(),
  visitedAt: z.string(),
  workerId: z.string(),
  workerName: z.string().nullable(),
  outcome: VisitOutcome,
  note: z.string().nullable(),
  keyPersons: z.array(z.string()),
  checks: z.array(PersonCheck.extend({ name: z.string().nullable(), fever: z.boolean() })),
});
export type Visit = z.infer<typeof Visit>;

export const CoverageRow = z.object({
  regionId: z.string(),
  name: z.string(),
  code: z.string(),
  level: z.string(),
  households: z.number().int(),
  visited: z.number().int(),
  notHome: z.number().int(),
  never: z.number().int(),
  /** visited / households, 0–1 */
  rate: z.number(),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export const CoverageQuery = z.object({
  level: z.enum(['township', 'village', 'grid']).default('grid'),
  under: z.string().uuid().optional(),
});

export const GapHousehold = z.object({
  householdId: z.string(),
  address: z.string(),
  headName: z.string().nullable(),
  regionPath: z.string(),
  status: z.enum(['never', 'not_home']),
  lastVisitAt: z.string().nullable(),
});
export type GapHousehold = z.infer<typeof GapHousehold>;

export const WorkerProgress = z.object({
  workerId: z.string(),
  workerName: z.string().nullable(),
  displayName: z.string().nullable(),
  visits: z.number().int(),
  households: z.number().int(),
  notHome: z.number().int(),
  lastVisitAt: z.string().nullable(),
});

export const Alert = z.object({
  id: z.string(),
  kind: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  regionPath: z.string(),
  sourceType: z.string(),
  sourceId: z.string().nullable(),
  message: z.string(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  /** the referral this alert announces, to record where the person went and what the clinic found */
  referralId: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

/** A region path: '/', or segments each closed by '/'. */
const RegionPathParam = z
  .string()
  .max(300)
  .regex(/^\/(?:[^/]+\/)*$/, 'region: a region path');

/** The alerts list: open ones or all, of one kind, in one township (a region path inside my jurisdiction). */
export const AlertsQuery = z.object({
  open: z.enum(['true', 'false']).optional(),
  kind: z.string().trim().min(1).max(40).optional(),
  region: RegionPathParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type AlertsQuery = z.infer<typeof AlertsQuery>;

/** Alerts counted by kind and by township (townshipId null: above any township). */
export const AlertGroups = z.object({
  kinds: z.array(z.object({ kind: z.string(), count: z.number().int() })),
  townships: z.array(
    z.object({
      townshipId: z.string().nullable(),
      name: z.string().nullable(),
      regionPath: z.string().nullable(),
      count: z.number().int(),
    }),
  ),
});
export type AlertGroups = z.infer<typeof AlertGroups>;

/** Acknowledge many alerts at once. */
export const AlertsAck = z.object({ ids: z.array(z.string().uuid()).min(1).max(500) });
export type AlertsAck = z.infer<typeof AlertsAck>;
