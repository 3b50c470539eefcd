import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import { GroupCommitter } from '../../db/group-commit';
import type { CalloutAnswerInput, CalloutLinkView } from '../../../shared/callouts';
import type { Insertable } from 'kysely';
import type { CalloutAnswerTable } from './callouts.table';
import { findOrdersByTokenHashes, insertAnswers, updateOrderAnswers } from './callouts.repository';
import { hashLinkToken } from './callouts.service';
import { answerChange, linkViewOf } from './answers.service';

/** One answer from a person's link, with the instant it reached the server (its time on the board). */
export interface LinkAnswer {
  token: string;
  input: CalloutAnswerInput;
  at: string;
}

/** Each answer's own outcome: a refused one (unknown, expired, closed) fails alone, never its batch. */
export type LinkAnswerOutcome = { ok: true; view: CalloutLinkView } | { ok: false; error: AppError };

/**
 * Write a batch of answers from links in one transaction: one lookup of every link's order, each
 * answer applied in arrival order to the order's state in memory (the same person twice in a batch
 * is one answer if they say the same thing, a change of mind if not — exactly as if written one by
 * one), then the answers' history rows in one statement and the changed orders in one more. An
 * unknown link (CALLOUT_LINK_NOT_FOUND), an expired one (CALLOUT_LINK_EXPIRED) or a closed
 * call-out (CALLOUT_CLOSED) is that answer's outcome; the others are written.
 */
export async function writeLinkAnswers(db: Db, items: readonly LinkAnswer[]): Promise<LinkAnswerOutcome[]> {
  return db.transaction().execute(async (trx) => {
    const hashes = items.map((i) => hashLinkToken(i.token));
    const rows = await findOrdersByTokenHashes(trx, [...new Set(hashes)]);
    const orders = new Map(rows.map((r) => [r.token_hash, { ...r }]));
    const entries: Insertable<CalloutAnswerTable>[] = [];
    const changed = new Set<(typeof rows)[number]>();
    const outcomes = items.map((item, i): LinkAnswerOutcome => {
      const order = orders.get(hashes[i]!);
      try {
        if (!order) throw new AppError('CALLOUT_LINK_NOT_FOUND');
        if (order.link_expires_at <= item.at) throw new AppError('CALLOUT_LINK_EXPIRED');
        const change = answerChange(order, order.callout_status, item.input, 'link', item.at);
        if (change) {
          entries.push(change.entry);
          Object.assign(order, change.set, { answered_at: item.at });
          changed.add(order);
        }
        return { ok: true, view: linkViewOf(order) };
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: err };
        throw err;
      }
    });
    await insertAnswers(trx, entries);
    await updateOrderAnswers(
      trx,
      [...changed].map((o) => ({
        id: o.id,
        answer: o.answer,
        eta_minutes: o.eta_minutes,
        reason: o.reason,
        answered_at: o.answered_at,
        first_ack_at: o.first_ack_at,
        arrived_at: o.arrived_at,
        changes: o.changes,
      })),
    );
    return outcomes;
  });
}

/**
 * The public answer route's writer (group commit, db/group-commit.ts): answers that arrive while a
 * batch commits wait and are written together in the next transaction. Each person is answered only
 * after the transaction holding their answer has committed (SQLite synchronous=FULL), so a killed
 * process loses no acknowledged answer; 1,000 phones answering within a second cost a handful of
 * commits instead of 1,000.
 */
export function answerWriter(db: Db) {
  return new GroupCommitter<LinkAnswer, LinkAnswerOutcome>((items) => writeLinkAnswers(db, items));
}

/** Submit one answer to the writer; a refused answer throws its error. */
export async function answerThrough(
  writer: ReturnType<typeof answerWriter>,
  clock: Clock,
  token: string,
  input: CalloutAnswerInput,
): Promise<CalloutLinkView> {
  const outcome = await writer.submit({ token, input, at: clock.now().toISOString() });
  if (!outcome.ok) throw outcome.error;
  return outcome.view;
}

/**
 * The person answers through their link (no login): 来 / N 分钟后到 / 不能来 / 已到达 — one answer
 * written on its own (the demo, tests); the public route batches through answerWriter.
 */
export async function answerByLink(db: Db, clock: Clock, token: string, input: CalloutAnswerInput) {
  const [outcome] = await writeLinkAnswers(db, [{ token, input, at: clock.now().toISOString() }]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.view;
}
