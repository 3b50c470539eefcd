/** What other features may use of supplies: import from here, never from its files. */
export { appendMovements, reverseEntry, toLedgerEntry, type LedgerContext, type Movement } from './ledger.service';
export { createWarehouse, getItem, getWarehouse, SUPPLIES_ROLES } from './catalogue.service';
export { listEntriesOf } from './ledger.repository';
export { publicBalances, publicDigests } from './public-ledger.service';
export { stockInScope, suppliesFigures, verifyLedger, type SuppliesFigure } from './verify.service';
export { approveRequest, cancelRequest, createRequest } from './requests.service';
export { allocate, confirmDelivery, type AllocationContext } from './allocations.service';
export { publicAllocations } from './allocations-public.service';
export { supplyRequestFigures, type SupplyRequestFigure } from './request-figures.service';
export { reportConsumption, CONSUMPTION_ROLES } from './consumption.service';
export { coverFigures, coverRows, coverSettings, type CoverFigure } from './cover.service';
