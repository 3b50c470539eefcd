import { z } from 'zod';
import type { Role } from './enums';
import { MOBILE_PATTERN } from './validators';
import { nameText } from './text';
import { CalendarDate } from './dates';

/**
 * Party organisations and members (党组织 / 党员). A grassroots organisation belongs to a unit — a
 * county bureau, a school, a village, a company — so the organisations form a tree of their own
 * (党委 → 党总支 → 党支部), apart from the region tree; each still has a region for jurisdiction.
 * The seeds count 40,000 members in 1,400 branches in one city, 196,000 in 11,033 organisations in
 * another.
 */

/** Who manages organisations and members: the organisation department (组织部) and township cadres. */
export const ROLES_THAT_MANAGE_PARTY: readonly Role[] = ['admin', 'organisation', 'township'];
/** Who may read them: also the command centre. */
export const ROLES_THAT_READ_PARTY: readonly Role[] = ['admin', 'organisation', 'township', 'command'];

/** 党委 / 党总支 / 党支部 */
export const PartyOrgKind = z.enum(['committee', 'general_branch', 'branch']);
export type PartyOrgKind = z.infer<typeof PartyOrgKind>;

/** 机关 / 事业单位 / 学校 / 村 / 社区 / 企业 / 其他 */
export const PartyUnitType = z.enum(['organ', 'institution', 'school', 'village', 'community', 'enterprise', 'other']);
export type PartyUnitType = z.infer<typeof PartyUnitType>;

const Phone = z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile');

export const PartyOrgInput = z.object({
  /** the organisation above (null: a top-level committee) */
  parentId: z.string().uuid().nullable().optional(),
  /** the organisation's own code (组织代码), unique when given */
  code: z.string().trim().min(1).max(40).nullable().optional(),
  kind: PartyOrgKind,
  name: nameText(80),
  unitName: nameText(80),
  unitType: PartyUnitType,
  /** the region whose jurisdiction it falls under */
  regionId: z.string().uuid(),
  /** the secretary (书记), a registry person */
  secretaryPersonId: z.string().uuid().nullable().optional(),
  phone: Phone.nullable().optional(),
});
export type PartyOrgInput = z.infer<typeof PartyOrgInput>;

export const PartyOrgUpdate = PartyOrgInput.partial();
export type PartyOrgUpdate = z.infer<typeof PartyOrgUpdate>;

export const PartyOrg = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  code: z.string().nullable(),
  kind: PartyOrgKind,
  name: z.string(),
  unitName: z.string(),
  unitType: PartyUnitType,
  regionId: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  secretaryPersonId: z.string().nullable(),
  secretaryName: z.string().nullable(),
  /** masked (138****1234) */
  phone: z.string().nullable(),
  /** members whose organisational relationship is here: 正式 and 预备 */
  fullMembers: z.number().int(),
  probationaryMembers: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PartyOrg = z.infer<typeof PartyOrg>;

export const PartyOrgQuery = z.object({
  kind: PartyOrgKind.optional(),
  unitType: PartyUnitType.optional(),
  /** only organisations under this region */
  regionId: z.string().uuid().optional(),
  /** only the direct children of this organisation */
  parentId: z.string().uuid().optional(),
  /** name or unit name, pinyin or initials of the name */
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type PartyOrgQuery = z.infer<typeof PartyOrgQuery>;

/** One node of the organisation tree as the tree read returns it (flat; parentId links them). */
export const PartyOrgNode = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: PartyOrgKind,
  name: z.string(),
  unitName: z.string(),
  fullMembers: z.number().int(),
  probationaryMembers: z.number().int(),
});
export type PartyOrgNode = z.infer<typeof PartyOrgNode>;

/** 正式党员 / 预备党员 */
export const PartyMemberCategory = z.enum(['full', 'probationary']);
export type PartyMemberCategory = z.infer<typeof PartyMemberCategory>;

/** 正常 / 流动 (away from their branch for work) / 失联 (lost contact) */
export const PartyMemberStatus = z.enum(['normal', 'mobile', 'lost_contact']);
export type PartyMemberStatus = z.infer<typeof PartyMemberStatus>;

export const PartyMemberInput = z.object({
  name: nameText(50),
  idNumber: z.string().trim().toUpperCase().min(15).max(18),
  /** a contact phone: kept on the registry person when they have none */
  phone: Phone.nullable().optional(),
  /** the branch where the organisational relationship is (组织关系所在) */
  organisationId: z.string().uuid(),
  category: PartyMemberCategory,
  status: PartyMemberStatus.default('normal'),
  post: z.string().trim().max(50).nullable().optional(),
  joinedOn: CalendarDate.nullable().optional(),
});
export type PartyMemberInput = z.infer<typeof PartyMemberInput>;

export const PartyMemberUpdate = PartyMemberInput.omit({ name: true, idNumber: true, phone: true }).partial();
export type PartyMemberUpdate = z.infer<typeof PartyMemberUpdate>;

export const PartyMember = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  /** masked (1407**********1234) */
  idNumber: z.string().nullable(),
  /** the person's phone, masked */
  phone: z.string().nullable(),
  organisationId: z.string(),
  organisationName: z.string(),
  unitName: z.string(),
  regionPath: z.string(),
  category: PartyMemberCategory,
  status: PartyMemberStatus,
  post: z.string().nullable(),
  joinedOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PartyMember = z.infer<typeof PartyMember>;

export const PartyMemberQuery = z.object({
  organisationId: z.string().uuid().optional(),
  /** part of the unit's name */
  unit: z.string().trim().max(50).optional(),
  category: PartyMemberCategory.optional(),
  status: PartyMemberStatus.optional(),
  /** name, pinyin or initials; digits: the end of the ID number or phone */
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type PartyMemberQuery = z.infer<typeof PartyMemberQuery>;

export const PartyRevealField = z.enum(['idNumber', 'phone']);
export type PartyRevealField = z.infer<typeof PartyRevealField>;

/**
 * One township's party figures for a day (the organisation department's page, the big screen, the
 * daily report). Organisations and members count where their organisation is; members at the front
 * line count where they stand duty. The row of the county's own units (县直单位) has no township:
 * regionId null.
 */
export const PartyFiguresRow = z.object({
  /** the township's region path; the county's path for the county's own units */
  regionPath: z.string(),
  regionId: z.string().nullable(),
  name: z.string(),
  organisations: z.number().int(),
  /** 党支部 only */
  branches: z.number().int(),
  fullMembers: z.number().int(),
  probationaryMembers: z.number().int(),
  /** members on a checkpoint duty roster today (一线党员), each counted once */
  membersOnDuty: z.number().int(),
});
export type PartyFiguresRow = z.infer<typeof PartyFiguresRow>;

export const PartyFigures = z.object({ day: z.string(), rows: z.array(PartyFiguresRow), total: PartyFiguresRow });
export type PartyFigures = z.infer<typeof PartyFigures>;
