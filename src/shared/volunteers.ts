import { z } from 'zod';
import type { Role } from './enums';
import { nameText } from './text';
import { MOBILE_PATTERN } from './validators';
import { CalendarDate } from './dates';
import { Skill, SKILLS } from './callouts';

/**
 * Volunteers (志愿者) and their groups of 3–5 (志愿服务小组). In the seeds 50 villagers of one
 * village volunteered in groups of 3–5 to put up posters, hand out the 倡议书, persuade families to
 * cancel banquets and register outsiders; one county had 287 volunteer teams. A volunteer is a
 * registry person (one ID number, one person), serving in a village or community. The skills are
 * the call-outs' skills, so "everyone with skill X in township Y" finds volunteers and team members alike.
 */
export { Skill, SKILLS };

/** Who keeps the volunteer registry: the organisation department, township and village cadres. */
export const ROLES_THAT_MANAGE_VOLUNTEERS: readonly Role[] = ['admin', 'organisation', 'township', 'grid'];
/** Who may read it: also the command centre. */
export const ROLES_THAT_READ_VOLUNTEERS: readonly Role[] = ['admin', 'organisation', 'township', 'grid', 'command'];

/** 待审核 / 在册 / 暂停 / 已退出 */
export const VolunteerStatus = z.enum(['pending', 'active', 'suspended', 'left']);
export type VolunteerStatus = z.infer<typeof VolunteerStatus>;
export const VolunteerSource = z.enum(['self', 'cadre']);
export type VolunteerSource = z.infer<typeof VolunteerSource>;

/** 'HH:MM', 00:00–23:59, or 24:00 (the end of the day). */
export const ClockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'time: HH:MM');

/** A weekly time range: weekday 1 (Monday) – 7 (Sunday), from < to; a night spans two ranges. */
export const AvailabilitySlot = z
  .object({ weekday: z.number().int().min(1).max(7), from: ClockTime, to: ClockTime })
  .refine((s) => s.from < s.to, 'availability: from must be before to');
export type AvailabilitySlot = z.infer<typeof AvailabilitySlot>;
const Availability = z.array(AvailabilitySlot).max(28);

/**
 * The health declaration a township asks of a volunteer (健康申报): fever or cough in the last 14
 * days, contact with a confirmed or suspected case, travel from a risk area — and if so where and
 * when they came back.
 */
export const HealthDeclaration = z
  .object({
    feverOrCough14Days: z.boolean(),
    caseContact: z.boolean(),
    riskAreaTravel: z.boolean(),
    riskArea: z.string().trim().max(50).nullable().optional(),
    riskAreaReturnedOn: CalendarDate.nullable().optional(),
  })
  .refine((h) => !h.riskAreaTravel || !!h.riskAreaReturnedOn, {
    message: 'riskAreaReturnedOn: the date of return is required after travel from a risk area',
    path: ['riskAreaReturnedOn'],
  });
export type HealthDeclaration = z.infer<typeof HealthDeclaration>;

/** A declaration with any "yes": the cadre sees it flagged before approving. */
export function declarationNeedsReview(h: HealthDeclaration | null): boolean {
  return !!h && (h.feverOrCough14Days || h.caseContact || h.riskAreaTravel);
}

/** The comma-separated skills column ('driver,medical') as a list in the catalogue's order. */
export function skillsOf(column: string): Skill[] {
  const have = new Set(column.split(','));
  return SKILLS.filter((s) => have.has(s));
}

const Skills = z
  .array(Skill)
  .max(SKILLS.length)
  .transform((s) => [...new Set(s)]);
const Phone = z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile');

/** What a volunteer says about themselves, on the public page or to a cadre. */
const SignupFields = {
  name: nameText(50),
  /** a mainland resident ID number (18 characters, check digit verified) */
  idNumber: z.string().trim().toUpperCase().length(18),
  phone: Phone,
  skills: Skills.default([]),
  availability: Availability.default([]),
  healthDeclaration: HealthDeclaration,
};

/** A villager signing up on the public page (the region comes from the link). */
export const PublicVolunteerSignup = z.object(SignupFields);
export type PublicVolunteerSignup = z.infer<typeof PublicVolunteerSignup>;

/** A cadre signing someone up: the village or community they serve in; they may be approved at once. */
export const VolunteerInput = z.object({
  ...SignupFields,
  regionId: z.string().uuid(),
  note: z.string().trim().max(500).nullable().optional(),
  /** a cadre who knows the person approves them in the same step */
  approve: z.boolean().default(false),
});
export type VolunteerInput = z.infer<typeof VolunteerInput>;

/** What a cadre may change (the person's name and ID number belong to the registry). */
export const VolunteerUpdate = z
  .object({
    regionId: z.string().uuid(),
    skills: Skills,
    availability: Availability,
    healthDeclaration: HealthDeclaration,
    note: z.string().trim().max(500).nullable(),
  })
  .partial();
export type VolunteerUpdate = z.infer<typeof VolunteerUpdate>;

/** approve (pending → active), suspend (active → suspended), resume (suspended → active), leave (any → left). */
export const VolunteerAction = z.enum(['approve', 'suspend', 'resume', 'leave']);
export type VolunteerAction = z.infer<typeof VolunteerAction>;

export const Volunteer = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  /** masked */
  idNumber: z.string().nullable(),
  /** masked */
  phone: z.string().nullable(),
  regionId: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  skills: z.array(Skill),
  availability: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string() })),
  healthDeclaration: z
    .object({
      feverOrCough14Days: z.boolean(),
      caseContact: z.boolean(),
      riskAreaTravel: z.boolean(),
      riskArea: z.string().nullable().optional(),
      riskAreaReturnedOn: z.string().nullable().optional(),
    })
    .nullable(),
  healthDeclaredAt: z.string().nullable(),
  /** any "yes" in the declaration */
  healthNeedsReview: z.boolean(),
  status: VolunteerStatus,
  source: VolunteerSource,
  note: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** the group they are in now, if any */
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Volunteer = z.infer<typeof Volunteer>;

export const VolunteerQuery = z.object({
  status: VolunteerStatus.optional(),
  skill: Skill.optional(),
  /** only those available on this weekday (1 = Monday) … */
  weekday: z.coerce.number().int().min(1).max(7).optional(),
  /** … at this time (with weekday) */
  time: ClockTime.optional(),
  /** only the members of this group */
  groupId: z.string().uuid().optional(),
  /** only those not in any group (to form one) */
  ungrouped: z.enum(['true', 'false']).optional(),
  /** only under this region */
  regionId: z.string().uuid().optional(),
  /** name, pinyin or initials, or the end of the phone or ID number */
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type VolunteerQuery = z.infer<typeof VolunteerQuery>;

export const VolunteerRevealField = z.enum(['idNumber', 'phone']);
export type VolunteerRevealField = z.infer<typeof VolunteerRevealField>;

/** A village's public sign-up link: the path of the no-login page (/v/<token>). */
export const VolunteerSignupLink = z.object({
  regionId: z.string(),
  regionName: z.string(),
  token: z.string(),
  path: z.string(),
});
export type VolunteerSignupLink = z.infer<typeof VolunteerSignupLink>;

/**
 * A volunteer's personal link (个人签到链接, /vt/<token>): their no-login phone page for checking in and
 * out of their tasks. The token is shown once, when issued; only its hash is kept.
 */
export const VolunteerSelfLink = z.object({ token: z.string(), path: z.string(), expiresAt: z.string() });
export type VolunteerSelfLink = z.infer<typeof VolunteerSelfLink>;
export const SelfLinkInput = z.object({ days: z.number().int().min(1).max(180).default(30) });

/** What the public page shows before the form: only the place's name. */
export const PublicSignupPlace = z.object({ regionName: z.string(), townshipName: z.string().nullable() });
export type PublicSignupPlace = z.infer<typeof PublicSignupPlace>;

// ---- groups ----

/** A group is forming (0–5 members) until activated; an active group keeps 3–5 members with a leader among them. */
export const GROUP_MIN = 3;
export const GROUP_MAX = 5;
export const VolunteerGroupStatus = z.enum(['forming', 'active']);
export type VolunteerGroupStatus = z.infer<typeof VolunteerGroupStatus>;

export const VolunteerGroupInput = z.object({
  name: z.string().trim().min(1).max(60),
  regionId: z.string().uuid(),
  note: z.string().trim().max(500).nullable().optional(),
  /** the volunteers (ids) it starts with; the leader among them */
  memberIds: z.array(z.string().uuid()).max(GROUP_MAX).default([]),
  leaderId: z.string().uuid().nullable().optional(),
});
export type VolunteerGroupInput = z.infer<typeof VolunteerGroupInput>;

export const VolunteerGroupPatch = z
  .object({
    name: z.string().trim().min(1).max(60),
    note: z.string().trim().max(500).nullable(),
    /** a volunteer id, a member of the group */
    leaderId: z.string().uuid(),
  })
  .partial();
export type VolunteerGroupPatch = z.infer<typeof VolunteerGroupPatch>;

export const VolunteerGroupMember = z.object({
  volunteerId: z.string(),
  personId: z.string(),
  name: z.string(),
  /** masked */
  phone: z.string().nullable(),
  status: VolunteerStatus,
  skills: z.array(Skill),
  leader: z.boolean(),
  joinedAt: z.string(),
});
export type VolunteerGroupMember = z.infer<typeof VolunteerGroupMember>;

export const VolunteerGroup = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  status: VolunteerGroupStatus,
  leaderPersonId: z.string().nullable(),
  leaderName: z.string().nullable(),
  note: z.string().nullable(),
  size: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VolunteerGroup = z.infer<typeof VolunteerGroup>;

export const VolunteerGroupDetail = VolunteerGroup.extend({ members: z.array(VolunteerGroupMember) });
export type VolunteerGroupDetail = z.infer<typeof VolunteerGroupDetail>;

export const VolunteerGroupQuery = z.object({
  status: VolunteerGroupStatus.optional(),
  regionId: z.string().uuid().optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type VolunteerGroupQuery = z.infer<typeof VolunteerGroupQuery>;

/** Figures per township (the organisation department's page, the big screen, the daily report). */
export const VolunteerFigures = z.object({
  townshipPath: z.string(),
  townshipName: z.string(),
  registered: z.number().int(),
  active: z.number().int(),
  pending: z.number().int(),
  groups: z.number().int(),
  activeGroups: z.number().int(),
  bySkill: z.record(Skill, z.number().int()),
});
export type VolunteerFigures = z.infer<typeof VolunteerFigures>;
