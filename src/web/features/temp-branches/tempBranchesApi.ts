import type { z } from 'zod';
import type {
  BranchFlags,
  BranchInput,
  BranchRules,
  Compound,
  CompoundInput,
  CompoundPatch,
  TempBranch,
  TempBranchDetail,
} from '../../../shared/temp-branches';
import { api } from '../../app/api';

export type BranchBody = z.input<typeof BranchInput>;

/** The temporary branches endpoints (/api/temp-branches…, /api/compounds…). */
export const tempBranchesApi = {
  flags: () => api.get<BranchFlags>('/temp-branches/flags'),
  rules: () => api.get<BranchRules>('/temp-branches/rules'),
  saveRules: (body: BranchRules) => api.put<BranchRules>('/temp-branches/rules', body),
  setUp: (body: BranchBody) => api.post<TempBranch>('/temp-branches', body),
  branch: (id: string) => api.get<TempBranchDetail>(`/temp-branches/${id}`),
  addMember: (id: string, body: { partyMemberId: string; role: 'secretary' | 'member' }) =>
    api.post<TempBranchDetail>(`/temp-branches/${id}/members`, body),
  removeMember: (id: string, memberId: string) => api.delete(`/temp-branches/${id}/members/${memberId}`),
  close: (id: string, reason: string) => api.post<TempBranch>(`/temp-branches/${id}/close`, { reason }),
  markCompound: (body: z.input<typeof CompoundInput>) => api.post<Compound>('/compounds', body),
  changeCompound: (id: string, body: z.input<typeof CompoundPatch>) => api.patch<Compound>(`/compounds/${id}`, body),
};

export const POST_KINDS = [
  'checkpoint',
  'isolation_site',
  'compound',
  'ward',
  'working_group',
] as const satisfies readonly TempBranch['postKind'][];
