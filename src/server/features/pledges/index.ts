/** What other features may use of pledges: import from here, never from its files. */
export type { PledgeTable, PledgeUnitTable } from './pledges.table';
export { pledgeFigures, type PledgeFigures } from './pledge-figures.service';
export { createPledgeUnit, listPledgeUnits } from './pledges.service';
export { insertPledges, insertPledgeUnits } from './pledges.repository';
