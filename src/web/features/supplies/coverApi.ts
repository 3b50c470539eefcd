import type {
  ConsumptionEntry,
  ConsumptionReport,
  ConsumptionSite,
  CoverReport,
  CoverSettings,
} from '../../../shared/supplies-cover';
import type { ConsumptionInput } from '../../../shared/supplies-cover';
import { api } from '../../app/api';

/** The consumption and cover endpoints (cover.routes.ts). */
export const coverApi = {
  sites: () => api.get<ConsumptionSite[]>('/supplies/consumption/sites'),
  recent: (warehouseId: string) => api.get<ConsumptionEntry[]>('/supplies/consumption', { warehouseId }),
  report: (input: ConsumptionInput) => api.post<ConsumptionReport>('/supplies/consumption', input),
  cover: (query: { low?: 'true'; warehouseId?: string } = {}) => api.get<CoverReport>('/supplies/cover', query),
  settings: () => api.get<CoverSettings>('/supplies/cover/settings'),
  saveSettings: (s: CoverSettings) => api.put<CoverSettings>('/supplies/cover/settings', s),
};

/** An instant as date and time in the county's zone (Asia/Shanghai), whatever the browser's zone. */
export function countyTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale, {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}
