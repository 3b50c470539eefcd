import type { z } from 'zod';
import type {
  DispatchAssign,
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
