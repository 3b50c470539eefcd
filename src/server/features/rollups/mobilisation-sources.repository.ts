import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { type CreatedWindow, type HourCount, hourOf } from './sources.repository';

/*
 * The roll-ups' sources for mobilisation (issue 16): grouped counts over party, call-out and
 * volunteer tables, read-only, by region path and UTC hour — the same shapes as sources.repository.
 */

/** A party member seen at the front line in an hour: on a checkpoint shift starting then, or arriving at a call-out. */
export interface MemberOnDuty {
  person_id: string;
  path: string;
  hour: string;
}

/**
 * Party members (not removed) on a checkpoint duty roster whose shift starts in the window, and
 * party members who arrived at a call-out in it — one row per shift or arrival; the caller counts
 * each person once a day.
 */
export async function membersOnDuty(db: Db, w: CreatedWindow): Promise<MemberOnDuty[]> {
  const [shifts, arrivals] = await Promise.all([
    db
      .selectFrom('duty_assignments as a')
      .innerJoin('duty_shifts as s', 's.id', 'a.shift_id')
      .innerJoin('party_members as m', 'm.person_id', 'a.person_id')
      .select(['a.person_id as person_id', 'a.region_path as path', hourOf('s.starts_at').as('hour')])
      .where('m.removed_at', 'is', null)
      .$if(w !== null, (qb) => qb.where('s.starts_at', '>=', w!.from).where('s.starts_at', '<', w!.to))
      .execute(),
    db
      .selectFrom('callout_orders as o')
      .innerJoin('party_members as m', 'm.person_id', 'o.person_id')
      .select(['o.person_id as person_id', 'o.region_path as path', hourOf('o.arrived_at').as('hour')])
      .where('m.removed_at', 'is', null)
      .where('o.arrived_at', 'is not', null)
      .$if(w !== null, (qb) => qb.where('o.arrived_at', '>=', w!.from).where('o.arrived_at', '<', w!.to))
      .execute(),
  ]);
  return [...shifts, ...arrivals] as MemberOnDuty[];
}

/** Call-outs ordered, by the hour of the order. */
export async function countCalloutsOrdered(db: Db, w: CreatedWindow): Promise<HourCount[]> {
  return db
    .selectFrom('callouts')
    .select(['region_path as path', hourOf('ordered_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .$if(w !== null, (qb) => qb.where('ordered_at', '>=', w!.from).where('ordered_at', '<', w!.to))
    .groupBy(['region_path', hourOf('ordered_at')])
    .execute();
}

/**
 * Call-outs ordered in the window that were complete by their deadline (15 minutes by default):
 * somebody arrived, and everyone who did not decline had arrived by then. One row per call-out.
 */
export async function calloutsOnTime(db: Db, w: CreatedWindow): Promise<HourCount[]> {
  const rows = await db
    .selectFrom('callouts as c')
    .innerJoin('callout_orders as o', 'o.callout_id', 'c.id')
    .select((eb) => [
      'c.region_path as path',
      hourOf('c.ordered_at').as('hour'),
      eb.fn
        .sum(
          eb
            .case()
            .when(
              eb.and([
                eb.or([eb('o.answer', 'is', null), eb('o.answer', '<>', 'cannot')]),
                eb.or([eb('o.arrived_at', 'is', null), eb('o.arrived_at', '>', eb.ref('c.deadline_at'))]),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('missing'),
      eb.fn.sum(eb.case().when('o.arrived_at', 'is not', null).then(1).else(0).end()).as('arrived'),
    ])
    .$if(w !== null, (qb) => qb.where('c.ordered_at', '>=', w!.from).where('c.ordered_at', '<', w!.to))
    .groupBy(['c.id', 'c.region_path', hourOf('c.ordered_at')])
    .execute();
  return rows
    .filter((r) => Number(r.missing ?? 0) === 0 && Number(r.arrived ?? 0) > 0)
    .map((r) => ({ path: r.path, hour: r.hour, n: 1 }));
}

/** Pledges (请战书) signed, by the hour of signing, where their unit is. */
export async function countPledgesSigned(db: Db, w: CreatedWindow): Promise<HourCount[]> {
  return db
    .selectFrom('pledges')
    .select(['region_path as path', hourOf('signed_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .$if(w !== null, (qb) => qb.where('signed_at', '>=', w!.from).where('signed_at', '<', w!.to))
    .groupBy(['region_path', hourOf('signed_at')])
    .execute();
}

/** Volunteer tasks marked done, by the hour they were done. */
export async function countTasksDone(db: Db, w: CreatedWindow): Promise<HourCount[]> {
  return db
    .selectFrom('volunteer_tasks')
    .select(['region_path as path', hourOf('done_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .where('status', '=', 'done')
    .where('done_at', 'is not', null)
    .$if(w !== null, (qb) => qb.where('done_at', '>=', w!.from).where('done_at', '<', w!.to))
    .groupBy(['region_path', hourOf('done_at')])
    .execute();
}

/** Minutes of volunteer service approved, by the hour of approval (so a day's figure never changes later). */
export async function minutesApproved(db: Db, w: CreatedWindow): Promise<HourCount[]> {
  return db
    .selectFrom('volunteer_hours')
    .select(['region_path as path', hourOf('decided_at').as('hour'), (eb) => eb.fn.sum<number>('minutes').as('n')])
    .where('status', '=', 'approved')
    .where('decided_at', 'is not', null)
    .$if(w !== null, (qb) => qb.where('decided_at', '>=', w!.from).where('decided_at', '<', w!.to))
    .groupBy(['region_path', hourOf('decided_at')])
    .execute();
}

/** Mobilisation stocks as of now, by region path. */
export async function countMobilisationStocks(db: Db) {
  const [partyMembers, teams, volunteers, groups, reported, branches] = await Promise.all([
    db
      .selectFrom('party_members')
      .select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('removed_at', 'is', null)
      .groupBy('region_path')
      .execute(),
    db
      .selectFrom('callout_teams')
      .select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('status', '=', 'active')
      .groupBy('region_path')
      .execute(),
    db
      .selectFrom('volunteers')
      .select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('status', '=', 'active')
      .groupBy('region_path')
      .execute(),
    db
      .selectFrom('volunteer_groups')
      .select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('disbanded_at', 'is', null)
      .groupBy('region_path')
      .execute(),
    // members of unit branches reported to the community they live in (one row per member), where the community is
    db
      .selectFrom('party_reports as r')
      .innerJoin('party_members as m', 'm.id', 'r.member_id')
      .select(['r.region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('m.removed_at', 'is', null)
      .groupBy('r.region_path')
      .execute(),
    db
      .selectFrom('temp_branches')
      .select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('closed_at', 'is', null)
      .groupBy('region_path')
      .execute(),
  ]);
  return { partyMembers, teams, volunteers, groups, reported, branches };
}

/**
 * When mobilisation stocks began and ended, for past days (see readStockHistory): members by when
 * they were entered and removed, teams by creation, volunteers by approval, groups by creation and
 * disbanding, reports by when they were made (where they are now), temporary branches by set-up and
 * closing. A later status change that has no time of its own is not replayed; temporary-branch flags
 * are computed for today only.
 */
export async function mobilisationStockEvents(db: Db) {
  const byHour = (
    table: 'party_members' | 'callout_teams' | 'volunteer_groups' | 'party_reports' | 'temp_branches',
    column: 'created_at' | 'removed_at' | 'disbanded_at' | 'reported_at' | 'closed_at',
  ) =>
    db
      .selectFrom(table)
      .select([sql<string>`region_path`.as('path'), hourOf(column).as('hour'), sql<number>`count(*)`.as('n')])
      .where(sql.ref(column), 'is not', null)
      .groupBy([sql`region_path`, hourOf(column)])
      .execute() as Promise<HourCount[]>;
  // a volunteer signed up by a cadre may be active from the start, without an approval time
  const activeSince = sql<string>`substr(coalesce(approved_at, created_at), 1, 13)`;
  const [membersIn, membersOut, teams, groupsIn, groupsOut, volunteers, reported, branchesIn, branchesOut] =
    await Promise.all([
      byHour('party_members', 'created_at'),
      byHour('party_members', 'removed_at'),
      byHour('callout_teams', 'created_at'),
      byHour('volunteer_groups', 'created_at'),
      byHour('volunteer_groups', 'disbanded_at'),
      db
        .selectFrom('volunteers')
        .select(['region_path as path', activeSince.as('hour'), (eb) => eb.fn.countAll().as('n')])
        .where('status', '=', 'active')
        .groupBy(['region_path', activeSince])
        .execute() as Promise<HourCount[]>,
      byHour('party_reports', 'reported_at'),
      byHour('temp_branches', 'created_at'),
      byHour('temp_branches', 'closed_at'),
    ]);
  return { membersIn, membersOut, teams, groupsIn, groupsOut, volunteers, reported, branchesIn, branchesOut };
}
