import type { Db } from '../../db/database';
import { localDay, type Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import type { Referral, ReferralChange, ReferralInput, ReferralOutcomeInput } from '../../../shared/referrals';
import { audit } from '../audit';
import { getPerson } from '../residents';
import { createCase } from '../tracing';
import { raiseAlert } from './alerts.service';
import { acknowledgeAlertsOfReferral, findAlert, linkAlertToReferral } from './alerts.repository';
import {
  findCaseIdOfPerson,
  findReferralInScope,
  insertReferral,
  updateReferral,
  type ReferralRow,
} from './referrals.repository';

/** Who records referrals and their outcomes: the roles that handle alerts (command centre, townships). */
export const ROLES_THAT_REFER = ['admin', 'command', 'township'] as const;

export interface ReferralContext {
  clock: Clock;
  timeZone: string;
}

export function toReferral(r: ReferralRow): Referral {
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    regionPath: r.region_path,
    sourceType: r.source_type,
    sourceId: r.source_id,
    reason: r.reason,
    facility: r.facility,
    referredAt: r.referred_at,
    referredByName: r.referred_by_name ?? null,
    outcome: r.outcome,
    outcomeAt: r.outcome_at,
    outcomeNote: r.outcome_note,
    outcomeByName: r.outcome_by_name ?? null,
    caseId: r.case_id,
    createdAt: r.created_at,
  };
}

export async function getReferral(db: Db, actor: Actor, id: string): Promise<ReferralRow> {
  const row = await findReferralInScope(db, scopeOf(actor), id);
  if (!row) throw new AppError('REFERRAL_NOT_FOUND');
  return row;
}

/** A time the caller gives may not be ahead of now (a phone's clock may run a few minutes fast). */
function notInFuture(clock: Clock, at: string | undefined): string {
  const now = clock.now();
  if (!at) return now.toISOString();
  if (Date.parse(at) > now.getTime() + 10 * 60_000) throw new AppError('REFERRAL_TIME_INVALID', { at });
  return new Date(at).toISOString();
}

/**
 * Record a referral by hand (a follow-up found a fever). Made from an alert, that alert links to
 * it; otherwise it raises its one 'refer' alert.
 */
export async function createReferral(db: Db, clock: Clock, actor: Actor, input: ReferralInput): Promise<ReferralRow> {
  const id = await db.transaction().execute(async (trx) => {
    const person = await getPerson(trx, actor, input.personId);
    const referredAt = notInFuture(clock, input.referredAt);
    const referralId = await insertReferral(trx, clock, {
      personId: person.id,
      personName: person.name,
      regionPath: person.region_path,
      sourceType: input.sourceType,
      sourceId: input.sourceId ?? null,
      reason: input.reason,
      referredAt,
      referredBy: actor.id,
      facility: input.facility ?? null,
    });
    if (input.alertId) {
      const alert = await findAlert(trx, input.alertId);
      if (!alert || !pathInScope(alert.region_path, scopeOf(actor)) || alert.person_id !== person.id)
        throw new AppError('NOT_FOUND', { field: 'alertId' });
      if (alert.referral_id) throw new AppError('REFERRAL_EXISTS', { referralId: alert.referral_id });
      await linkAlertToReferral(trx, alert.id, referralId);
    } else {
      await raiseAlert(trx, clock, {
        kind: 'refer',
        personId: person.id,
        regionPath: person.region_path,
        sourceType: input.sourceType,
        sourceId: input.sourceId ?? referralId,
        message: `转诊${input.facility ? ' ' + input.facility : '发热门诊'}：${person.name}（${input.reason}）`,
        referralId,
      });
    }
    await audit(trx, clock, actor, {
      action: 'referral.create',
      entityType: 'referral',
      entityId: referralId,
      regionPath: person.region_path,
      details: { personId: person.id, facility: input.facility },
    });
    return referralId;
  });
  return getReferral(db, actor, id);
}

/** Where the person was taken and when. */
export async function changeReferral(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  change: ReferralChange,
): Promise<ReferralRow> {
  await db.transaction().execute(async (trx) => {
    const row = await getReferral(trx, actor, id);
    const set: Parameters<typeof updateReferral>[2] = { updated_at: clock.now().toISOString() };
    if (change.facility !== undefined) set.facility = change.facility;
    if (change.referredAt !== undefined) {
      set.referred_at = notInFuture(clock, change.referredAt);
      if (row.outcome_at && set.referred_at > row.outcome_at)
        throw new AppError('REFERRAL_TIME_INVALID', { referredAt: change.referredAt });
    }
    await updateReferral(trx, id, set);
    await audit(trx, clock, actor, {
      action: 'referral.change',
      entityType: 'referral',
      entityId: id,
      regionPath: row.region_path,
      details: change,
    });
  });
  return getReferral(db, actor, id);
}

/**
 * Record what the clinic found (排除 / 疑似 / 确诊) with its time and note. The alert the referral
 * raised is acknowledged with it. A suspected or confirmed finding for a registered person leads
 * on to tracing: the person's case is linked, or opened (classification as found, reported that
 * day, treated at the facility) so contacts can be traced at once. A finding can be corrected
 * (疑似 later 确诊 or 排除); each is audited.
 */
export async function recordReferralOutcome(
  db: Db,
  ctx: ReferralContext,
  actor: Actor,
  id: string,
  input: ReferralOutcomeInput,
): Promise<ReferralRow> {
  const { clock } = ctx;
  const row = await db.transaction().execute(async (trx) => {
    const current = await getReferral(trx, actor, id);
    const at = notInFuture(clock, input.at);
    if (at < current.referred_at) throw new AppError('REFERRAL_TIME_INVALID', { at: input.at });
    const now = clock.now().toISOString();
    await updateReferral(trx, id, {
      outcome: input.outcome,
      outcome_at: at,
      outcome_note: input.note ?? null,
      outcome_by: actor.id,
      updated_at: now,
    });
    await acknowledgeAlertsOfReferral(trx, id, actor.id, now);
    await audit(trx, clock, actor, {
      action: 'referral.outcome',
      entityType: 'referral',
      entityId: id,
      regionPath: current.region_path,
      details: { outcome: input.outcome, from: current.outcome, at },
    });
    return { ...current, outcome_at: at };
  });
  if (input.outcome !== 'excluded' && row.person_id && !row.case_id) {
    const caseId = await caseFor(db, ctx, actor, row, input);
    if (caseId) await updateReferral(db, id, { case_id: caseId });
  }
  return getReferral(db, actor, id);
}

/** The person's case: the one there is, else a new one — unless the person is beyond the actor's reach. */
async function caseFor(
  db: Db,
  ctx: ReferralContext,
  actor: Actor,
  row: ReferralRow,
  input: ReferralOutcomeInput,
): Promise<string | null> {
  const existing = await findCaseIdOfPerson(db, row.person_id!);
  if (existing) return existing;
  try {
    const created = await createCase(db, ctx.clock, actor, {
      personId: row.person_id!,
      classification: input.outcome,
      outcome: 'under_treatment',
      reportDate: localDay(new Date(row.outcome_at!), ctx.timeZone),
      treatedAt: row.facility,
      note: [`转诊：${row.reason}`, input.note].filter(Boolean).join('；').slice(0, 500),
    });
    return created.id;
  } catch (err) {
    // registered outside the actor's jurisdiction: the finding stands, the case is for those who hold the person
    if (err instanceof AppError && (err.code === 'PERSON_NOT_FOUND' || err.code === 'CASE_EXISTS')) return null;
    throw err;
  }
}
