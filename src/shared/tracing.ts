import { z } from 'zod';
import { PersonSummary } from './residents';
import { CalendarDate, Instant } from './dates';
import { MOBILE_PATTERN } from './validators';
import { IsolationKind, IsolationReason } from './isolation';
import { nameText } from './text';

/** 疑似 / 确诊 / 无症状感染者 / 排除. */
export const CaseClassification = z.enum(['suspected', 'confirmed', 'asymptomatic', 'excluded']);
export type CaseClassification = z.infer<typeof CaseClassification>;
/** 治疗中 / 治愈出院 / 死亡. */
export const CaseOutcome = z.enum(['under_treatment', 'cured', 'deceased']);
export type CaseOutcome = z.infer<typeof CaseOutcome>;

export const CaseInput = z.object({
  personId: z.string().uuid(),
  classification: CaseClassification,
  outcome: CaseOutcome.default('under_treatment'),
  onsetDate: CalendarDate.nullable().optional(),
  reportDate: CalendarDate,
  /** where treated (定点医院) */
  treatedAt: z.string().trim().max(100).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export type CaseInput = z.infer<typeof CaseInput>;

/** A change of classification, outcome or dates; each change is kept in the case's history. */
export const CaseChange = z.object({
  classification: CaseClassification.optional(),
  outcome: CaseOutcome.optional(),
  onsetDate: CalendarDate.nullable().optional(),
  reportDate: CalendarDate.optional(),
  treatedAt: z.string().trim().max(100).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export type CaseChange = z.infer<typeof CaseChange>;

export const Case = PersonSummary.extend({
  id: z.string(),
  classification: CaseClassification,
  outcome: CaseOutcome,
  onsetDate: z.string().nullable(),
  reportDate: z.string(),
  treatedAt: z.string().nullable(),
  note: z.string().nullable(),
  /** the case this one was infected by (when it was first a contact of it) */
  sourceCaseId: z.string().nullable(),
  generation: z.number().int(),
  contacts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Case = z.infer<typeof Case>;

export const CaseHistoryEntry = z.object({
  at: z.string(),
  actorName: z.string().nullable(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});

export const CaseQuery = z.object({
  classification: CaseClassification.optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

/** How a contact met the case. */
export const ExposureType = z.enum([
  'household',
  'co_passenger',
  'same_vehicle',
  'same_room',
  'screening_visit',
  'other',
]);
export type ExposureType = z.infer<typeof ExposureType>;
/** 密切接触者 / 一般接触者. */
export const Closeness = z.enum(['close', 'casual']);

/** Why a person is proposed as a contact, with the record that shows it. */
const CandidateReason = z.object({
  type: ExposureType,
  sourceType: z.enum(['household', 'passage', 'isolation_room', 'screening_visit']),
  sourceId: z.string(),
  at: z.string().nullable(),
  /** e.g. "晋C60695 · 平遥高速口 · 01-20 20:03" */
  label: z.string(),
});

/** One occupant of one checkpoint passage. */
export const OccupantRef = z.object({ passageId: z.string().uuid(), seq: z.number().int().min(0) });
export type OccupantRef = z.infer<typeof OccupantRef>;

/** Register a traveller the checkpoints recorded but the registry does not know: their records, one traveller at a time. */
export const RegisterOccupantInput = z.object({ occupants: z.array(OccupantRef).min(1).max(50) });

export const Candidate = z.object({
  /** null: someone a checkpoint recorded (by name, maybe phone) whom the registry does not know yet — register them from `occupants` */
  personId: z.string().nullable(),
  /** for someone not registered: their checkpoint records (one per passage) */
  occupants: z.array(OccupantRef),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  regionName: z.string().nullable(),
  reasons: z.array(CandidateReason),
  /** already decided: a contact accepted or rejected before */
  decision: z.enum(['accepted', 'rejected']).nullable(),
  /** isolated now (any active episode) */
  isolated: z.boolean(),
  isCase: z.boolean(),
});
export type Candidate = z.infer<typeof Candidate>;

export const CandidateQuery = z.object({
  /** days before onset (or report) that count; 14 by default */
  days: z.coerce.number().int().min(1).max(30).default(14),
  /** ± hours around each passage for the same plate at other sites; 3 by default */
  hours: z.coerce.number().int().min(0).max(24).default(3),
});

const ContactInput = z.object({
  personId: z.string().uuid(),
  exposureType: ExposureType,
  exposureDate: CalendarDate.nullable().optional(),
  closeness: Closeness.default('close'),
  sourceType: z.string().max(30).nullable().optional(),
  sourceId: z.string().max(100).nullable().optional(),
  note: z.string().trim().max(300).nullable().optional(),
});

/** Accept or reject candidates (or add by hand), in bulk; accepted ones may go into isolation in the same action. */
export const ContactDecisions = z.object({
  accept: z.array(ContactInput).max(500).default([]),
  reject: z
    .array(z.object({ personId: z.string().uuid(), note: z.string().trim().max(300).nullable().optional() }))
    .max(500)
    .default([]),
  isolate: z
    .object({
      kind: IsolationKind.default('home'),
      siteId: z.string().uuid().optional(),
      reason: IsolationReason.default('close_contact'),
      observerId: z.string().uuid().optional(),
    })
    .optional(),
});
export type ContactDecisions = z.infer<typeof ContactDecisions>;

export const Contact = z.object({
  id: z.string(),
  caseId: z.string(),
  personId: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  regionName: z.string().nullable(),
  exposureType: ExposureType,
  exposureDate: z.string().nullable(),
  closeness: Closeness,
  decision: z.enum(['accepted', 'rejected']),
  sourceType: z.string().nullable(),
  sourceId: z.string().nullable(),
  note: z.string().nullable(),
  /** the contact's isolation now, if any */
  isolation: z
    .object({ episodeId: z.string(), status: z.string(), kind: z.string(), plannedEndDay: z.string() })
    .nullable(),
  /** the contact became a case */
  caseId2: z.string().nullable(),
  createdAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;

export const DecisionResult = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  isolated: z.array(z.object({ personId: z.string(), episodeId: z.string() })),
  notIsolated: z.array(z.object({ personId: z.string(), code: z.string(), message: z.string() })),
});

/** One event of a case's journey (轨迹). */
export const JourneyEvent = z.object({
  at: z.string(),
  type: z.enum(['passage', 'screening_visit', 'isolation', 'case']),
  place: z.string(),
  /** the event in simplified Chinese, for readers of the API; the web words it from `facts` */
  detail: z.string(),
  /** what the event says, as codes and values: the reader's UI words them in its language */
  facts: z.object({
    plate: z.string().nullable().optional(),
    direction: z.enum(['in', 'out']).optional(),
    origin: z.string().nullable().optional(),
    destination: z.string().nullable().optional(),
    /** a screening visit's outcome code */
    outcome: z.string().optional(),
    /** an isolation's days and status code */
    startDay: z.string().optional(),
    plannedEndDay: z.string().optional(),
    status: z.string().optional(),
  }),
  sourceId: z.string(),
  coTravellers: z.array(z.object({ personId: z.string().nullable(), name: z.string() })),
});
export type JourneyEvent = z.infer<typeof JourneyEvent>;

/** The transmission chain: cases and contacts as nodes, "infected / exposed" as links. */
export const ChainGraph = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      name: z.string(),
      kind: z.enum(['case', 'contact']),
      classification: CaseClassification.nullable(),
      generation: z.number().int(),
      cluster: z.number().int(),
    }),
  ),
  links: z.array(z.object({ source: z.string(), target: z.string(), exposureType: ExposureType })),
});
export type ChainGraph = z.infer<typeof ChainGraph>;

/** 寻人通告: by a vehicle and a time window, or a place and a time window. */
export const SeekNoticeInput = z.object({
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(3000),
  hotline: z.string().trim().min(3).max(50),
  /** the region it is addressed to */
  regionId: z.string().uuid(),
  kind: z.enum(['vehicle', 'place']),
  plate: z.string().trim().max(12).nullable().optional(),
  /** a checkpoint site, for a place notice */
  siteId: z.string().uuid().nullable().optional(),
  place: z.string().trim().max(200).nullable().optional(),
  windowFrom: Instant,
  windowTo: Instant,
  /** how many people the tracer expects to find */
  expected: z.number().int().min(0).max(10_000).nullable().optional(),
  caseId: z.string().uuid().nullable().optional(),
});
export type SeekNoticeInput = z.infer<typeof SeekNoticeInput>;

export const SeekNoticeStatus = z.enum(['draft', 'published', 'closed']);

export const FoundPerson = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  /** data: a checkpoint record; self_report: the public page; manual: a contact the tracer accepted */
  source: z.enum(['data', 'self_report', 'manual']),
  confirmed: z.boolean(),
  isolation: z.object({ episodeId: z.string(), status: z.string(), kind: z.string() }).nullable(),
  createdAt: z.string(),
});

export const SeekNotice = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  body: z.string(),
  hotline: z.string(),
  regionId: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  kind: z.enum(['vehicle', 'place']),
  plate: z.string().nullable(),
  siteId: z.string().nullable(),
  place: z.string().nullable(),
  windowFrom: z.string(),
  windowTo: z.string(),
  expected: z.number().int().nullable(),
  caseId: z.string().nullable(),
  status: SeekNoticeStatus,
  found: z.number().int(),
  confirmed: z.number().int(),
  reports: z.number().int(),
  pendingReports: z.number().int(),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type SeekNotice = z.infer<typeof SeekNotice>;

/** "I was there": what a member of the public sends through the notice's public page. */
export const SelfReportToSeekNotice = z.object({
  name: nameText(50),
  phone: z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile'),
  whereNow: z.string().trim().min(1).max(200),
  idNumber: z.string().trim().toUpperCase().max(30).nullable().optional(),
  seat: z.string().trim().max(20).nullable().optional(),
});
export type SelfReportToSeekNotice = z.infer<typeof SelfReportToSeekNotice>;

export const SeekNoticeReport = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  whereNow: z.string(),
  seat: z.string().nullable(),
  status: z.enum(['pending', 'confirmed', 'rejected']),
  /** the registry person it matched (by ID number, else phone + name), or the one a tracer chose */
  match: z.object({ personId: z.string(), name: z.string(), by: z.enum(['id_number', 'phone', 'tracer']) }).nullable(),
  createdAt: z.string(),
});

/** Someone a notice's passages show was there, but whom the registry does not know (recorded by name only). */
export const UnregisteredOccupant = z.object({
  passageId: z.string(),
  seq: z.number().int(),
  name: z.string(),
  phone: z.string().nullable(),
  at: z.string(),
  siteName: z.string(),
});
export type UnregisteredOccupant = z.infer<typeof UnregisteredOccupant>;

/** What the public page shows: the notice only, never who has been found or reported. */
export const PublicSeekNotice = z.object({
  title: z.string(),
  body: z.string(),
  hotline: z.string(),
  regionName: z.string().nullable(),
  plate: z.string().nullable(),
  place: z.string().nullable(),
  windowFrom: z.string(),
  windowTo: z.string(),
  publishedAt: z.string().nullable(),
  open: z.boolean(),
});
