import { z } from 'zod';
import { CalendarDate, Instant } from './dates';
import { MAX_CELSIUS, MIN_CELSIUS, Symptom } from './screening';
import { MOBILE_PATTERN } from './validators';
import { nameText } from './text';

/** Kinds of checkpoint in the seeds: 高速出口, 省界, 国道, 村口, 小区门口, 车站/机场, 值班点. */
export const SiteKind = z.enum([
  'highway_exit',
  'provincial_border',
  'national_road',
  'village_entrance',
  'compound_gate',
  'station',
  'duty_point',
]);
export type SiteKind = z.infer<typeof SiteKind>;

export const SiteInput = z.object({
  name: nameText(100),
  kind: SiteKind,
  regionId: z.string().uuid(),
  address: z.string().trim().max(200).nullable().optional(),
  responsibleUnit: z.string().trim().max(100).nullable().optional(),
  leadName: z.string().trim().max(50).nullable().optional(),
  leadPhone: z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile').nullable().optional(),
  /** "24h" or "HH:MM-HH:MM" */
  hours: z
    .string()
    .trim()
    .regex(/^(24h|\d{2}:\d{2}-\d{2}:\d{2})$/, 'hours: 24h or HH:MM-HH:MM')
    .default('24h'),
  status: z.enum(['active', 'closed']).default('active'),
});
export type SiteInput = z.infer<typeof SiteInput>;

export const Site = SiteInput.extend({
  id: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  leadPhone: z.string().nullable(),
  createdAt: z.string(),
});
export type Site = z.infer<typeof Site>;

export const Direction = z.enum(['in', 'out']);
export const Decision = z.enum(['pass', 'turned_back', 'referred', 'isolated']);
export type Decision = z.infer<typeof Decision>;
export const VehicleType = z.enum(['car', 'bus', 'truck', 'van', 'motorcycle', 'tricycle', 'other', 'none']);

/**
 * Mainland plates: a province character, a letter, then 5 letters/digits (ordinary, 7 characters)
 * or 6 with D/F marking a new-energy vehicle (8 characters); police/coach-school/trailer/embassy/
 * consulate plates end in 警/学/挂/使/领 (embassy plates may also start with 使).
 */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
export const PLATE_PATTERN = new RegExp(
  `^(?:[${PROVINCES}][A-HJ-NP-Z](?:[A-HJ-NP-Z0-9]{5}|[DF][A-HJ-NP-Z0-9]{5}|[0-9]{5}[DF]|[A-HJ-NP-Z0-9]{4}[警学挂使领])|使[0-9]{6})$`,
);

export function normalisePlate(plate: string): string {
  return plate.replace(/[\s·•.-]/g, '').toUpperCase();
}

export const OccupantInput = z.object({
  /** A person already known (e.g. "same occupants as last time"). */
  personId: z.string().uuid().optional(),
  name: nameText(50).optional(),
  idNumber: z.string().trim().toUpperCase().max(30).optional(),
  phone: z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile').optional(),
  temperature: z.number().min(MIN_CELSIUS).max(MAX_CELSIUS),
  symptoms: z.array(Symptom).default([]),
});
export type OccupantInput = z.infer<typeof OccupantInput>;

/** One vehicle (or pedestrian) through a checkpoint, with every occupant. `id` is made by the client. */
export const PassageInput = z.object({
  id: z.string().uuid(),
  siteId: z.string().uuid(),
  at: Instant.optional(),
  direction: Direction,
  /** null for a pedestrian */
  plate: z.string().trim().max(12).nullable(),
  vehicleType: VehicleType.default('car'),
  origin: z.string().trim().max(100).nullable().optional(),
  destination: z.string().trim().max(100).nullable().optional(),
  purpose: z.string().trim().max(200).nullable().optional(),
  disinfected: z.boolean().default(false),
  leaflet: z.boolean().default(false),
  decision: Decision,
  occupants: z.array(OccupantInput).min(1).max(60),
});
export type PassageInput = z.infer<typeof PassageInput>;

export const Occupant = z.object({
  seq: z.number().int(),
  personId: z.string().nullable(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  temperature: z.number(),
  symptoms: z.array(z.string()),
  fever: z.boolean(),
});

export const Passage = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string().nullable(),
  at: z.string(),
  direction: Direction,
  plate: z.string().nullable(),
  vehicleType: z.string(),
  origin: z.string().nullable(),
  destination: z.string().nullable(),
  purpose: z.string().nullable(),
  disinfected: z.boolean(),
  leaflet: z.boolean(),
  decision: Decision,
  occupants: z.array(Occupant),
});
export type Passage = z.infer<typeof Passage>;

export const PassageQuery = z.object({
  siteId: z.string().uuid().optional(),
  plate: z.string().trim().max(12).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  decision: Decision.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type PassageQuery = z.infer<typeof PassageQuery>;

export const ShiftPlanInput = z.object({
  siteId: z.string().uuid(),
  /** first local day (YYYY-MM-DD) and how many days */
  fromDay: CalendarDate,
  days: z.number().int().min(1).max(31),
  /** shift starts in local hours, e.g. [0, 8, 16] for three 8-hour shifts */
  startHours: z.array(z.number().int().min(0).max(23)).min(1).max(24).default([0, 8, 16]),
});

export const AssignmentInput = z.object({
  userId: z.string().uuid().optional(),
  personId: z.string().uuid().optional(),
  name: z.string().trim().max(50).optional(),
});

export const DailyFigures = z.object({
  regionId: z.string().nullable(),
  siteId: z.string().nullable(),
  name: z.string(),
  vehicles: z.number().int(),
  people: z.number().int(),
  fevers: z.number().int(),
  turnedBack: z.number().int(),
  referred: z.number().int(),
});
