import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from './config';
import { openMigratedDb } from './db/open';
import { buildApp, WEB_DIST } from './app';
import { systemClock } from './clock';
import { ensureAdmin } from './features/users';
import { buildDemo, demoIsLoaded } from './demo/demo.service';
import { markInterruptedImports } from './features/residents';
import { markInterruptedPartyImports } from './features/party';
import { sweepFollowUps } from './features/isolation';
import { sweepLateZeroReports } from './features/zero-reports';
import { closeStaleCheckIns } from './features/volunteer-tasks';
import { startTicker } from './ticker';
import { auditLogOwnedByApplication } from './features/audit';
import { purgeExpiredSessions } from './features/auth';
import { countRegions } from './features/regions';
import { rollupRefreshJob } from './features/rollups';

/** Build the web UI with Vite when dist/web is missing (first `npm start` on a fresh clone). */
async function ensureWebBuilt(log: (line: string) => void): Promise<void> {
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) return;
  log('Building the web UI (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: path.resolve(WEB_DIST, '../../vite.config.ts'), logLevel: 'warn' });
}

/**
 * config → database (migrated) → admin on a fresh database → demo county if configured and the
 * database is empty → web build if missing → HTTP server.
 */
export async function serve(config: Readonly<Config> = loadConfig(), log: (line: string) => void = console.log) {
  const clock = systemClock;
  const db = await openMigratedDb(config);
  await markInterruptedImports(db, clock);
  await markInterruptedPartyImports(db, clock);
  const admin = await ensureAdmin(db, clock, config.adminPassword);
  if (admin.created) {
    log(
      admin.password
        ? `Created user "admin" with generated password: ${admin.password}\n  (shown once — write it down, or set QUNFANG_ADMIN_PASSWORD before the first start)`
        : 'Created user "admin" with the password from QUNFANG_ADMIN_PASSWORD.',
    );
  }
  if (config.demo !== 'none' && !(await demoIsLoaded(db))) {
    if ((await countRegions(db)) === 0) {
      log(`Empty database: building the demo county (QUNFANG_DEMO=${config.demo}; set QUNFANG_DEMO=none to skip)…`);
      const { progressBar } = await import('./progress');
      const bar = progressBar('demo');
      const summary = await buildDemo(db, clock, {
        scale: config.demo,
        progress: bar.update,
        timeZone: config.timeZone,
      });
      bar.stop();
      log(
        `Demo county ready: ${summary.regions} regions, ${summary.households} households, ${summary.persons} residents, ${summary.users} users (password ${summary.password}).`,
      );
    }
  }
  if (await auditLogOwnedByApplication(db)) {
    log(
      'Warning: the audit log (audit_log) belongs to the role Qunfang logs in as, so these credentials could drop it; hand it to qunfang_owner (docs/operations.md: PostgreSQL roles and who owns the audit log).',
    );
  }
  try {
    await ensureWebBuilt(log);
  } catch (err) {
    log(
      `The web UI could not be built (${err instanceof Error ? err.message.split('\n')[0] : err}); serving the API only.`,
    );
  }
  const app = await buildApp({ db, config, clock, logger: { level: config.logLevel } });
  const address = await app.listen({ port: config.port, host: config.host });
  const stopTicker = startTicker(
    [
      { name: 'follow-ups', run: () => sweepFollowUps(db, clock) },
      { name: 'zero-reports', run: () => sweepLateZeroReports(db, clock, config.timeZone) },
      { name: 'sessions', run: () => purgeExpiredSessions(db, clock) },
      { name: 'volunteer-check-ins', run: () => closeStaleCheckIns(db, clock) },
    ],
    60_000,
    app.log,
  );
  // the big screen's roll-ups: today's flows every few seconds, stocks every minute (one process at a time)
  const stopRollups = startTicker(
    [{ name: 'rollups', run: rollupRefreshJob(db, clock, config.timeZone) }],
    5_000,
    app.log,
  );
  log(`Qunfang is serving on ${address.replace('0.0.0.0', 'localhost')}  (API docs: /api/docs)`);
  let stopping = false;
  const stop = async () => {
    // a terminal's Ctrl-C sends SIGINT to this worker and the supervisor's SIGTERM follows
    if (stopping) return;
    stopping = true;
    await stopTicker();
    await stopRollups();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return app;
}
