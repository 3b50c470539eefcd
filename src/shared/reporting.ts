import { z } from 'zod';
import type { Role } from './enums';
import { MOBILE_PATTERN } from './validators';
import { nameText } from './text';

/**
 * 在职党员到社区报到: a party member whose organisational relationship is in a unit's branch (a
 * county bureau, a school, a company — not a village or community branch) reports in to the
 * community (a village-level region) where they live, and the community puts them on a post. The
 * county watches the 报到率 per unit and per community. One record per member: reporting again is
 * the same record, reporting to another community moves it (the history keeps where they were).
 */

/** Who keeps a community's reports (enters members, assigns posts, marks 已到岗): the community's cadres too. */
export const ROLES_THAT_KEEP_REPORTS: readonly Role[] = ['admin', 'command', 'organisation', 'township', 'grid'];
/** Who reads the county's 报到率. */
export const ROLES_THAT_READ_REPORTING_RATES: readonly Role[] = ['admin', 'command', 'organisation', 'township'];

/** 卡口值守 / 入户排查 / 宣传引导 / 代购代送 / 秩序维护 / 其他 */
export const ReportingPost = z.enum(['checkpoint', 'door_to_door', 'publicity', 'errands', 'order', 'other']);
export type ReportingPost = z.infer<typeof ReportingPost>;

/** The Chinese names of the posts, for spreadsheets and print (the web has its own dictionaries). */
export const REPORTING_POST_LABELS: Record<ReportingPost, string> = {
  checkpoint: '卡口值守',
  door_to_door: '入户排查',
  publicity: '宣传引导',
  errands: '代购代送',
  order: '秩序维护',
  other: '其他',
};

const Phone = z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile');

/** What a member types on the community's public page, checked against the party roll. */
export const ReportInInput = z.object({
  name: nameText(50),
  idNumber: z.string().trim().toUpperCase().min(15).max(18),
  phone: Phone,
});
export type ReportInInput = z.infer<typeof ReportInInput>;

/** A cadre entering a member's report: the same check, for a community of their jurisdiction. */
export const CadreReportInput = ReportInInput.extend({
  phone: Phone.nullable().optional(),
  communityId: z.string().uuid(),
});
export type CadreReportInput = z.infer<typeof CadreReportInput>;

/** The public page's header: which community this link reports to. Nothing private. */
export const ReportingLinkView = z.object({
  communityName: z.string(),
  townshipName: z.string().nullable(),
});
export type ReportingLinkView = z.infer<typeof ReportingLinkView>;

/** What the member is told after reporting: no personal data comes back. */
export const ReportInResult = z.object({
  outcome: z.enum(['reported', 'already', 'moved']),
  communityName: z.string(),
});
export type ReportInResult = z.infer<typeof ReportInResult>;

/** A community's poster link (a stable, unguessable slug). */
export const ReportingLink = z.object({
  communityId: z.string(),
  communityName: z.string(),
  slug: z.string(),
  /** the page's path; the web prefixes the address it is served from */
  path: z.string(),
});
export type ReportingLink = z.infer<typeof ReportingLink>;

export const PartyReport = z.object({
  id: z.string(),
  memberId: z.string(),
  personId: z.string(),
  name: z.string(),
  /** masked */
  idNumber: z.string().nullable(),
  /** masked */
  phone: z.string().nullable(),
  organisationName: z.string(),
  unitName: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  regionPath: z.string(),
  source: z.enum(['self', 'cadre', 'pledge']),
  post: ReportingPost.nullable(),
  postNote: z.string().nullable(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  shiftAssignmentId: z.string().nullable(),
  onPostAt: z.string().nullable(),
  reportedAt: z.string(),
  updatedAt: z.string(),
});
export type PartyReport = z.infer<typeof PartyReport>;

export const PartyReportQuery = z.object({
  /** a community (or any region: its subtree) */
  regionId: z.string().uuid().optional(),
  post: ReportingPost.optional(),
  /** unassigned: no post yet; assigned: a post but not yet arrived; on_post: 已到岗 */
  state: z.enum(['unassigned', 'assigned', 'on_post']).optional(),
  /** name, pinyin or initials; digits: the end of the ID number or phone */
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type PartyReportQuery = z.infer<typeof PartyReportQuery>;

/** Put a reported member on a post; 卡口值守 may name a checkpoint site and a shift there. */
export const AssignPostInput = z.object({
  post: ReportingPost,
  note: z.string().trim().max(100).nullable().optional(),
  siteId: z.string().uuid().nullable().optional(),
  /** a duty shift of that site: the member is put on it through checkpoints */
  shiftId: z.string().uuid().nullable().optional(),
});
export type AssignPostInput = z.infer<typeof AssignPostInput>;

export const ReportRevealField = z.enum(['idNumber', 'phone']);

/** 报到率 of one unit: members of its branches (unit branches only) and how many reported. */
export const UnitReportingRate = z.object({
  unitName: z.string(),
  members: z.number().int(),
  reported: z.number().int(),
  onPost: z.number().int(),
  /** reported / members, 0..1 */
  rate: z.number(),
});
export type UnitReportingRate = z.infer<typeof UnitReportingRate>;

/** One community's reports: reported, put on a post, 已到岗. */
export const CommunityReportingRate = z.object({
  communityId: z.string(),
  communityName: z.string(),
  townshipName: z.string().nullable(),
  reported: z.number().int(),
  assigned: z.number().int(),
  onPost: z.number().int(),
});
export type CommunityReportingRate = z.infer<typeof CommunityReportingRate>;

export const ReportingRates = z.object({
  units: z.array(UnitReportingRate),
  communities: z.array(CommunityReportingRate),
  totals: z.object({ members: z.number().int(), reported: z.number().int(), onPost: z.number().int() }),
});
export type ReportingRates = z.infer<typeof ReportingRates>;
