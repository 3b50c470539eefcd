import type { ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../../db/database';
import { inSubtree } from '../../access/scope';
import { FEVER_CELSIUS } from '../../../shared/screening';

/*
 * The zero report's figures are counts over other features' rows — residents' tags, isolation
 * episodes and follow-ups, checkpoint passages — read-only (screening's come from screening), one grouped query each
 * over the villages' common subtree (by region path) or the sites' ids, for a period [from, to).
 */

/** Persons tagged returnee in the period, by place. */
export async function countReturneesTagged(db: Db, prefix: string, from: string, to: string) {
  return inSubtree(
    db
      .selectFrom('person_tags')
      .select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('tag', '=', 'returnee')
      .where('created_at', '>=', from)
      .where('created_at', '<', to),
    'region_path',
    prefix,
  )
    .groupBy('region_path')
    .execute();
}

/** Follow-up slots of episodes not at a centralised site: at home or in hospital, counted by their village. */
function slotsAtHome(db: Db) {
  return db
    .selectFrom('follow_up_slots')
    .innerJoin('isolation_episodes', 'isolation_episodes.id', 'follow_up_slots.episode_id')
    .where('isolation_episodes.site_id', 'is', null);
}

/** Follow-up slots of episodes at the given isolation sites. */
function slotsAtSites(db: Db, siteIds: readonly string[]) {
  return db
    .selectFrom('follow_up_slots')
    .innerJoin('isolation_episodes', 'isolation_episodes.id', 'follow_up_slots.episode_id')
    .select(['isolation_episodes.site_id', (eb) => eb.fn.countAll().as('n')])
    .where('isolation_episodes.site_id', 'in', [...siteIds]);
}

/** Episodes at the given isolation sites, counted by site. */
function episodesAtSites(db: Db, siteIds: readonly string[]) {
  return db
    .selectFrom('isolation_episodes')
    .select(['site_id', (eb) => eb.fn.countAll().as('n')])
    .where('site_id', 'in', [...siteIds]);
}

/** "Under isolation at `at`": begun by then and not ended by then. */
function isolatedAt(eb: ExpressionBuilder<Database, 'isolation_episodes'>, at: string) {
  return eb.and([
    eb('isolation_episodes.created_at', '<=', at),
    eb.or([
      eb.and([eb('isolation_episodes.ended_at', 'is', null), eb('isolation_episodes.status', '=', 'active')]),
      eb('isolation_episodes.ended_at', '>', at),
    ]),
  ]);
}

/** A slot is missed when marked so, or still pending `grace` after its window closed (before the sweeper got to it). */
function missedSlot(eb: ExpressionBuilder<Database, 'follow_up_slots' | 'isolation_episodes'>, missedBefore: string) {
  return eb.or([
    eb('follow_up_slots.status', '=', 'missed'),
    eb.and([eb('follow_up_slots.status', '=', 'pending'), eb('follow_up_slots.due_to', '<', missedBefore)]),
  ]);
}

/** Fevers at follow-ups (filled in the period) of people isolated at home or in hospital, by place. */
export async function countHomeFollowUpFevers(db: Db, prefix: string, from: string, to: string) {
  return inSubtree(
    slotsAtHome(db)
      .select(['follow_up_slots.region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('follow_up_slots.status', '=', 'filled')
      .where('follow_up_slots.filled_at', '>=', from)
      .where('follow_up_slots.filled_at', '<', to)
      .where('follow_up_slots.temperature', '>=', FEVER_CELSIUS),
    'follow_up_slots.region_path',
    prefix,
  )
    .groupBy('follow_up_slots.region_path')
    .execute();
}

/** Follow-ups due in the period and missed (by `missedBefore`), of people isolated at home or in hospital, by place. */
export async function countHomeFollowUpsMissed(db: Db, prefix: string, from: string, to: string, missedBefore: string) {
  return inSubtree(
    slotsAtHome(db)
      .select(['follow_up_slots.region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('follow_up_slots.due_to', '>=', from)
      .where('follow_up_slots.due_to', '<', to)
      .where((eb) => missedSlot(eb, missedBefore)),
    'follow_up_slots.region_path',
    prefix,
  )
    .groupBy('follow_up_slots.region_path')
    .execute();
}

/** Isolations not at a centralised site begun in the period, by place. */
export async function countHomeIsolationsBegun(db: Db, prefix: string, from: string, to: string) {
  return inSubtree(
    db
      .selectFrom('isolation_episodes')
      .select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('site_id', 'is', null)
      .where('created_at', '>=', from)
      .where('created_at', '<', to),
    'region_path',
    prefix,
  )
    .groupBy('region_path')
    .execute();
}

/** People under isolation not at a centralised site at `asOf`, by place. */
export async function countHomeIsolated(db: Db, prefix: string, asOf: string) {
  return inSubtree(
    db
      .selectFrom('isolation_episodes')
      .select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('site_id', 'is', null)
      .where((eb) => isolatedAt(eb, asOf)),
    'region_path',
    prefix,
  )
    .groupBy('region_path')
    .execute();
}

/** Each checkpoint's register over the period: vehicles, people, fevers, turned back. */
export async function countPassagesOfSites(db: Db, siteIds: readonly string[], from: string, to: string) {
  return db
    .selectFrom('passages')
    .select((eb) => [
      'site_id',
      eb.fn.countAll().as('passages'),
      eb.fn.sum('occupant_count').as('people'),
      eb.fn.sum('fever_count').as('fevers'),
      eb.fn.sum(eb.case().when('decision', '=', 'turned_back').then(1).else(0).end()).as('turned_back'),
    ])
    .where('site_id', 'in', [...siteIds])
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy('site_id')
    .execute();
}

/** Per isolation site: episodes begun in the period, people isolated at `asOf`, follow-ups missed and fevers at follow-ups. */
export async function countAtIsolationSites(
  db: Db,
  siteIds: readonly string[],
  from: string,
  to: string,
  asOf: string,
  missedBefore: string,
) {
  const [begun, isolated, missed, fevers] = await Promise.all([
    episodesAtSites(db, siteIds)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .groupBy('site_id')
      .execute(),
    episodesAtSites(db, siteIds)
      .where((eb) => isolatedAt(eb, asOf))
      .groupBy('site_id')
      .execute(),
    slotsAtSites(db, siteIds)
      .where('follow_up_slots.due_to', '>=', from)
      .where('follow_up_slots.due_to', '<', to)
      .where((eb) => missedSlot(eb, missedBefore))
      .groupBy('isolation_episodes.site_id')
      .execute(),
    slotsAtSites(db, siteIds)
      .where('follow_up_slots.status', '=', 'filled')
      .where('follow_up_slots.filled_at', '>=', from)
      .where('follow_up_slots.filled_at', '<', to)
      .where('follow_up_slots.temperature', '>=', FEVER_CELSIUS)
      .groupBy('isolation_episodes.site_id')
      .execute(),
  ]);
  return { begun, isolated, missed, fevers };
}
