import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import type { Callout, CalloutCandidate, CalloutInput, CalloutQuery, Skill } from '../../../shared/callouts';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import {
  findCalloutInScope,
  insertCallout,
  insertLinks,
  insertOrders,
  insertOutbox,
  listCalloutsInScope,
  listOrders,
  updateCallout,
  type CalloutRow,
} from './callouts.repository';
import { busyElsewhere, previewTargets, resolveTargets } from './targets.service';

/** A person's link stays valid this long after the deadline (then the page says it has expired). */
export const LINK_GRACE_MS = 2 * 60 * 60_000;

/** A fresh link token (144 random bits, URL-safe) and the hash that is all the database keeps. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(18).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What the SMS says, with the deadline in the county's zone. */
function orderText(c: { meetingPoint: string; deadlineAt: Date }, link: string, timeZone: string, reminder: boolean) {
  const hhmm = new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    c.deadlineAt,
  );
  return `${reminder ? '【集结令·提醒】' : '【集结令】'}请于 ${hhmm} 前到达：${c.meetingPoint}。请点链接回复能否到达：${link}`;
}

export function toCallout(r: CalloutRow): Callout {
  return {
    id: r.id,
    teamId: r.team_id,
    teamName: r.team_name,
    regionId: r.region_id,
    regionName: r.region_name,
    meetingPoint: r.meeting_point,
    note: r.note,
    orderedAt: r.ordered_at,
    orderedByName: r.ordered_by_name,
    deadlineAt: r.deadline_at,
    status: r.status,
    orders: Number(r.orders ?? 0),
    pointCode: r.point_code,
    targetSkill: (r.target_skill as Skill | null) ?? null,
  };
}

export async function getCallout(db: Db, scope: Scope, id: string): Promise<CalloutRow> {
  const row = await findCalloutInScope(db, scope, id);
  if (!row) throw new AppError('CALLOUT_NOT_FOUND');
  return row;
}

export async function listCallouts(db: Db, scope: Scope, q: CalloutQuery) {
  return listCalloutsInScope(db, scope, {
    status: q.status,
    before: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}

/** A team's members as the picker shows them: those busy elsewhere right now are marked with where. */
export async function calloutCandidates(
  db: Db,
  clock: Clock,
  scope: Scope,
  teamId: string,
): Promise<CalloutCandidate[]> {
  return previewTargets(db, scope, clock.now(), { teamId });
}

export interface IssuedLink {
  personId: string;
  token: string;
}

/**
 * Issue a call-out (集结令): one order per person of the target (`resolveTargets`: a team, picked
 * persons, or everyone with a skill in a region — each once), one link per order (only its hash
 * stored), one SMS outbox row per order, and the meeting point's QR code, all in one transaction.
 * Persons busy elsewhere right now (a checkpoint shift, another open call-out) are left out unless
 * `includeBusy`. The deadline defaults to the 15-minute standard; links expire two hours after it.
 * Returns the call-out and the links (the caller hands them to nobody but the outbox and tests).
 */
export async function issueCallout(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: CalloutInput,
  ctx: { linkBase: string; timeZone: string },
): Promise<{ callout: CalloutRow; links: IssuedLink[] }> {
  const scope = scopeOf(actor);
  const result = await db.transaction().execute(async (trx) => {
    const { team, skillRegion, targets } = await resolveTargets(trx, scope, input);
    const region = input.regionId
      ? await getRegionInScope(trx, scope, input.regionId)
      : team
        ? { id: team.region_id, path: team.region_path }
        : skillRegion;
    if (!region)
      throw new AppError('VALIDATION', { issues: [{ path: ['regionId'], message: 'the meeting point region' }] });

    const now = clock.now();
    const at = now.toISOString();
    const busy = input.includeBusy
      ? new Map()
      : await busyElsewhere(
          trx,
          targets.map((t) => t.personId),
          now,
        );
    const ordered = targets.filter((t) => !busy.has(t.personId));
    if (!ordered.length) throw new AppError('CALLOUT_NOBODY', { busy: busy.size });

    const deadline = new Date(now.getTime() + input.deadlineMinutes * 60_000);
    const expiresAt = new Date(deadline.getTime() + LINK_GRACE_MS).toISOString();
    const calloutId = uuidv7(now.getTime());
    await insertCallout(trx, {
      id: calloutId,
      region_id: region.id,
      region_path: region.path,
      team_id: team?.id ?? null,
      meeting_point: input.meetingPoint,
      note: input.note ?? null,
      ordered_by: actor.id,
      ordered_by_name: actor.displayName,
      ordered_at: at,
      deadline_at: deadline.toISOString(),
      expires_at: expiresAt,
      status: 'active',
      closed_at: null,
      point_code: randomBytes(12).toString('base64url'),
      target_skill: input.skill ?? null,
    });
    const links: IssuedLink[] = [];
    const orders = ordered.map(({ personId, phone }) => {
      const link = newLinkToken();
      links.push({ personId, token: link.token });
      return { personId, phone, link, orderId: uuidv7(now.getTime()) };
    });
    await insertOrders(
      trx,
      orders.map((o) => ({
        id: o.orderId,
        callout_id: calloutId,
        person_id: o.personId,
        region_path: region.path,
        changes: 0,
      })),
    );
    await insertLinks(
      trx,
      orders.map((o) => ({ token_hash: o.link.hash, order_id: o.orderId, expires_at: expiresAt, created_at: at })),
    );
    await insertOutbox(
      trx,
      orders.map((o) => ({
        id: uuidv7(now.getTime()),
        callout_id: calloutId,
        order_id: o.orderId,
        region_path: region.path,
        kind: 'order' as const,
        phone: o.phone,
        text: orderText(
          { meetingPoint: input.meetingPoint, deadlineAt: deadline },
          `${ctx.linkBase}/c/${o.link.token}`,
          ctx.timeZone,
          false,
        ),
        status: 'pending' as const,
        attempts: 0,
        created_at: at,
      })),
    );
    await audit(trx, clock, actor, {
      action: 'callout.issue',
      entityType: 'callout',
      entityId: calloutId,
      regionPath: region.path,
      details: {
        teamId: team?.id ?? null,
        skill: input.skill ?? null,
        orders: orders.length,
        leftOutBusy: busy.size,
        deadlineMinutes: input.deadlineMinutes,
      },
    });
    return { calloutId, links };
  });
  return { callout: await getCallout(db, scope, result.calloutId), links: result.links };
}

/**
 * Remind the silent: a reminder SMS, with a fresh link (the first one keeps working), only to those
 * who have not answered yet. Returns how many were reminded.
 */
export async function remindSilent(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  ctx: { linkBase: string; timeZone: string },
): Promise<{ reminded: number; links: IssuedLink[] }> {
  return db.transaction().execute(async (trx) => {
    const c = await getCallout(trx, scopeOf(actor), id);
    const now = clock.now();
    if (c.status !== 'active' || c.expires_at <= now.toISOString()) throw new AppError('CALLOUT_CLOSED');
    const silent = (await listOrders(trx, id)).filter((o) => o.answer === null);
    const at = now.toISOString();
    const links = silent.map((o) => ({ order: o, link: newLinkToken() }));
    await insertLinks(
      trx,
      links.map(({ order, link }) => ({
        token_hash: link.hash,
        order_id: order.id,
        expires_at: c.expires_at,
        created_at: at,
      })),
    );
    await insertOutbox(
      trx,
      links.map(({ order, link }) => ({
        id: uuidv7(now.getTime()),
        callout_id: id,
        order_id: order.id,
        region_path: c.region_path,
        kind: 'reminder' as const,
        phone: order.phone,
        text: orderText(
          { meetingPoint: c.meeting_point, deadlineAt: new Date(c.deadline_at) },
          `${ctx.linkBase}/c/${link.token}`,
          ctx.timeZone,
          true,
        ),
        status: 'pending' as const,
        attempts: 0,
        created_at: at,
      })),
    );
    await audit(trx, clock, actor, {
      action: 'callout.remind',
      entityType: 'callout',
      entityId: id,
      regionPath: c.region_path,
      details: { reminded: silent.length },
    });
    return {
      reminded: silent.length,
      links: links.map(({ order, link }) => ({ personId: order.person_id, token: link.token })),
    };
  });
}

/** End a call-out: its persons are free for the next one; the board and the answers stay. */
export async function closeCallout(db: Db, clock: Clock, actor: Actor, id: string): Promise<CalloutRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const c = await getCallout(trx, scope, id);
    if (c.status === 'closed') throw new AppError('CALLOUT_CLOSED');
    await updateCallout(trx, id, { status: 'closed', closed_at: clock.now().toISOString() });
    await audit(trx, clock, actor, {
      action: 'callout.close',
      entityType: 'callout',
      entityId: id,
      regionPath: c.region_path,
      details: {},
    });
  });
  return getCallout(db, scope, id);
}
