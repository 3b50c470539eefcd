import type {
  ZeroReport,
  ZeroReportDraft,
  ZeroReportSettings,
  ZeroReportStatus,
  ZeroReportSubmission,
  ZeroReportUnitStatus,
  ZeroReportUnitType,
} from '../../../shared/zero-reports';
import { api } from '../../app/api';

/** The zero-report endpoints under /api/zero-reports. */
export const zeroReportApi = {
  units: (day?: string) => api.get<{ day: string; items: ZeroReportUnitStatus[] }>('/zero-reports/units', { day }),
  draft: (unitType: ZeroReportUnitType, unitId: string, day?: string) =>
    api.get<ZeroReportDraft>('/zero-reports/draft', { unitType, unitId, day }),
  submit: (body: ZeroReportSubmission) => api.post<{ report: ZeroReport; created: boolean }>('/zero-reports', body),
  versions: async (id: string) => (await api.get<{ items: ZeroReport[] }>(`/zero-reports/${id}/versions`)).items,
  status: (query: { day?: string; under?: string }) => api.get<ZeroReportStatus>('/zero-reports/status', query),
  settings: () => api.get<ZeroReportSettings>('/zero-reports/settings'),
  saveSettings: (body: ZeroReportSettings) => api.put<ZeroReportSettings>('/zero-reports/settings', body),
};

/** "0.953" → "95.3%"; an empty group shows a dash. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;
}
