import type { z } from 'zod';
import type {
  NoticeDraft,
  NoticeDraftChange,
  NoticeKind,
  NoticeReceipts,
  NoticeState,
  NoticeView,
  SentNotice,
} from '../../../shared/notices';
import { api, type Page } from '../../app/api';

export type NoticeDraftBody = z.input<typeof NoticeDraft>;
export type NoticeChangeBody = z.input<typeof NoticeDraftChange>;

/** The notices endpoints (/api/notices): inbox, unread count, the sender's list, compose, publish, withdraw, receipts. */
export const noticesApi = {
  inbox: (query: { unread?: boolean; cursor?: string }) =>
    api.get<Page<NoticeView> & { unread: number }>('/notices/inbox', {
      unread: query.unread ? 'true' : undefined,
      cursor: query.cursor,
    }),
  unread: async () => (await api.get<{ unread: number }>('/notices/unread')).unread,
  sent: (query: { kind?: NoticeKind; state?: NoticeState; cursor?: string }) =>
    api.get<Page<SentNotice>>('/notices', query),
  notice: (id: string) => api.get<NoticeView>(`/notices/${id}`),
  compose: (body: NoticeDraftBody) => api.post<NoticeView>('/notices', body),
  change: (id: string, body: NoticeChangeBody) => api.patch<NoticeView>(`/notices/${id}`, body),
  publish: (id: string) => api.post<NoticeView>(`/notices/${id}/publish`),
  withdraw: (id: string) => api.post<NoticeView>(`/notices/${id}/withdraw`),
  markRead: (id: string) => api.post<NoticeView>(`/notices/${id}/read`),
  receipts: (id: string) => api.get<NoticeReceipts>(`/notices/${id}/receipts`),
};

/** The public page of an announcement, on this server. */
export function announcementUrl(slug: string): string {
  return `${window.location.origin}/a/${slug}`;
}

export const URGENCY_COLORS: Record<NoticeView['urgency'], string> = {
  routine: 'default',
  urgent: 'orange',
  immediate: 'red',
};
export const STATE_COLORS: Record<NoticeView['state'], string> = {
  draft: 'default',
  published: 'processing',
  withdrawn: 'default',
};

/** Tells the header's unread badge to count again (after a notice is read). */
export const UNREAD_CHANGED = 'qf:notices-unread-changed';
