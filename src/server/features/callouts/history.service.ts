import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { localDay, startOfLocalDay, addDays } from '../../clock';
import type { Scope } from '../../access/scope';
import { CALLOUT_STANDARD_MINUTES, type CalloutFiguresRow, type CalloutHistory } from '../../../shared/callouts';
import { calloutsWithOrderTimes, orderTimesOfPersons, orderTimesOfTeam, type OrderTimes } from './callouts.repository';
import { countTeamsByPath, listTeamMembers, townshipsOfScope } from './teams.repository';
import { getTeam } from './teams.service';

/**
 * The median of some durations: the middle one, or the mean of the two middle ones for an even
 * count (null for none). Computed here from the stored ISO times, so both engines give the same
 * answer (SQLite has no median, and PostgreSQL's percentile_cont would be a second implementation).
 */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** A record over orders: response rate (any answer), median seconds to acknowledge and to arrive. */
export function historyOf(orders: readonly Omit<OrderTimes, 'person_id'>[]): CalloutHistory {
  const answered = orders.filter((o) => o.answer !== null).length;
  const acks = orders.filter((o) => o.first_ack_at).map((o) => seconds(o.ordered_at, o.first_ack_at!));
  const arrivals = orders.filter((o) => o.arrived_at).map((o) => seconds(o.ordered_at, o.arrived_at!));
  const last = orders.map((o) => o.ordered_at).sort();
  return {
    callouts: new Set(orders.map((o) => o.callout_id)).size,
    ordered: orders.length,
    answered,
    responseRate: orders.length ? answered / orders.length : null,
    medianAckSeconds: median(acks),
    medianArriveSeconds: median(arrivals),
    declined: orders.filter((o) => o.answer === 'cannot').length,
    arrived: arrivals.length,
    lastOrderedAt: last[last.length - 1] ?? null,
  };
}

/** A team's record over the call-outs given to it (the team must be of the jurisdiction). */
export async function teamHistory(db: Db, scope: Scope, teamId: string): Promise<CalloutHistory> {
  await getTeam(db, scope, teamId);
  return historyOf(await orderTimesOfTeam(db, teamId));
}

/**
 * Each member's record, over every call-out of the jurisdiction they were ordered on (with this
 * team or not), keyed by person id — the team page shows it on the member's row.
 */
export async function memberHistories(db: Db, scope: Scope, teamId: string): Promise<Record<string, CalloutHistory>> {
  await getTeam(db, scope, teamId);
  const members = await listTeamMembers(db, teamId);
  const times = await orderTimesOfPersons(
    db,
    scope,
    members.map((m) => m.person_id),
  );
  const byPerson = new Map<string, OrderTimes[]>();
  for (const t of times) byPerson.set(t.person_id, [...(byPerson.get(t.person_id) ?? []), t]);
  return Object.fromEntries(members.map((m) => [m.person_id, historyOf(byPerson.get(m.person_id) ?? [])]));
}

/**
 * The call-out figures per township of the jurisdiction for one local day (the county's zone), for
 * the organisation department's page, the big screen and the daily report: active teams based in
 * the township (now), call-outs ordered that day, the median time from the order to its first
 * acknowledgement, the median time until the call-out was complete (everyone not declining
 * arrived), the share of the day's call-outs complete by their deadline, the median time from the
 * order to each person's arrival, and the share complete within the 15-minute standard ("15 分钟内
 * 集结到位", whatever deadline was set). Keyed by the
 * township's region path; a call-out above township level (the county's) counts in `total` only.
 */
export async function calloutFigures(
  db: Db,
  scope: Scope,
  opts: { day: string; timeZone: string },
): Promise<{ day: string; rows: CalloutFiguresRow[]; total: CalloutFiguresRow }> {
  const from = startOfLocalDay(opts.day, opts.timeZone).toISOString();
  const to = startOfLocalDay(addDays(opts.day, 1), opts.timeZone).toISOString();
  const townships = await townshipsOfScope(db, scope);
  const teams = await countTeamsByPath(db, scope);
  const orders = await calloutsWithOrderTimes(db, scope, from, to);

  type Acc = {
    row: CalloutFiguresRow;
    acks: number[];
    completes: number[];
    arrivals: number[];
    onTime: number;
    withinStandard: number;
  };
  const acc = (regionId: string | null, path: string | null, name: string): Acc => ({
    row: {
      regionId,
      regionPath: path,
      name,
      teams: 0,
      callouts: 0,
      medianFirstAckSeconds: null,
      medianCompleteSeconds: null,
      onTimeShare: null,
      medianArriveSeconds: null,
      withinStandardShare: null,
    },
    acks: [],
    completes: [],
    arrivals: [],
    onTime: 0,
    withinStandard: 0,
  });
  const rows = new Map(townships.map((t) => [t.path, acc(t.id, t.path, t.name)]));
  const total = acc(null, null, '');
  const targets = (path: string) => {
    const t = townships.find((x) => path.startsWith(x.path));
    return t ? [rows.get(t.path)!, total] : [total];
  };
  for (const t of teams) for (const a of targets(t.region_path)) a.row.teams += Number(t.n);

  const callouts = new Map<string, { path: string; orderedAt: string; deadlineAt: string; orders: typeof orders }>();
  for (const o of orders) {
    const c = callouts.get(o.id) ?? {
      path: o.region_path,
      orderedAt: o.ordered_at,
      deadlineAt: o.deadline_at,
      orders: [],
    };
    c.orders.push(o);
    callouts.set(o.id, c);
  }
  for (const c of callouts.values()) {
    const acks = c.orders
      .filter((o) => o.first_ack_at)
      .map((o) => o.first_ack_at!)
      .sort();
    const expected = c.orders.filter((o) => o.answer !== 'cannot');
    const complete =
      expected.length > 0 && expected.every((o) => o.arrived_at)
        ? expected.map((o) => o.arrived_at!).sort()[expected.length - 1]!
        : null;
    for (const a of targets(c.path)) {
      a.row.callouts++;
      if (acks[0]) a.acks.push(seconds(c.orderedAt, acks[0]));
      if (complete) a.completes.push(seconds(c.orderedAt, complete));
      if (complete && complete <= c.deadlineAt) a.onTime++;
      if (complete && seconds(c.orderedAt, complete) <= CALLOUT_STANDARD_MINUTES * 60) a.withinStandard++;
      for (const o of c.orders) if (o.arrived_at) a.arrivals.push(seconds(c.orderedAt, o.arrived_at));
    }
  }
  const finish = (a: Acc): CalloutFiguresRow => ({
    ...a.row,
    medianFirstAckSeconds: median(a.acks),
    medianCompleteSeconds: median(a.completes),
    onTimeShare: a.row.callouts ? a.onTime / a.row.callouts : null,
    medianArriveSeconds: median(a.arrivals),
    withinStandardShare: a.row.callouts ? a.withinStandard / a.row.callouts : null,
  });
  return { day: opts.day, rows: [...rows.values()].map(finish), total: finish(total) };
}

/** Today in the county's zone (the figures' default day). */
export const todayOf = (clock: Clock, timeZone: string) => localDay(clock.now(), timeZone);
