/** What other features may use of temp-branches: import from here, never from its files. */
export type { CompoundTable, TempBranchMemberTable, TempBranchTable } from './temp-branches.table';
export { branchFigures, type BranchFigures } from './figures.service';
export { branchFlags } from './flags.service';
export {
  insertBranches,
  insertBranchMembers,
  insertCompounds,
  isolationSitesInScope,
  villagesByHouseholds,
} from './temp-branches.repository';
export { addBranchMember, setUpBranch, listBranches } from './branches.service';
export { markCompound, listCompounds } from './compounds.service';
