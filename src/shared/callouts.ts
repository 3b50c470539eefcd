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

/**
 * A call-out (集结令): the command centre or a township orders a team, or a picked set of persons,
 * to a meeting point within a deadline — 15 minutes by default, the commando teams' standard
 * ("接到命令 15 分钟内集结").
 */
export const CALLOUT_STANDARD_MINUTES = 15;

export const CalloutInput = z
  .object({
    teamId: z.string().uuid().optional(),
    /** picked registry persons: with a team, those of its members called (plus any others of the jurisdiction); without, everyone called */
    personIds: z.array(z.string().uuid()).max(2000).optional(),
    /** also order persons who are on another active call-out right now (left out by default) */
    includeBusy: z.boolean().default(false),
    meetingPoint: z.string().trim().min(1).max(200),
    /** the region of the meeting point; without one the call-out belongs to the team's base */
    regionId: z.string().uuid().optional(),
    deadlineMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(CALLOUT_STANDARD_MINUTES),
    note: z.string().trim().max(500).nullable().optional(),
    /** everyone with this skill … */
    skill: Skill.optional(),
    /** … in this region (a township, a village) of the jurisdiction */
    skillRegionId: z.string().uuid().optional(),
  })
  .refine((c) => c.teamId || c.personIds?.length || c.skill, {
    message: 'a team, a skill or at least one person',
    path: ['personIds'],
  })
  .refine((c) => !c.skill || c.skillRegionId, { message: 'the region of the skill', path: ['skillRegionId'] });
export type CalloutInput = z.infer<typeof CalloutInput>;

/**
 * Who a call-out would reach, before it is issued (the preview): a team, picked persons, or everyone
 * with a skill in a region — the same fields as the call-out.
 */
export const CalloutTargetsInput = z
  .object({
    teamId: z.string().uuid().optional(),
    personIds: z.array(z.string().uuid()).max(2000).optional(),
    skill: Skill.optional(),
    skillRegionId: z.string().uuid().optional(),
  })
  .refine((c) => c.teamId || c.personIds?.length || c.skill, {
    message: 'a team, a skill or at least one person',
    path: ['personIds'],
  })
  .refine((c) => !c.skill || c.skillRegionId, { message: 'the region of the skill', path: ['skillRegionId'] });
export type CalloutTargetsInput = z.infer<typeof CalloutTargetsInput>;

/** Where a person is busy right now: on a checkpoint duty shift (until its end) or on another open call-out. */
export const BusyAt = z.object({
  kind: z.enum(['duty', 'callout']),
  /** the checkpoint's name, or the other call-out's meeting point */
  place: z.string(),
  /** the shift's end, or the other call-out's deadline */
  until: z.string().nullable(),
});
export type BusyAt = z.infer<typeof BusyAt>;

/** 来 / N 分钟后到 / 不能来 (with a reason) / 已到达 (at the point). */
export const CalloutAnswer = z.enum(['coming', 'late', 'cannot', 'arrived']);
export type CalloutAnswer = z.infer<typeof CalloutAnswer>;

export const CalloutAnswerInput = z
  .object({
    answer: CalloutAnswer,
    etaMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .nullable()
      .optional(),
    reason: z.string().trim().max(200).nullable().optional(),
  })
  .refine((a) => a.answer !== 'late' || !!a.etaMinutes, { message: 'minutes until arrival', path: ['etaMinutes'] })
  .refine((a) => a.answer !== 'cannot' || !!a.reason, { message: 'a reason', path: ['reason'] });
export type CalloutAnswerInput = z.infer<typeof CalloutAnswerInput>;

/** Where one person's order stands: silent until they answer. */
export const OrderState = z.enum(['silent', 'acknowledged', 'declined', 'arrived']);
export type OrderState = z.infer<typeof OrderState>;

export const CalloutStatus = z.enum(['active', 'closed']);
export type CalloutStatus = z.infer<typeof CalloutStatus>;

export const Callout = z.object({
  id: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  regionId: z.string(),
  regionName: z.string().nullable(),
  meetingPoint: z.string(),
  note: z.string().nullable(),
  orderedAt: z.string(),
  orderedByName: z.string(),
  deadlineAt: z.string(),
  status: CalloutStatus,
  orders: z.number().int(),
  /** the code of the meeting point's QR (/c/at/<code>), shown to commanders only */
  pointCode: z.string().nullable(),
  targetSkill: Skill.nullable(),
});
export type Callout = z.infer<typeof Callout>;

export const BoardOrder = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  /** masked */
  phone: z.string().nullable(),
  state: OrderState,
  /** the last answer given (coming / late / cannot / arrived), null while silent */
  answer: CalloutAnswer.nullable(),
  etaMinutes: z.number().int().nullable(),
  reason: z.string().nullable(),
  answeredAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  /** how many times the person changed an earlier answer */
  changes: z.number().int(),
  /** whole seconds since the order went out (to the arrival, once arrived) */
  secondsSinceOrder: z.number().int(),
});
export type BoardOrder = z.infer<typeof BoardOrder>;

export const CalloutBoard = z.object({
  callout: Callout,
  orders: z.array(BoardOrder),
  counts: z.object({
    ordered: z.number().int(),
    acknowledged: z.number().int(),
    arrived: z.number().int(),
    declined: z.number().int(),
    silent: z.number().int(),
  }),
  /** seconds from the order to the first acknowledgement (null: none yet) */
  firstAckSeconds: z.number().int().nullable(),
  /** seconds from the order until everyone not declining had arrived (null: not yet complete) */
  completeSeconds: z.number().int().nullable(),
  standardMinutes: z.number().int(),
  now: z.string(),
});
export type CalloutBoard = z.infer<typeof CalloutBoard>;

/** A person a commander may order, and whether they are on another active call-out right now. */
export const CalloutCandidate = z.object({
  personId: z.string(),
  name: z.string(),
  role: MemberRole,
  skills: z.array(Skill),
  busy: z.boolean(),
  /** where they are busy (null: free) */
  busyAt: BusyAt.nullable(),
});
export type CalloutCandidate = z.infer<typeof CalloutCandidate>;

export const CalloutQuery = z.object({
  status: CalloutStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type CalloutQuery = z.infer<typeof CalloutQuery>;

/** What the person's link shows (no login): the order, and their answer so far. */
export const CalloutLinkView = z.object({
  name: z.string(),
  teamName: z.string().nullable(),
  meetingPoint: z.string(),
  orderedAt: z.string(),
  deadlineAt: z.string(),
  answer: CalloutAnswer.nullable(),
  etaMinutes: z.number().int().nullable(),
  reason: z.string().nullable(),
  closed: z.boolean(),
});
export type CalloutLinkView = z.infer<typeof CalloutLinkView>;

/** What the meeting point's QR page shows (no login): nothing about the persons. */
export const CalloutPointView = z.object({
  teamName: z.string().nullable(),
  meetingPoint: z.string(),
  deadlineAt: z.string(),
  closed: z.boolean(),
});
export type CalloutPointView = z.infer<typeof CalloutPointView>;

/** A link token as the SMS carries it (URL-safe base64). */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Checking in by the point's QR: the phone sends the call-out links it has opened (remembered by
 * the answer page); the one that belongs to this call-out is the person checking in.
 */
export const CalloutPointCheckIn = z.object({ tokens: z.array(z.string().regex(LINK_TOKEN_PATTERN)).min(1).max(20) });
export type CalloutPointCheckIn = z.infer<typeof CalloutPointCheckIn>;

export const CalloutPointResult = z.object({ name: z.string(), arrivedAt: z.string(), already: z.boolean() });
export type CalloutPointResult = z.infer<typeof CalloutPointResult>;

/** A team's or a person's record over past call-outs. */
export const CalloutHistory = z.object({
  /** call-outs (a team's: those ordered to the team; a person's: those they were ordered on) */
  callouts: z.number().int(),
  /** persons ordered (for a person: equal to callouts) */
  ordered: z.number().int(),
  /** orders answered at all (coming, late, cannot or arrived) */
  answered: z.number().int(),
  /** answered ÷ ordered, 0–1 (null: never ordered) */
  responseRate: z.number().nullable(),
  /** median seconds from the order to the first acknowledgement, over the acknowledged orders */
  medianAckSeconds: z.number().nullable(),
  /** median seconds from the order to the arrival, over the arrived orders */
  medianArriveSeconds: z.number().nullable(),
  declined: z.number().int(),
  arrived: z.number().int(),
  lastOrderedAt: z.string().nullable(),
});
export type CalloutHistory = z.infer<typeof CalloutHistory>;

/** The call-out figures of one township (or the total): for the organisation department's page and reports. */
export const CalloutFiguresRow = z.object({
  regionId: z.string().nullable(),
  regionPath: z.string().nullable(),
  name: z.string(),
  /** active teams based in the township */
  teams: z.number().int(),
  /** call-outs ordered on the day */
  callouts: z.number().int(),
  /** median seconds from the order to its first acknowledgement, over the day's call-outs */
  medianFirstAckSeconds: z.number().nullable(),
  /** median seconds until everyone not declining had arrived, over the day's completed call-outs */
  medianCompleteSeconds: z.number().nullable(),
  /** share of the day's call-outs complete within their deadline, 0–1 (null: none ordered) */
  onTimeShare: z.number().nullable(),
  /** median seconds from the order to each person's arrival, over everyone who arrived */
  medianArriveSeconds: z.number().nullable(),
  /** share of the day's call-outs complete within the 15-minute standard of their order, 0–1 (null: none ordered) */
  withinStandardShare: z.number().nullable(),
});
export type CalloutFiguresRow = z.infer<typeof CalloutFiguresRow>;

export const CalloutFigures = z.object({
  day: z.string(),
  rows: z.array(CalloutFiguresRow),
  total: CalloutFiguresRow,
});
export type CalloutFigures = z.infer<typeof CalloutFigures>;
