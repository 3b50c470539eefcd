import type { z } from 'zod';
import type {
  CoverageRow,
  GapHousehold,
  Round,
  RoundInput,
  VisitInput,
  WorkerProgress,
} from '../../../shared/screening';
import { api, fetchAll, type Page } from '../../app/api';

export type CoverageLevel = 'township' | 'village' | 'grid';
export type WorkerRow = z.infer<typeof WorkerProgress>;
export type VisitBody = z.input<typeof VisitInput>;

export const screeningApi = {
  rounds: async () => (await api.get<{ items: Round[] }>('/screening/rounds')).items,
  open: (body: RoundInput) => api.post<Round>('/screening/rounds', body),
  close: (id: string) => api.post<Round>(`/screening/rounds/${id}/close`),
  coverage: async (id: string, level: CoverageLevel, under?: string) =>
    (await api.get<{ items: CoverageRow[] }>(`/screening/rounds/${id}/coverage`, { level, under })).items,
  gaps: (id: string, under: string | undefined, cursor?: string, limit = 100) =>
    api.get<Page<GapHousehold>>(`/screening/rounds/${id}/gaps`, { under, cursor, limit }),
  /** Every gap under a region (a grid's few hundred households), for the field screen's "visited" marks. */
  allGaps: (id: string, under?: string) =>
    fetchAll<GapHousehold>(`/screening/rounds/${id}/gaps`, { under, limit: 500 }, 20),
  workers: async (id: string) => (await api.get<{ items: WorkerRow[] }>(`/screening/rounds/${id}/workers`)).items,
  visit: (body: VisitBody) => api.post<{ id: string }>('/screening/visits', body),
};

/** The coverage level a user starts at: one below their own region (a county sees townships). */
export function startLevel(regionLevel: string | undefined): CoverageLevel {
  if (!regionLevel || regionLevel === 'province' || regionLevel === 'city' || regionLevel === 'county')
    return 'township';
  if (regionLevel === 'township') return 'village';
  return 'grid';
}

/** The level one below, for drilling down a coverage row; null below grids (the gaps list takes over). */
export function nextLevel(level: CoverageLevel): CoverageLevel | null {
  return level === 'township' ? 'village' : level === 'village' ? 'grid' : null;
}

/** Totals of coverage rows: households, visited, not home, never. */
export function sumCoverage(rows: CoverageRow[]) {
  return rows.reduce(
    (acc, r) => ({
      households: acc.households + r.households,
      visited: acc.visited + r.visited,
      notHome: acc.notHome + r.notHome,
      never: acc.never + r.never,
    }),
    { households: 0, visited: 0, notHome: 0, never: 0 },
  );
}
