import { loadConfig } from '../../server/config';
import { systemClock } from '../../server/clock';
import { rebuildRollups } from '../../server/features/rollups';
import { withDb } from './with-db';

/** `qunfang rollups rebuild`: every day's big-screen and daily-report figures recounted from history. */
export async function rollupsRebuildCommand(): Promise<void> {
  const { timeZone } = loadConfig();
  const started = performance.now();
  const rows = await withDb((db) => rebuildRollups(db, systemClock, timeZone));
  console.log(`Roll-ups rebuilt: ${rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
