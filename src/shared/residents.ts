import { z } from 'zod';
import { CalendarDate } from './dates';
import { MOBILE_PATTERN } from './validators';
import { nameText } from './text';

/**
 * Identity documents: the mainland resident ID card (居民身份证), the residence permit for Hong Kong,
 * Macau and Taiwan residents (港澳台居民居住证, 18 characters starting 81/82/83 with the same MOD
 * 11-2 check), and a passport for foreigners (with nationality).
 */
export const IdType = z.enum(['resident_id', 'hmt_permit', 'passport']);
export type IdType = z.infer<typeof IdType>;

export const Sex = z.enum(['M', 'F']);
export type Sex = z.infer<typeof Sex>;

/** Flags that make a person someone to watch, and the vulnerabilities a grid worker notes. */
export const PersonTag = z.enum([
  'returnee', // 返乡人员
  'hubei_travel', // 14 天内湖北/武汉旅居史
  'contact_history', // 接触史
  'fever', // 发热
  'key_person', // 重点人员
  'elderly_alone', // 独居老人
  'chronic_illness', // 慢性病
  'pregnant', // 孕产妇
  'non_local', // 外地人员 (first met at a checkpoint)
  'unverified_identity', // 未核验身份: known by phone and name only (met at a checkpoint without an ID number)
]);
export type PersonTag = z.infer<typeof PersonTag>;
export const PERSON_TAGS = PersonTag.options;

export const Transport = z.enum(['train', 'plane', 'coach', 'self_drive', 'ship', 'other']);
export type Transport = z.infer<typeof Transport>;

export const Relation = z.enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'other']);
export type Relation = z.infer<typeof Relation>;

const LocalDate = CalendarDate;

const ReturneeInfo = z.object({
  from: z.string().trim().min(1).max(100),
  arrivalDate: LocalDate,
  transport: Transport,
  transportNo: z.string().trim().max(30).nullable().optional(),
});

/** A person's name is at most this many characters (𠮷 counts as one): the form, the API and the roster import. */
export const PERSON_NAME_MAX = 50;

export const PersonInput = z.object({
  name: nameText(PERSON_NAME_MAX),
  idType: IdType.default('resident_id'),
  idNumber: z.string().trim().toUpperCase().max(30).nullable().optional(),
  nationality: z.string().trim().max(50).nullable().optional(),
  sex: Sex.nullable().optional(),
  birthDate: LocalDate.nullable().optional(),
  phone: z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile').nullable().optional(),
  householdId: z.string().uuid().nullable().optional(),
  relation: Relation.nullable().optional(),
  /** Where the person is now; defaults to the household's building. */
  regionId: z.string().uuid().optional(),
  away: z.boolean().default(false),
  tags: z.array(PersonTag).default([]),
  returnee: ReturneeInfo.nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
  /** Create even though likely duplicates exist (the form has shown them). */
  confirmNotDuplicate: z.boolean().default(false),
});
export type PersonInput = z.infer<typeof PersonInput>;

/**
 * A correction (PATCH): only the fields sent change; a field left out keeps its value, `null`
 * clears it. `tags`, when sent, replace the person's tags.
 */
export const PersonPatch = PersonInput.omit({ idType: true, away: true, tags: true, confirmNotDuplicate: true })
  .partial()
  .extend({
    idType: IdType.optional(),
    away: z.boolean().optional(),
    tags: z.array(PersonTag).optional(),
  });
export type PersonPatch = z.infer<typeof PersonPatch>;

/**
 * Who a record is about, as every other feature shows it (an isolation episode, a case, a contact, a
 * referral): extend this schema, never copy its fields. ID number and phone are masked unless revealed.
 */
export const PersonSummary = z.object({
  personId: z.string(),
  personName: z.string(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  idNumber: z.string().nullable(),
  householdId: z.string().nullable(),
  address: z.string().nullable(),
  regionPath: z.string(),
  regionName: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const Person = z.object({
  id: z.string(),
  name: z.string(),
  idType: IdType,
  idNumber: z.string().nullable(),
  nationality: z.string().nullable(),
  sex: Sex.nullable(),
  birthDate: z.string().nullable(),
  phone: z.string().nullable(),
  householdId: z.string().nullable(),
  relation: z.string().nullable(),
  regionId: z.string(),
  regionPath: z.string(),
  regionName: z.string().nullable(),
  /** the household's address, if the person belongs to one */
  address: z.string().nullable(),
  away: z.boolean(),
  tags: z.array(PersonTag),
  returnee: ReturneeInfo.nullable(),
  note: z.string().nullable(),
  status: z.enum(['active', 'merged']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;

export const PersonSearchQuery = z.object({
  /** Name (simplified or traditional), pinyin or initials prefix, or a suffix of an ID number / phone. */
  q: z.string().trim().max(50).optional(),
  tag: PersonTag.optional(),
  regionId: z.string().uuid().optional(),
  householdId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type PersonSearchQuery = z.infer<typeof PersonSearchQuery>;

export const HouseholdInput = z.object({
  /** The building (楼栋/院) the household lives in. */
  regionId: z.string().uuid(),
  room: z.string().trim().max(50).nullable().optional(),
  address: z.string().trim().max(200).optional(),
  phone: z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile').nullable().optional(),
  vacant: z.boolean().default(false),
  note: z.string().trim().max(500).nullable().optional(),
});
export type HouseholdInput = z.infer<typeof HouseholdInput>;

/** A change to a household (PATCH): only the fields sent change. */
export const HouseholdPatch = HouseholdInput.omit({ regionId: true, vacant: true }).extend({
  regionId: z.string().uuid().optional(),
  vacant: z.boolean().optional(),
});
export type HouseholdPatch = z.infer<typeof HouseholdPatch>;

export const Household = z.object({
  id: z.string(),
  regionId: z.string(),
  regionPath: z.string(),
  regionName: z.string().nullable(),
  address: z.string(),
  room: z.string().nullable(),
  phone: z.string().nullable(),
  headPersonId: z.string().nullable(),
  headName: z.string().nullable(),
  vacant: z.boolean(),
  note: z.string().nullable(),
  memberCount: z.number().int(),
  createdAt: z.string(),
});
export type Household = z.infer<typeof Household>;

export const HouseholdSearchQuery = z.object({
  /** Room, address fragment, or head's name / pinyin prefix. */
  q: z.string().trim().max(50).optional(),
  regionId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type HouseholdSearchQuery = z.infer<typeof HouseholdSearchQuery>;

/** A roster import running in the background: poll it for the progress bar, then fetch the report. */
export const ImportJob = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(['running', 'done', 'failed', 'interrupted']),
  /** rows read so far (all rows when done) */
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  invalid: z.number(),
  warnings: z.number(),
  message: z.string().nullable(),
  /** why a failed import stopped, and where: a code of the error catalogue, the row and column (Excel letter) */
  error: z.object({ code: z.string(), row: z.number().nullable(), column: z.string().nullable() }).nullable(),
  hasReport: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
