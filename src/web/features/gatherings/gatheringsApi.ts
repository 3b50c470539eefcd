import type { z } from 'zod';
import type {
  Gathering,
  GatheringFigures,
  GatheringInput,
  GatheringOutcomeInput,
  PersuasionVisit,
  PersuasionVisitInput,
} from '../../../shared/gatherings';
import { api } from '../../app/api';

export type GatheringBody = z.input<typeof GatheringInput>;
export type OutcomeBody = z.input<typeof GatheringOutcomeInput>;
export type VisitBody = z.input<typeof PersuasionVisitInput>;

/** The gatherings endpoints (/api/gatherings): register, one with its visits, outcome, visits, phone reveal, figures. */
export const gatheringsApi = {
  register: (body: GatheringBody) => api.post<Gathering>('/gatherings', body),
  gathering: (id: string) => api.get<{ gathering: Gathering; visits: PersuasionVisit[] }>(`/gatherings/${id}`),
  outcome: (id: string, body: OutcomeBody) => api.post<Gathering>(`/gatherings/${id}/outcome`, body),
  visit: (id: string, body: VisitBody) => api.post<PersuasionVisit>(`/gatherings/${id}/visits`, body),
  revealPhone: async (id: string) =>
    (await api.post<{ value: string | null }>(`/gatherings/${id}/reveal`, { field: 'phone' })).value,
  figures: (from: string, to: string) => api.get<GatheringFigures>('/gatherings/figures', { from, to }),
};

export const STATUS_COLORS: Record<Gathering['status'], string> = {
  planned: 'gold',
  cancelled: 'green',
  postponed: 'blue',
  scaled_down: 'cyan',
  held: 'red',
};
export const OCCASIONS = [
  'wedding',
  'funeral',
  'banquet',
  'birthday',
  'market',
  'temple_fair',
  'other',
] as const satisfies readonly Gathering['occasion'][];
export const STATUSES = [
  'planned',
  'cancelled',
  'postponed',
  'scaled_down',
  'held',
] as const satisfies readonly Gathering['status'][];
