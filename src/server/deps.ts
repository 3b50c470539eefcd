import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db/database';

/** What every feature gets: the database, the frozen config and the clock. */
export interface AppDeps {
  db: Db;
  config: Readonly<Config>;
  clock: Clock;
}
