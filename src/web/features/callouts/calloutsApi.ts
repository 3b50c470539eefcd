import type { z } from 'zod';
import type {
  Callout,
  CalloutBoard,
  CalloutCandidate,
  CalloutHistory,
  CalloutInput,
  CalloutTargetsInput,
  MemberInput,
  MemberPatch,
  Team,
  TeamDetail,
  TeamInput,
} from '../../../shared/callouts';
import { api } from '../../app/api';

export type TeamBody = z.input<typeof TeamInput>;
export type MemberBody = z.input<typeof MemberInput>;
export type CalloutBody = z.input<typeof CalloutInput>;

/** The teams and call-outs endpoints (/api/callouts…). */
export const calloutsApi = {
  createTeam: (body: TeamBody) => api.post<Team>('/callouts/teams', body),
  team: (id: string) => api.get<TeamDetail>(`/callouts/teams/${id}`),
  disband: (id: string) => api.delete(`/callouts/teams/${id}`),
  addMember: (id: string, body: MemberBody) => api.post(`/callouts/teams/${id}/members`, body),
  changeMember: (id: string, memberId: string, body: z.input<typeof MemberPatch>) =>
    api.patch(`/callouts/teams/${id}/members/${memberId}`, body),
  removeMember: (id: string, memberId: string) => api.delete(`/callouts/teams/${id}/members/${memberId}`),
  revealPhone: async (id: string, memberId: string) =>
    (await api.post<{ value: string | null }>(`/callouts/teams/${id}/members/${memberId}/reveal`, { field: 'phone' }))
      .value,
  candidates: (teamId: string) => api.get<CalloutCandidate[]>(`/callouts/teams/${teamId}/candidates`),
  preview: (body: z.input<typeof CalloutTargetsInput>) => api.post<CalloutCandidate[]>('/callouts/preview', body),
  issue: (body: CalloutBody) => api.post<Callout>('/callouts', body),
  teamHistory: (id: string) => api.get<CalloutHistory>(`/callouts/teams/${id}/history`),
  memberHistories: (id: string) => api.get<Record<string, CalloutHistory>>(`/callouts/teams/${id}/members/history`),
  board: (id: string) => api.get<CalloutBoard>(`/callouts/${id}/board`),
  checkIn: (id: string, orderId: string) => api.post<CalloutBoard>(`/callouts/${id}/orders/${orderId}/arrive`),
  remind: (id: string) => api.post<{ reminded: number }>(`/callouts/${id}/remind`),
  close: (id: string) => api.post<Callout>(`/callouts/${id}/close`),
};

export const TEAM_KINDS = ['commando', 'volunteer', 'emergency'] as const satisfies readonly Team['kind'][];
export const SKILL_LIST = [
  'driver',
  'medical',
  'interpreter',
  'disinfection',
  'psychological',
] as const satisfies readonly Team['skills'][number][];
