import type { z } from 'zod';
import type { RevealResult } from '../../../shared/audit';
import type { Household, HouseholdInput, Person, PersonInput } from '../../../shared/residents';
import type { Visit } from '../../../shared/screening';
import { api } from '../../app/api';

/** What the form sends: PersonInput before its defaults are applied. */
export type PersonBody = z.input<typeof PersonInput>;
export type HouseholdBody = z.input<typeof HouseholdInput>;
export type HouseholdDetail = Household & { members: Person[] };

/** POST /api/persons/:id/merge and /api/person-merges/:id/undo answer with the merge record. */
export interface MergeResult {
  id: string;
  keptId: string;
  mergedId: string;
}

/**
 * A background roster import as GET /api/imports/:id returns it. (The schema lives in the server's
 * residents-files.routes.ts, not in src/shared, so it is spelled out here.)
 */
export interface ImportJob {
  id: string;
  fileName: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  message: string | null;
  /** why a failed import stopped and where (code of the error catalogue, row, column letter) */
  error: { code: string; row: number | null; column: string | null } | null;
  hasReport: boolean;
  startedAt: string;
  finishedAt: string | null;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const personApi = {
  get: (id: string) => api.get<Person>(`/persons/${id}`),
  register: (body: PersonBody) => api.post<{ person: Person; matchedExisting: boolean }>('/persons', body),
  update: (id: string, body: PersonBody) => api.patch<Person>(`/persons/${id}`, body),
  /** The full ID number or phone; the server records who looked. */
  reveal: async (id: string, field: 'idNumber' | 'phone') =>
    (await api.post<RevealResult>(`/persons/${id}/reveal`, { field })).value,
  duplicates: async (id: string) => (await api.get<{ items: Person[] }>(`/persons/${id}/duplicates`)).items,
  merge: (keptId: string, duplicateId: string) => api.post<MergeResult>(`/persons/${keptId}/merge`, { duplicateId }),
  undoMerge: (mergeId: string) => api.post<MergeResult>(`/person-merges/${mergeId}/undo`),
};

export const householdApi = {
  get: (id: string) => api.get<HouseholdDetail>(`/households/${id}`),
  create: (body: HouseholdBody) => api.post<Household>('/households', body),
  visits: async (id: string) => (await api.get<{ items: Visit[] }>(`/households/${id}/visits`)).items,
};

/** "2单元301 · 张三" — how a household is named in pickers and headings. */
export function householdLabel(h: Pick<Household, 'address' | 'headName'>): string {
  return h.headName ? `${h.address} · ${h.headName}` : h.address;
}
