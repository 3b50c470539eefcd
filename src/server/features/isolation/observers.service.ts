import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { GLOBAL_SCOPE, pathInScope, scopeOf } from '../../access/scope';
import type { DefaultObserver, ObserverAssignment, ObserverAssignmentResult } from '../../../shared/isolation';
import { ERROR_CATALOGUE } from '../../../shared/errors';
import { audit } from '../audit';
import type { Clock } from '../../clock';
import { codesOfPath, findRegionsByCodes } from '../regions';
import { findUserInScope } from '../users';
import { findEpisodeStatesInScope, findPersonPlacesInScope, updateEpisode } from './episodes.repository';
import { setPendingSlotsObserver } from './followups.repository';
import { getIsolationSite } from './isolation-sites.service';
import { findAnswerableUsers, findObserversBoundTo } from './observers.repository';

/** The levels whose answerable person observes the people living there: the building, the grid, the village. */
const OBSERVING_LEVELS = ['building', 'grid', 'village'] as const;

/**
 * Who observes a person isolated at `regionPath` when nobody is named (专人看护): the person who
 * answers for the person's building, grid or village — the nearest first — as recorded in 包保
 * responsibilities, else a village doctor (observer) or grid worker bound to that node; else the
 * acting user. Only active users whose jurisdiction covers the person qualify.
 */
export async function defaultObserverFor(db: Db, actor: Actor, regionPath: string): Promise<DefaultObserver> {
  // the building, grid and village on the person's path (a path is its nodes' codes), deepest first
  const nodes = (await findRegionsByCodes(db, codesOfPath(regionPath)))
    .filter((r) => (OBSERVING_LEVELS as readonly string[]).includes(r.level))
    .sort((a, b) => b.depth - a.depth);
  if (nodes.length) {
    const ids = nodes.map((n) => n.id);
    const answerable = await findAnswerableUsers(db, ids);
    const bound = await findObserversBoundTo(db, ids);
    for (const node of nodes) {
      const covers = (u: { region_path: string }) => pathInScope(regionPath, { prefix: u.region_path });
      const own = answerable.find((r) => r.region_id === node.id && covers(r));
      if (own) return { observerId: own.id, observerName: own.display_name, basis: 'responsibility' };
      for (const role of ['observer', 'grid'] as const) {
        const user = bound.find((u) => u.region_id === node.id && u.role === role && covers(u));
        if (user)
          return {
            observerId: user.id,
            observerName: user.display_name,
            basis: role === 'observer' ? 'village_doctor' : 'grid_worker',
          };
      }
    }
  }
  return { observerId: actor.id, observerName: actor.displayName, basis: 'self' };
}

/** The observer each person would get if isolated now without one named (the bulk form shows it). */
export async function defaultObservers(
  db: Db,
  actor: Actor,
  personIds: string[],
  siteId?: string,
): Promise<(DefaultObserver & { personId: string })[]> {
  const site = siteId ? await getIsolationSite(db, scopeOf(actor), siteId) : null;
  const persons = await findPersonPlacesInScope(db, scopeOf(actor), personIds);
  const byPath = new Map<string, DefaultObserver>();
  const out = [];
  for (const personId of personIds) {
    const person = persons.find((p) => p.id === personId);
    if (!person) continue;
    const path = site?.region_path ?? person.region_path;
    if (!byPath.has(path)) byPath.set(path, await defaultObserverFor(db, actor, path));
    out.push({ personId, ...byPath.get(path)! });
  }
  return out;
}

/**
 * Give many active episodes an observer in one action: the one named, or — when none is named —
 * each episode's default (who answers for the person's grid or village). Episodes already ended,
 * or out of the named observer's jurisdiction, are listed as skipped; pending follow-ups move with
 * the episode. A list naming an episode the actor cannot see is refused whole.
 */
export async function assignObservers(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: ObserverAssignment,
): Promise<ObserverAssignmentResult> {
  const scope = scopeOf(actor);
  const ids = [...new Set(input.episodeIds)];
  const episodes = await findEpisodeStatesInScope(db, scope, ids);
  const seen = new Set(episodes.map((e) => e.id));
  const missing = input.episodeIds.findIndex((id) => !seen.has(id));
  if (missing >= 0) throw new AppError('EPISODE_NOT_FOUND', { field: ['episodeIds', String(missing)] });
  // the named observer may live anywhere: whether they cover each episode is judged below
  const named = input.observerId ? await findUserInScope(db, GLOBAL_SCOPE, input.observerId) : undefined;
  if (input.observerId && named?.status !== 'active') throw new AppError('OBSERVER_INVALID', { field: 'observerId' });
  const result: ObserverAssignmentResult = { changed: [], skipped: [] };
  const skip = (episodeId: string, code: 'EPISODE_NOT_ACTIVE' | 'OBSERVER_INVALID') =>
    result.skipped.push({ episodeId, code, message: ERROR_CATALOGUE[code].zh });
  await db.transaction().execute(async (trx) => {
    for (const ep of episodes) {
      if (ep.status !== 'active') {
        skip(ep.id, 'EPISODE_NOT_ACTIVE');
        continue;
      }
      const observer = named
        ? {
            observerId: named.id,
            observerName: named.display_name,
            covers: pathInScope(ep.region_path, { prefix: named.region_path }),
          }
        : { ...(await defaultObserverFor(trx, actor, ep.region_path)), covers: true };
      if (!observer.covers) {
        skip(ep.id, 'OBSERVER_INVALID');
        continue;
      }
      const now = clock.now().toISOString();
      await updateEpisode(trx, ep.id, { observer_id: observer.observerId, updated_at: now });
      await setPendingSlotsObserver(trx, ep.id, observer.observerId);
      await audit(trx, clock, actor, {
        action: 'isolation.change',
        entityType: 'isolation_episode',
        entityId: ep.id,
        regionPath: ep.region_path,
        details: { observerId: observer.observerId, from: ep.observer_id, bulk: true },
      });
      result.changed.push({ episodeId: ep.id, observerId: observer.observerId, observerName: observer.observerName });
    }
  });
  return result;
}
