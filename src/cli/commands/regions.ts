import fs from 'node:fs';
import { systemClock } from '../../server/clock';
import { loadCountyFromDivisionTable } from '../../server/features/regions';
import { importRegions } from '../../server/features/regions';
import { cliActor } from '../actor';
import { progressBar } from '../../server/progress';
import { withDb } from './with-db';

export async function regionsLoadCommand(countyCode: string): Promise<void> {
  if (!/^\d{6}$/.test(countyCode)) throw new Error(`county code must be 6 digits, got "${countyCode}"`);
  await withDb(async (db) => {
    const bar = progressBar(`load ${countyCode}`);
    const result = await loadCountyFromDivisionTable(db, systemClock, cliActor(), countyCode, bar.update);
    bar.stop();
    console.log(`Loaded county ${countyCode}: ${result.created} regions created, ${result.updated} renamed.`);
  });
}

export async function regionsImportCommand(file: string): Promise<void> {
  const content = fs.readFileSync(file);
  await withDb(async (db) => {
    const result = await importRegions(db, systemClock, cliActor(), content);
    console.log(`Imported ${file}: ${result.created} regions created, ${result.updated} renamed.`);
  });
}
