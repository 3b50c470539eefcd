import type { FastifyBaseLogger } from 'fastify';

export interface PeriodicJob {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * Runs the periodic jobs (missed follow-ups, late zero reports …) one after another every
 * `intervalMs`, never overlapping itself. Every job is safe to run from several server processes
 * at once, so a province's processes need no leader. A failing job is logged and retried next tick.
 */
export function startTicker(jobs: PeriodicJob[], intervalMs: number, log: FastifyBaseLogger): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      for (const job of jobs) {
        try {
          const result = await job.run();
          log.debug({ job: job.name, result }, 'periodic job done');
        } catch (err) {
          log.error({ err, job: job.name }, 'periodic job failed');
        }
      }
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setTimeout(tick, 1000).unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
