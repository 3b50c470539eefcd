import type { z } from 'zod';
import type {
  DispatchAssign,
  DispatchBulkAssign,
  DispatchBulkDone,
  DispatchDone,
  DispatchDraw,
  DispatchItem,
  DispatchItemKind,
  DispatchSheet,
} from '../../../shared/dispatch';
import { api } from '../../app/api';

/** The dispatch endpoints (/api/dispatches): draw a sheet, read one, hand out a line, mark it done. */
export const dispatchApi = {
  draw: (body: z.input<typeof DispatchDraw>) => api.post<DispatchSheet>('/dispatches', body),
  sheet: (id: string) => api.get<DispatchSheet>(`/dispatches/${id}`),
  assign: (itemId: string, body: z.input<typeof DispatchAssign>) =>
    api.post<DispatchItem>(`/dispatches/items/${itemId}`, body),
  done: (itemId: string, body: z.input<typeof DispatchDone>) =>
    api.post<DispatchItem>(`/dispatches/items/${itemId}/done`, body),
  /** Hand many lines to one person by one time, all or none. */
  assignMany: (body: z.input<typeof DispatchBulkAssign>) =>
    api.post<{ items: DispatchItem[] }>('/dispatches/items/assign', body),
  /** Mark many lines done with one note, all or none. */
  doneMany: (body: z.input<typeof DispatchBulkDone>) =>
    api.post<{ items: DispatchItem[] }>('/dispatches/items/done', body),
};

/** The order in which a sheet shows its kinds: what is new first, then what still stands. */
export const KIND_ORDER: readonly DispatchItemKind[] = [
  'new_case',
  'new_fever',
  'missed_follow_up',
  'zero_report_missing',
  'roster_gap',
  'open_notice',
];

export const KIND_COLORS: Record<DispatchItemKind, string> = {
  new_case: 'red',
  new_fever: 'volcano',
  missed_follow_up: 'orange',
  zero_report_missing: 'gold',
  roster_gap: 'blue',
  open_notice: 'purple',
};
