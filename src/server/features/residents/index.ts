/** What other features may use of residents: import from here, never from its files. */
export { getHouseholdInScope } from './households.service';
export { markInterruptedImports } from './import/import-jobs.service';
export { TRANSPORT_LABELS } from './import/resident-columns';
export { errorReport } from './import/resident-files';
export { importResidents } from './import/resident-import.service';
export { identifyPersons } from './person-identity.service';
export type { IdentityClaim, IdentityPlace } from './person-identity.service';
export { personKeys, reverse } from './person-keys';
export { addPersonTags } from './person-tags.repository';
export { findPersonInScope, personTextMatch } from './persons.repository';
export { getPerson, registerPerson, setTags } from './persons.service';
