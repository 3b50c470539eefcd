import type { DonationPurpose, DonorKind } from '../../../shared/donations';

/**
 * A donor: a company, an organisation, an individual, or someone who would not give a name
 * (不愿透露姓名). `public_name` is what the public ledger prints: the name of a company or
 * organisation, an individual's family name with the rest masked, 匿名 for the anonymous.
 */
export interface DonorTable {
  id: string;
  region_id: string;
  region_path: string;
  kind: DonorKind;
  /** null for an anonymous donor who left nothing */
  name: string | null;
  public_name: string;
  contact_name: string | null;
  /** masked in every list; revealed through an audited endpoint */
  phone: string | null;
  /** an individual donor who is in the residents registry */
  person_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

/** A donation: goods (lines) or money (one line of the money item), general or designated (定向). */
export interface DonationTable {
  id: string;
  region_id: string;
  region_path: string;
  donor_id: string;
  kind: 'goods' | 'money';
  purpose: DonationPurpose;
  /** the unit or use a designated donation is for (县人民医院) */
  designated_to: string | null;
  /** how money came: bank transfer, WeChat, cash … */
  money_channel: string | null;
  donated_on: string;
  /** declared → partly received → received */
  status: 'declared' | 'partial' | 'received';
  note: string | null;
  certificate_serial: string | null;
  certificate_code: string | null;
  certificate_issued_at: string | null;
  created_by: string | null;
  created_at: string;
  /** a party member's donation: the member on the party roll (0029) */
  party_member_id: string | null;
  /** …and the branch (党支部) they belonged to when they gave, kept if they move later */
  party_org_id: string | null;
}

/** What the donor declared: never changed after. */
export interface DonationLineTable {
  id: string;
  donation_id: string;
  region_path: string;
  line_no: number;
  item_id: string;
  spec: string;
  quantity: number;
  /** in yuan */
  declared_value: number | null;
}

/** Receiving (验收) of one line: what was counted, and why it differs from the declaration. Once per line. */
export interface DonationReceiptTable {
  id: string;
  line_id: string;
  donation_id: string;
  region_path: string;
  warehouse_id: string;
  /** the item actually received (a declared N95 that is KN95 is received as KN95) */
  item_id: string;
  spec: string;
  quantity: number;
  batch: string;
  expiry: string | null;
  verdict: 'accepted' | 'rejected';
  verdict_reason: string | null;
  discrepancy_reason: string | null;
  /** the ledger entry the accepted goods were booked by */
  ledger_seq: number | null;
  received_by: string | null;
  received_by_name: string | null;
  received_at: string;
}
