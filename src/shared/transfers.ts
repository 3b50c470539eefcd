import { z } from 'zod';
import { PersonInput } from './residents';

/**
 * 迁入申请: a person registered in another jurisdiction moves here only when that jurisdiction (or a
 * level above both) accepts. A request waits `pending` until it is accepted, refused, withdrawn by
 * its requester, or expires.
 */
export const TransferStatus = z.enum(['pending', 'accepted', 'refused', 'withdrawn', 'expired']);
export type TransferStatus = z.infer<typeof TransferStatus>;

/** A request lapses after this many days without a decision. */
export const TRANSFER_EXPIRES_AFTER_DAYS = 7;

/** The registration that was answered PERSON_REGISTERED_ELSEWHERE, sent again as a request, with why. */
export const TransferRequestInput = PersonInput.omit({ confirmNotDuplicate: true }).extend({
  idNumber: z.string().trim().toUpperCase().min(5).max(30),
  reason: z.string().trim().max(500).nullable().optional(),
});
export type TransferRequestInput = z.infer<typeof TransferRequestInput>;

export const TransferDecision = z.object({
  decision: z.enum(['accept', 'refuse']),
  note: z.string().trim().max(500).nullable().optional(),
});
export type TransferDecision = z.infer<typeof TransferDecision>;

/** incoming: requests to release a person of your jurisdiction; outgoing: requests your jurisdiction filed. */
export const TransferBox = z.enum(['incoming', 'outgoing']);
export type TransferBox = z.infer<typeof TransferBox>;

export const TransferListQuery = z.object({
  box: TransferBox,
  status: TransferStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type TransferListQuery = z.infer<typeof TransferListQuery>;

export const PersonTransfer = z.object({
  id: z.string(),
  personId: z.string(),
  /** the name the requester registered (they typed it with the ID number) */
  name: z.string(),
  /** masked */
  idNumber: z.string().nullable(),
  /**
   * where the person is registered (their household's address while pending, else the region they
   * were in when the request was filed); null for the requesting side, which is not told
   */
  fromPlace: z.string().nullable(),
  toRegionId: z.string(),
  toRegionName: z.string().nullable(),
  toAddress: z.string().nullable(),
  reason: z.string().nullable(),
  status: TransferStatus,
  requestedByName: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** the reader may accept or refuse it */
  canDecide: z.boolean(),
  /** the reader filed it and may withdraw it */
  canWithdraw: z.boolean(),
});
export type PersonTransfer = z.infer<typeof PersonTransfer>;
