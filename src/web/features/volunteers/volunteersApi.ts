import type { z } from 'zod';
import type {
  Volunteer,
  VolunteerAction,
  VolunteerGroup,
  VolunteerGroupDetail,
  VolunteerGroupInput,
  VolunteerGroupPatch,
  VolunteerInput,
  VolunteerRevealField,
  VolunteerSelfLink,
  VolunteerSignupLink,
  VolunteerUpdate,
} from '../../../shared/volunteers';
import { api } from '../../app/api';

export type VolunteerBody = z.input<typeof VolunteerInput>;

/** The volunteers and groups endpoints (/api/volunteers…, /api/volunteer-groups…). */
export const volunteersApi = {
  create: (body: VolunteerBody) => api.post<Volunteer>('/volunteers', body),
  get: (id: string) => api.get<Volunteer>(`/volunteers/${id}`),
  update: (id: string, body: z.input<typeof VolunteerUpdate>) => api.patch<Volunteer>(`/volunteers/${id}`, body),
  act: (id: string, action: VolunteerAction) => api.post<Volunteer>(`/volunteers/${id}/status`, { action }),
  reveal: async (id: string, field: VolunteerRevealField) =>
    (await api.post<{ value: string | null }>(`/volunteers/${id}/reveal`, { field })).value,
  signupLink: (regionId: string) => api.get<VolunteerSignupLink>(`/volunteers/signup-links/${regionId}`),
  renewLink: (regionId: string) => api.post<VolunteerSignupLink>(`/volunteers/signup-links/${regionId}/renew`),
  issueSelfLink: (id: string, days: number) => api.post<VolunteerSelfLink>(`/volunteers/${id}/self-link`, { days }),
  revokeSelfLink: (id: string) => api.delete(`/volunteers/${id}/self-link`),
  createGroup: (body: z.input<typeof VolunteerGroupInput>) => api.post<VolunteerGroup>('/volunteer-groups', body),
  group: (id: string) => api.get<VolunteerGroupDetail>(`/volunteer-groups/${id}`),
  patchGroup: (id: string, body: z.input<typeof VolunteerGroupPatch>) =>
    api.patch<VolunteerGroupDetail>(`/volunteer-groups/${id}`, body),
  addMembers: (id: string, volunteerIds: string[]) =>
    api.post<VolunteerGroupDetail>(`/volunteer-groups/${id}/members`, { volunteerIds }),
  removeMember: (id: string, volunteerId: string) => api.delete(`/volunteer-groups/${id}/members/${volunteerId}`),
  activate: (id: string) => api.post<VolunteerGroupDetail>(`/volunteer-groups/${id}/activate`),
  disband: (id: string) => api.delete(`/volunteer-groups/${id}`),
};

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const STATUSES = ['pending', 'active', 'suspended', 'left'] as const satisfies readonly Volunteer['status'][];
