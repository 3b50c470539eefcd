import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { pendingOutbox, updateOutbox } from './callouts.repository';

/** Sends one text message; throws if the gateway refuses it. A real SMS gateway implements this. */
export interface CalloutSender {
  send(message: { phone: string; text: string }): Promise<void>;
}

/**
 * The local test sender: no gateway, it only logs each message (the row is then marked sent). The
 * person's link is in the text, so the log is the way to reach them on a test install.
 */
export function localTestSender(log: (line: string) => void): CalloutSender {
  return {
    async send({ phone, text }) {
      log(`[callout sms] ${phone}: ${text}`);
    },
  };
}

/** After this many failed attempts a message is given up (failed); before, it stays pending for the next run. */
export const MAX_ATTEMPTS = 3;

/**
 * Drain the outbox: each pending message is handed to the sender and marked sent, or its attempt
 * counted (failed after MAX_ATTEMPTS; a message without a phone fails at once). Runs outside the
 * call-out's transaction, so a slow gateway never holds the order up. The routes drain only the
 * call-out they just wrote, so two commanders ordering at once never send the same row twice.
 */
export async function deliverOutbox(
  db: Db,
  clock: Clock,
  sender: CalloutSender,
  opts: { calloutId?: string; limit?: number } = {},
) {
  let sent = 0;
  let failed = 0;
  for (const row of await pendingOutbox(db, opts.limit ?? 2000, opts.calloutId)) {
    const attempts = row.attempts + 1;
    if (!row.phone) {
      await updateOutbox(db, row.id, { status: 'failed', attempts, last_error: 'no phone' });
      failed++;
      continue;
    }
    try {
      await sender.send({ phone: row.phone, text: row.text });
      await updateOutbox(db, row.id, {
        status: 'sent',
        attempts,
        sent_at: clock.now().toISOString(),
        last_error: null,
      });
      sent++;
    } catch (err) {
      const gaveUp = attempts >= MAX_ATTEMPTS;
      await updateOutbox(db, row.id, {
        status: gaveUp ? 'failed' : 'pending',
        attempts,
        last_error: String((err as Error).message ?? err).slice(0, 200),
      });
      if (gaveUp) failed++;
    }
  }
  return { sent, failed };
}
