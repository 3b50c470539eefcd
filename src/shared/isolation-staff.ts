import { z } from 'zod';
import { CalendarDate } from './dates';

/**
 * The staff roster of a centralised isolation site (集中隔离点工作人员): who works there, in which
 * role, from which day to which. Rule (a) of temporary branches counts the party members on it.
 */
export const IsolationStaffRole = z.enum(['medical', 'security', 'logistics', 'observer', 'other']);
export type IsolationStaffRole = z.infer<typeof IsolationStaffRole>;

/** Put a registry person on a site's roster from a day (to a day, or open-ended). */
export const IsolationStaffInput = z.object({
  personId: z.string().uuid(),
  role: IsolationStaffRole,
  fromDay: CalendarDate,
  toDay: CalendarDate.nullable().optional(),
  note: z.string().trim().max(200).nullable().optional(),
});
export type IsolationStaffInput = z.infer<typeof IsolationStaffInput>;

/** End a person's time on the roster: their last day at the site. */
export const EndIsolationStaffInput = z.object({ toDay: CalendarDate });
export type EndIsolationStaffInput = z.infer<typeof EndIsolationStaffInput>;

export const IsolationStaffQuery = z.object({
  /** 'current' (default): on the roster today or later; 'all': ended periods too */
  show: z.enum(['current', 'all']).default('current'),
});

export const IsolationStaff = z.object({
  id: z.string(),
  siteId: z.string(),
  personId: z.string(),
  personName: z.string(),
  /** masked unless revealed */
  phone: z.string().nullable(),
  role: IsolationStaffRole,
  fromDay: z.string(),
  toDay: z.string().nullable(),
  note: z.string().nullable(),
  /** the person is on party's roll (亮身份) */
  partyMember: z.boolean(),
  createdAt: z.string(),
});
export type IsolationStaff = z.infer<typeof IsolationStaff>;
