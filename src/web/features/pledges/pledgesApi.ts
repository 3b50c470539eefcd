import type { z } from 'zod';
import type {
  OnSitePledgeInput,
  Pledge,
  PledgeAssignInput,
  PledgeUnit,
  PledgeUnitInput,
  PledgeUnitUpdate,
} from '../../../shared/pledges';
import { api } from '../../app/api';

/** The 请战书 endpoints (/api/pledges…). */
export const pledgesApi = {
  units: () => api.get<PledgeUnit[]>('/pledges/units'),
  createUnit: (body: z.input<typeof PledgeUnitInput>) => api.post<PledgeUnit>('/pledges/units', body),
  updateUnit: (id: string, body: z.input<typeof PledgeUnitUpdate>) =>
    api.patch<PledgeUnit>(`/pledges/units/${id}`, body),
  pledge: (id: string) => api.get<Pledge>(`/pledges/${id}`),
  signOnSite: (body: OnSitePledgeInput) => api.post<Pledge>('/pledges/on-site', body),
  assign: (id: string, body: z.input<typeof PledgeAssignInput>) => api.post<Pledge>(`/pledges/${id}/assign`, body),
  signatureUrl: (id: string) => `/api/pledges/${id}/signature.png`,
};
