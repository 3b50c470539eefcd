/**
 * What other features may use of mobilisation — the organisation department's figures, read from
 * the roll-ups; it owns no table. Import from here, never from its files.
 */
export { mobilisationOverview } from './mobilisation.service';
