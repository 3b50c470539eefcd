import cluster from 'node:cluster';
import { serve } from '../../server/main';
import { exitWithSupervisor, supervise } from '../../server/supervisor';

/**
 * `qunfang serve`: the supervisor process forks the server into a worker and restarts it if it
 * dies (see supervisor.ts); the worker — this same command, run again by node:cluster — serves.
 */
export async function serveCommand(): Promise<void> {
  if (cluster.isPrimary) return supervise();
  exitWithSupervisor();
  await serve();
}
