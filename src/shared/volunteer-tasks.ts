import { z } from 'zod';
import { PageQuery } from './pagination';
import { CalendarDate, Instant } from './dates';

/**
 * Volunteer tasks (志愿服务任务), hours (服务时长) and certificates (志愿服务证明), issue 16: what the
 * township and the volunteer leaders hand out — 张贴标语, 发放倡议书, 消杀, 劝阻聚集, 代购代送,
 * 入户协助, 卡口值守, 其他 — to a person, a volunteer group or a team, and the hours served on them.
 */
export const TaskKind = z.enum([
  'posters', // 张贴标语
  'leaflets', // 发放倡议书
  'disinfection', // 消杀
  'dissuade_gathering', // 劝阻聚集 (links to a gathering)
  'errands', // 代购代送 (links to an isolation necessity request)
  'home_help', // 入户协助
  'checkpoint_duty', // 卡口值守 (links to a checkpoint site / shift)
  'other', // 其他
]);
export type TaskKind = z.infer<typeof TaskKind>;
export const TASK_KINDS = TaskKind.options;

export const TaskStatus = z.enum(['open', 'in_progress', 'done', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** Who a task is for; a group or team is resolved to its members, kept per person. */
export const Assignee = z.union([
  z.object({ personId: z.string().uuid() }),
  z.object({ groupId: z.string().uuid() }),
  z.object({ teamId: z.string().uuid() }),
]);
export type Assignee = z.infer<typeof Assignee>;

export const TaskInput = z
  .object({
    kind: TaskKind,
    title: z.string().trim().min(1).max(100),
    /** the place: a region of the jurisdiction (its path is the task's jurisdiction) and a text */
    regionId: z.string().uuid(),
    place: z.string().trim().min(1).max(200),
    startsAt: Instant,
    endsAt: Instant,
    assignee: Assignee,
    note: z.string().trim().max(500).nullable().optional(),
    gatheringId: z.string().uuid().nullable().optional(),
    necessityId: z.string().uuid().nullable().optional(),
    siteId: z.string().uuid().nullable().optional(),
    shiftId: z.string().uuid().nullable().optional(),
  })
  .refine((t) => t.endsAt > t.startsAt, { path: ['endsAt'], message: 'the window must end after it starts' });
export type TaskInput = z.infer<typeof TaskInput>;

export const TaskQuery = PageQuery.extend({
  status: TaskStatus.optional(),
  kind: TaskKind.optional(),
  groupId: z.string().uuid().optional(),
  teamId: z.string().uuid().optional(),
});
export type TaskQuery = z.infer<typeof TaskQuery>;

export const Task = z.object({
  id: z.string(),
  kind: TaskKind,
  title: z.string(),
  regionId: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  assigneeKind: z.enum(['person', 'group', 'team']),
  assigneeName: z.string().nullable(),
  groupId: z.string().nullable(),
  teamId: z.string().nullable(),
  gatheringId: z.string().nullable(),
  necessityId: z.string().nullable(),
  siteId: z.string().nullable(),
  shiftId: z.string().nullable(),
  status: TaskStatus,
  note: z.string().nullable(),
  doneNote: z.string().nullable(),
  hasPhoto: z.boolean(),
  doneAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  persons: z.number(),
  createdAt: z.string(),
});
export type Task = z.infer<typeof Task>;

export const HoursStatus = z.enum(['open', 'pending', 'approved', 'refused']);
export type HoursStatus = z.infer<typeof HoursStatus>;

/** One check-in/out (服务记录): never deleted; a refusal keeps the record with its reason. */
export const HoursEntry = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  taskId: z.string().nullable(),
  taskTitle: z.string().nullable(),
  shiftId: z.string().nullable(),
  kind: TaskKind,
  checkInAt: z.string(),
  checkOutAt: z.string().nullable(),
  minutes: z.number(),
  /** closed by the 12-hour rule, not by anyone: the lead should check it before approving */
  autoClosed: z.boolean(),
  status: HoursStatus,
  refusalReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type HoursEntry = z.infer<typeof HoursEntry>;

export const TaskDetail = z.object({
  task: Task,
  assignees: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      idNumber: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  hours: z.array(HoursEntry),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

export const TaskStatusInput = z.object({
  status: z.enum(['in_progress', 'cancelled']),
  reason: z.string().trim().max(500).nullable().optional(),
});
export const TaskDoneInput = z.object({ note: z.string().trim().min(1).max(1000) });

/** A check-in: for a task (one of its persons) or a checkpoint shift (anyone on its roster). */
export const CheckInInput = z.union([
  z.object({ taskId: z.string().uuid(), personId: z.string().uuid() }),
  z.object({ shiftId: z.string().uuid(), personId: z.string().uuid() }),
]);
export type CheckInInput = z.infer<typeof CheckInInput>;

export const HoursDecision = z.union([
  z.object({ decision: z.literal('approve') }),
  z.object({ decision: z.literal('refuse'), reason: z.string().trim().min(1).max(500) }),
]);
export type HoursDecision = z.infer<typeof HoursDecision>;

export const HoursQuery = PageQuery.extend({
  status: HoursStatus.optional(),
  personId: z.string().uuid().optional(),
  taskId: z.string().uuid().optional(),
});

export const TotalsBy = z.enum(['person', 'group', 'team', 'township']);
export const TotalsQuery = z.object({ by: TotalsBy, from: CalendarDate, to: CalendarDate });
export type TotalsQuery = z.infer<typeof TotalsQuery>;

/** Approved hours count; pending (and still open) ones are shown apart, refused ones not at all. */
export const TotalsRow = z.object({
  key: z.string(),
  name: z.string(),
  approvedMinutes: z.number(),
  pendingMinutes: z.number(),
  entries: z.number(),
});
export const Totals = z.object({ from: z.string(), to: z.string(), by: TotalsBy, rows: z.array(TotalsRow) });
export type Totals = z.infer<typeof Totals>;

/** 全国志愿服务星级: 一星 100 h … 五星 1,500 h of approved service. */
export const STAR_HOURS = [100, 300, 600, 1000, 1500] as const;
export function starsFor(approvedMinutes: number): number {
  return STAR_HOURS.filter((h) => approvedMinutes >= h * 60).length;
}

export const Recognition = z.object({
  personId: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  regionPath: z.string(),
  approvedMinutes: z.number(),
  pendingMinutes: z.number(),
  stars: z.number(),
  /** hours still needed for the next star (null at five stars) */
  nextStarHours: z.number().nullable(),
});
export type Recognition = z.infer<typeof Recognition>;

export const CertificateInput = z
  .object({ personId: z.string().uuid(), from: CalendarDate, to: CalendarDate })
  .refine((c) => c.to >= c.from, { path: ['to'], message: 'to must not be before from' });

/** What the printed 志愿服务证明 states. */
export const ServiceCertificate = z.object({
  id: z.string(),
  serial: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  totalMinutes: z.number(),
  byMonth: z.array(z.object({ month: z.string(), minutes: z.number() })),
  byKind: z.array(z.object({ kind: TaskKind, minutes: z.number() })),
  stars: z.number(),
  issuer: z.string(),
  issuedAt: z.string(),
  verifyPath: z.string(),
});
export type ServiceCertificate = z.infer<typeof ServiceCertificate>;

/** The public check of a 志愿服务证明: the name masked, nothing the certificate does not state. */
export const ServiceCertificateView = z.object({
  serial: z.string(),
  name: z.string(),
  from: z.string(),
  to: z.string(),
  totalMinutes: z.number(),
  byKind: z.array(z.object({ kind: TaskKind, minutes: z.number() })),
  issuer: z.string(),
  issuedAt: z.string(),
});
export type ServiceCertificateView = z.infer<typeof ServiceCertificateView>;

export const VolunteerServiceFiguresRow = z.object({
  regionId: z.string().nullable(),
  path: z.string(),
  name: z.string(),
  activeToday: z.number(),
  tasksDone: z.number(),
  approvedMinutes: z.number(),
});
export type VolunteerServiceFiguresRow = z.infer<typeof VolunteerServiceFiguresRow>;

/** Photos of a done task: JPEG, PNG or WebP (told by their first bytes), at most 5 MB. */
export const MAX_TASK_PHOTO_BYTES = 5 * 1024 * 1024;

/**
 * A volunteer's own phone page (/vt/<token>, no login): their open tasks with 签到 / 签退, their check-in
 * still open, their recent hours, and — for a group or team leader — the hours waiting for their
 * decision. Names are masked; nothing else about anyone is shown.
 */
export const SelfTask = z.object({
  id: z.string(),
  kind: TaskKind,
  title: z.string(),
  place: z.string(),
  regionName: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: TaskStatus,
});
export const SelfHours = z.object({
  id: z.string(),
  name: z.string(),
  taskTitle: z.string().nullable(),
  kind: TaskKind,
  checkInAt: z.string(),
  checkOutAt: z.string().nullable(),
  minutes: z.number(),
  autoClosed: z.boolean(),
  status: HoursStatus,
  refusalReason: z.string().nullable(),
});
export const SelfView = z.object({
  name: z.string(),
  expiresAt: z.string(),
  tasks: z.array(SelfTask),
  openCheckIn: z.object({ id: z.string(), taskId: z.string().nullable(), checkInAt: z.string() }).nullable(),
  recentHours: z.array(SelfHours),
  toDecide: z.array(SelfHours),
});
export type SelfView = z.infer<typeof SelfView>;
export const SelfCheckIn = z.object({ taskId: z.string().uuid() });
