import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import { audit } from '../audit';
import { findEpisodeInScope } from './episodes.repository';

/** The purpose recorded with an observer's call: 随访 (the twice-daily follow-up). */
export const FOLLOW_UP_PURPOSE = '随访';

/**
 * An observer phones each isolated person twice a day (issue 18, "observers call people"): the full
 * number of the person under observation, for the phone's dialer. An observer gets it for their
 * own episodes only — anyone else's reads as not found, as out-of-scope rows do; the grid and
 * township cadres who also follow up get it within their jurisdiction. Each call is audited as a
 * reveal of the person's phone with the purpose 随访 and the episode it was for.
 */
export async function phoneForFollowUpCall(db: Db, clock: Clock, actor: Actor, episodeId: string) {
  const row = await findEpisodeInScope(db, scopeOf(actor), episodeId);
  if (!row || (actor.role === 'observer' && row.observer_id !== actor.id)) throw new AppError('EPISODE_NOT_FOUND');
  if (!row.phone) throw new AppError('PHONE_NOT_RECORDED');
  await audit(db, clock, actor, {
    action: 'person.reveal',
    entityType: 'person',
    entityId: row.person_id,
    regionPath: row.region_path,
    details: { field: 'phone', purpose: FOLLOW_UP_PURPOSE, episodeId: row.id },
  });
  return { phone: row.phone };
}
