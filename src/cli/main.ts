import { Command, Option } from 'commander';
import { loadConfig, ConfigError } from '../server/config';
import { AppError } from '../server/errors';
import { ERROR_CATALOGUE } from '../shared/errors';
import { VERSION } from '../server/version';
import { serveCommand } from './commands/serve';
import { migrateCommand } from './commands/migrate';
import { demoCommand } from './commands/demo';
import { userAddCommand } from './commands/user-add';
import { backupCommand } from './commands/backup';
import { regionsImportCommand, regionsLoadCommand } from './commands/regions';
import { importResidentsCommand } from './commands/import';
import { partyImportCommand } from './commands/party';
import { passagesExportCommand } from './commands/passages';
import { rollupsRebuildCommand } from './commands/rollups';
import { ledgerVerifyCommand } from './commands/ledger';
import { ROLES } from '../shared/enums';

const program = new Command();
program
  .name('qunfang')
  .description(
    '群防 Qunfang — grassroots epidemic prevention and control.\nDatabase: QUNFANG_DB (SQLite file, default ./data/qunfang.db) or DATABASE_URL=postgres://…',
  )
  .version(VERSION);

program
  .command('serve')
  .description('migrate the database and serve the web UI and API (PORT, default 3000)')
  .action(() => serveCommand());
program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(() => migrateCommand());
program
  .command('demo')
  .description('build the deterministic demo county (Pingyao 140728) into an empty database')
  .addOption(
    new Option('--scale <scale>', 'small: a few hundred people; county: ~300,000 residents')
      .choices(['small', 'county'])
      .default('small'),
  )
  .action((opts: { scale: 'small' | 'county' }) => demoCommand(opts.scale));

const user = program.command('user').description('manage users');
user
  .command('add')
  .description('create a user bound to a region (by its code); admin without --region has global jurisdiction')
  .requiredOption('--username <name>', 'login name')
  .requiredOption('--password <password>', 'at least 8 characters with letters and digits')
  .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
  .option('--name <displayName>', 'display name (defaults to the username)')
  .option('--region <code>', 'region code the user is bound to, e.g. 140728100200')
  .option('--phone <phone>', 'mobile phone')
  .action((opts) => userAddCommand(opts));

program
  .command('backup')
  .argument('<file>', 'where to write the copy')
  .description('online backup of the SQLite database (for PostgreSQL: prints the pg_dump command)')
  .action((file: string) => backupCommand(file));

const regions = program.command('regions').description('the region tree');
regions
  .command('load')
  .argument('<countyCode>', '6-digit county code, e.g. 140728')
  .description("load a real county's townships and villages from the national division table")
  .action((code: string) => regionsLoadCommand(code));
regions
  .command('import')
  .argument('<file>', '.xlsx in the template layout (GET /api/regions/import-template)')
  .description('import regions from a spreadsheet; all rows or none')
  .action((file: string) => regionsImportCommand(file));

const importCmd = program.command('import').description('import spreadsheets');
importCmd
  .command('residents')
  .argument('<file>', '.xlsx or .csv in the roster template layout (GET /api/persons/import-template)')
  .description('import households and persons; valid rows land, refused rows go to FILE.errors.xlsx (exit code 2)')
  .action((file: string) => importResidentsCommand(file));

const members = program.command('members').description('party members (党员)');
members
  .command('import')
  .argument('<file>', '.xlsx or .csv in the party roll template layout (GET /api/party/members/import-template)')
  .option('--as <user>', "act as this user (their role and jurisdiction); default: the CLI's global admin")
  .description('import party members; valid rows land, refused rows go to FILE.errors.xlsx (exit code 2)')
  .action((file: string, opts: { as?: string }) => partyImportCommand('members', file, opts));
const partyOrgs = program.command('party-orgs').description('party organisations (党组织)');
partyOrgs
  .command('import')
  .argument(
    '<file>',
    '.xlsx or .csv in the organisation template layout (GET /api/party/organisations/import-template)',
  )
  .option('--as <user>', "act as this user (their role and jurisdiction); default: the CLI's global admin")
  .description('import party organisations; valid rows land, refused rows go to FILE.errors.xlsx (exit code 2)')
  .action((file: string, opts: { as?: string }) => partyImportCommand('organisations', file, opts));

const rollups = program.command('rollups').description('the figures behind the big screen and the daily report');
rollups
  .command('rebuild')
  .description(
    'recount every day from history (after a back-dated bulk correction); the server keeps today current by itself',
  )
  .action(() => rollupsRebuildCommand());

const ledger = program.command('ledger').description('the supplies ledger (物资台账)');
ledger
  .command('verify')
  .description('recompute the hash chain, daily digests and stock balances; exit code 1 names the first broken entry')
  .action(() => ledgerVerifyCommand());

const passages = program.command('passages').description('checkpoint passages');
passages
  .command('export')
  .description("a checkpoint's register as .xlsx (one row per occupant); masked unless --reveal (audited)")
  .requiredOption('--site <site>', 'site name or id')
  .requiredOption('--from <when>', 'local date YYYY-MM-DD (from its start) or an ISO instant')
  .requiredOption('--to <when>', 'local date YYYY-MM-DD (to its end) or an ISO instant')
  .option('--out <file>', 'output file (default: <site>-<from>-<to>.xlsx)')
  .option('--reveal', 'full ID numbers and phones')
  .action((opts) => passagesExportCommand(opts));

/** Known failures end with one readable line (and per-row lines for imports), not a stack trace. */
function explain(err: unknown): never {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else if (err instanceof AppError) {
    console.error(`${err.code}: ${ERROR_CATALOGUE[err.code].zh} / ${ERROR_CATALOGUE[err.code].en}`);
    const rows = (err.details as { rows?: { row: number; column: string | null; message: string }[] } | undefined)
      ?.rows;
    for (const r of rows ?? [])
      console.error(`  ${r.row ? `row ${r.row}` : 'file'}${r.column ? `, column ${r.column}` : ''}: ${r.message}`);
    if (!rows && err.details) console.error('  ' + JSON.stringify(err.details));
  } else if (err instanceof Error) {
    // A plain message is the answer; the stack is for developers who ask for it.
    console.error(process.env.QUNFANG_DEBUG ? (err.stack ?? err.message) : `Error: ${err.message}`);
  } else {
    console.error(String(err));
  }
  process.exit(1);
}

try {
  loadConfig();
  await program.parseAsync(process.argv);
} catch (err) {
  explain(err);
}
