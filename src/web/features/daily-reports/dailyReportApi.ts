import type { z } from 'zod';
import type {
  DailyReport,
  DailyReportDraftInput,
  DailyReportList,
  DailyReportReview,
  DailyReportSubmit,
  DailyReportUnitStatus,
  DailyReportUpdate,
  DailyReportVersion,
} from '../../../shared/daily-reports';
import { api } from '../../app/api';

/** The daily report endpoints (/api/daily-reports): the day's list, draft, save, submit, review, versions, export. */
export const dailyReportApi = {
  list: (query: { day?: string; regionId?: string }) => api.get<DailyReportList>('/daily-reports', query),
  get: (id: string) => api.get<DailyReport>(`/daily-reports/${id}`),
  draft: (body: z.input<typeof DailyReportDraftInput>) => api.post<DailyReport>('/daily-reports/draft', body),
  save: (id: string, body: z.input<typeof DailyReportUpdate>) => api.put<DailyReport>(`/daily-reports/${id}`, body),
  submit: (id: string, body: z.input<typeof DailyReportSubmit>) =>
    api.post<DailyReport>(`/daily-reports/${id}/submit`, body),
  review: (id: string, body: z.input<typeof DailyReportReview>) =>
    api.post<DailyReport>(`/daily-reports/${id}/review`, body),
  versions: (id: string) => api.get<{ items: DailyReportVersion[] }>(`/daily-reports/${id}/versions`),
  exportXlsx: (id: string) => api.download(`/daily-reports/${id}/export.xlsx`, 'daily-report.xlsx'),
};

export const STATUS_COLORS: Record<DailyReportUnitStatus, string> = {
  none: 'default',
  draft: 'processing',
  submitted: 'blue',
  reviewed: 'success',
  returned: 'error',
};
