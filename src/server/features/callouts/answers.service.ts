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
import type { Insertable } from 'kysely';
import { audit } from '../audit';
import type { CalloutAnswerTable } from './callouts.table';
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
  return linkViewOf(await orderOfLink(db, clock, token));
}

/** The link page's view of an order row joined with its call-out, team and person. */
export function linkViewOf(o: {
  name: string;
  team_name: string | null;
  meeting_point: string;
  ordered_at: string;
  deadline_at: string;
  answer: CalloutAnswer | null;
  eta_minutes: number | null;
  reason: string | null;
  callout_status: 'active' | 'closed';
  arrived_at: string | null;
}): CalloutLinkView {
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

/** An order as far as answering it goes. */
export interface AnswerableOrder {
  id: string;
  region_path: string;
  answer: CalloutAnswer | null;
  eta_minutes: number | null;
  reason: string | null;
  first_ack_at: string | null;
  arrived_at: string | null;
  changes: number;
}

/**
 * What an answer changes, decided without the database (the answer writer applies a batch of them
 * in memory, in arrival order, before writing): the new entry of the order's history and the order's
 * new state, or null when the same answer comes again (it changes nothing). A different answer is
 * counted as a change (a "来" turned "不能来" is visible on the board). An arrival is final, and a
 * closed call-out takes no more answers (CALLOUT_CLOSED).
 */
export function answerChange(
  order: AnswerableOrder,
  calloutStatus: 'active' | 'closed',
  input: CalloutAnswerInput,
  by: string,
  at: string,
): { entry: Insertable<CalloutAnswerTable>; set: Omit<AnswerableOrder, 'id' | 'region_path'> } | null {
  if (calloutStatus === 'closed' || order.arrived_at) throw new AppError('CALLOUT_CLOSED');
  const eta = input.answer === 'late' ? (input.etaMinutes ?? null) : null;
  const reason = input.answer === 'cannot' ? (input.reason ?? null) : null;
  if (order.answer === input.answer && order.eta_minutes === eta && order.reason === reason) return null;
  const acknowledges = input.answer === 'coming' || input.answer === 'late' || input.answer === 'arrived';
  return {
    entry: {
      id: uuidv7(),
      order_id: order.id,
      region_path: order.region_path,
      answer: input.answer,
      eta_minutes: eta,
      reason,
      by,
      at,
    },
    set: {
      answer: input.answer,
      eta_minutes: eta,
      reason,
      first_ack_at: order.first_ack_at ?? (acknowledges ? at : null),
      arrived_at: input.answer === 'arrived' ? at : null,
      changes: isChangeOfMind(order.answer, input.answer) ? Number(order.changes) + 1 : Number(order.changes),
    },
  };
}

/** Record one answer to an order now (a check-in by the leader or at the point's QR): see answerChange. */
export async function recordAnswer(
  trx: Db,
  clock: Clock,
  order: AnswerableOrder,
  calloutStatus: 'active' | 'closed',
  input: CalloutAnswerInput,
  by: string,
): Promise<boolean> {
  const change = answerChange(order, calloutStatus, input, by, clock.now().toISOString());
  if (!change) return false;
  await insertAnswer(trx, change.entry);
  await updateOrder(trx, order.id, { ...change.set, answered_at: change.entry.at });
  return true;
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
