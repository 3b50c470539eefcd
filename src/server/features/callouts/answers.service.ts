import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import { maskPhone } from '../../../shared/validators';
import {
  CALLOUT_STANDARD_MINUTES,
  type BoardOrder,
  type CalloutAnswer,
  type CalloutAnswerInput,
  type CalloutBoard,
  type CalloutLinkView,
  type OrderState,
} from '../../../shared/callouts';
import { audit } from '../audit';
import { findOrder, findOrderByTokenHash, insertAnswer, listOrders, updateOrder } from './callouts.repository';
import { getCallout, hashLinkToken, toCallout } from './callouts.service';

/** The order behind a person's link: unknown → 404, past its expiry → 410. */
async function orderOfLink(db: Db, clock: Clock, token: string) {
  const order = await findOrderByTokenHash(db, hashLinkToken(token));
  if (!order) throw new AppError('CALLOUT_LINK_NOT_FOUND');
  if (order.link_expires_at <= clock.now().toISOString()) throw new AppError('CALLOUT_LINK_EXPIRED');
  return order;
}

/** What the person's link page shows: where to go, by when, and what they answered so far. */
export async function linkView(db: Db, clock: Clock, token: string): Promise<CalloutLinkView> {
  const o = await orderOfLink(db, clock, token);
  return {
    name: o.name,
    teamName: o.team_name,
    meetingPoint: o.meeting_point,
    orderedAt: o.ordered_at,
    deadlineAt: o.deadline_at,
    answer: o.answer,
    etaMinutes: o.eta_minutes,
    reason: o.reason,
    closed: o.callout_status === 'closed' || o.arrived_at !== null,
  };
}

const stateOf = (answer: CalloutAnswer | null): OrderState =>
  answer === null ? 'silent' : answer === 'arrived' ? 'arrived' : answer === 'cannot' ? 'declined' : 'acknowledged';

/** Arriving after saying "coming" is keeping one's word; any other new answer after a first one is a change. */
const isChangeOfMind = (before: CalloutAnswer | null, after: CalloutAnswer) =>
  before !== null && !(after === 'arrived' && (before === 'coming' || before === 'late'));

/**
 * Record an answer to an order. The same answer again changes nothing; a different one is kept as
 * a new entry of the order's history and counted as a change (a "来" turned "不能来" is visible on
 * the board). An arrival is final, and a closed call-out takes no more answers.
 */
export async function recordAnswer(
  trx: Db,
  clock: Clock,
  order: {
    id: string;
    region_path: string;
    answer: CalloutAnswer | null;
    eta_minutes: number | null;
    reason: string | null;
    first_ack_at: string | null;
    arrived_at: string | null;
    changes: number;
  },
  calloutStatus: 'active' | 'closed',
  input: CalloutAnswerInput,
  by: string,
): Promise<boolean> {
  if (calloutStatus === 'closed' || order.arrived_at) throw new AppError('CALLOUT_CLOSED');
  const eta = input.answer === 'late' ? (input.etaMinutes ?? null) : null;
  const reason = input.answer === 'cannot' ? (input.reason ?? null) : null;
  if (order.answer === input.answer && order.eta_minutes === eta && order.reason === reason) return false;
  const at = clock.now().toISOString();
  await insertAnswer(trx, {
    id: uuidv7(),
    order_id: order.id,
    region_path: order.region_path,
    answer: input.answer,
    eta_minutes: eta,
    reason,
    by,
    at,
  });
  const acknowledges = input.answer === 'coming' || input.answer === 'late' || input.answer === 'arrived';
  await updateOrder(trx, order.id, {
    answer: input.answer,
    eta_minutes: eta,
    reason,
    answered_at: at,
    first_ack_at: order.first_ack_at ?? (acknowledges ? at : null),
    arrived_at: input.answer === 'arrived' ? at : null,
    changes: isChangeOfMind(order.answer, input.answer) ? order.changes + 1 : order.changes,
  });
  return true;
}

/** The person answers through their link (no login): 来 / N 分钟后到 / 不能来 / 已到达. */
export async function answerByLink(db: Db, clock: Clock, token: string, input: CalloutAnswerInput) {
  await db.transaction().execute(async (trx) => {
    const o = await orderOfLink(trx, clock, token);
    await recordAnswer(trx, clock, o, o.callout_status, input, 'link');
  });
  return linkView(db, clock, token);
}

/** The leader or commander checks a person in at the meeting point, from the board (audited). */
export async function checkIn(db: Db, clock: Clock, actor: Actor, calloutId: string, orderId: string) {
  await db.transaction().execute(async (trx) => {
    const c = await getCallout(trx, scopeOf(actor), calloutId);
    const order = await findOrder(trx, calloutId, orderId);
    if (!order) throw new AppError('CALLOUT_ORDER_NOT_FOUND');
    await recordAnswer(trx, clock, order, c.status, { answer: 'arrived' }, actor.displayName);
    await audit(trx, clock, actor, {
      action: 'callout.check_in',
      entityType: 'callout',
      entityId: calloutId,
      regionPath: c.region_path,
      details: { orderId, personId: order.person_id },
    });
  });
}

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * The live board of a call-out: each person ordered / acknowledged (with ETA) / arrived / declined
 * / silent with the time since the order; the time to the first acknowledgement, and the time until
 * everyone not declining had arrived, against the 15-minute standard.
 */
export async function calloutBoard(db: Db, clock: Clock, actor: Actor, id: string): Promise<CalloutBoard> {
  const c = await getCallout(db, scopeOf(actor), id);
  const now = clock.now().toISOString();
  const rows = await listOrders(db, id);
  const orders: BoardOrder[] = rows.map((o) => ({
    id: o.id,
    personId: o.person_id,
    name: o.name,
    phone: maskPhone(o.phone),
    state: stateOf(o.answer),
    answer: o.answer,
    etaMinutes: o.eta_minutes,
    reason: o.reason,
    answeredAt: o.answered_at,
    arrivedAt: o.arrived_at,
    changes: Number(o.changes),
    secondsSinceOrder: seconds(c.ordered_at, o.arrived_at ?? now),
  }));
  const count = (s: OrderState) => orders.filter((o) => o.state === s).length;
  const acks = rows.map((o) => o.first_ack_at).filter((x): x is string => !!x);
  const firstAck = acks.sort()[0];
  const expected = orders.filter((o) => o.state !== 'declined');
  const complete =
    expected.length > 0 && expected.every((o) => o.arrivedAt)
      ? expected.map((o) => o.arrivedAt!).sort()[expected.length - 1]
      : undefined;
  return {
    callout: toCallout(c),
    orders,
    counts: {
      ordered: orders.length,
      acknowledged: count('acknowledged'),
      arrived: count('arrived'),
      declined: count('declined'),
      silent: count('silent'),
    },
    firstAckSeconds: firstAck ? seconds(c.ordered_at, firstAck) : null,
    completeSeconds: complete ? seconds(c.ordered_at, complete) : null,
    standardMinutes: CALLOUT_STANDARD_MINUTES,
    now,
  };
}
