import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { inScope, pathInScope, scopeOf } from '../../access/scope';
import type { DefaultObserver, ObserverAssignment, ObserverAssignmentResult } from '../../../shared/isolation';
import { ERROR_CATALOGUE } from '../../../shared/errors';
import { audit } from '../audit';
import type { Clock } from '../../clock';
import { getIsolationSite } from './isolation-sites.service';

/** The levels whose answerable person observes the people living there: the building, the grid, the village. */
const OBSERVING_LEVELS = ['building', 'grid', 'village'] as const;

/** Every ancestor path of a region path, itself included, deepest first: /a/b/c/ → /a/b/c/, /a/b/, /a/. */
function ancestorPaths(path: string): string[] {
  const codes = path.split('/').filter(Boolean);
  return codes.map((_, i) => `/${codes.slice(0, codes.length - i).join('/')}/`);
}

/**
 * Who observes a person isolated at `regionPath` when nobody is named (专人看护): the person who
 * answers for the person's building, grid or village — the nearest first — as recorded in 包保
 * responsibilities, else a village doctor (observer) or grid worker bound to that node; else the
 * acting user. Only active users whose jurisdiction covers the person qualify.
 */
export async function defaultObserverFor(db: Db, actor: Actor, regionPath: string): Promise<DefaultObserver> {
  const nodes = await db.selectFrom('regions').select(['id', 'depth']).where('path', 'in', ancestorPaths(regionPath)).where('level', 'in', [...OBSERVING_LEVELS]).orderBy('depth', 'desc').execute();
  if (nodes.length) {
    const ids = nodes.map((n) => n.id);
    const answerable = await db.selectFrom('responsibilities').innerJoin('users', 'users.id', 'responsibilities.user_id')
      .select(['responsibilities.region_id', 'users.id', 'users.display_name', 'users.region_path'])
      .where('responsibilities.region_id', 'in', ids).where('users.status', '=', 'active').orderBy('responsibilities.id').execute();
    const bound = await db.selectFrom('users').select(['region_id', 'id', 'display_name', 'region_path', 'role'])
      .where('region_id', 'in', ids).where('role', 'in', ['observer', 'grid']).where('status', '=', 'active').orderBy('id').execute();
    for (const node of nodes) {
      const covers = (u: { region_path: string }) => pathInScope(regionPath, { prefix: u.region_path });
      const own = answerable.find((r) => r.region_id === node.id && covers(r));
      if (own) return { observerId: own.id, observerName: own.display_name, basis: 'responsibility' };
      for (const role of ['observer', 'grid'] as const) {
        const user = bound.find((u) => u.region_id === node.id && u.role === role && covers(u));
        if (user) return { observerId: user.id, observerName: user.display_name, basis: role === 'observer' ? 'village_doctor' : 'grid_worker' };
      }
    }
  }
  return { observerId: actor.id, observerName: actor.displayName, basis: 'self' };
}

/** The observer each person would get if isolated now without one named (the bulk form shows it). */
export async function defaultObservers(db: Db, actor: Actor, personIds: string[], siteId?: string): Promise<(DefaultObserver & { personId: string })[]> {
  const site = siteId ? await getIsolationSite(db, scopeOf(actor), siteId) : null;
  const persons = await inScope(db.selectFrom('persons').select(['id', 'region_path']).where('id', 'in', personIds), 'region_path', scopeOf(actor)).execute();
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
export async function assignObservers(db: Db, clock: Clock, actor: Actor, input: ObserverAssignment): Promise<ObserverAssignmentResult> {
  const scope = scopeOf(actor);
  const ids = [...new Set(input.episodeIds)];
  const episodes = await inScope(db.selectFrom('isolation_episodes').select(['id', 'region_path', 'status', 'observer_id']).where('id', 'in', ids), 'region_path', scope).execute();
  const missing = input.episodeIds.findIndex((id) => !episodes.some((e) => e.id === id));
  if (missing >= 0) throw new AppError('EPISODE_NOT_FOUND', { field: ['episodeIds', String(missing)] });
  const named = input.observerId
    ? await db.selectFrom('users').select(['id', 'display_name', 'region_path', 'status']).where('id', '=', input.observerId).executeTakeFirst()
    : undefined;
  if (input.observerId && (!named || named.status !== 'active')) throw new AppError('OBSERVER_INVALID', { field: 'observerId' });
  const result: ObserverAssignmentResult = { changed: [], skipped: [] };
  const skip = (episodeId: string, code: 'EPISODE_NOT_ACTIVE' | 'OBSERVER_INVALID') => result.skipped.push({ episodeId, code, message: ERROR_CATALOGUE[code].zh });
  await db.transaction().execute(async (trx) => {
    for (const ep of episodes) {
      if (ep.status !== 'active') {
        skip(ep.id, 'EPISODE_NOT_ACTIVE');
        continue;
      }
      const observer = named
        ? { observerId: named.id, observerName: named.display_name, covers: pathInScope(ep.region_path, { prefix: named.region_path }) }
        : { ...(await defaultObserverFor(trx, actor, ep.region_path)), covers: true };
      if (!observer.covers) {
        skip(ep.id, 'OBSERVER_INVALID');
        continue;
      }
      const now = clock.now().toISOString();
      await trx.updateTable('isolation_episodes').set({ observer_id: observer.observerId, updated_at: now }).where('id', '=', ep.id).execute();
      await trx.updateTable('follow_up_slots').set({ observer_id: observer.observerId }).where('episode_id', '=', ep.id).where('status', '=', 'pending').execute();
      await audit(trx, clock, actor, { action: 'isolation.change', entityType: 'isolation_episode', entityId: ep.id, regionPath: ep.region_path, details: { observerId: observer.observerId, from: ep.observer_id, bulk: true } });
      result.changed.push({ episodeId: ep.id, observerId: observer.observerId, observerName: observer.observerName });
    }
  });
  return result;
}
