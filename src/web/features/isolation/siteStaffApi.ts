import type { z } from 'zod';
import type { IsolationStaff, IsolationStaffInput } from '../../../shared/isolation-staff';
import { api } from '../../app/api';

export type StaffBody = z.input<typeof IsolationStaffInput>;

/** The staff roster of a centralised isolation site. */
export const siteStaffApi = {
  list: async (siteId: string, show: 'current' | 'all') =>
    (await api.get<{ items: IsolationStaff[] }>(`/isolation/sites/${siteId}/staff`, { show })).items,
  add: (siteId: string, body: StaffBody) => api.post<IsolationStaff>(`/isolation/sites/${siteId}/staff`, body),
  end: (staffId: string, toDay: string) => api.post<IsolationStaff>(`/isolation/staff/${staffId}/end`, { toDay }),
};
