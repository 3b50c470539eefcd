import { z } from 'zod';
import { isCalendarDate } from './validators';

/** A local calendar day written YYYY-MM-DD that exists: 2020-02-29 does, 2020-02-30 does not. */
export const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD').refine(isCalendarDate, 'date: not a calendar date');
