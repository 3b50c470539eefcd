import type { z } from 'zod';
import type {
  AssignPostInput,
  CadreReportInput,
  PartyReport,
  ReportingLink,
  ReportingPost,
  ReportingRates,
} from '../../../shared/reporting';
import { api } from '../../app/api';

/** The 报到 endpoints (/api/party/reports…, /api/party/reporting…). */
export const reportingApi = {
  link: (communityId: string) => api.post<ReportingLink>(`/party/reporting/links/${communityId}`),
  enter: (body: z.input<typeof CadreReportInput>) => api.post<PartyReport>('/party/reports', body),
  assign: (id: string, body: z.input<typeof AssignPostInput>) =>
    api.post<PartyReport>(`/party/reports/${id}/post`, body),
  onPost: (id: string) => api.post<PartyReport>(`/party/reports/${id}/on-post`),
  reveal: async (id: string, field: 'idNumber' | 'phone') =>
    (await api.post<{ value: string | null }>(`/party/reports/${id}/reveal`, { field })).value,
  rates: () => api.get<ReportingRates>('/party/reporting/rates'),
  exportRates: () => api.download('/party/reporting/rates.xlsx', 'reporting-rates.xlsx'),
};

export const REPORTING_POSTS = [
  'checkpoint',
  'door_to_door',
  'publicity',
  'errands',
  'order',
  'other',
] as const satisfies readonly ReportingPost[];
