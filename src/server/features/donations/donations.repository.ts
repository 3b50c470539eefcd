import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import type { DonationTable, DonationLineTable, DonationReceiptTable, DonorTable } from './donations.table';

export async function insertDonor(db: Db, row: Insertable<DonorTable>): Promise<void> {
  await db.insertInto('donors').values(row).execute();
}

export async function findDonorInScope(db: Db, scope: Scope, id: string) {
  return inScope(db.selectFrom('donors').selectAll().where('id', '=', id), 'region_path', scope).executeTakeFirst();
}

export async function insertDonation(db: Db, row: Insertable<DonationTable>): Promise<void> {
  await db.insertInto('donations').values(row).execute();
}

export async function insertDonationLines(db: Db, rows: Insertable<DonationLineTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('donation_lines').values(rows).execute();
}

export async function updateDonation(db: Db, id: string, set: Updateable<DonationTable>): Promise<void> {
  await db.updateTable('donations').set(set).where('id', '=', id).execute();
}

export async function insertReceipts(db: Db, rows: Insertable<DonationReceiptTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('donation_receipts').values(rows).execute();
}

/** Donations with their donor and receiving region's name (display joins). */
function selectDonations(db: Db) {
  return db
    .selectFrom('donations')
    .innerJoin('donors', 'donors.id', 'donations.donor_id')
    .leftJoin('regions', 'regions.id', 'donations.region_id')
    .leftJoin('party_organisations as branch', 'branch.id', 'donations.party_org_id')
    .selectAll('donations')
    .select([
      'branch.name as party_org_name',
      'donors.kind as donor_kind',
      'donors.name as donor_name',
      'donors.public_name as donor_public_name',
      'donors.contact_name as donor_contact_name',
      'donors.phone as donor_phone',
      'regions.name as region_name',
    ]);
}
export type DonationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectDonations>['executeTakeFirst']>>>;

export async function findDonationInScope(db: Db, scope: Scope, id: string): Promise<DonationRow | undefined> {
  return inScope(selectDonations(db).where('donations.id', '=', id), 'donations.region_path', scope).executeTakeFirst();
}

/** The donation a certificate's code names (the public check). */
export async function findDonationByCode(db: Db, code: string): Promise<DonationRow | undefined> {
  return selectDonations(db).where('donations.certificate_code', '=', code).executeTakeFirst();
}

/** Newest first, a page of the jurisdiction's donations (one more than `limit`). */
export async function listDonationsInScope(
  db: Db,
  scope: Scope,
  f: {
    status?: DonationTable['status'];
    donor?: string;
    partyOrgId?: string;
    partyOnly?: boolean;
    before?: string;
    limit: number;
  },
): Promise<DonationRow[]> {
  return inScope(selectDonations(db), 'donations.region_path', scope)
    .$if(!!f.partyOrgId, (b) => b.where('donations.party_org_id', '=', f.partyOrgId!))
    .$if(!!f.partyOnly, (b) => b.where('donations.party_member_id', 'is not', null))
    .$if(f.status !== undefined, (b) => b.where('donations.status', '=', f.status!))
    .$if(!!f.donor, (b) => b.where('donors.name', 'like', `%${f.donor!.replace(/[%_]/g, '')}%`))
    .$if(f.before !== undefined, (b) => b.where('donations.id', '<', f.before!))
    .orderBy('donations.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** A donation's lines with the declared and the received item's names, and the receipt if any. */
export async function listLinesOf(db: Db, donationId: string) {
  return db
    .selectFrom('donation_lines')
    .innerJoin('supply_items as declared', 'declared.id', 'donation_lines.item_id')
    .leftJoin('donation_receipts', 'donation_receipts.line_id', 'donation_lines.id')
    .leftJoin('supply_items as received', 'received.id', 'donation_receipts.item_id')
    .leftJoin('warehouses', 'warehouses.id', 'donation_receipts.warehouse_id')
    .selectAll('donation_lines')
    .select([
      'declared.name as item_name',
      'declared.unit as unit',
      'declared.category as category',
      'donation_receipts.id as receipt_id',
      'donation_receipts.warehouse_id',
      'warehouses.name as warehouse_name',
      'donation_receipts.item_id as received_item_id',
      'received.name as received_item_name',
      'received.unit as received_unit',
      'donation_receipts.spec as received_spec',
      'donation_receipts.quantity as received_quantity',
      'donation_receipts.batch',
      'donation_receipts.expiry',
      'donation_receipts.verdict',
      'donation_receipts.verdict_reason',
      'donation_receipts.discrepancy_reason',
      'donation_receipts.ledger_seq',
      'donation_receipts.received_by_name',
      'donation_receipts.received_at',
    ])
    .where('donation_lines.donation_id', '=', donationId)
    .orderBy('donation_lines.line_no')
    .execute();
}
export type DonationLineRow = Awaited<ReturnType<typeof listLinesOf>>[number];

/** The highest certificate serial starting with `prefix`, or null. */
export async function maxCertificateSerial(db: Db, prefix: string): Promise<string | null> {
  const last = await db
    .selectFrom('donations')
    .select((eb) => eb.fn.max('certificate_serial').as('m'))
    .where('certificate_serial', '>=', prefix)
    .where('certificate_serial', '<', `${prefix}~`)
    .executeTakeFirst();
  return last?.m ? String(last.m) : null;
}

/**
 * The public ledger's list: accepted receipts, newest first, with the donor's public name (匿名 for
 * the anonymous), the item received and, where it differs, the item declared. No private column.
 */
export async function listPublicReceipts(db: Db, f: { before?: string; limit: number }) {
  return db
    .selectFrom('donation_receipts')
    .innerJoin('donations', 'donations.id', 'donation_receipts.donation_id')
    .innerJoin('donors', 'donors.id', 'donations.donor_id')
    .innerJoin('donation_lines', 'donation_lines.id', 'donation_receipts.line_id')
    .innerJoin('supply_items as received', 'received.id', 'donation_receipts.item_id')
    .innerJoin('supply_items as declared', 'declared.id', 'donation_lines.item_id')
    .innerJoin('warehouses', 'warehouses.id', 'donation_receipts.warehouse_id')
    .select([
      'donation_receipts.id',
      'donations.certificate_serial as serial',
      'donors.public_name as donor',
      'received.name as item',
      'received.unit as unit',
      'donation_receipts.spec',
      'donation_receipts.quantity',
      'declared.name as declared_item',
      'donations.purpose',
      'donations.designated_to',
      'warehouses.name as warehouse',
      'donation_receipts.received_at',
    ])
    .where('donation_receipts.verdict', '=', 'accepted')
    .$if(f.before !== undefined, (b) => b.where('donation_receipts.id', '<', f.before!))
    .orderBy('donation_receipts.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}
export type PublicReceiptRow = Awaited<ReturnType<typeof listPublicReceipts>>[number];

/** Donors of the jurisdiction whose name contains `q`, newest first (the desk's search-or-create). */
export async function listDonorsInScope(db: Db, scope: Scope, f: { q?: string; before?: string; limit: number }) {
  return inScope(db.selectFrom('donors').selectAll(), 'region_path', scope)
    .where('kind', '!=', 'anonymous')
    .$if(!!f.q, (b) => b.where('name', 'like', `%${f.q!.replace(/[%_]/g, '')}%`))
    .$if(f.before !== undefined, (b) => b.where('id', '<', f.before!))
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Party members' donations of the jurisdiction, per branch, with the branch's name (display join). */
export async function sumDonationsByBranch(db: Db, scope: Scope) {
  return inScope(
    db
      .selectFrom('donations')
      .innerJoin('party_organisations as branch', 'branch.id', 'donations.party_org_id')
      .innerJoin('donation_lines', 'donation_lines.donation_id', 'donations.id')
      .select((eb) => [
        'donations.party_org_id',
        'branch.name',
        eb.fn.count<string>('donations.id').distinct().as('donations'),
        eb.fn.count<string>('donations.party_member_id').distinct().as('members'),
        eb.fn
          .sum<string>(
            eb.case().when('donations.kind', '=', 'money').then(eb.ref('donation_lines.quantity')).else(0).end(),
          )
          .as('money'),
        eb.fn.sum<string>(eb.case().when('donations.kind', '=', 'goods').then(1).else(0).end()).as('goods_lines'),
      ])
      .where('donations.party_org_id', 'is not', null)
      .groupBy(['donations.party_org_id', 'branch.name']),
    'donations.region_path',
    scope,
  )
    .orderBy('branch.name')
    .execute();
}

/**
 * Party members' donations of the jurisdiction up to a day, one row per donation line (a money
 * donation has one line, in yuan): what mobilisation's figures count per township.
 */
export async function listPartyDonationLines(db: Db, scope: Scope, upTo: string) {
  return inScope(
    db
      .selectFrom('donations')
      .innerJoin('donation_lines', 'donation_lines.donation_id', 'donations.id')
      .select([
        'donations.id',
        'donations.region_path',
        'donations.donated_on',
        'donations.party_member_id',
        'donations.kind',
        'donation_lines.quantity',
      ])
      .where('donations.party_member_id', 'is not', null)
      .where('donations.donated_on', '<=', upTo),
    'donations.region_path',
    scope,
  ).execute();
}
