import type { z } from 'zod';
import type {
  DailyFigures,
  Decision,
  Passage,
  PassageInput,
  Site,
  SiteInput,
  SiteKind,
} from '../../../shared/checkpoints';
import { api, type Page, type Query } from '../../app/api';

export type PassageBody = z.input<typeof PassageInput>;
export type Figures = z.infer<typeof DailyFigures>;
export type FiguresBy = 'site' | 'township' | 'village';

/** What `GET /persons/lookup` tells of a full ID number: what the card itself says. */
export interface LookedUp {
  name: string;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
}

export interface RosterPerson {
  id: string;
  name: string;
  userId: string | null;
  personId: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  /** 亮身份: the home branch of a party member on duty */
  partyBranch: string | null;
}

export interface Shift {
  id: string;
  siteId: string;
  siteName: string;
  startsAt: string;
  endsAt: string;
  people: RosterPerson[];
}

export interface RosterGap {
  siteId: string;
  siteName: string;
  from: string;
  to: string;
}

export const SITE_KINDS = [
  'highway_exit',
  'provincial_border',
  'national_road',
  'village_entrance',
  'compound_gate',
  'station',
  'duty_point',
] as const satisfies readonly SiteKind[];
export const DECISIONS = ['pass', 'turned_back', 'referred', 'isolated'] as const satisfies readonly Decision[];

/** The checkpoint endpoints under /api/checkpoints (and the ID lookup the entry screen uses). */
export const checkpointApi = {
  sites: async (query: Query = {}) => (await api.get<{ items: Site[] }>('/checkpoints/sites', query)).items,
  site: (id: string) => api.get<Site>(`/checkpoints/sites/${id}`),
  createSite: (body: SiteInput) => api.post<Site>('/checkpoints/sites', body),
  updateSite: (id: string, body: SiteInput) => api.put<Site>(`/checkpoints/sites/${id}`, body),
  revealPhone: async (id: string) =>
    (await api.post<{ value: string | null }>(`/checkpoints/sites/${id}/reveal`, { field: 'leadPhone' })).value,
  submit: (body: PassageBody) => api.post<{ id: string; duplicate: boolean }>('/checkpoints/passages', body),
  plates: async (siteId: string, prefix: string) =>
    (
      await api.get<{ items: { plate: string; lastAt: string; times: number }[] }>(
        `/checkpoints/sites/${siteId}/plates`,
        { prefix },
      )
    ).items,
  lastPassage: async (siteId: string, plate: string) =>
    (await api.get<{ passage: Passage | null }>(`/checkpoints/sites/${siteId}/last-passage`, { plate })).passage,
  lookup: (idNumber: string) => api.get<LookedUp>('/persons/lookup', { idNumber }),
  passages: (query: Query) => api.get<Page<Passage>>('/checkpoints/passages', query),
  figures: (query: { day?: string; by: FiguresBy; under?: string }) =>
    api.get<{ day: string; items: Figures[] }>('/checkpoints/figures', query),
  exportPassages: (siteId: string, from: string, to: string) =>
    api.download(`/checkpoints/sites/${siteId}/passages.xlsx`, 'passages.xlsx', { from, to }),
  plan: (body: { siteId: string; fromDay: string; days: number; startHours: number[] }) =>
    api.post<{ created: number }>('/checkpoints/shifts/plan', body),
  assign: (shiftId: string, body: { userId?: string; name?: string }) =>
    api.post<{ id: string }>(`/checkpoints/shifts/${shiftId}/assign`, body),
  check: (assignmentId: string, what: 'in' | 'out') =>
    api.post<void>(`/checkpoints/assignments/${assignmentId}/check`, { what }),
  roster: async (query: { siteId?: string; from?: string; to?: string }) =>
    (await api.get<{ items: Shift[] }>('/checkpoints/roster', query)).items,
  gaps: async () => (await api.get<{ items: RosterGap[] }>('/checkpoints/roster/gaps')).items,
};
