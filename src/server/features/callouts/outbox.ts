import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { claimOutbox, updateOutbox } from './callouts.repository';

/** Sends one text message; throws if the gateway refuses it. A real SMS gateway implements this. */
export interface CalloutSender {
  send(message: { phone: string; text: string }): Promise<void>;
}

/** The last messages the local test sender "sent", newest last (a test install's only way to a link). */
const localMessages: { phone: string; text: string }[] = [];
const LOCAL_KEEP = 5000;

/** What the local test sender handed out in this process, newest last (tests and a test install read links here). */
export function localTestMessages(): readonly { phone: string; text: string }[] {
  return localMessages;
}

/**
 * The local test sender: no gateway, it logs each message and keeps the last few thousand in
 * memory (the row is then marked sent and its link redacted, so the log and this list are the way
 * to reach a person on a test install).
 */
export function localTestSender(log: (line: string) => void): CalloutSender {
  return {
    async send({ phone, text }) {
      log(`[callout sms] ${phone}: ${text}`);
      localMessages.push({ phone, text });
      if (localMessages.length > LOCAL_KEEP) localMessages.splice(0, localMessages.length - LOCAL_KEEP);
    },
  };
}

/** After this many failed attempts a message is given up (failed); before, it waits and is tried again. */
export const MAX_ATTEMPTS = 3;

/** The wait before attempt n+1 after n failed ones: 30 s, 2 min, 8 min … (at most 30 min). */
export function backoffMs(attempts: number): number {
  return Math.min(30 * 60_000, 30_000 * 4 ** Math.max(0, attempts - 1));
}

/** How long a claim holds: a drainer that dies mid-batch leaves its rows to another after this. */
export const CLAIM_MS = 2 * 60_000;

/** A sent (or given-up) message keeps its text but not the person's link: the token is the key to their answer. */
export function redactLinks(text: string): string {
  return text.replace(/\/c\/[A-Za-z0-9_-]{16,64}/g, '/c/••••');
}

/**
 * Drain the outbox once: claim the due pending rows (atomically — several server processes, or
 * the loop and a route, never send the same row twice), hand each to the sender, and mark it sent,
 * or count the attempt and wait `backoffMs` (failed after MAX_ATTEMPTS; a message without a phone
 * fails at once). A finished row's link is redacted. Runs outside the call-out's transaction, so a
 * slow gateway never holds an order up.
 */
export async function deliverOutbox(
  db: Db,
  clock: Clock,
  sender: CalloutSender,
  opts: { calloutId?: string; limit?: number } = {},
) {
  let sent = 0;
  let failed = 0;
  const now = clock.now();
  const rows = await claimOutbox(db, {
    worker: randomUUID(),
    now: now.toISOString(),
    until: new Date(now.getTime() + CLAIM_MS).toISOString(),
    limit: opts.limit ?? 2000,
    calloutId: opts.calloutId,
  });
  for (const row of rows) {
    const attempts = row.attempts + 1;
    const done = { claimed_by: null, claimed_until: null, text: redactLinks(row.text) };
    if (!row.phone) {
      await updateOutbox(db, row.id, { ...done, status: 'failed', attempts, last_error: 'no phone' });
      failed++;
      continue;
    }
    try {
      await sender.send({ phone: row.phone, text: row.text });
      await updateOutbox(db, row.id, {
        ...done,
        status: 'sent',
        attempts,
        sent_at: clock.now().toISOString(),
        last_error: null,
      });
      sent++;
    } catch (err) {
      const gaveUp = attempts >= MAX_ATTEMPTS;
      const lastError = String((err as Error).message ?? err).slice(0, 200);
      if (gaveUp) await updateOutbox(db, row.id, { ...done, status: 'failed', attempts, last_error: lastError });
      else
        await updateOutbox(db, row.id, {
          status: 'pending',
          attempts,
          last_error: lastError,
          claimed_by: null,
          claimed_until: null,
          next_attempt_at: new Date(clock.now().getTime() + backoffMs(attempts)).toISOString(),
        });
      if (gaveUp) failed++;
    }
  }
  return { sent, failed };
}

/**
 * The drain loop of a server process: every `intervalMs` it drains the due rows (until none are
 * left), never overlapping itself; several processes may run it at once (rows are claimed). Started
 * when the server listens and stopped when it closes (see callouts.routes.ts); a failing round is
 * logged and the next one tries again.
 */
export function startOutboxDrain(
  db: Db,
  clock: Clock,
  sender: CalloutSender,
  log: { error: (obj: unknown, msg: string) => void },
  intervalMs = 2000,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        for (let round = 0; round < 50 && !stopped; round++) {
          const { sent, failed } = await deliverOutbox(db, clock, sender, { limit: 500 });
          if (sent + failed === 0) break;
        }
      } catch (err) {
        log.error({ err }, 'callout outbox drain failed');
      }
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
