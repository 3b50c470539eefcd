import { randomBytes } from 'node:crypto';
import type { Updateable } from 'kysely';
import { engineOf, type Db } from '../../db/database';
import { addDays, localDay, type Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { GLOBAL_SCOPE, pathInScope, scopeOf, type Scope } from '../../access/scope';
import { maskIdNumber, maskPhone } from '../../../shared/validators';
import { FEVER_CELSIUS } from '../../../shared/screening';
import type {
  BulkEpisodeInput,
  BulkEpisodeResult,
  EndEpisodeInput,
  Episode,
  EpisodeChange,
  EpisodeInput,
  HouseholdEpisodeInput,
  IsolationSettings,
} from '../../../shared/isolation';
import { ERROR_CATALOGUE } from '../../../shared/errors';
import { audit } from '../audit';
import { getHouseholdInScope, getPerson } from '../residents';
import { getRegionInScope } from '../regions';
import { findUserInScope } from '../users';
import type { IsolationEpisodeTable } from './episodes.table';
import {
  type EpisodeFilter,
  type EpisodeRow,
  findActiveEpisodeId,
  findActiveHouseholdMemberIds,
  findEpisodeInScope,
  findEpisodesInScope,
  findPersonPlacesInScope,
  insertEpisode,
  maxCertificateSerial,
  updateEpisode,
} from './episodes.repository';
import {
  cancelPendingSlotsAfterDay,
  closeSlotsOfEpisode,
  findLastSlot,
  findLatestOpenedSlots,
  followUpFacts,
  insertFollowUpSlots,
  setPendingSlotsObserver,
} from './followups.repository';
import { getIsolationSite, roomFor } from './isolation-sites.service';
import { isolationSettings } from './isolation.settings';
import { defaultObserverFor } from './observers.service';
import { dayNumber, missedCutoff, planSlots } from './slots';

/** Who may put a person under isolation and change or end it: the command centre, townships, grid workers and observers. */
export const ROLES_THAT_ISOLATE = ['admin', 'command', 'township', 'grid', 'observer'] as const;

export interface IsolationContext {
  clock: Clock;
  timeZone: string;
}

type EpisodeCommon = Omit<EpisodeInput, 'personId'>;

/** An episode the actor may see, or 404. */
export async function getEpisode(db: Db, scope: Scope, id: string): Promise<EpisodeRow> {
  const row = await findEpisodeInScope(db, scope, id);
  if (!row) throw new AppError('EPISODE_NOT_FOUND');
  return row;
}

/** Episodes as the API shows them: masked ID and phone, day of observation, last temperature and missed follow-ups. */
export async function toEpisodes(db: Db, clock: Clock, timeZone: string, rows: EpisodeRow[]): Promise<Episode[]> {
  const settings = await isolationSettings(db);
  const now = clock.now();
  const facts = await followUpFacts(
    db,
    rows.map((r) => r.id),
    missedCutoff(now, settings),
  );
  const today = localDay(now, timeZone);
  return rows.map((r) => {
    const f = facts.get(r.id)!;
    return {
      id: r.id,
      personId: r.person_id,
      personName: r.person_name,
      sex: r.sex,
      birthDate: r.birth_date,
      idNumber: maskIdNumber(r.id_number),
      phone: maskPhone(r.phone),
      householdId: r.household_id,
      address: r.address ?? null,
      regionId: r.region_id,
      regionName: r.region_name ?? null,
      regionPath: r.region_path,
      kind: r.kind,
      siteId: r.site_id,
      siteName: r.site_name ?? null,
      roomId: r.room_id,
      roomLabel: r.room_label ?? null,
      reason: r.reason as Episode['reason'],
      reasonDetail: r.reason_detail,
      sourceType: r.source_type,
      sourceId: r.source_id,
      startDay: r.start_day,
      plannedEndDay: r.planned_end_day,
      dayNumber: dayNumber(
        r.start_day,
        r.status === 'active' ? today : localDay(new Date(r.ended_at ?? now), timeZone),
      ),
      slotsPerDay: r.slots_per_day,
      observerId: r.observer_id,
      observerName: r.observer_name ?? null,
      status: r.status,
      endedAt: r.ended_at,
      endReason: r.end_reason,
      lastTemperature: f.lastTemperature,
      lastFilledAt: f.lastFilledAt,
      missedCount: f.missed,
      certificateSerial: r.certificate_serial,
      createdAt: r.created_at,
    };
  });
}

/** Episodes in scope, newest first, by status, kind, region, site, observer, name/pinyin/ID suffix, or leaving by a day. */
export async function listEpisodes(db: Db, scope: Scope, f: EpisodeFilter): Promise<EpisodeRow[]> {
  return findEpisodesInScope(db, scope, f);
}

/** The observer must be an active user whose jurisdiction covers the isolated person. */
async function checkObserver(db: Db, observerId: string, regionPath: string) {
  const observer = await findUserInScope(db, GLOBAL_SCOPE, observerId);
  if (observer?.status !== 'active' || !pathInScope(regionPath, { prefix: observer.region_path }))
    throw new AppError('OBSERVER_INVALID');
}

type SlotOwner = {
  id: string;
  person_id: string;
  region_path: string;
  observer_id: string | null;
  slots_per_day: number;
};

/** Plan and store an episode's follow-up slots from `firstDay` to `lastDay` (see planSlots); returns how many. */
async function insertSlots(
  db: Db,
  ep: SlotOwner,
  firstDay: string,
  lastDay: string,
  settings: IsolationSettings,
  timeZone: string,
  notBefore: Date,
) {
  const plans = planSlots(firstDay, lastDay, ep.slots_per_day, settings, timeZone, notBefore);
  await insertFollowUpSlots(
    db,
    plans.map((p) => ({
      id: uuidv7(),
      episode_id: ep.id,
      person_id: ep.person_id,
      region_path: ep.region_path,
      observer_id: ep.observer_id,
      day: p.day,
      seq: p.seq,
      due_from: p.dueFrom,
      due_to: p.dueTo,
      status: 'pending' as const,
      temperature: null,
      symptoms: null,
      condition: null,
      note: null,
      via: null,
      filled_by: null,
      filled_at: null,
      missed_at: null,
    })),
  );
  return plans.length;
}

/**
 * Put one person under isolation inside the caller's transaction: the episode, its room (for a
 * centralised site), and every follow-up slot of the planned period. Refused when the person is
 * already isolated (one active episode per person).
 */
async function startEpisode(
  trx: Db,
  ctx: IsolationContext,
  actor: Actor,
  personId: string,
  input: EpisodeCommon,
  settings: IsolationSettings,
  householdId?: string,
): Promise<string> {
  const scope = scopeOf(actor);
  const person = await getPerson(trx, actor, personId);
  const active = await findActiveEpisodeId(trx, person.id);
  if (active) throw new AppError('ALREADY_ISOLATED', { episodeId: active });

  const now = ctx.clock.now();
  const today = localDay(now, ctx.timeZone);
  const startDay = input.startDay ?? today;
  const days = input.days ?? settings.daysByReason[input.reason];
  const plannedEnd = addDays(startDay, days - 1);
  if (startDay > addDays(today, 7) || plannedEnd < today)
    throw new AppError('EPISODE_DATES_INVALID', { startDay, plannedEndDay: plannedEnd });

  let region = { id: person.region_id, path: person.region_path };
  let siteId: string | null = null;
  let roomId: string | null = null;
  if (input.kind === 'centralised') {
    if (!input.siteId) throw new AppError('ISOLATION_SITE_REQUIRED');
    const site = await getIsolationSite(trx, scope, input.siteId);
    if (site.status !== 'active') throw new AppError('ISOLATION_SITE_CLOSED');
    const room = await roomFor(trx, site, input.roomId, engineOf(trx) === 'postgres');
    region = { id: site.region_id, path: site.region_path };
    siteId = site.id;
    roomId = room.id;
  }
  // every active episode has an observer: the one named, an observer isolating, else who answers for the person's grid or village
  const observerId =
    input.observerId ??
    (actor.role === 'observer' ? actor.id : (await defaultObserverFor(trx, actor, region.path)).observerId);
  await checkObserver(trx, observerId, region.path);

  const id = uuidv7(now.getTime());
  const episode = {
    id,
    person_id: person.id,
    household_id: householdId ?? person.household_id,
    region_id: region.id,
    region_path: region.path,
    kind: input.kind,
    site_id: siteId,
    room_id: roomId,
    reason: input.reason,
    reason_detail: input.reasonDetail ?? null,
    source_type: input.sourceType,
    source_id: input.sourceId ?? null,
    start_day: startDay,
    planned_end_day: plannedEnd,
    slots_per_day: input.slotsPerDay,
    observer_id: observerId,
    status: 'active' as const,
    ended_at: null,
    end_reason: null,
    token: randomBytes(18).toString('base64url'),
    certificate_serial: null,
    certificate_code: null,
    certificate_issued_at: null,
    created_by: actor.id,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await insertEpisode(trx, episode);
  const slots = await insertSlots(trx, episode, startDay, plannedEnd, settings, ctx.timeZone, now);
  await audit(trx, ctx.clock, actor, {
    action: 'isolation.start',
    entityType: 'isolation_episode',
    entityId: id,
    regionPath: region.path,
    details: {
      personId: person.id,
      kind: input.kind,
      reason: input.reason,
      startDay,
      plannedEndDay: plannedEnd,
      slots,
      source: input.sourceType,
      sourceId: input.sourceId,
    },
  });
  return id;
}

/** Isolate one person (by hand, or from a screening visit, a checkpoint referral or a contact). */
export async function createEpisode(
  db: Db,
  ctx: IsolationContext,
  actor: Actor,
  input: EpisodeInput,
): Promise<EpisodeRow> {
  const settings = await isolationSettings(db);
  const id = await db.transaction().execute((trx) => startEpisode(trx, ctx, actor, input.personId, input, settings));
  return getEpisode(db, scopeOf(actor), id);
}

/**
 * Isolate many persons at once (a bus's passengers, a tracer's accepted contacts). Each person is
 * its own transaction, so one already isolated or out of reach is reported and skipped without
 * stopping the others; rooms of a centralised site are assigned in label order.
 */
export async function createEpisodes(
  db: Db,
  ctx: IsolationContext,
  actor: Actor,
  input: BulkEpisodeInput,
  householdId?: string,
): Promise<BulkEpisodeResult> {
  const settings = await isolationSettings(db);
  const result: BulkEpisodeResult = { created: [], skipped: [] };
  const { personIds, ...common } = input;
  const unique = [...new Set(personIds)];
  // Everyone on the list must be someone the actor can see: a list naming a stranger is refused whole.
  const found = new Set((await findPersonPlacesInScope(db, scopeOf(actor), unique)).map((p) => p.id));
  const missing = personIds.findIndex((p) => !found.has(p));
  if (missing >= 0) throw new AppError('PERSON_NOT_FOUND', { field: ['personIds', String(missing)] });
  for (const personId of unique) {
    try {
      const episodeId = await db
        .transaction()
        .execute((trx) => startEpisode(trx, ctx, actor, personId, common, settings, householdId));
      result.created.push({ personId, episodeId });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (
        err.code === 'SITE_FULL' ||
        err.code === 'ISOLATION_SITE_NOT_FOUND' ||
        err.code === 'OBSERVER_INVALID' ||
        err.code === 'ISOLATION_SITE_REQUIRED'
      )
        throw err;
      result.skipped.push({ personId, code: err.code, message: ERROR_CATALOGUE[err.code].zh });
    }
  }
  return result;
}

/** Isolate a household together: every active member not already isolated gets an episode sharing the household. */
export async function createHouseholdEpisodes(
  db: Db,
  ctx: IsolationContext,
  actor: Actor,
  input: HouseholdEpisodeInput,
): Promise<BulkEpisodeResult> {
  const household = await getHouseholdInScope(db, scopeOf(actor), input.householdId);
  const members = await findActiveHouseholdMemberIds(db, household.id);
  if (members.length === 0)
    throw new AppError('VALIDATION', {
      issues: [{ path: ['householdId'], message: 'this household has no registered members' }],
    });
  const { householdId, ...common } = input;
  return createEpisodes(
    db,
    ctx,
    actor,
    { ...common, sourceType: common.sourceType === 'manual' ? 'household' : common.sourceType, personIds: members },
    householdId,
  );
}

/**
 * Change an active episode: its observer (future slots follow), its planned end (slots are added
 * or the surplus cancelled), or its room at the same site.
 */
export async function changeEpisode(
  db: Db,
  ctx: IsolationContext,
  actor: Actor,
  id: string,
  change: EpisodeChange,
): Promise<EpisodeRow> {
  const scope = scopeOf(actor);
  const settings = await isolationSettings(db);
  await db.transaction().execute(async (trx) => {
    const ep = await getEpisode(trx, scope, id);
    if (ep.status !== 'active') throw new AppError('EPISODE_NOT_ACTIVE');
    const now = ctx.clock.now();
    const set: Updateable<IsolationEpisodeTable> = { updated_at: now.toISOString() };
    if (change.observerId !== undefined) {
      await checkObserver(trx, change.observerId, ep.region_path);
      set.observer_id = change.observerId;
      await setPendingSlotsObserver(trx, id, change.observerId);
    }
    if (change.plannedEndDay && change.plannedEndDay !== ep.planned_end_day) {
      const today = localDay(now, ctx.timeZone);
      if (change.plannedEndDay < ep.start_day || change.plannedEndDay < today)
        throw new AppError('EPISODE_DATES_INVALID', { plannedEndDay: change.plannedEndDay });
      if (change.plannedEndDay > ep.planned_end_day) {
        await insertSlots(
          trx,
          { ...ep, observer_id: set.observer_id ?? ep.observer_id },
          addDays(ep.planned_end_day, 1),
          change.plannedEndDay,
          settings,
          ctx.timeZone,
          now,
        );
      } else {
        await cancelPendingSlotsAfterDay(trx, id, change.plannedEndDay);
      }
      set.planned_end_day = change.plannedEndDay;
    }
    if (change.roomId && change.roomId !== ep.room_id) {
      if (ep.kind !== 'centralised' || !ep.site_id) throw new AppError('ROOM_NOT_FOUND');
      const site = await getIsolationSite(trx, scope, ep.site_id);
      set.room_id = (await roomFor(trx, site, change.roomId, engineOf(trx) === 'postgres')).id;
    }
    await updateEpisode(trx, id, set);
    await audit(trx, ctx.clock, actor, {
      action: 'isolation.change',
      entityType: 'isolation_episode',
      entityId: id,
      regionPath: ep.region_path,
      details: change,
    });
  });
  return getEpisode(db, scope, id);
}

/**
 * The last follow-ups are normal when the most recent day's worth of slots that are due were all
 * filled: seen, well, below 37.3 °C and without symptoms.
 */
async function lastFollowUpsNormal(db: Db, ep: EpisodeRow, now: Date, settings: IsolationSettings): Promise<boolean> {
  const recent = await findLatestOpenedSlots(db, ep.id, now.toISOString(), ep.slots_per_day);
  const cutoff = missedCutoff(now, settings);
  const open = (s: (typeof recent)[number]) => s.status === 'pending' && s.due_to >= cutoff;
  // A slot whose window is still open is not held against the person; the ones before it count.
  const judged = recent.filter((s) => !open(s));
  if (judged.length === 0) return false;
  return judged.every(
    (s) =>
      s.status === 'filled' &&
      s.condition === 'well' &&
      (s.temperature ?? 99) < FEVER_CELSIUS &&
      (!s.symptoms || s.symptoms === '[]'),
  );
}

/**
 * A 14-day observation ends after its last planned follow-up (the evening one of day 14), not on
 * the morning of that day: the last slot that is not cancelled must be filled or past its window.
 */
async function lastSlotDone(db: Db, episodeId: string, cutoff: string): Promise<boolean> {
  const last = await findLastSlot(db, episodeId);
  return last?.status !== 'pending' || last.due_to < cutoff;
}

/** A serial like QF-20200204-0007: the day it was issued and its number that day, unique county-wide. */
async function nextCertificateSerial(db: Db, day: string): Promise<string> {
  const prefix = `QF-${day.replaceAll('-', '')}-`;
  const last = await maxCertificateSerial(db, prefix);
  const n = last ? Number(last.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(4, '0')}`;
}

/**
 * End an episode. Completion (期满解除) needs the last planned follow-up done and normal last follow-ups,
 * and issues the end-of-observation certificate (居家医学观察期满证明) with a serial and a code
 * anyone can verify; every other ending needs a reason. Pending future slots are cancelled.
 */
export async function endEpisode(
  db: Db,
  ctx: IsolationContext,
  actor: Actor,
  id: string,
  input: EndEpisodeInput,
): Promise<EpisodeRow> {
  const scope = scopeOf(actor);
  const settings = await isolationSettings(db);
  for (let attempt = 0; ; attempt++) {
    try {
      await db.transaction().execute(async (trx) => {
        const ep = await getEpisode(trx, scope, id);
        if (ep.status !== 'active') throw new AppError('EPISODE_NOT_ACTIVE');
        const now = ctx.clock.now();
        const today = localDay(now, ctx.timeZone);
        if (input.status !== 'completed' && !input.reason) throw new AppError('END_REASON_REQUIRED');
        const set: Updateable<IsolationEpisodeTable> = {
          status: input.status,
          ended_at: now.toISOString(),
          end_reason: input.reason ?? null,
          updated_at: now.toISOString(),
        };
        if (input.status === 'completed') {
          if (today < ep.planned_end_day || !(await lastSlotDone(trx, ep.id, missedCutoff(now, settings))))
            throw new AppError('NOT_YET_DUE', { plannedEndDay: ep.planned_end_day });
          if (!(await lastFollowUpsNormal(trx, ep, now, settings))) throw new AppError('FOLLOW_UPS_NOT_NORMAL');
          if (ep.kind !== 'hospital') {
            set.certificate_serial = await nextCertificateSerial(trx, today);
            set.certificate_code = randomBytes(9).toString('base64url');
            set.certificate_issued_at = now.toISOString();
          }
        }
        await updateEpisode(trx, id, set);
        await closeSlotsOfEpisode(trx, id, missedCutoff(now, settings));
        await audit(trx, ctx.clock, actor, {
          action: 'isolation.end',
          entityType: 'isolation_episode',
          entityId: id,
          regionPath: ep.region_path,
          details: { status: input.status, reason: input.reason, certificate: set.certificate_serial },
        });
      });
      break;
    } catch (err) {
      // Two certificates issued at the same instant may pick the same serial; the unique index refuses one, which tries again.
      if (err instanceof AppError || attempt >= 3 || !/unique|duplicate/i.test(String((err as Error).message)))
        throw err;
    }
  }
  return getEpisode(db, scope, id);
}

/** The self-report link of an episode, for the observer to send; handing it out is audited. */
export async function selfReportLink(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
): Promise<{ token: string; path: string }> {
  const ep = await getEpisode(db, scopeOf(actor), id);
  if (ep.status !== 'active') throw new AppError('EPISODE_NOT_ACTIVE');
  await audit(db, clock, actor, {
    action: 'isolation.self_report_link',
    entityType: 'isolation_episode',
    entityId: id,
    regionPath: ep.region_path,
  });
  return { token: ep.token, path: `/r/${ep.token}` };
}

/** The region of an episode the actor can name a region filter with. */
export async function regionFilterPath(
  db: Db,
  scope: Scope,
  regionId: string | undefined,
): Promise<string | undefined> {
  return regionId ? (await getRegionInScope(db, scope, regionId)).path : undefined;
}
