/** What other features may use of settings: import from here, never from its files. */
export { readSetting, readSettings, upsertSettings } from './settings.repository';
