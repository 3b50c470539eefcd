import type { z } from 'zod';
import type {
  PartyMember,
  PartyMemberCategory,
  PartyMemberInput,
  PartyMemberStatus,
  PartyMemberUpdate,
  PartyOrg,
  PartyOrgInput,
  PartyOrgKind,
  PartyOrgNode,
  PartyOrgUpdate,
  PartyRevealField,
  PartyUnitType,
} from '../../../shared/party';
import { api } from '../../app/api';

export type PartyOrgBody = z.input<typeof PartyOrgInput>;
export type PartyOrgPatch = z.input<typeof PartyOrgUpdate>;
export type PartyMemberBody = z.input<typeof PartyMemberInput>;
export type PartyMemberPatch = z.input<typeof PartyMemberUpdate>;

/** Which spreadsheet an import takes: the organisation tree or the member roll (花名册). */
export type PartyImportKind = 'organisations' | 'members';

/** The party endpoints (/api/party…): organisations, members, their reveals and imports. */
export const partyApi = {
  tree: () => api.get<PartyOrgNode[]>('/party/organisations/tree'),
  organisation: (id: string) => api.get<PartyOrg>(`/party/organisations/${id}`),
  createOrganisation: (body: PartyOrgBody) => api.post<PartyOrg>('/party/organisations', body),
  updateOrganisation: (id: string, body: PartyOrgPatch) => api.patch<PartyOrg>(`/party/organisations/${id}`, body),
  revealOrganisationPhone: async (id: string) =>
    (await api.post<{ value: string | null }>(`/party/organisations/${id}/reveal`, { field: 'phone' })).value,
  member: (id: string) => api.get<PartyMember>(`/party/members/${id}`),
  createMember: (body: PartyMemberBody) => api.post<PartyMember>('/party/members', body),
  updateMember: (id: string, body: PartyMemberPatch) => api.patch<PartyMember>(`/party/members/${id}`, body),
  removeMember: (id: string) => api.delete(`/party/members/${id}`),
  revealMember: async (id: string, field: PartyRevealField) =>
    (await api.post<{ value: string | null }>(`/party/members/${id}/reveal`, { field })).value,
};

export const ORG_KINDS = ['committee', 'general_branch', 'branch'] as const satisfies readonly PartyOrgKind[];
export const UNIT_TYPES = [
  'organ',
  'institution',
  'school',
  'village',
  'community',
  'enterprise',
  'other',
] as const satisfies readonly PartyUnitType[];
export const MEMBER_CATEGORIES = ['full', 'probationary'] as const satisfies readonly PartyMemberCategory[];
export const MEMBER_STATUSES = ['normal', 'mobile', 'lost_contact'] as const satisfies readonly PartyMemberStatus[];
