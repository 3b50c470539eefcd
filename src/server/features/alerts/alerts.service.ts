import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import type { Alert } from '../../../shared/screening';
import { audit } from '../audit';
import type { ReferralSource } from '../../../shared/referrals';
import { acknowledgeAlertRow, findAlert, insertAlert, type AlertListRow } from './alerts.repository';
import { insertReferral, referredSubjects, type ReferralEvent } from './referrals.repository';

export interface AlertInput {
  kind: 'fever' | 'key_person' | 'refer' | 'zero_report_late' | 'missed_follow_up' | 'case';
  personId: string | null;
  regionPath: string;
  sourceType: string;
  sourceId: string;
  message: string;
  /** a 'refer' alert: the persons sent to the clinic (the ones with a fever are picked), when, by whom */
  referral?: ReferralEvent;
  /** the referral record this alert announces */
  referralId?: string | null;
}

/** Raise an alert inside the caller's transaction; the command centre's list and stream pick it up. */
export async function raiseAlert(db: Db, clock: Clock, a: AlertInput): Promise<string> {
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await insertAlert(db, {
    id,
    kind: a.kind,
    person_id: a.personId,
    region_path: a.regionPath,
    source_type: a.sourceType,
    source_id: a.sourceId,
    message: a.message,
    created_at: now.toISOString(),
    acknowledged_at: null,
    acknowledged_by: null,
    referral_id: a.referralId ?? null,
  });
  return id;
}

/**
 * Raise the alerts of one or more events (a checkpoint's passages, a visit) inside the caller's
 * transaction — one event, one alert: where an event sends people to the fever clinic, each person
 * referred gets a referral record and one alert pointing at it — 'fever' for a fever (what was
 * found; the dispatch sheet counts it), else 'refer' — and the event's own fever alerts (the same
 * people) are not raised again.
 */
export async function raiseAlerts(db: Db, clock: Clock, alerts: AlertInput[]): Promise<void> {
  const referred = new Set(
    alerts.filter((a) => a.kind === 'refer' && a.referral).map((a) => `${a.sourceType}:${a.sourceId}`),
  );
  for (const a of alerts) {
    if (a.kind === 'fever' && referred.has(`${a.sourceType}:${a.sourceId}`)) continue;
    if (a.kind !== 'refer' || !a.referral) {
      await raiseAlert(db, clock, a);
      continue;
    }
    for (const subject of referredSubjects(a.referral)) {
      const referralId = await insertReferral(db, clock, {
        personId: subject.personId,
        personName: subject.personName,
        regionPath: a.regionPath,
        sourceType: a.sourceType as ReferralSource,
        sourceId: a.sourceId,
        reason: subject.reason,
        referredAt: a.referral.at,
        referredBy: a.referral.by,
      });
      await raiseAlert(db, clock, {
        ...a,
        kind: subject.fever ? 'fever' : 'refer',
        personId: subject.personId,
        message: `${a.message}：${subject.personName}（${subject.reason}）`,
        referralId,
      });
    }
  }
}

export function toAlert(r: AlertListRow): Alert {
  return {
    id: r.id,
    kind: r.kind,
    personId: r.person_id,
    personName: r.person_name ?? null,
    regionPath: r.region_path,
    sourceType: r.source_type,
    sourceId: r.source_id,
    message: r.message,
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
    referralId: r.referral_id,
  };
}

export async function acknowledgeAlert(db: Db, clock: Clock, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    const row = await findAlert(trx, id);
    if (!row || !pathInScope(row.region_path, scopeOf(actor))) throw new AppError('NOT_FOUND');
    if (row.acknowledged_at) return;
    await acknowledgeAlertRow(trx, id, actor.id, clock.now().toISOString());
    await audit(trx, clock, actor, {
      action: 'alert.acknowledge',
      entityType: 'alert',
      entityId: id,
      regionPath: row.region_path,
    });
  });
}
