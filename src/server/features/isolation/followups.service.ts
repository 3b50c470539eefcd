import type { Db } from '../../db/database';
import { localDay, type Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { GLOBAL_SCOPE, scopeOf, type Scope } from '../../access/scope';
import { FEVER_CELSIUS, SYMPTOM_ZH, type Symptom } from '../../../shared/screening';
import { maskName } from '../../../shared/validators';
import type {
  HouseholdFill,
  IsolationSettings,
  MissedSlot,
  SelfReportInput,
  SelfReportView,
  Slot,
  SlotFill,
  TodayItem,
} from '../../../shared/isolation';
import { audit } from '../audit';
import { raiseAlert } from '../alerts';
import { findPersonInScope, setTags } from '../residents';
import { codesOfPath, findRegionsByCodes } from '../regions';
import { nearestContact } from '../responsibility';
import { findEpisodeByToken, findEpisodeToEscalate } from './episodes.repository';
import { getEpisode, listEpisodes, toEpisodes, type IsolationContext } from './episodes.service';
import {
  countMissedByObserverAndPlace,
  fillPendingSlot,
  findNewestMissed,
  findNextDueFrom,
  findOverdueSlots,
  findOverdueUnmarked,
  findPastSlots,
  findPreviousSlotStatus,
  findSlot,
  findSlotInScope,
  findSlotsOfEpisodes,
  findUserNames,
  findVillagesInScope,
  markSlotsMissed,
  type SlotRow,
} from './followups.repository';
import { findRecentRequestsOfEpisode } from './necessities.repository';
import { isolationSettings } from './isolation.settings';
import { dayNumber, effectiveStatus, missedCutoff } from './slots';

/** Who fills follow-ups: observers, and the grid workers, townships and command centre above them. */
export const ROLES_THAT_FOLLOW_UP = ['admin', 'command', 'township', 'grid', 'observer'] as const;

/** A slot may be filled from an hour before its window opens until its window closes plus the grace period. */
const EARLY_MS = 60 * 60_000;

/** Every slot of these episodes (of one day, when given), by due time. */
export async function slotsOfEpisodes(db: Db, episodeIds: string[], day?: string): Promise<SlotRow[]> {
  return findSlotsOfEpisodes(db, episodeIds, day);
}

/** A slot as the API shows it: a pending slot past its window and grace reads as missed. */
export function toSlot(r: SlotRow, cutoff: string): Slot {
  return {
    id: r.id,
    episodeId: r.episode_id,
    personId: r.person_id,
    day: r.day,
    seq: r.seq,
    dueFrom: r.due_from,
    dueTo: r.due_to,
    status: effectiveStatus(r, cutoff),
    temperature: r.temperature,
    symptoms: r.symptoms ? (JSON.parse(r.symptoms) as string[]) : [],
    condition: r.condition,
    note: r.note,
    via: r.via,
    filledAt: r.filled_at,
  };
}

/** Can this slot be filled now? Throws the reason it cannot. */
function assertFillable(slot: SlotRow, now: Date, settings: IsolationSettings) {
  if (slot.status === 'filled') throw new AppError('SLOT_DONE');
  if (slot.status === 'cancelled') throw new AppError('EPISODE_NOT_ACTIVE');
  if (slot.status === 'missed' || slot.due_to < missedCutoff(now, settings))
    throw new AppError('SLOT_CLOSED', { dueTo: slot.due_to });
  if (now.getTime() < Date.parse(slot.due_from) - EARLY_MS)
    throw new AppError('SLOT_NOT_OPEN', { dueFrom: slot.due_from });
}

/**
 * Write a follow-up into a slot, inside the caller's transaction. A temperature of 37.3 °C or more,
 * or any symptom, makes the follow-up "unwell", tags the person, and raises an alert to the
 * command centre asking for a referral to the fever clinic.
 */
async function writeFill(
  trx: Db,
  clock: Clock,
  slot: SlotRow,
  fill: SlotFill,
  by: { userId: string | null; via: 'observer' | 'self' },
  settings: IsolationSettings,
) {
  const now = clock.now();
  assertFillable(slot, now, settings);
  const seen = fill.condition === 'well' || fill.condition === 'unwell';
  if (seen && (fill.temperature === undefined || fill.temperature === null)) throw new AppError('TEMPERATURE_REQUIRED');
  const temperature = seen ? fill.temperature! : null;
  const symptoms = seen ? fill.symptoms : [];
  const fever = temperature !== null && temperature >= FEVER_CELSIUS;
  const condition = seen && (fever || symptoms.length > 0) ? 'unwell' : fill.condition;
  const filled = await fillPendingSlot(trx, slot.id, {
    status: 'filled',
    temperature,
    symptoms: JSON.stringify(symptoms),
    condition,
    note: fill.note ?? null,
    via: by.via,
    filled_by: by.userId,
    filled_at: now.toISOString(),
  });
  if (!filled) throw new AppError('SLOT_DONE');

  if (condition === 'unwell') {
    // the slot's own person, wherever the one filling it may see (a self-report has no actor)
    const person = await findPersonInScope(trx, GLOBAL_SCOPE, slot.person_id);
    if (!person) throw new Error(`follow-up slot ${slot.id}: person ${slot.person_id} not found`);
    if (fever) await setTags(trx, clock, person.id, person.region_path, ['fever'], 'follow_up', false);
    const what = [
      fever ? `体温 ${temperature!.toFixed(1)}℃` : null,
      symptoms.length ? `症状：${symptoms.map((x) => SYMPTOM_ZH[x as Symptom] ?? x).join('、')}` : null,
    ]
      .filter(Boolean)
      .join('，');
    await raiseAlert(trx, clock, {
      kind: fever ? 'fever' : 'refer',
      personId: person.id,
      regionPath: slot.region_path,
      sourceType: 'follow_up',
      sourceId: slot.id,
      message: `隔离观察对象 ${person.name} ${slot.day} 第${slot.seq}次随访异常（${what}），请安排转诊发热门诊`,
    });
  }
  return condition;
}

async function slotInScope(db: Db, scope: Scope, slotId: string) {
  const slot = await findSlotInScope(db, scope, slotId);
  if (!slot) throw new AppError('SLOT_NOT_FOUND');
  return slot;
}

/** An observer fills one slot (temperature, symptoms, seen well / unwell / not seen / refused). */
export async function fillSlot(db: Db, clock: Clock, actor: Actor, slotId: string, fill: SlotFill): Promise<Slot> {
  const settings = await isolationSettings(db);
  await db.transaction().execute(async (trx) => {
    const slot = await slotInScope(trx, scopeOf(actor), slotId);
    const condition = await writeFill(trx, clock, slot, fill, { userId: actor.id, via: 'observer' }, settings);
    await audit(trx, clock, actor, {
      action: 'isolation.follow_up',
      entityType: 'follow_up_slot',
      entityId: slotId,
      regionPath: slot.region_path,
      details: { condition, temperature: fill.temperature ?? null },
    });
  });
  return toSlot(await findSlot(db, slotId), missedCutoff(clock.now(), settings));
}

/** The slot of an episode open for a report now: the earliest pending one whose window (with the early start and grace) contains now. */
function openSlot(slots: SlotRow[], now: Date, settings: IsolationSettings): SlotRow | undefined {
  const cutoff = missedCutoff(now, settings);
  return slots
    .filter((s) => s.status === 'pending' && s.due_to >= cutoff && now.getTime() >= Date.parse(s.due_from) - EARLY_MS)
    .sort((a, b) => a.due_to.localeCompare(b.due_to))[0];
}

/**
 * One observer report for a household isolated together: each member present gets their current
 * slot filled. All or nothing — a member whose slot is not open stops the whole report.
 */
export async function fillHousehold(
  db: Db,
  clock: Clock,
  actor: Actor,
  householdId: string,
  input: HouseholdFill,
): Promise<{ filled: number }> {
  const settings = await isolationSettings(db);
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    for (const [i, entry] of input.entries.entries()) {
      const ep = await getEpisode(trx, scope, entry.episodeId);
      if (ep.household_id !== householdId || ep.status !== 'active')
        throw new AppError('EPISODE_NOT_FOUND', { field: ['entries', String(i), 'episodeId'] });
      const slot = openSlot(await slotsOfEpisodes(trx, [ep.id]), now, settings);
      if (!slot) throw new AppError('NO_SLOT_OPEN', { field: ['entries', String(i)], person: ep.person_name });
      await writeFill(trx, clock, slot, entry, { userId: actor.id, via: 'observer' }, settings);
    }
    await audit(trx, clock, actor, {
      action: 'isolation.follow_up_household',
      entityType: 'household',
      entityId: householdId,
      details: { members: input.entries.length },
    });
  });
  return { filled: input.entries.length };
}

/**
 * "My people today": active episodes of the observer (or, with `all`, of the whole jurisdiction)
 * with today's slots; the ones due now come first, then overdue ones still inside the grace
 * period, then the rest by their next window.
 */
export async function today(
  db: Db,
  ctx: IsolationContext,
  actor: Actor,
  f: { all: boolean; limit: number },
): Promise<TodayItem[]> {
  const settings = await isolationSettings(db);
  const now = ctx.clock.now();
  const day = localDay(now, ctx.timeZone);
  const rows = await listEpisodes(db, scopeOf(actor), {
    status: 'active',
    observerId: f.all ? undefined : actor.id,
    limit: f.limit,
  });
  const episodes = await toEpisodes(db, ctx.clock, ctx.timeZone, rows.slice(0, f.limit));
  const slots = await slotsOfEpisodes(
    db,
    episodes.map((e) => e.id),
    day,
  );
  const cutoff = missedCutoff(now, settings);
  const items = episodes.map((episode) => {
    const mine = slots.filter((s) => s.episode_id === episode.id);
    const current = openSlot(mine, now, settings) ?? mine.find((s) => s.status === 'pending' && s.due_to >= cutoff);
    const dueNow = !!current && now.toISOString() >= current.due_from && now.toISOString() <= current.due_to;
    const overdue = !!current && now.toISOString() > current.due_to;
    return {
      episode,
      slots: mine.map((s) => toSlot(s, cutoff)),
      currentSlotId: current?.id ?? null,
      dueNow,
      overdue,
      next: current?.due_from ?? '9',
    };
  });
  const rank = (i: (typeof items)[number]) => (i.overdue ? 0 : i.dueNow ? 1 : i.currentSlotId ? 2 : 3);
  return items
    .sort((a, b) => rank(a) - rank(b) || a.next.localeCompare(b.next))
    .map(({ next: _next, ...item }) => item);
}

/**
 * Missed follow-ups in scope: every slot past its window and grace without a report, of episodes
 * still active, counted per observer and per unit (village), with the newest `limit` listed and
 * how many in a row each of those episodes has missed. The counting is done by the database
 * (grouped by observer and by region path; paths are then folded into their villages), so the
 * answer stays small however many slots are missed; the (status, due_to) index drives the scan.
 */
export async function missedFollowUps(db: Db, clock: Clock, scope: Scope, limit: number) {
  const settings = await isolationSettings(db);
  const cutoff = missedCutoff(clock.now(), settings);
  // slots the sweeper has marked missed, and those past their grace it has not reached yet (see followups.repository)
  const groups = await countMissedByObserverAndPlace(db, scope);
  const rows = await findNewestMissed(db, scope, limit);
  const late = await findOverdueUnmarked(db, scope, cutoff);
  for (const r of late) groups.push({ observer_id: r.observer_id, region_path: r.region_path, n: 1 });
  rows.push(...late);
  const newest = rows.sort((a, b) => b.due_to.localeCompare(a.due_to) || b.id.localeCompare(a.id)).slice(0, limit);

  const villages = await findVillagesInScope(db, scope);
  const villageByPath = new Map(villages.map((v) => [v.path, v]));
  const unitOf = (path: string) => {
    const codes = codesOfPath(path);
    for (let n = codes.length; n > 0; n--) {
      const v = villageByPath.get('/' + codes.slice(0, n).join('/') + '/');
      if (v) return v;
    }
    return null;
  };
  const byUnit = new Map<string | null, { regionId: string | null; regionName: string | null; missed: number }>();
  const byObserver = new Map<
    string | null,
    { observerId: string | null; observerName: string | null; missed: number }
  >();
  for (const g of groups) {
    const v = unitOf(g.region_path);
    const u = byUnit.get(v?.id ?? null) ?? { regionId: v?.id ?? null, regionName: v?.name ?? null, missed: 0 };
    u.missed += Number(g.n);
    byUnit.set(v?.id ?? null, u);
    const o = byObserver.get(g.observer_id) ?? { observerId: g.observer_id, observerName: null, missed: 0 };
    o.missed += Number(g.n);
    byObserver.set(g.observer_id, o);
  }
  const observerIds = [...byObserver.keys()].filter((k): k is string => k !== null);
  for (const [id, name] of await findUserNames(db, observerIds)) byObserver.get(id)!.observerName = name;

  const streaks = await missedStreaks(db, [...new Set(newest.map((r) => r.episode_id))], cutoff);
  const items: MissedSlot[] = newest.map((r) => ({
    slotId: r.id,
    episodeId: r.episode_id,
    personId: r.person_id,
    personName: r.person_name,
    regionPath: r.region_path,
    regionName: unitOf(r.region_path)?.name ?? null,
    observerId: r.observer_id,
    observerName: r.observer_name ?? null,
    day: r.day,
    seq: r.seq,
    dueTo: r.due_to,
    streak: streaks.get(r.id) ?? 1,
  }));
  return {
    byObserver: [...byObserver.values()].sort((a, b) => b.missed - a.missed),
    byUnit: [...byUnit.values()].sort((a, b) => b.missed - a.missed),
    items,
    total: groups.reduce((sum, g) => sum + Number(g.n), 0),
  };
}

/** For every missed slot of these episodes: how many missed in a row end with it. */
async function missedStreaks(db: Db, episodeIds: string[], cutoff: string): Promise<Map<string, number>> {
  const streaks = new Map<string, number>();
  const past = await findPastSlots(db, episodeIds, cutoff);
  let run = 0;
  let episode = '';
  for (const s of past.sort((a, b) => a.episode_id.localeCompare(b.episode_id) || a.due_to.localeCompare(b.due_to))) {
    if (s.episode_id !== episode) {
      episode = s.episode_id;
      run = 0;
    }
    run = effectiveStatus(s, cutoff) === 'missed' ? run + 1 : 0;
    if (run > 0) streaks.set(s.id, run);
  }
  return streaks;
}

/**
 * The periodic sweep: marks every slot past its window and grace as missed, and when an episode
 * has missed two in a row, escalates it to the township once (an alert the township and the
 * command centre see, naming the observer). Safe to run from several processes at once: a slot
 * changes from pending to missed only once, and only the process that changed it escalates.
 */
export async function sweepFollowUps(db: Db, clock: Clock): Promise<{ missed: number; escalated: number }> {
  const settings = await isolationSettings(db);
  const now = clock.now();
  const cutoff = missedCutoff(now, settings);
  let missed = 0;
  let escalated = 0;
  for (;;) {
    const due = await findOverdueSlots(db, cutoff, 1000);
    if (due.length === 0) break;
    await db.transaction().execute(async (trx) => {
      const changed = await markSlotsMissed(
        trx,
        due.map((d) => d.id),
        now.toISOString(),
      );
      missed += changed.length;
      for (const slot of changed) {
        if ((await findPreviousSlotStatus(trx, slot.episode_id, slot.due_to)) !== 'missed') continue;
        const ep = await findEpisodeToEscalate(trx, slot.episode_id);
        if (ep.status !== 'active') continue;
        const township = (await findRegionsByCodes(trx, codesOfPath(ep.region_path))).find(
          (r) => r.level === 'township',
        );
        await raiseAlert(trx, clock, {
          kind: 'missed_follow_up',
          personId: ep.person_id,
          regionPath: ep.region_path,
          sourceType: 'follow_up_escalation',
          sourceId: slot.id,
          message: `隔离观察对象 ${ep.name} 连续 2 次未完成体温随访（观察员：${ep.observer ?? '未指定'}），已上报${township?.name ?? '乡镇'}`,
        });
        escalated++;
      }
    });
  }
  return { missed, escalated };
}

/** The active episode behind a self-report link, or 404 — the link stops working when the episode ends. */
export async function episodeOfToken(db: Db, token: string) {
  const ep = await findEpisodeByToken(db, token);
  if (ep?.status !== 'active') throw new AppError('SELF_REPORT_LINK_INVALID');
  return ep;
}

/** What the self-report page shows: the person's own name (masked), day of observation, today's slots and their requests. */
export async function selfReportView(db: Db, ctx: IsolationContext, token: string): Promise<SelfReportView> {
  const settings = await isolationSettings(db);
  const ep = await episodeOfToken(db, token);
  const now = ctx.clock.now();
  const day = localDay(now, ctx.timeZone);
  const slots = await slotsOfEpisodes(db, [ep.id], day);
  const cutoff = missedCutoff(now, settings);
  const needs = await findRecentRequestsOfEpisode(db, ep.id);
  return {
    name: maskName(ep.name),
    startDay: ep.start_day,
    plannedEndDay: ep.planned_end_day,
    dayNumber: dayNumber(ep.start_day, day),
    today: slots.map((s) => ({
      seq: s.seq,
      dueFrom: s.due_from,
      dueTo: s.due_to,
      status: effectiveStatus(s, cutoff),
      temperature: s.temperature,
    })),
    canReportNow: !!openSlot(await slotsOfEpisodes(db, [ep.id]), now, settings),
    nextDueFrom: await findNextDueFrom(db, ep.id, now.toISOString()),
    timeZone: ctx.timeZone,
    contact: await contactOf(db, ep),
    necessities: needs.map((n) => ({ kind: n.kind, status: n.status, requestedAt: n.requested_at })),
  };
}

/** Whom the isolated person can call: their observer when the observer has a phone, else the place's 包保 contact. */
async function contactOf(
  db: Db,
  ep: { region_path: string; observer_name: string | null; observer_phone: string | null },
): Promise<SelfReportView['contact']> {
  if (ep.observer_phone) return { name: ep.observer_name ?? '', role: 'observer', phone: ep.observer_phone };
  const nearest = await nearestContact(db, ep.region_path);
  return nearest && { name: nearest.name, role: 'responsible', phone: nearest.phone };
}

/** The isolated person reports their own temperature through the link: it fills the slot open now. */
export async function selfReport(
  db: Db,
  ctx: IsolationContext,
  token: string,
  input: SelfReportInput,
): Promise<{ seq: number; day: string; unwell: boolean }> {
  const settings = await isolationSettings(db);
  return db.transaction().execute(async (trx) => {
    const ep = await episodeOfToken(trx, token);
    const now = ctx.clock.now();
    const slot = openSlot(await slotsOfEpisodes(trx, [ep.id]), now, settings);
    if (!slot) {
      throw new AppError('NO_SLOT_OPEN', { nextDueFrom: await findNextDueFrom(trx, ep.id, now.toISOString()) });
    }
    const condition = await writeFill(
      trx,
      ctx.clock,
      slot,
      { temperature: input.temperature, symptoms: input.symptoms, condition: 'well', note: input.note ?? null },
      { userId: null, via: 'self' },
      settings,
    );
    await audit(trx, ctx.clock, null, {
      action: 'isolation.self_report',
      entityType: 'follow_up_slot',
      entityId: slot.id,
      regionPath: ep.region_path,
      details: { temperature: input.temperature, condition },
    });
    return { seq: slot.seq, day: slot.day, unwell: condition === 'unwell' };
  });
}
