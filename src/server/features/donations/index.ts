/** What other features may use of donations: import from here, never from its files. */
export { publicNameOf, receiveDonation, registerDonation } from './donations.service';
export { designatedStockOf } from './designations.service';
export { partyDonationFigures } from './party-donations.service';
