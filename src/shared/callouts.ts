import { z } from 'zod';
import { nameText } from './text';
import { MOBILE_PATTERN } from './validators';

/**
 * Commando teams (党员突击队) and the other standing teams a township or the organisation
 * department (组织部) keeps ready to be called out: "assemble within 15 minutes of an order".
 * Members are registry persons (one ID number, one person), linked by id, never copied.
 */
export const TeamKind = z.enum(['commando', 'volunteer', 'emergency']); // 党员突击队 / 志愿服务队 / 应急小组
export type TeamKind = z.infer<typeof TeamKind>;

/** What a member (or a team, as the union of its members' and its own) can do. */
export const Skill = z.enum(['driver', 'medical', 'interpreter', 'disinfection', 'psychological']);
export type Skill = z.infer<typeof Skill>;
export const SKILLS = Skill.options;

export const MemberRole = z.enum(['leader', 'member']); // 队长 / 队员
export type MemberRole = z.infer<typeof MemberRole>;

const Skills = z
  .array(Skill)
  .max(SKILLS.length)
  .transform((s) => [...new Set(s)]);

/** Who joins: a registered person picked from the registry, or someone identified by ID number and name. */
export const MemberRef = z.union([
  z.object({ personId: z.string().uuid() }),
  z.object({
    idNumber: z.string().trim().toUpperCase().min(5).max(30),
    name: nameText(50),
    phone: z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile').nullable().optional(),
  }),
]);
export type MemberRef = z.infer<typeof MemberRef>;

export const TeamInput = z.object({
  name: z.string().trim().min(1).max(100),
  kind: TeamKind,
  /** the team's base: a region of the jurisdiction (its path is the team's jurisdiction) */
  regionId: z.string().uuid(),
  skills: Skills.default([]),
  note: z.string().trim().max(500).nullable().optional(),
  /** the leader (队长), who becomes the team's first member */
  leader: MemberRef.optional(),
});
export type TeamInput = z.infer<typeof TeamInput>;

export const TeamPatch = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: TeamKind,
    skills: Skills,
    note: z.string().trim().max(500).nullable(),
  })
  .partial();
export type TeamPatch = z.infer<typeof TeamPatch>;

export const MemberInput = z.object({
  person: MemberRef,
  role: MemberRole.default('member'),
  skills: Skills.default([]),
});
export type MemberInput = z.infer<typeof MemberInput>;

export const MemberPatch = z.object({ role: MemberRole, skills: Skills }).partial();
export type MemberPatch = z.infer<typeof MemberPatch>;

export const Team = z.object({
  id: z.string(),
  name: z.string(),
  kind: TeamKind,
  regionId: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  skills: z.array(Skill),
  note: z.string().nullable(),
  leaderPersonId: z.string().nullable(),
  leaderName: z.string().nullable(),
  members: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Team = z.infer<typeof Team>;

export const TeamMember = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  /** masked (1101**********1234); never revealed here — the registry reveals it */
  idNumber: z.string().nullable(),
  /** masked (138****1234); the full number is an audited reveal */
  phone: z.string().nullable(),
  role: MemberRole,
  skills: z.array(Skill),
  joinedAt: z.string(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamDetail = z.object({ team: Team, members: z.array(TeamMember) });
export type TeamDetail = z.infer<typeof TeamDetail>;

export const TeamQuery = z.object({
  kind: TeamKind.optional(),
  skill: Skill.optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type TeamQuery = z.infer<typeof TeamQuery>;
