import type { z } from 'zod';
import type {
  Candidate,
  Case,
  CaseChange,
  CaseHistoryEntry,
  CaseInput,
  ChainGraph,
  Contact,
  ContactDecisions,
  DecisionResult,
  FoundPerson,
  JourneyEvent,
  OccupantRef,
  SeekNotice,
  SeekNoticeInput,
  SeekNoticeReport,
  SeekNoticeStatus,
  UnregisteredOccupant,
} from '../../../shared/tracing';
import { api, type Page, type Query } from '../../app/api';
import { countyDay, formatClock } from '../../app/format';

export type CaseBody = z.input<typeof CaseInput>;
export type CaseChangeBody = z.input<typeof CaseChange>;
export type HistoryEntry = z.infer<typeof CaseHistoryEntry>;
export type DecisionsBody = z.input<typeof ContactDecisions>;
export type Decisions = z.infer<typeof DecisionResult>;
export type NoticeBody = z.input<typeof SeekNoticeInput>;
export type Found = z.infer<typeof FoundPerson> & { inScope: boolean };
export type Report = z.infer<typeof SeekNoticeReport>;
export type NoticeStatusValue = z.infer<typeof SeekNoticeStatus>;
export type CandidateParams = { days: number; hours: number };
export interface NoticeDetail {
  notice: SeekNotice;
  found: Found[];
  /** occupants of the notice's passages the registry does not know */
  unregistered: UnregisteredOccupant[];
  reports: Report[];
}

/** The tracing endpoints: cases (/api/cases), contacts, journey, the chain graph and seek notices. */
export const tracingApi = {
  cases: (query: Query) => api.get<Page<Case>>('/cases', query),
  case: (id: string) => api.get<{ case: Case; history: HistoryEntry[] }>(`/cases/${id}`),
  createCase: (body: CaseBody) => api.post<Case>('/cases', body),
  changeCase: (id: string, body: CaseChangeBody) => api.patch<Case>(`/cases/${id}`, body),
  caseOfPerson: async (personId: string) => (await api.get<{ case: Case | null }>(`/persons/${personId}/case`)).case,
  candidates: (caseId: string, query: CandidateParams) =>
    api.get<{ items: Candidate[]; outsideScope: number }>(`/cases/${caseId}/candidates`, query),
  decide: (caseId: string, body: DecisionsBody) => api.post<Decisions>(`/cases/${caseId}/contacts`, body),
  /** register a traveller a checkpoint recorded by name only, from their checkpoint records */
  registerOccupant: (occupants: OccupantRef[]) =>
    api.post<{ personId: string }>('/tracing/register-occupant', { occupants }),
  /** A contact's full number to call (audited on the server, purpose 流调). */
  callNumber: async (contactId: string) => (await api.post<{ phone: string }>(`/contacts/${contactId}/call`)).phone,
  contacts: async (caseId: string) => (await api.get<{ items: Contact[] }>(`/cases/${caseId}/contacts`)).items,
  journey: async (caseId: string, days: number) =>
    (await api.get<{ items: JourneyEvent[] }>(`/cases/${caseId}/journey`, { days })).items,
  graph: (caseId?: string) => api.get<ChainGraph>('/tracing/graph', { caseId }),
  notices: async (status?: NoticeStatusValue) =>
    (await api.get<{ items: SeekNotice[] }>('/seek-notices', { status })).items,
  notice: (id: string) => api.get<NoticeDetail>(`/seek-notices/${id}`),
  createNotice: (body: NoticeBody) => api.post<SeekNotice>('/seek-notices', body),
  actOnNotice: (id: string, action: 'publish' | 'close' | 'refresh', expected?: number | null) =>
    api.post<SeekNotice>(`/seek-notices/${id}/${action}`, expected === undefined ? {} : { expected }),
  decideReport: (
    noticeId: string,
    reportId: string,
    body: { action: 'confirm' | 'reject'; personId?: string; register?: boolean },
  ) => api.post<void>(`/seek-notices/${noticeId}/reports/${reportId}`, body),
};

/** An instant as the local day "2020-01-20" (the day a contact was exposed). */
export function localDay(iso: string | null | undefined): string | null {
  return iso ? countyDay(iso) : null;
}

/** "01-20 19:00" in the county's time. */
export function shortTime(iso: string): string {
  return `${countyDay(iso).slice(5)} ${formatClock(iso)}`;
}

/** "2020-01-20 19:00 – 22:00" (the second date only when the window crosses midnight). */
export function windowText(from: string, to: string): string {
  const [dayA, dayB] = [countyDay(from), countyDay(to)];
  const [a, b] = [`${dayA} ${formatClock(from)}`, formatClock(to)];
  return `${a} – ${dayB === dayA ? b : `${dayB} ${b}`}`;
}

/** The public page of a notice, on this server. */
export function publicUrl(slug: string): string {
  return `${window.location.origin}/n/${slug}`;
}

/** Colours of a case's classification: red for confirmed, shades for the rest. */
export const CLASSIFICATION_COLORS: Record<Case['classification'], string> = {
  confirmed: '#cf1322',
  suspected: '#ff7875',
  asymptomatic: '#eb2f96',
  excluded: '#8c8c8c',
};
export const OUTCOME_COLORS: Record<Case['outcome'], string> = {
  under_treatment: 'processing',
  cured: 'success',
  deceased: 'default',
};
export const NOTICE_STATUS_COLORS: Record<NoticeStatusValue, string> = {
  draft: 'default',
  published: 'processing',
  closed: 'success',
};
