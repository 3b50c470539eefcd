import type { Db } from '../../db/database';
import type { Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import { maskPhone } from '../../../shared/validators';
import type { Donor, DonorQuery } from '../../../shared/donations';
import { listDonorsInScope } from './donations.repository';

type DonorRow = Awaited<ReturnType<typeof listDonorsInScope>>[number];

/** A donor as the desk sees it: the phone masked (revealed through a donation, audited). */
export function toDonor(r: DonorRow): Donor {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    publicName: r.public_name,
    contactName: r.contact_name,
    phone: maskPhone(r.phone),
    createdAt: r.created_at,
  };
}

/**
 * Known donors of the jurisdiction by part of their name, for the desk's search-or-create: a company
 * that gives again is the same donor. Anonymous donors are never offered (each gift stands alone).
 */
export async function listDonors(db: Db, scope: Scope, q: DonorQuery) {
  return listDonorsInScope(db, scope, { q: q.q, before: decodeCursor(q.cursor, CursorId), limit: q.limit });
}
