import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { localDay } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import { maskName, maskPhone } from '../../../shared/validators';
import {
  ANONYMOUS_PUBLIC_NAME,
  type DonationDetail,
  type DonationInput,
  type DonationQuery,
  type DonationSummary,
  type DonorInput,
  type ReceiveInput,
} from '../../../shared/donations';
import { audit } from '../audit';
import { getPartyMember } from '../party';
import { getRegionInScope } from '../regions';
import { appendMovements, getItem, getWarehouse, type LedgerContext, type Movement } from '../supplies';
import {
  findDonationInScope,
  findDonorInScope,
  insertDonation,
  insertDonationLines,
  insertDonor,
  insertReceipts,
  listDonationsInScope,
  listLinesOf,
  maxCertificateSerial,
  updateDonation,
  type DonationLineRow,
  type DonationRow,
} from './donations.repository';

const MONEY_ITEM_CODE = 'MONEY';
const MONEY_ITEM_ID = '01700000-0000-7000-8000-000000000015';

/**
 * The name the public ledger prints: a company's or organisation's name; an individual's family
 * name with the rest masked (孙**), since a private person's name is not published; 匿名 for
 * someone who would not give one (不愿透露姓名).
 */
export function publicNameOf(d: Pick<DonorInput, 'kind' | 'name'>): string {
  if (d.kind === 'anonymous' || !d.name) return ANONYMOUS_PUBLIC_NAME;
  if (d.kind === 'individual') return maskName(d.name);
  return d.name;
}

export function toDonationSummary(r: DonationRow): DonationSummary {
  return {
    id: r.id,
    donor: { id: r.donor_id, kind: r.donor_kind, name: r.donor_name, publicName: r.donor_public_name },
    kind: r.kind,
    purpose: r.purpose,
    designatedTo: r.designated_to,
    moneyChannel: r.money_channel,
    donatedOn: r.donated_on,
    status: r.status,
    regionName: r.region_name,
    certificateSerial: r.certificate_serial,
    partyMemberId: r.party_member_id,
    partyOrg: r.party_org_id ? { id: r.party_org_id, name: r.party_org_name ?? '' } : null,
    createdAt: r.created_at,
  };
}

function toLine(l: DonationLineRow) {
  return {
    id: l.id,
    lineNo: l.line_no,
    itemId: l.item_id,
    itemName: l.item_name,
    unit: l.unit,
    spec: l.spec,
    quantity: l.quantity,
    declaredValue: l.declared_value,
    receipt: l.receipt_id
      ? {
          warehouseId: l.warehouse_id!,
          warehouseName: l.warehouse_name ?? '',
          itemId: l.received_item_id!,
          itemName: l.received_item_name ?? '',
          unit: l.received_unit ?? '',
          spec: l.received_spec ?? '',
          quantity: l.received_quantity!,
          batch: l.batch ?? '',
          expiry: l.expiry ?? null,
          verdict: l.verdict!,
          verdictReason: l.verdict_reason ?? null,
          discrepancyReason: l.discrepancy_reason ?? null,
          ledgerSeq: l.ledger_seq ?? null,
          receivedBy: l.received_by_name ?? null,
          receivedAt: l.received_at!,
        }
      : null,
  };
}

export async function getDonation(db: Db, scope: Scope, id: string): Promise<DonationRow> {
  const row = await findDonationInScope(db, scope, id);
  if (!row) throw new AppError('DONATION_NOT_FOUND');
  return row;
}

/** A donation of the jurisdiction with its lines and receipts; the donor's phone masked. */
export async function donationDetail(db: Db, scope: Scope, id: string): Promise<DonationDetail> {
  const d = await getDonation(db, scope, id);
  return {
    ...toDonationSummary(d),
    note: d.note,
    donorContactName: d.donor_contact_name,
    donorPhone: maskPhone(d.donor_phone),
    certificateCode: d.certificate_code,
    certificateIssuedAt: d.certificate_issued_at,
    lines: (await listLinesOf(db, id)).map(toLine),
  };
}

export async function listDonations(db: Db, scope: Scope, q: DonationQuery) {
  return listDonationsInScope(db, scope, {
    status: q.status,
    donor: q.q,
    partyOrgId: q.partyOrgId,
    partyOnly: q.party === '1',
    before: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}

/**
 * Register a donation as declared: the donor (new or known), goods lines or an amount of money
 * (kept as one line of the money item, in yuan, with its channel), general or designated (定向).
 * Nothing is in stock until receiving (验收) counts it. A party member's donation (党员捐款) is
 * linked to the member (of the jurisdiction's roll) and to the branch they belong to now, which the
 * donation keeps if they move later; without a donor given, the member gives under their own name.
 */
export async function registerDonation(db: Db, ctx: LedgerContext, actor: Actor, input: DonationInput) {
  const scope = scopeOf(actor);
  const region = await getRegionInScope(db, scope, input.regionId);
  const lines = input.money
    ? [{ itemId: MONEY_ITEM_ID, spec: '', quantity: input.money.amount, declaredValue: input.money.amount }]
    : input.lines!;
  for (const l of lines) {
    const item = await getItem(db, l.itemId);
    if (item.status !== 'active') throw new AppError('SUPPLY_ITEM_NOT_FOUND', { itemId: l.itemId });
    if (!input.money && item.code === MONEY_ITEM_CODE)
      throw new AppError('VALIDATION', { field: 'lines', use: 'money' });
  }
  const member = input.partyMemberId ? await getPartyMember(db, scope, input.partyMemberId) : null;
  const donorInput: DonorInput | undefined =
    input.donor ?? (member && !input.donorId ? { kind: 'individual', name: member.name } : undefined);
  if (member && donorInput && donorInput.kind !== 'individual' && donorInput.kind !== 'anonymous')
    throw new AppError('DONATION_MEMBER_NOT_INDIVIDUAL');
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = uuidv7(now.getTime());
  await db.transaction().execute(async (trx) => {
    let donorId = input.donorId;
    if (donorId) {
      if (!(await findDonorInScope(trx, scope, donorId))) throw new AppError('DONOR_NOT_FOUND');
    } else {
      const d = donorInput!;
      donorId = uuidv7(now.getTime());
      await insertDonor(trx, {
        id: donorId,
        region_id: region.id,
        region_path: region.path,
        kind: d.kind,
        name: d.name ?? null,
        public_name: publicNameOf(d),
        contact_name: d.contactName ?? null,
        phone: d.phone ?? null,
        person_id: member?.person_id ?? null,
        note: d.note ?? null,
        created_by: actor.id,
        created_at: at,
      });
    }
    await insertDonation(trx, {
      id,
      region_id: region.id,
      region_path: region.path,
      donor_id: donorId,
      kind: input.money ? 'money' : 'goods',
      purpose: input.purpose,
      designated_to: input.purpose === 'designated' ? (input.designatedTo ?? null) : null,
      money_channel: input.money?.channel ?? null,
      donated_on: input.donatedOn,
      status: 'declared',
      note: input.note ?? null,
      certificate_serial: null,
      certificate_code: null,
      certificate_issued_at: null,
      created_by: actor.id,
      created_at: at,
      party_member_id: member?.id ?? null,
      party_org_id: member?.organisation_id ?? null,
    });
    await insertDonationLines(
      trx,
      lines.map((l, i) => ({
        id: uuidv7(now.getTime()),
        donation_id: id,
        region_path: region.path,
        line_no: i + 1,
        item_id: l.itemId,
        spec: l.spec,
        quantity: l.quantity,
        declared_value: l.declaredValue ?? null,
      })),
    );
    await audit(trx, ctx.clock, actor, {
      action: 'donation.register',
      entityType: 'donation',
      entityId: id,
      regionPath: region.path,
      details: { lines: lines.length, money: input.money?.amount ?? null, partyMemberId: member?.id ?? null },
    });
  });
  return donationDetail(db, scope, id);
}

/**
 * Receiving (验收): each line counted into a warehouse with its batch, expiry and verdict
 * (合格 / 不合格 with the reason). What was received may differ from the declaration — another
 * item (a "N95" that is KN95 is received as KN95), specification or quantity — and then the reason
 * is required; the declaration is kept as it was. Accepted goods go on the ledger as receipts (the
 * counterparty is the donor's public name). A line is received once. The first receipt issues the
 * certificate (捐赠证书): a serial of the day and a code for its QR.
 */
export async function receiveDonation(db: Db, ctx: LedgerContext, actor: Actor, id: string, input: ReceiveInput) {
  const scope = scopeOf(actor);
  const donation = await getDonation(db, scope, id);
  const warehouse = await getWarehouse(db, scope, input.warehouseId);
  if (warehouse.status !== 'active') throw new AppError('WAREHOUSE_CLOSED');
  const lines = new Map((await listLinesOf(db, id)).map((l) => [l.id, l]));
  const seen = new Set<string>();
  const plan: { line: DonationLineRow; itemId: string; spec: string; l: ReceiveInput['lines'][number] }[] = [];
  for (const l of input.lines) {
    const line = lines.get(l.lineId);
    if (!line || seen.has(l.lineId)) throw new AppError('DONATION_LINE_NOT_FOUND', { lineId: l.lineId });
    seen.add(l.lineId);
    if (line.receipt_id) throw new AppError('DONATION_LINE_RECEIVED', { lineNo: line.line_no });
    const itemId = l.itemId ?? line.item_id;
    const item = await getItem(db, itemId);
    if ((item.code === MONEY_ITEM_CODE) !== (line.item_id === MONEY_ITEM_ID))
      throw new AppError('VALIDATION', { lineNo: line.line_no, field: 'itemId', rule: 'money stays money' });
    const spec = l.spec ?? line.spec;
    const differs = itemId !== line.item_id || spec !== line.spec || l.quantity !== line.quantity;
    if (differs && !l.discrepancyReason)
      throw new AppError('DONATION_DISCREPANCY_UNEXPLAINED', { lineNo: line.line_no });
    plan.push({ line, itemId, spec, l });
  }
  const now = ctx.clock.now();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const accepted = plan.filter((p) => p.l.verdict === 'accepted');
    const movements: Movement[] = accepted.map((p) => ({
      kind: 'receipt',
      warehouse,
      itemId: p.itemId,
      spec: p.spec,
      batch: p.l.batch,
      expiry: p.l.expiry ?? null,
      quantity: p.l.quantity,
      counterparty: donation.donor_public_name,
      refType: 'donation_line',
      refId: p.line.id,
      reason: p.l.discrepancyReason ?? null,
    }));
    // under the ledger's lock: no other desk received these lines meanwhile; serials follow in order
    const entries = await appendMovements(trx, ctx, actor, movements, async () => {
      const fresh = await listLinesOf(trx, id);
      const done = fresh.find((f) => seen.has(f.id) && f.receipt_id);
      if (done) throw new AppError('DONATION_LINE_RECEIVED', { lineNo: done.line_no });
    });
    const seqOf = new Map(entries.map((e) => [e.ref_id, e.seq]));
    await insertReceipts(
      trx,
      plan.map((p) => ({
        id: uuidv7(now.getTime()),
        line_id: p.line.id,
        donation_id: id,
        region_path: donation.region_path,
        warehouse_id: warehouse.id,
        item_id: p.itemId,
        spec: p.spec,
        quantity: p.l.quantity,
        batch: p.l.batch,
        expiry: p.l.expiry ?? null,
        verdict: p.l.verdict,
        verdict_reason: p.l.verdictReason ?? null,
        discrepancy_reason: p.l.discrepancyReason ?? null,
        ledger_seq: seqOf.get(p.line.id) ?? null,
        received_by: actor.id,
        received_by_name: actor.displayName,
        received_at: at,
      })),
    );
    const received = [...lines.values()].filter((l) => l.receipt_id || seen.has(l.id)).length;
    const certificate = !donation.certificate_serial && accepted.length > 0 ? await newCertificate(trx, ctx, now) : {};
    await updateDonation(trx, id, { status: received === lines.size ? 'received' : 'partial', ...certificate });
    await audit(trx, ctx.clock, actor, {
      action: 'donation.receive',
      entityType: 'donation',
      entityId: id,
      regionPath: donation.region_path,
      details: {
        warehouseId: warehouse.id,
        lines: plan.map((p) => ({ lineNo: p.line.line_no, quantity: p.l.quantity, verdict: p.l.verdict })),
      },
    });
  });
  return donationDetail(db, scope, id);
}

/** The next serial of the day (JZ20200125-0001) and a code for the certificate's QR. */
async function newCertificate(trx: Db, ctx: LedgerContext, now: Date) {
  const prefix = `JZ${localDay(now, ctx.timeZone).replaceAll('-', '')}-`;
  const last = await maxCertificateSerial(trx, prefix);
  const n = last ? Number(last.slice(prefix.length)) + 1 : 1;
  return {
    certificate_serial: `${prefix}${String(n).padStart(4, '0')}`,
    certificate_code: randomBytes(9).toString('base64url'),
    certificate_issued_at: now.toISOString(),
  };
}

/** The donor's full phone number, audited (lists carry it masked). */
export async function revealDonorPhone(db: Db, ctx: LedgerContext, actor: Actor, id: string) {
  const d = await getDonation(db, scopeOf(actor), id);
  await audit(db, ctx.clock, actor, {
    action: 'donation.donor.reveal',
    entityType: 'donor',
    entityId: d.donor_id,
    regionPath: d.region_path,
    details: { field: 'phone', donationId: id },
  });
  return { phone: d.donor_phone };
}
