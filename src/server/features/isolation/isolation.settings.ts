import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Actor } from '../../access/actor';
import {
  DEFAULT_GRACE_MINUTES,
  DEFAULT_ISOLATION_DAYS,
  DEFAULT_WINDOWS,
  IsolationReason,
} from '../../../shared/isolation';
import type { IsolationSettings } from '../../../shared/isolation';
import { audit } from '../audit';
import { readSetting, upsertSettings } from '../settings';

const KEY = 'isolation.settings';

/** The county's isolation rules, with the defaults of the seeds (14 days, morning and evening, 2 hours' grace). */
export const DEFAULT_ISOLATION_SETTINGS: IsolationSettings = {
  daysByReason: Object.fromEntries(
    IsolationReason.options.map((r) => [r, DEFAULT_ISOLATION_DAYS]),
  ) as IsolationSettings['daysByReason'],
  windows: Object.fromEntries(
    Object.entries(DEFAULT_WINDOWS).map(([n, w]) => [n, [...w]]),
  ) as IsolationSettings['windows'],
  graceMinutes: DEFAULT_GRACE_MINUTES,
};

/** The isolation rules in force: the county's saved settings over the defaults. */
export async function isolationSettings(db: Db): Promise<IsolationSettings> {
  const value = await readSetting(db, KEY);
  if (value === undefined) return DEFAULT_ISOLATION_SETTINGS;
  const saved = JSON.parse(value) as Partial<IsolationSettings>;
  return {
    daysByReason: { ...DEFAULT_ISOLATION_SETTINGS.daysByReason, ...saved.daysByReason },
    windows: { ...DEFAULT_ISOLATION_SETTINGS.windows, ...saved.windows },
    graceMinutes: saved.graceMinutes ?? DEFAULT_ISOLATION_SETTINGS.graceMinutes,
  };
}

/** Replace the county's isolation rules (audited); episodes started from now on follow them. */
export async function saveIsolationSettings(
  db: Db,
  clock: Clock,
  actor: Actor,
  settings: IsolationSettings,
): Promise<IsolationSettings> {
  await db.transaction().execute(async (trx) => {
    await upsertSettings(trx, { [KEY]: JSON.stringify(settings) });
    await audit(trx, clock, actor, { action: 'isolation.settings', details: settings });
  });
  return isolationSettings(db);
}
