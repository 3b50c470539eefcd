import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../server/clock';
import { importResidents } from '../../server/features/residents';
import { errorReport } from '../../server/features/residents';
import { formatOf, readRows } from '../../server/spreadsheets/row-source';
import { cliActor } from '../actor';
import { progressBar } from '../../server/progress';
import { withDb } from './with-db';

/**
 * `qunfang import residents FILE.xlsx|.csv`: stream the roster in, print what happened, write the
 * refused rows with their reasons to FILE.errors.xlsx and list the first ones.
 */
export async function importResidentsCommand(file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
  const size = fs.statSync(file).size;
  await withDb(async (db) => {
    const bar = progressBar('import');
    const started = Date.now();
    const summary = await importResidents(db, systemClock, cliActor(), readRows(file, formatOf(file)), (rows) =>
      bar.update(rows, Math.max(rows, Math.round(size / 120)), 'rows'),
    );
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${summary.rows} rows in ${seconds.toFixed(1)} s: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.invalid} refused; ${summary.householdsCreated} households created.`,
    );
    if (summary.warnings.count)
      console.log(
        `${summary.warnings.count} new persons look like someone already registered; see the report's second sheet.`,
      );
    try {
      if (summary.errors.count || summary.warnings.count) {
        const report = path.join(
          path.dirname(file),
          path.basename(file).replace(/\.(xlsx|csv)$/i, '') + '.errors.xlsx',
        );
        fs.writeFileSync(report, await errorReport(summary.errors, summary.warnings));
        for (const e of summary.errors.first.slice(0, 20))
          console.error(`  row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.reason}`);
        if (summary.errors.count > 20) console.error(`  … ${summary.errors.count - 20} more`);
        console.error(`Refused rows and likely duplicates, with reasons: ${report}`);
        if (summary.errors.count) process.exitCode = 2;
      }
    } finally {
      summary.errors.dispose();
      summary.warnings.dispose();
    }
  });
}
