import type { transfersZhCN } from './zh-CN.transfers';

/** English strings of transfer requests between jurisdictions (a full translation of zh-CN.transfers.ts). */
export const transfersEn: Record<keyof typeof transfersZhCN, string> = {
  'nav.transfers': 'Transfer requests',
  'personForm.nameMismatch': 'This ID number is registered under another name; check the name and the number',
  'transfer.elsewhereTitle': 'This person is registered in another jurisdiction',
  'transfer.elsewhereBody':
    'Nothing was changed. If they really have moved here, file a transfer request: their current jurisdiction (or a level above both) decides whether they move here.',
  'transfer.reasonPlaceholder': 'Why (e.g. has moved to live in this village)',
  'transfer.request': 'File a transfer request',
  'transfer.filed': 'Transfer request filed; the other jurisdiction will decide',
  'transfer.alreadyPending':
    'You have already filed a transfer request for this person; it awaits the other jurisdiction.',
  'transfer.openList': 'See transfer requests',
  'transfer.title': 'Transfer requests',
  'transfer.intro':
    "Registering an ID number of a person of another jurisdiction never changes or moves them. The requester files a transfer request; once the person's jurisdiction (or a level above both) accepts, the person moves here with their open home isolation, follow-ups, case, contact records and unhandled alerts. A request lapses after {days} days without a decision.",
  'transfer.incoming': 'To decide',
  'transfer.outgoing': 'Filed by us',
  'transfer.allStatuses': 'All statuses',
  'transfer.status.pending': 'Pending',
  'transfer.status.accepted': 'Accepted',
  'transfer.status.refused': 'Refused',
  'transfer.status.withdrawn': 'Withdrawn',
  'transfer.status.expired': 'Expired',
  'transfer.person': 'Person',
  'transfer.from': 'Registered at',
  'transfer.to': 'Moving to',
  'transfer.reason': 'Reason',
  'transfer.requested': 'Requested by / at',
  'transfer.expires': 'Expires',
  'transfer.status': 'Status',
  'transfer.decision': 'Decision',
  'transfer.accept': 'Accept',
  'transfer.refuse': 'Refuse',
  'transfer.withdraw': 'Withdraw',
  'transfer.withdrawConfirm': 'Withdraw this transfer request?',
  'transfer.acceptTitle': 'Move {name} to {to}?',
  'transfer.acceptBody':
    'The person leaves your jurisdiction; their open home isolation, pending follow-ups, necessity requests, open case, contact records and unhandled alerts go with them. What already happened stays on your records.',
  'transfer.refuseTitle': 'Refuse the transfer request for {name}?',
  'transfer.notePlaceholder': 'Note (optional)',
  'transfer.accepted': 'Accepted; the person has moved to the other jurisdiction',
  'transfer.refused': 'Refused',
  'transfer.withdrawn': 'Withdrawn',
  'transfer.empty': 'No transfer requests',
  'transfer.otherJurisdiction': 'Another jurisdiction',
};
