import type { suppliesZhCN } from './zh-CN.supplies';

/** English strings of supplies and donations. */
export const suppliesEn: Record<keyof typeof suppliesZhCN, string> = {
  'nav.supplies': 'Supplies & donations',

  'supplies.stock': 'Stock (by warehouse, item, specification, batch)',
  'supplies.publicLedger': 'Public ledger',
  'supplies.noStock': 'No stock',
  'supplies.warehouse': 'Warehouse',
  'supplies.item': 'Item',
  'supplies.spec': 'Specification',
  'supplies.batch': 'Batch',
  'supplies.expiry': 'Expires',
  'supplies.quantity': 'Quantity',
  'supplies.donations': 'Donations',
  'supplies.noDonations': 'No donations',
  'supplies.donatedOn': 'Donated on',
  'supplies.donor': 'Donor',
  'supplies.donorKind.anonymous': 'anonymous',
  'supplies.kind': 'Kind',
  'supplies.kind.goods': 'Goods',
  'supplies.kind.money': 'Money',
  'supplies.purpose': 'Purpose',
  'supplies.purpose.general': 'General',
  'supplies.purpose.designated': 'Designated',
  'supplies.region': 'Received by',
  'supplies.status': 'Status',
  'supplies.status.declared': 'To receive',
  'supplies.status.partial': 'Partly received',
  'supplies.status.received': 'Received',
  'supplies.certificate': 'Certificate',
  'supplies.registeredAt': 'Registered',
};
