import { z } from 'zod';
import { PersonSummary } from './residents';
import { CalendarDate } from './dates';
import { MAX_CELSIUS, MIN_CELSIUS, Symptom } from './screening';
import { MOBILE_PATTERN } from './validators';
import { nameText } from './text';

/** 居家隔离 / 集中隔离 (a room of a centralised site) / 住院. */
export const IsolationKind = z.enum(['home', 'centralised', 'hospital']);
export type IsolationKind = z.infer<typeof IsolationKind>;

/** Why someone is isolated; each reason has its own default length (settings `isolation.days.<reason>`). */
export const IsolationReason = z.enum([
  'hubei_returnee',
  'close_contact',
  'checkpoint_fever',
  'screening_referral',
  'other',
]);
export type IsolationReason = z.infer<typeof IsolationReason>;
export const DEFAULT_ISOLATION_DAYS = 14;

/** active → completed (期满解除) / hospital (转院) / lost (失访) / ended_early (提前解除, with a reason). */
export const EpisodeStatus = z.enum(['active', 'completed', 'hospital', 'lost', 'ended_early']);
export type EpisodeStatus = z.infer<typeof EpisodeStatus>;

export const SlotStatus = z.enum(['pending', 'filled', 'missed', 'cancelled']);
export type SlotStatus = z.infer<typeof SlotStatus>;
/** 正常 / 异常 / 未见到 / 拒绝配合 */
export const SlotCondition = z.enum(['well', 'unwell', 'not_seen', 'refused']);
export type SlotCondition = z.infer<typeof SlotCondition>;

/**
 * Follow-up windows in local time, by slots per day. Two a day (morning and evening) is the rule
 * in the seeds; a window's end plus the grace period is when an unfilled slot becomes "missed".
 * A county may override them in settings (`isolation.windows.<n>`).
 */
export const DEFAULT_WINDOWS: Record<number, readonly string[]> = {
  1: ['08:00-20:00'],
  2: ['07:00-12:00', '17:00-22:00'],
  3: ['06:00-10:00', '12:00-16:00', '18:00-22:00'],
  4: ['06:00-09:00', '10:00-13:00', '14:00-17:00', '18:00-21:00'],
};
export const DEFAULT_GRACE_MINUTES = 120;

export const EpisodeCommon = z.object({
  kind: IsolationKind,
  /** centralised: the site; a free room is picked unless roomId is given */
  siteId: z.string().uuid().optional(),
  roomId: z.string().uuid().optional(),
  reason: IsolationReason,
  reasonDetail: z.string().trim().max(200).nullable().optional(),
  /** first local day; today by default */
  startDay: CalendarDate.optional(),
  /** length in days; the reason's default (14) when absent */
  days: z.number().int().min(1).max(60).optional(),
  slotsPerDay: z.number().int().min(1).max(4).default(2),
  observerId: z.string().uuid().optional(),
  /** where the episode came from: a screening visit, a checkpoint passage, a contact … */
  sourceType: z.enum(['manual', 'screening_visit', 'passage', 'contact', 'bulk', 'household']).default('manual'),
  sourceId: z.string().max(100).optional(),
});

export const EpisodeInput = EpisodeCommon.extend({ personId: z.string().uuid() });
export type EpisodeInput = z.infer<typeof EpisodeInput>;

/** Many persons at once (a list from tracing or a bus), each gets its own episode; rooms assigned in order. */
export const BulkEpisodeInput = EpisodeCommon.extend({ personIds: z.array(z.string().uuid()).min(1).max(500) });
export type BulkEpisodeInput = z.infer<typeof BulkEpisodeInput>;

/** A whole household isolated together: an episode for every active member not already isolated. */
export const HouseholdEpisodeInput = EpisodeCommon.extend({ householdId: z.string().uuid() });
export type HouseholdEpisodeInput = z.infer<typeof HouseholdEpisodeInput>;

export const BulkEpisodeResult = z.object({
  created: z.array(z.object({ personId: z.string(), episodeId: z.string() })),
  skipped: z.array(z.object({ personId: z.string(), code: z.string(), message: z.string() })),
});
export type BulkEpisodeResult = z.infer<typeof BulkEpisodeResult>;

/** A change of an active episode; the observer can be changed but not removed (every active episode has one). */
export const EpisodeChange = z.object({
  observerId: z.string().uuid().optional(),
  plannedEndDay: CalendarDate.optional(),
  roomId: z.string().uuid().optional(),
});
export type EpisodeChange = z.infer<typeof EpisodeChange>;

/**
 * Who observes a person when nobody is named: the person answerable (包保) for their building, grid
 * or village, else a village doctor or grid worker bound there, else the user isolating them.
 */
export const ObserverBasis = z.enum(['responsibility', 'village_doctor', 'grid_worker', 'self']);
export type ObserverBasis = z.infer<typeof ObserverBasis>;
export const DefaultObserver = z.object({ observerId: z.string(), observerName: z.string(), basis: ObserverBasis });
export type DefaultObserver = z.infer<typeof DefaultObserver>;

/** The default observers of the persons a bulk form is about to isolate (at a site: the site's). */
export const DefaultObserverQuery = z.object({
  personIds: z.array(z.string().uuid()).min(1).max(500),
  siteId: z.string().uuid().optional(),
});

/** Many episodes get an observer in one action: the one named, or each its default. */
export const ObserverAssignment = z.object({
  episodeIds: z.array(z.string().uuid()).min(1).max(500),
  observerId: z.string().uuid().optional(),
});
export type ObserverAssignment = z.infer<typeof ObserverAssignment>;

export const ObserverAssignmentResult = z.object({
  changed: z.array(z.object({ episodeId: z.string(), observerId: z.string(), observerName: z.string() })),
  skipped: z.array(z.object({ episodeId: z.string(), code: z.string(), message: z.string() })),
});
export type ObserverAssignmentResult = z.infer<typeof ObserverAssignmentResult>;

export const EndEpisodeInput = z.object({
  status: z.enum(['completed', 'hospital', 'lost', 'ended_early']),
  /** required except for a completion at or after the planned end */
  reason: z.string().trim().max(300).optional(),
});
export type EndEpisodeInput = z.infer<typeof EndEpisodeInput>;

export const Episode = PersonSummary.extend({
  id: z.string(),
  phone: z.string().nullable(),
  regionId: z.string(),
  kind: IsolationKind,
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  roomId: z.string().nullable(),
  roomLabel: z.string().nullable(),
  reason: IsolationReason,
  reasonDetail: z.string().nullable(),
  sourceType: z.string().nullable(),
  sourceId: z.string().nullable(),
  startDay: z.string(),
  plannedEndDay: z.string(),
  /** 1-based day of the observation today (day 1 is startDay) */
  dayNumber: z.number().int(),
  slotsPerDay: z.number().int(),
  observerId: z.string().nullable(),
  observerName: z.string().nullable(),
  status: EpisodeStatus,
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  lastTemperature: z.number().nullable(),
  lastFilledAt: z.string().nullable(),
  missedCount: z.number().int(),
  certificateSerial: z.string().nullable(),
  createdAt: z.string(),
});
export type Episode = z.infer<typeof Episode>;

export const EpisodeQuery = z.object({
  status: EpisodeStatus.optional(),
  kind: IsolationKind.optional(),
  regionId: z.string().uuid().optional(),
  siteId: z.string().uuid().optional(),
  observerId: z.string().uuid().optional(),
  /** name, pinyin initials, ID or phone suffix */
  q: z.string().trim().max(50).optional(),
  /** only episodes whose planned end is on or before this day (who leaves when) */
  endingBy: CalendarDate.optional(),
  /** true: only active episodes nobody observes (to give them an observer) */
  unobserved: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type EpisodeQuery = z.infer<typeof EpisodeQuery>;

export const Slot = z.object({
  id: z.string(),
  episodeId: z.string(),
  personId: z.string(),
  day: z.string(),
  seq: z.number().int(),
  dueFrom: z.string(),
  dueTo: z.string(),
  /** pending slots past their window and grace read as 'missed' even before the sweeper marks them */
  status: SlotStatus,
  temperature: z.number().nullable(),
  symptoms: z.array(z.string()),
  condition: SlotCondition.nullable(),
  note: z.string().nullable(),
  via: z.enum(['observer', 'self']).nullable(),
  filledAt: z.string().nullable(),
});
export type Slot = z.infer<typeof Slot>;

/** What an observer writes into a slot. A temperature is required when the person was seen. */
export const SlotFill = z.object({
  temperature: z.number().min(MIN_CELSIUS).max(MAX_CELSIUS).nullable().optional(),
  symptoms: z.array(Symptom).default([]),
  condition: SlotCondition,
  note: z.string().trim().max(300).nullable().optional(),
});
export type SlotFill = z.infer<typeof SlotFill>;

/** One observer report for a household isolated together: one entry per member present. */
export const HouseholdFill = z.object({
  entries: z
    .array(SlotFill.extend({ episodeId: z.string().uuid() }))
    .min(1)
    .max(30),
});
export type HouseholdFill = z.infer<typeof HouseholdFill>;

/** The isolated person's own report through the self-report link (no login). */
export const SelfReportInput = z.object({
  temperature: z.number().min(MIN_CELSIUS).max(MAX_CELSIUS),
  symptoms: z.array(Symptom).default([]),
  note: z.string().trim().max(300).nullable().optional(),
});
export type SelfReportInput = z.infer<typeof SelfReportInput>;

/** "My people today" for an observer: each episode with today's slots, the ones due now first. */
export const TodayItem = z.object({
  episode: Episode,
  slots: z.array(Slot),
  /** the slot to fill now (open window), else the next pending one, else null */
  currentSlotId: z.string().nullable(),
  dueNow: z.boolean(),
  overdue: z.boolean(),
});
export type TodayItem = z.infer<typeof TodayItem>;

export const MissedSlot = z.object({
  slotId: z.string(),
  episodeId: z.string(),
  personId: z.string(),
  personName: z.string(),
  regionPath: z.string(),
  regionName: z.string().nullable(),
  observerId: z.string().nullable(),
  observerName: z.string().nullable(),
  day: z.string(),
  seq: z.number().int(),
  dueTo: z.string(),
  /** consecutive missed slots of this episode ending with this one */
  streak: z.number().int(),
});
export type MissedSlot = z.infer<typeof MissedSlot>;

export const MissedSummary = z.object({
  /** per observer and per unit (village) */
  byObserver: z.array(
    z.object({ observerId: z.string().nullable(), observerName: z.string().nullable(), missed: z.number().int() }),
  ),
  byUnit: z.array(
    z.object({ regionId: z.string().nullable(), regionName: z.string().nullable(), missed: z.number().int() }),
  ),
  items: z.array(MissedSlot),
});

export const NecessityKind = z.enum(['food', 'medicine', 'gas', 'other']);
export type NecessityKind = z.infer<typeof NecessityKind>;
export const NecessityStatus = z.enum(['open', 'assigned', 'fulfilled', 'cancelled']);

export const NecessityInput = z.object({
  kind: NecessityKind,
  detail: z.string().trim().max(300).nullable().optional(),
});
export type NecessityInput = z.infer<typeof NecessityInput>;

export const NecessityAction = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('assign'),
    assigneeName: z.string().trim().min(1).max(50),
    assigneeUserId: z.string().uuid().optional(),
  }),
  z.object({ action: z.literal('fulfil'), note: z.string().trim().max(300).optional() }),
  z.object({ action: z.literal('cancel'), note: z.string().trim().min(1).max(300) }),
]);
export type NecessityAction = z.infer<typeof NecessityAction>;

export const Necessity = z.object({
  id: z.string(),
  episodeId: z.string(),
  personId: z.string(),
  personName: z.string().nullable(),
  address: z.string().nullable(),
  regionPath: z.string(),
  kind: NecessityKind,
  detail: z.string().nullable(),
  status: NecessityStatus,
  via: z.enum(['observer', 'self']),
  requestedAt: z.string(),
  assigneeName: z.string().nullable(),
  assignedAt: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  /** minutes from request to fulfilment (or to now while open) */
  minutesTaken: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type Necessity = z.infer<typeof Necessity>;

export const IsolationSiteInput = z.object({
  name: nameText(100),
  regionId: z.string().uuid(),
  address: z.string().trim().max(200).nullable().optional(),
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile').nullable().optional(),
  status: z.enum(['active', 'closed']).default('active'),
});
export type IsolationSiteInput = z.infer<typeof IsolationSiteInput>;

/** Add rooms: explicit labels, or a numbered range ("101"–"120"). */
export const RoomsInput = z.object({
  labels: z.array(z.string().trim().min(1).max(20)).max(2000).optional(),
  from: z.number().int().min(1).max(99999).optional(),
  to: z.number().int().min(1).max(99999).optional(),
  capacity: z.number().int().min(1).max(10).default(1),
});
export type RoomsInput = z.infer<typeof RoomsInput>;

export const IsolationSite = IsolationSiteInput.extend({
  id: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  contactPhone: z.string().nullable(),
  rooms: z.number().int(),
  capacity: z.number().int(),
  occupied: z.number().int(),
  createdAt: z.string(),
});
export type IsolationSite = z.infer<typeof IsolationSite>;

export const Room = z.object({
  id: z.string(),
  label: z.string(),
  capacity: z.number().int(),
  status: z.enum(['available', 'closed']),
  occupants: z.array(
    z.object({
      episodeId: z.string(),
      personId: z.string(),
      personName: z.string(),
      startDay: z.string(),
      plannedEndDay: z.string(),
    }),
  ),
});
export type Room = z.infer<typeof Room>;

/** The public view of the self-report link: only what the isolated person needs, nothing of anyone else. */
export const SelfReportView = z.object({
  /** name with all but the first character masked */
  name: z.string(),
  startDay: z.string(),
  plannedEndDay: z.string(),
  dayNumber: z.number().int(),
  today: z.array(
    z.object({
      seq: z.number().int(),
      dueFrom: z.string(),
      dueTo: z.string(),
      status: SlotStatus,
      temperature: z.number().nullable(),
    }),
  ),
  canReportNow: z.boolean(),
  /** when the next report is due (its window opens), today or a later day; null when none is left */
  nextDueFrom: z.string().nullable(),
  /** the county's time zone: the page shows every time in it */
  timeZone: z.string(),
  /** whom to call: the observer, else the nearest 包保 contact of the place */
  contact: z.object({ name: z.string(), role: z.enum(['observer', 'responsible']), phone: z.string() }).nullable(),
  necessities: z.array(z.object({ kind: NecessityKind, status: NecessityStatus, requestedAt: z.string() })),
});
export type SelfReportView = z.infer<typeof SelfReportView>;

/** 居家医学观察期满证明: what the public verification page shows. */
export const CertificateView = z.object({
  serial: z.string(),
  valid: z.boolean(),
  name: z.string(),
  idNumber: z.string().nullable(),
  kind: IsolationKind,
  startDay: z.string(),
  endDay: z.string(),
  issuedAt: z.string(),
  issuer: z.string(),
});
export type CertificateView = z.infer<typeof CertificateView>;

const Window = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'window: HH:MM-HH:MM')
  .refine((w) => w.slice(0, 5) < w.slice(6), 'a window ends after it starts');

/** The county's isolation rules: length by reason, follow-up windows by slots per day, grace before "missed". */
export const IsolationSettings = z.object({
  daysByReason: z.record(IsolationReason, z.number().int().min(1).max(60)),
  windows: z.object({
    1: z.array(Window).length(1),
    2: z.array(Window).length(2),
    3: z.array(Window).length(3),
    4: z.array(Window).length(4),
  }),
  graceMinutes: z.number().int().min(0).max(720),
});
export type IsolationSettings = z.infer<typeof IsolationSettings>;
