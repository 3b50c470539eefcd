import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { Scope } from '../../access/scope';
import type { DonationCertificate, PublicDonation } from '../../../shared/donations';
import { listEntriesOf } from '../supplies';
import { findDonationByCode, listLinesOf } from './donations.repository';
import { getDonation } from './donations.service';

/**
 * 捐赠证书 for printing: the donor's name as they gave it (an anonymous donor's certificate says
 * 爱心人士), what was accepted at receiving, the serial, and the code its QR links to.
 */
export async function donationCertificate(
  db: Db,
  scope: Scope,
  id: string,
  timeZone: string,
): Promise<DonationCertificate> {
  const d = await getDonation(db, scope, id);
  if (!d.certificate_serial) throw new AppError('DONATION_CERTIFICATE_NOT_FOUND');
  const lines = await listLinesOf(db, id);
  return {
    serial: d.certificate_serial,
    code: d.certificate_code!,
    donorName: d.donor_kind === 'anonymous' || !d.donor_name ? '爱心人士' : d.donor_name,
    donatedOn: d.donated_on,
    issuedAt: d.certificate_issued_at!,
    issuer: d.region_name ?? '',
    purpose: d.purpose,
    designatedTo: d.designated_to,
    items: lines
      .filter((l) => l.verdict === 'accepted')
      .map((l) => ({
        itemName: l.received_item_name ?? l.item_name,
        spec: l.received_spec ?? '',
        quantity: l.received_quantity ?? 0,
        unit: l.received_unit ?? l.unit,
      })),
    verifyPath: `/ledger?code=${d.certificate_code}`,
    timeZone,
  };
}

/**
 * "Where did my 1,000 masks go?": what anyone holding the certificate's code sees — the donation as
 * the public ledger prints it (匿名 for the anonymous), each line as declared and as received (a
 * corrected item is marked), and every ledger entry that moved its goods so far, with their hashes.
 */
export async function publicDonationByCode(db: Db, code: string, timeZone: string): Promise<PublicDonation> {
  const d = await findDonationByCode(db, code);
  if (!d?.certificate_serial) throw new AppError('DONATION_CERTIFICATE_NOT_FOUND');
  const lines = await listLinesOf(db, d.id);
  const entries = await listEntriesOf(
    db,
    'donation_line',
    lines.map((l) => l.id),
  );
  return {
    serial: d.certificate_serial,
    donor: d.donor_public_name,
    donatedOn: d.donated_on,
    purpose: d.purpose,
    designatedTo: d.designated_to,
    lines: lines.map((l) => ({
      declaredItem: l.item_name,
      declaredQuantity: l.quantity,
      receivedItem: l.received_item_name ?? null,
      receivedQuantity: l.received_quantity ?? null,
      unit: l.received_unit ?? l.unit,
      corrected: !!l.received_item_id && l.received_item_id !== l.item_id,
      discrepancyReason: l.discrepancy_reason ?? null,
      verdict: l.verdict ?? null,
      warehouse: l.warehouse_name ?? null,
      receivedOn: l.received_at ?? null,
    })),
    path: entries.map((e) => ({
      seq: e.seq,
      at: e.at,
      kind: e.kind,
      warehouse: e.warehouse_name,
      item: e.item_name,
      quantity: e.quantity,
      unit: e.unit,
      hash: e.hash,
    })),
    timeZone,
  };
}
