import type { z } from 'zod';
import type {
  BulkEpisodeInput,
  BulkEpisodeResult,
  DefaultObserver,
  EndEpisodeInput,
  ObserverAssignment,
  ObserverAssignmentResult,
  Episode,
  EpisodeChange,
  EpisodeInput,
  HouseholdEpisodeInput,
  HouseholdFill,
  IsolationSettings,
  IsolationSite,
  IsolationSiteInput,
  MissedSummary,
  Necessity,
  NecessityAction,
  NecessityInput,
  Room,
  RoomsInput,
  Slot,
  SlotFill,
  TodayItem,
} from '../../../shared/isolation';
import { FEVER_CELSIUS } from '../../../shared/screening';
import { api, type Page, type Query } from '../../app/api';
import { formatClock } from '../../app/format';

export type EpisodeBody = z.input<typeof EpisodeInput>;
export type BulkEpisodeBody = z.input<typeof BulkEpisodeInput>;
export type HouseholdEpisodeBody = z.input<typeof HouseholdEpisodeInput>;
export type SlotFillBody = z.input<typeof SlotFill>;
export type SiteBody = z.input<typeof IsolationSiteInput>;
export type RoomsBody = z.input<typeof RoomsInput>;
export type Missed = z.infer<typeof MissedSummary> & { total: number };
export interface EpisodeDetail {
  episode: Episode;
  slots: Slot[];
  necessities: Necessity[];
}
/** GET /api/isolation/episodes/:id/certificate (the schema is spelled out in the route). */
export interface CertificatePrint {
  serial: string;
  code: string;
  issuedAt: string;
  kind: string;
  startDay: string;
  endDay: string;
  name: string;
  sex: string | null;
  idNumber: string | null;
  birthDate: string | null;
  issuer: string;
  verifyPath: string;
}

/** The isolation endpoints under /api/isolation. */
export const isolationApi = {
  episodes: (query: Query) => api.get<Page<Episode>>('/isolation/episodes', query),
  episode: (id: string) => api.get<EpisodeDetail>(`/isolation/episodes/${id}`),
  create: (body: EpisodeBody) => api.post<Episode>('/isolation/episodes', body),
  createBulk: (body: BulkEpisodeBody) => api.post<BulkEpisodeResult>('/isolation/episodes/bulk', body),
  createHousehold: (body: HouseholdEpisodeBody) => api.post<BulkEpisodeResult>('/isolation/episodes/household', body),
  defaultObservers: async (personIds: string[], siteId?: string) =>
    (
      await api.post<{ items: (DefaultObserver & { personId: string })[] }>('/isolation/default-observers', {
        personIds,
        siteId,
      })
    ).items,
  assignObservers: (body: ObserverAssignment) =>
    api.post<ObserverAssignmentResult>('/isolation/episodes/observer', body),
  change: (id: string, body: z.input<typeof EpisodeChange>) => api.patch<Episode>(`/isolation/episodes/${id}`, body),
  end: (id: string, body: z.input<typeof EndEpisodeInput>) => api.post<Episode>(`/isolation/episodes/${id}/end`, body),
  link: (id: string) => api.post<{ token: string; path: string }>(`/isolation/episodes/${id}/link`),
  certificate: (id: string) => api.get<CertificatePrint>(`/isolation/episodes/${id}/certificate`),
  today: async (all: boolean) =>
    (await api.get<{ items: TodayItem[] }>('/isolation/today', { all: all ? 'true' : undefined })).items,
  /** The full number to call for a follow-up (audited on the server, purpose 随访). */
  callNumber: async (episodeId: string) =>
    (await api.post<{ phone: string }>(`/isolation/episodes/${episodeId}/call`)).phone,
  fill: (slotId: string, body: SlotFillBody) => api.post<Slot>(`/isolation/slots/${slotId}`, body),
  fillHousehold: (householdId: string, body: z.input<typeof HouseholdFill>) =>
    api.post<{ filled: number }>(`/isolation/households/${householdId}/follow-up`, body),
  missed: () => api.get<Missed>('/isolation/missed', { limit: 500 }),
  requestNecessity: (episodeId: string, body: z.input<typeof NecessityInput>) =>
    api.post<{ id: string }>(`/isolation/episodes/${episodeId}/necessities`, body),
  actOnNecessity: (id: string, body: NecessityAction) => api.post<Necessity>(`/isolation/necessities/${id}`, body),
  sites: async () => (await api.get<{ items: IsolationSite[] }>('/isolation/sites')).items,
  site: (id: string) => api.get<{ site: IsolationSite; rooms: Room[] }>(`/isolation/sites/${id}`),
  createSite: (body: SiteBody) => api.post<IsolationSite>('/isolation/sites', body),
  updateSite: (id: string, body: SiteBody) => api.put<IsolationSite>(`/isolation/sites/${id}`, body),
  addRooms: (siteId: string, body: RoomsBody) =>
    api.post<{ created: number }>(`/isolation/sites/${siteId}/rooms`, body),
  updateRoom: (id: string, body: { capacity?: number; status?: 'available' | 'closed' }) =>
    api.patch<void>(`/isolation/rooms/${id}`, body),
  settings: () => api.get<IsolationSettings>('/isolation/settings'),
};

/** 37.3 ℃ and above is a fever: shown red everywhere. */
export function isFever(temperature: number | null | undefined): boolean {
  return temperature !== null && temperature !== undefined && temperature >= FEVER_CELSIUS;
}

/** An instant as the county's HH:MM. */
const clockTime = (iso: string | null | undefined) => formatClock(iso);

/** "07:00–12:00": a slot's window. */
export function slotWindow(slot: { dueFrom: string; dueTo: string }): string {
  return `${clockTime(slot.dueFrom)}–${clockTime(slot.dueTo)}`;
}

/** Length of an observation in days, start and planned end inclusive. */
export function lengthOf(ep: { startDay: string; plannedEndDay: string }): number {
  return (
    Math.round((Date.parse(`${ep.plannedEndDay}T00:00:00Z`) - Date.parse(`${ep.startDay}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** Where the person is kept: the site and room for a centralised isolation, else the home address. */
export function placeOf(ep: Pick<Episode, 'kind' | 'siteName' | 'roomLabel' | 'address' | 'regionName'>): string {
  if (ep.kind === 'centralised') return [ep.siteName, ep.roomLabel].filter(Boolean).join(' ');
  return ep.address ?? ep.regionName ?? '—';
}

/** "2020-01-25" for today in the browser's time zone. */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
