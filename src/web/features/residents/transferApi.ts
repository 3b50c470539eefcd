import type { z } from 'zod';
import type { PersonTransfer, TransferDecision, TransferRequestInput } from '../../../shared/transfers';
import { api } from '../../app/api';

/** What the registration form sends as a transfer request: its registration, plus why. */
export type TransferRequestBody = z.input<typeof TransferRequestInput>;

/** 迁入申请 (see src/server/features/residents/transfers.service.ts). */
export const transferApi = {
  /** how many requests wait: to decide (incoming) and filed by the user's jurisdiction (outgoing) */
  pending: () => api.get<{ incoming: number; outgoing: number }>('/person-transfers/pending'),
  request: (body: TransferRequestBody) => api.post<PersonTransfer>('/person-transfers', body),
  decide: (id: string, body: TransferDecision) => api.post<PersonTransfer>(`/person-transfers/${id}/decision`, body),
  withdraw: (id: string) => api.post<PersonTransfer>(`/person-transfers/${id}/withdraw`),
};
