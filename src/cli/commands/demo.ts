import { systemClock } from '../../server/clock';
import { buildDemo } from '../../server/demo/demo.service';
import { progressBar } from '../../server/progress';
import { withDb } from './with-db';

export async function demoCommand(scale: 'small' | 'county'): Promise<void> {
  await withDb(async (db) => {
    const bar = progressBar(`demo (${scale})`);
    const started = Date.now();
    const summary = await buildDemo(db, systemClock, { scale, progress: bar.update });
    bar.stop();
    console.log(
      `Demo county built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.regions} regions, ${summary.households} households, ${summary.persons} residents, ${summary.users} users, ${summary.checkpoints.sites} checkpoints with ${summary.checkpoints.passages} passages, ${summary.isolation.active} people in isolation.`,
    );
    console.log(`Demo users (password "${summary.password}"): ${summary.sampleUsers.join(', ')}`);
  });
}
