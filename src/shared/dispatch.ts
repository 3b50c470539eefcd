import { z } from 'zod';
import { CalendarDate, Instant } from './dates';
import { PageQuery } from './pagination';

/**
 * 一日两调度: twice a day (morning and evening) the command centre and each township draw a dispatch
 * sheet for their jurisdiction — what changed since the previous sheet — and hand every line to a
 * person with a time by which it must be done, then track it to done.
 */
export const DispatchSlot = z.enum(['morning', 'evening']);
export type DispatchSlot = z.infer<typeof DispatchSlot>;

/**
 * What a line is about. New cases and new fevers are listed only when they arose since the previous
 * sheet; overdue follow-ups, units without today's zero report, roster gaps and open seek notices
 * are listed as they stand when the sheet is drawn.
 */
export const DispatchItemKind = z.enum([
  'new_case',
  'new_fever',
  'missed_follow_up',
  'zero_report_missing',
  'roster_gap',
  'open_notice',
]);
export type DispatchItemKind = z.infer<typeof DispatchItemKind>;

export const DispatchItemStatus = z.enum(['open', 'done']);
export type DispatchItemStatus = z.infer<typeof DispatchItemStatus>;

/** Draw the morning or evening sheet of my jurisdiction (today by default). */
export const DispatchDraw = z.object({
  slot: DispatchSlot,
  day: CalendarDate.optional(),
  note: z.string().trim().max(500).optional(),
});
export type DispatchDraw = z.infer<typeof DispatchDraw>;

export const DispatchListQuery = PageQuery.extend({
  day: CalendarDate.optional(),
});
export type DispatchListQuery = z.infer<typeof DispatchListQuery>;

/** Hand a line to a user of my jurisdiction, or to someone named (a volunteer without an account), by a time. */
export const DispatchAssign = z
  .object({
    assigneeUserId: z.string().uuid().optional(),
    assigneeName: z.string().trim().min(1).max(50).optional(),
    dueAt: Instant,
  })
  .refine((v) => v.assigneeUserId !== undefined || v.assigneeName !== undefined, {
    message: 'assigneeUserId or assigneeName',
    path: ['assigneeName'],
  });
export type DispatchAssign = z.infer<typeof DispatchAssign>;

export const DispatchDone = z.object({
  note: z.string().trim().max(500).optional(),
});
export type DispatchDone = z.infer<typeof DispatchDone>;

/** Lines handled at once (a meeting hands out a whole township's group): at most a sheet's worth. */
const ItemIds = z.array(z.string().uuid()).min(1).max(1000);

/** Hand many lines to one person by one time, all or none. */
export const DispatchBulkAssign = z
  .object({
    ids: ItemIds,
    assigneeUserId: z.string().uuid().optional(),
    assigneeName: z.string().trim().min(1).max(50).optional(),
    dueAt: Instant,
  })
  .refine((v) => v.assigneeUserId !== undefined || v.assigneeName !== undefined, {
    message: 'assigneeUserId or assigneeName',
    path: ['assigneeName'],
  });
export type DispatchBulkAssign = z.infer<typeof DispatchBulkAssign>;

/** Mark many lines done with one note, all or none. */
export const DispatchBulkDone = z.object({
  ids: ItemIds,
  note: z.string().trim().max(500).optional(),
});
export type DispatchBulkDone = z.infer<typeof DispatchBulkDone>;

/** A unit a township's zero-report line stands for (a village, checkpoint or isolation site). */
export const DispatchUnit = z.object({
  unitType: z.string(),
  unitId: z.string(),
  name: z.string(),
});
export type DispatchUnit = z.infer<typeof DispatchUnit>;

export const DispatchItem = z.object({
  id: z.string(),
  dispatchId: z.string(),
  kind: DispatchItemKind,
  regionPath: z.string(),
  sourceType: z.string(),
  sourceId: z.string(),
  title: z.string(),
  assigneeUserId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** open and past its due time */
  overdue: z.boolean(),
  status: DispatchItemStatus,
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
  /** a township's zero-report line: the units owing the report; null on other lines and older sheets */
  units: z.array(DispatchUnit).nullable(),
});
export type DispatchItem = z.infer<typeof DispatchItem>;

/** A sheet in the list: when, for where, since when, and how far it has got. */
export const DispatchSummary = z.object({
  id: z.string(),
  regionId: z.string().nullable(),
  regionName: z.string().nullable(),
  regionPath: z.string(),
  slot: DispatchSlot,
  day: z.string(),
  since: z.string(),
  drawnAt: z.string(),
  drawnByName: z.string().nullable(),
  note: z.string().nullable(),
  total: z.number().int(),
  done: z.number().int(),
});
export type DispatchSummary = z.infer<typeof DispatchSummary>;

export const DispatchSheet = DispatchSummary.extend({
  items: z.array(DispatchItem),
  /** the townships/streets the sheet's lines may lie in, to group them by township (name by path prefix) */
  townships: z.array(z.object({ id: z.string(), name: z.string(), path: z.string() })),
});
export type DispatchSheet = z.infer<typeof DispatchSheet>;
