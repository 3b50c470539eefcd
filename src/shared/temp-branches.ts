import { z } from 'zod';
import type { Role } from './enums';
import { nameText } from './text';
import { CalendarDate } from './dates';

/**
 * Temporary party branches (临时党支部) and compounds (小区). The seeds: "at any station with 3 or
 * more party members" a temporary branch is set up, "and at every compound of 300+ households or
 * 1,000+ residents without property management". A temporary branch gathers members from any branch
 * (they keep their home branch) at a post — a checkpoint, an isolation site, a hospital ward, a
 * compound or a working group — and ends when its post ends.
 */

/** Who sets up and closes branches and marks compounds: the organisation department and township cadres. */
export const ROLES_THAT_MANAGE_BRANCHES: readonly Role[] = ['admin', 'organisation', 'township'];
/** Who may read them and their flags: also the command centre. */
export const ROLES_THAT_READ_BRANCHES: readonly Role[] = ['admin', 'organisation', 'township', 'command'];
/** Who changes the county's thresholds. */
export const ROLES_THAT_SET_BRANCH_RULES: readonly Role[] = ['admin', 'organisation'];

/** 卡口 / 隔离点 / 医院病区 / 小区 / 工作组 */
export const BranchPostKind = z.enum(['checkpoint', 'isolation_site', 'ward', 'compound', 'working_group']);
export type BranchPostKind = z.infer<typeof BranchPostKind>;

const Note = z.string().trim().max(500).nullable().optional();

// ---- compounds ----

export const CompoundInput = z.object({
  /** the region node the compound is: usually a grid drawn round it, or a community */
  regionId: z.string().uuid(),
  /** defaults to the region's name */
  name: nameText(60).optional(),
  /** 有物业管理 */
  propertyManagement: z.boolean(),
  propertyCompany: z.string().trim().max(80).nullable().optional(),
  note: Note,
});
export type CompoundInput = z.infer<typeof CompoundInput>;

export const CompoundPatch = z
  .object({
    name: nameText(60),
    propertyManagement: z.boolean(),
    propertyCompany: z.string().trim().max(80).nullable(),
    note: z.string().trim().max(500).nullable(),
  })
  .partial();
export type CompoundPatch = z.infer<typeof CompoundPatch>;

export const Compound = z.object({
  id: z.string(),
  regionId: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  name: z.string(),
  propertyManagement: z.boolean(),
  propertyCompany: z.string().nullable(),
  note: z.string().nullable(),
  /** households and registered residents under the compound's region node, counted now */
  households: z.number(),
  residents: z.number(),
  /** the open temporary branch at the compound, if any */
  branchId: z.string().nullable(),
  updatedAt: z.string(),
});
export type Compound = z.infer<typeof Compound>;

export const CompoundQuery = z.object({
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type CompoundQuery = z.infer<typeof CompoundQuery>;

// ---- branches ----

export const BranchInput = z
  .object({
    name: nameText(80),
    postKind: BranchPostKind,
    /** the checkpoint site (postKind checkpoint) */
    checkpointSiteId: z.string().uuid().optional(),
    /** the isolation site (postKind isolation_site) */
    isolationSiteId: z.string().uuid().optional(),
    /** the compound (postKind compound) */
    compoundId: z.string().uuid().optional(),
    /** the ward or working group's name (postKind ward, working_group) */
    postName: z.string().trim().min(1).max(80).optional(),
    /** where a ward or working group is (its jurisdiction) */
    regionId: z.string().uuid().optional(),
    foundedOn: CalendarDate,
    /** the secretary (书记): a party member, who becomes the branch's first member */
    secretaryMemberId: z.string().uuid().optional(),
    note: Note,
  })
  .superRefine((b, ctx) => {
    const need = (field: keyof typeof b) => {
      if (b[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: 'required for this kind of post' });
    };
    if (b.postKind === 'checkpoint') need('checkpointSiteId');
    if (b.postKind === 'isolation_site') need('isolationSiteId');
    if (b.postKind === 'compound') need('compoundId');
    if (b.postKind === 'ward' || b.postKind === 'working_group') {
      need('postName');
      need('regionId');
    }
  });
export type BranchInput = z.infer<typeof BranchInput>;

export const BranchMemberInput = z.object({
  /** a party member (党员) of the actor's jurisdiction */
  partyMemberId: z.string().uuid(),
  role: z.enum(['secretary', 'member']).default('member'),
});
export type BranchMemberInput = z.infer<typeof BranchMemberInput>;

export const BranchCloseInput = z.object({ reason: z.string().trim().min(1).max(200) });
export type BranchCloseInput = z.infer<typeof BranchCloseInput>;

export const TempBranch = z.object({
  id: z.string(),
  name: z.string(),
  postKind: BranchPostKind,
  /** the site, compound, ward or working group's name */
  postName: z.string().nullable(),
  checkpointSiteId: z.string().nullable(),
  isolationSiteId: z.string().nullable(),
  compoundId: z.string().nullable(),
  regionId: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  foundedOn: z.string(),
  secretaryName: z.string().nullable(),
  members: z.number(),
  status: z.enum(['open', 'closed']),
  /** its post has ended (the checkpoint or isolation site closed, the compound unmarked): close it */
  postEnded: z.boolean(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  note: z.string().nullable(),
});
export type TempBranch = z.infer<typeof TempBranch>;

export const TempBranchMember = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  role: z.enum(['secretary', 'member']),
  /** the home branch (组织关系所在), kept while serving here; null: no longer a party member */
  homeBranch: z.string().nullable(),
  category: z.enum(['full', 'probationary']).nullable(),
  joinedAt: z.string(),
});
export type TempBranchMember = z.infer<typeof TempBranchMember>;

export const TempBranchDetail = z.object({ branch: TempBranch, members: z.array(TempBranchMember) });
export type TempBranchDetail = z.infer<typeof TempBranchDetail>;

export const BranchQuery = z.object({
  status: z.enum(['open', 'closed']).optional(),
  postKind: BranchPostKind.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type BranchQuery = z.infer<typeof BranchQuery>;

// ---- rules and flags ----

/** The county's thresholds; the defaults are the seeds' numbers. */
export const BranchRules = z.object({
  /** (a) party members on a site's duty roster … */
  stationMembers: z.number().int().min(1).max(100),
  /** … within this many days */
  rosterDays: z.number().int().min(1).max(60),
  /** (b) a compound of this many households … */
  compoundHouseholds: z.number().int().min(1).max(100_000),
  /** … or this many registered residents */
  compoundResidents: z.number().int().min(1).max(1_000_000),
  /** (c) the fewest formal (正式) members of an open branch */
  minFormalMembers: z.number().int().min(1).max(100),
});
export type BranchRules = z.infer<typeof BranchRules>;

export const DEFAULT_BRANCH_RULES: BranchRules = {
  stationMembers: 3,
  rosterDays: 7,
  compoundHouseholds: 300,
  compoundResidents: 1000,
  minFormalMembers: 3,
};

/** 应建未建 at a station / at a compound; 低于最低人数 */
export const BranchFlagKind = z.enum(['station_without_branch', 'compound_without_branch', 'below_minimum']);
export type BranchFlagKind = z.infer<typeof BranchFlagKind>;

/** A party member behind a flag: on a site's roster, or in a branch. */
export const FlagMember = z.object({
  personId: z.string(),
  name: z.string(),
  homeBranch: z.string().nullable(),
  category: z.enum(['full', 'probationary']).nullable(),
});

/** One flag with the data that caused it. */
export const BranchFlag = z.object({
  kind: BranchFlagKind,
  regionPath: z.string(),
  /** the checkpoint or isolation site (station_without_branch) */
  site: z.object({ id: z.string(), name: z.string(), kind: z.enum(['checkpoint', 'isolation_site']) }).nullable(),
  /** the compound and its counts (compound_without_branch) */
  compound: z
    .object({ id: z.string(), name: z.string(), regionId: z.string(), households: z.number(), residents: z.number() })
    .nullable(),
  /** the branch and its formal members (below_minimum) */
  branch: z.object({ id: z.string(), name: z.string(), formalMembers: z.number(), members: z.number() }).nullable(),
  /** the party members on the roster (station) or in the branch (below_minimum) */
  members: z.array(FlagMember),
});
export type BranchFlag = z.infer<typeof BranchFlag>;

export const BranchFlags = z.object({ rules: BranchRules, flags: z.array(BranchFlag) });
export type BranchFlags = z.infer<typeof BranchFlags>;
