import type { Db } from '../../db/database';
import type { Clock } from '../../clock';

export interface DemoSummary {
  regions: number;
  households: number;
  persons: number;
  users: number;
  password: string;
  sampleUsers: string[];
}

export async function demoIsLoaded(db: Db): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'demo.scale').executeTakeFirst();
  return row !== undefined;
}

export async function buildDemo(_db: Db, _clock: Clock, _opts: { scale: 'small' | 'county'; progress?: (done: number, total: number, step?: string) => void }): Promise<DemoSummary> {
  throw new Error('demo: being written');
}
