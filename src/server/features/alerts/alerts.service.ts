import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import type { Alert } from '../../../shared/screening';
import { audit } from '../audit';
import type { ReferralSource } from '../../../shared/referrals';
import {
  acknowledgeAlertRow,
  countAlertsByKindAndPlace,
  findAlert,
  findAlertsInScope,
  insertAlert,
  townshipsForAlerts,
  type AlertListRow,
} from './alerts.repository';
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

/**
 * Acknowledge many alerts at once (确认处理 for a whole group), in one transaction: an alert outside
 * the actor's jurisdiction (or unknown) is 404 for the whole request and nothing changes; alerts
 * already acknowledged stay as they were. How many were newly acknowledged.
 */
export async function acknowledgeAlerts(db: Db, clock: Clock, actor: Actor, ids: readonly string[]): Promise<number> {
  const unique = [...new Set(ids)];
  return db.transaction().execute(async (trx) => {
    const rows = await findAlertsInScope(trx, scopeOf(actor), unique);
    if (rows.length !== unique.length) throw new AppError('NOT_FOUND');
    const at = clock.now().toISOString();
    const open = rows.filter((r) => !r.acknowledged_at);
    for (const r of open) {
      await acknowledgeAlertRow(trx, r.id, actor.id, at);
      await audit(trx, clock, actor, {
        action: 'alert.acknowledge',
        entityType: 'alert',
        entityId: r.id,
        regionPath: r.region_path,
        details: { bulk: unique.length },
      });
    }
    return open.length;
  });
}

/**
 * The alerts of the jurisdiction (open ones, or all) counted by kind and by township/street — the
 * groups of the alerts page, and its township filter. Alerts above any township (county level)
 * count under a township of null.
 */
export async function alertGroups(db: Db, actor: Actor, f: { open?: boolean }) {
  const scope = scopeOf(actor);
  const [counts, townships] = await Promise.all([
    countAlertsByKindAndPlace(db, scope, f),
    townshipsForAlerts(db, scope),
  ]);
  const byKind = new Map<string, number>();
  const byTownship = new Map<string | null, number>();
  for (const c of counts) {
    const n = Number(c.n);
    byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + n);
    const t = townships.find((t) => c.region_path.startsWith(t.path))?.id ?? null;
    byTownship.set(t, (byTownship.get(t) ?? 0) + n);
  }
  return {
    kinds: [...byKind].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count),
    townships: [
      ...townships.map((t) => ({
        townshipId: t.id,
        name: t.name,
        regionPath: t.path,
        count: byTownship.get(t.id) ?? 0,
      })),
      ...(byTownship.has(null)
        ? [{ townshipId: null, name: null, regionPath: null, count: byTownship.get(null) ?? 0 }]
        : []),
    ],
  };
}
