import { z } from 'zod';
import { PageQuery } from './pagination';
import { nameText } from './text';
import { MOBILE_PATTERN } from './validators';

/**
 * Donations in (捐赠接收, issue 17): who gave (company, organisation, individual, or anonymous —
 * 不愿透露姓名, shown to the public as 匿名), what they declared, and what receiving (验收) counted.
 */
export const DonorKind = z.enum(['company', 'organisation', 'individual', 'anonymous']);
export type DonorKind = z.infer<typeof DonorKind>;

export const DonationPurpose = z.enum(['general', 'designated']); // 一般 / 定向
export type DonationPurpose = z.infer<typeof DonationPurpose>;

export const Verdict = z.enum(['accepted', 'rejected']); // 合格 / 不合格
export type Verdict = z.infer<typeof Verdict>;

/** What the public sees of an anonymous donor. */
export const ANONYMOUS_PUBLIC_NAME = '匿名';

const reason = z.string().trim().min(1).max(300);
const codeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s), 'no control characters')
    .default('');

export const DonorInput = z
  .object({
    kind: DonorKind,
    /** a company's or organisation's name, an individual's name; optional for the anonymous */
    name: nameText(100).nullable().optional(),
    contactName: nameText(50).nullable().optional(),
    phone: z.string().trim().regex(MOBILE_PATTERN, 'phone: 11-digit mainland mobile').nullable().optional(),
    note: z.string().trim().max(300).nullable().optional(),
  })
  .refine((d) => d.kind === 'anonymous' || !!d.name, { message: 'name: required unless anonymous', path: ['name'] });
export type DonorInput = z.infer<typeof DonorInput>;

export const Donor = z.object({
  id: z.string(),
  kind: DonorKind,
  name: z.string().nullable(),
  publicName: z.string(),
  contactName: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: z.string(),
});
export type Donor = z.infer<typeof Donor>;

export const DonationLineInput = z.object({
  itemId: z.string().uuid(),
  spec: codeText(100),
  quantity: z.number().int().min(1).max(1_000_000_000),
  declaredValue: z.number().int().min(0).max(10_000_000_000).nullable().optional(),
});
export type DonationLineInput = z.infer<typeof DonationLineInput>;

export const DonationInput = z
  .object({
    /** an existing donor, or a new one */
    donorId: z.string().uuid().optional(),
    donor: DonorInput.optional(),
    /**
     * a party member's donation (党员捐款): the member on the party roll; the donation is linked to
     * them and to the branch they belong to now. Without a donor, the member is the donor (an
     * individual, under their name).
     */
    partyMemberId: z.string().uuid().optional(),
    /** the receiving jurisdiction (the county, or a township) */
    regionId: z.string().uuid(),
    donatedOn: z.string().date(),
    purpose: DonationPurpose.default('general'),
    designatedTo: z.string().trim().min(1).max(100).nullable().optional(),
    note: z.string().trim().max(500).nullable().optional(),
    lines: z.array(DonationLineInput).min(1).max(100).optional(),
    /** money, in whole yuan, with the channel it came by */
    money: z
      .object({ amount: z.number().int().min(1).max(10_000_000_000), channel: z.string().trim().min(1).max(40) })
      .optional(),
  })
  .refine((d) => (d.donorId ? 1 : 0) + (d.donor ? 1 : 0) === (d.partyMemberId && !d.donorId && !d.donor ? 0 : 1), {
    message: 'donorId or donor',
    path: ['donor'],
  })
  .refine((d) => (d.lines ? 1 : 0) + (d.money ? 1 : 0) === 1, { message: 'lines or money', path: ['lines'] })
  .refine((d) => d.purpose !== 'designated' || !!d.designatedTo, {
    message: 'designatedTo: required for a designated donation',
    path: ['designatedTo'],
  });
export type DonationInput = z.infer<typeof DonationInput>;

export const Receipt = z.object({
  warehouseId: z.string(),
  warehouseName: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  unit: z.string(),
  spec: z.string(),
  quantity: z.number(),
  batch: z.string(),
  expiry: z.string().nullable(),
  verdict: Verdict,
  verdictReason: z.string().nullable(),
  discrepancyReason: z.string().nullable(),
  ledgerSeq: z.number().nullable(),
  receivedBy: z.string().nullable(),
  receivedAt: z.string(),
});
export type Receipt = z.infer<typeof Receipt>;

export const DonationLine = z.object({
  id: z.string(),
  lineNo: z.number(),
  itemId: z.string(),
  itemName: z.string(),
  unit: z.string(),
  spec: z.string(),
  quantity: z.number(),
  declaredValue: z.number().nullable(),
  receipt: Receipt.nullable(),
});
export type DonationLine = z.infer<typeof DonationLine>;

export const DonationSummary = z.object({
  id: z.string(),
  donor: z.object({ id: z.string(), kind: DonorKind, name: z.string().nullable(), publicName: z.string() }),
  kind: z.enum(['goods', 'money']),
  purpose: DonationPurpose,
  designatedTo: z.string().nullable(),
  moneyChannel: z.string().nullable(),
  donatedOn: z.string(),
  status: z.enum(['declared', 'partial', 'received']),
  regionName: z.string().nullable(),
  certificateSerial: z.string().nullable(),
  /** a party member's donation: the member and the branch (党支部) they belonged to when they gave */
  partyMemberId: z.string().nullable(),
  partyOrg: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type DonationSummary = z.infer<typeof DonationSummary>;

export const DonationDetail = DonationSummary.extend({
  note: z.string().nullable(),
  donorContactName: z.string().nullable(),
  donorPhone: z.string().nullable(),
  certificateCode: z.string().nullable(),
  certificateIssuedAt: z.string().nullable(),
  lines: z.array(DonationLine),
});
export type DonationDetail = z.infer<typeof DonationDetail>;

export const DonationQuery = PageQuery.extend({
  status: z.enum(['declared', 'partial', 'received']).optional(),
  /** part of the donor's name */
  q: z.string().trim().max(50).optional(),
  /** a party branch's members' donations */
  partyOrgId: z.string().uuid().optional(),
  /** only party members' donations */
  party: z.enum(['1']).optional(),
});
export type DonationQuery = z.infer<typeof DonationQuery>;

export const ReceiveLineInput = z
  .object({
    lineId: z.string().uuid(),
    /** the item actually received, when it is not the one declared (a "N95" that is KN95) */
    itemId: z.string().uuid().optional(),
    spec: z.string().trim().max(100).optional(),
    /** what was counted */
    quantity: z.number().int().min(0).max(1_000_000_000),
    batch: codeText(60),
    expiry: z.string().date().nullable().optional(),
    verdict: Verdict,
    verdictReason: reason.nullable().optional(),
    /** why what was received differs from what was declared (item, specification or quantity) */
    discrepancyReason: reason.nullable().optional(),
  })
  .refine((l) => l.verdict === 'accepted' || !!l.verdictReason, {
    message: 'verdictReason: required when the goods are rejected',
    path: ['verdictReason'],
  })
  .refine((l) => l.verdict === 'rejected' || l.quantity > 0, {
    message: 'quantity: accepted goods are counted',
    path: ['quantity'],
  });
export type ReceiveLineInput = z.infer<typeof ReceiveLineInput>;

export const ReceiveInput = z.object({
  warehouseId: z.string().uuid(),
  lines: z.array(ReceiveLineInput).min(1).max(100),
});
export type ReceiveInput = z.infer<typeof ReceiveInput>;

/** 捐赠证书, for the print view. */
export const DonationCertificate = z.object({
  serial: z.string(),
  code: z.string(),
  donorName: z.string(),
  donatedOn: z.string(),
  issuedAt: z.string(),
  issuer: z.string(),
  purpose: DonationPurpose,
  designatedTo: z.string().nullable(),
  items: z.array(z.object({ itemName: z.string(), spec: z.string(), quantity: z.number(), unit: z.string() })),
  verifyPath: z.string(),
  /** the county's zone (QUNFANG_TZ): the issue date is the local day there, wherever it is printed */
  timeZone: z.string(),
});
export type DonationCertificate = z.infer<typeof DonationCertificate>;

/** What anyone with a certificate's code sees: the donation and its path so far. Nothing private. */
export const PublicDonation = z.object({
  serial: z.string(),
  donor: z.string(),
  donatedOn: z.string(),
  purpose: DonationPurpose,
  designatedTo: z.string().nullable(),
  lines: z.array(
    z.object({
      declaredItem: z.string(),
      declaredQuantity: z.number(),
      receivedItem: z.string().nullable(),
      receivedQuantity: z.number().nullable(),
      unit: z.string(),
      corrected: z.boolean(),
      discrepancyReason: z.string().nullable(),
      verdict: Verdict.nullable(),
      warehouse: z.string().nullable(),
      receivedOn: z.string().nullable(),
    }),
  ),
  path: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      kind: z.string(),
      warehouse: z.string(),
      item: z.string(),
      quantity: z.number(),
      unit: z.string(),
      hash: z.string(),
    }),
  ),
  /** the county's zone (QUNFANG_TZ), in which the page shows dates */
  timeZone: z.string(),
});
export type PublicDonation = z.infer<typeof PublicDonation>;

/** One received donation line on the public ledger. */
export const PublicReceipt = z.object({
  id: z.string(),
  serial: z.string().nullable(),
  donor: z.string(),
  item: z.string(),
  spec: z.string(),
  quantity: z.number(),
  unit: z.string(),
  declaredItem: z.string().nullable(),
  purpose: DonationPurpose,
  designatedTo: z.string().nullable(),
  warehouse: z.string(),
  receivedOn: z.string(),
});
export type PublicReceipt = z.infer<typeof PublicReceipt>;

export const PublicBalance = z.object({ item: z.string(), unit: z.string(), quantity: z.number() });
export type PublicBalance = z.infer<typeof PublicBalance>;

export const PublicLedgerQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type PublicLedgerQuery = z.infer<typeof PublicLedgerQuery>;

export const DONOR_KINDS = DonorKind.options;

/** Donors found by name for the desk's search-or-create (contact phone masked). */
export const DonorQuery = PageQuery.extend({ q: z.string().trim().max(50).optional() });
export type DonorQuery = z.infer<typeof DonorQuery>;

/** Party members' donations per branch (党支部) of the jurisdiction. */
export const BranchDonations = z.object({
  partyOrgId: z.string(),
  name: z.string(),
  donations: z.number(),
  members: z.number(),
  /** yuan given as money */
  money: z.number(),
  /** goods lines given */
  goodsLines: z.number(),
});
export type BranchDonations = z.infer<typeof BranchDonations>;

/** Party members' donations per township on a local day and so far (mobilisation's figures). */
export const PartyDonationFiguresRow = z.object({
  regionPath: z.string(),
  regionId: z.string().nullable(),
  name: z.string(),
  /** donations registered on the day (donatedOn) */
  donationsToday: z.number(),
  moneyToday: z.number(),
  /** up to and including the day */
  donations: z.number(),
  members: z.number(),
  money: z.number(),
});
export type PartyDonationFiguresRow = z.infer<typeof PartyDonationFiguresRow>;
