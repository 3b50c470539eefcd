import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../server/db/database';
import type { Actor } from '../../server/access/actor';
import { systemClock } from '../../server/clock';
import {
  importMembers,
  importOrganisations,
  MEMBER_COLUMNS,
  ORGANISATION_COLUMNS,
  partyErrorReport,
} from '../../server/features/party';
import { findUserForLogin, getUser } from '../../server/features/users';
import { formatOf, readRows } from '../../server/spreadsheets/row-source';
import { progressBar } from '../../server/progress';
import { cliActor } from '../actor';
import { withDb } from './with-db';

/** The CLI acts globally, or — with `--as USER` — with that user's role and jurisdiction (audited as them). */
async function actorFor(db: Db, username: string | undefined): Promise<Actor> {
  const cli = cliActor();
  if (!username) return cli;
  const found = await findUserForLogin(db, username);
  if (found?.status !== 'active') throw new Error(`${username}: no such active user`);
  const user = await getUser(db, cli, found.id);
  return {
    ...cli,
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    regionId: user.region_id,
    regionPath: user.region_path,
  };
}

/**
 * `qunfang members import FILE` / `qunfang party-orgs import FILE`: stream the file in, print what
 * happened, write refused rows with their reasons to FILE.errors.xlsx and list the first ones
 * (exit code 2 when rows were refused).
 */
export async function partyImportCommand(
  kind: 'members' | 'organisations',
  file: string,
  opts: { as?: string },
): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
  const size = fs.statSync(file).size;
  await withDb(async (db) => {
    const actor = await actorFor(db, opts.as);
    const bar = progressBar('import');
    const started = Date.now();
    const run = kind === 'members' ? importMembers : importOrganisations;
    const summary = await run(db, systemClock, actor, readRows(file, formatOf(file)), ({ rows }) =>
      bar.update(rows, Math.max(rows, Math.round(size / 90)), 'rows'),
    );
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${summary.rows} rows in ${seconds.toFixed(1)} s: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.invalid} refused.`,
    );
    if (summary.errors.count) {
      const report = path.join(path.dirname(file), path.basename(file).replace(/\.(xlsx|csv)$/i, '') + '.errors.xlsx');
      const columns = kind === 'members' ? MEMBER_COLUMNS : ORGANISATION_COLUMNS;
      fs.writeFileSync(report, await partyErrorReport(columns, summary.errors));
      for (const e of summary.errors.listed.slice(0, 20))
        console.error(`  row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.reason}`);
      if (summary.errors.count > 20) console.error(`  … ${summary.errors.count - 20} more`);
      console.error(`Refused rows, with reasons: ${report}`);
      process.exitCode = 2;
    }
  });
}
