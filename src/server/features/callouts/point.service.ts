import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { CalloutPointResult, CalloutPointView } from '../../../shared/callouts';
import { findCalloutByPointCode, findOrderByTokenHash } from './callouts.repository';
import { recordAnswer } from './answers.service';
import { hashLinkToken } from './callouts.service';

/**
 * Check-in at the meeting point by QR (扫码签到). Each call-out has a point code, shown as a QR on
 * the commander's phone or printed at the point (/c/at/<code>). Scanning it proves the phone is AT
 * the point; it does not say WHO holds the phone. Identity comes from the person's own link: the
 * answer page (/c/<token>) remembers the tokens it has opened on that phone, and the point page
 * sends them; the one that belongs to this call-out is the person. Only the person's phone got that
 * link by SMS, so no password is needed and nobody can check in someone else by typing a phone
 * number or a name (a code photographed and passed round a group chat checks nobody in without
 * their own link). A phone that never opened the link is told to open the SMS first, or the
 * leader checks them in on the board as before.
 */
async function calloutOfPoint(db: Db, clock: Clock, code: string) {
  const c = await findCalloutByPointCode(db, code);
  if (!c) throw new AppError('CALLOUT_POINT_NOT_FOUND');
  if (c.expires_at <= clock.now().toISOString()) throw new AppError('CALLOUT_LINK_EXPIRED');
  return c;
}

/** What the point page shows before check-in: the call-out, nothing about its persons. */
export async function pointView(db: Db, clock: Clock, code: string): Promise<CalloutPointView> {
  const c = await calloutOfPoint(db, clock, code);
  return {
    teamName: c.team_name,
    meetingPoint: c.meeting_point,
    deadlineAt: c.deadline_at,
    closed: c.status === 'closed',
  };
}

/** Check in the person whose link (among those this phone remembers) belongs to the point's call-out. */
export async function checkInAtPoint(
  db: Db,
  clock: Clock,
  code: string,
  tokens: readonly string[],
): Promise<CalloutPointResult> {
  return db.transaction().execute(async (trx) => {
    const c = await calloutOfPoint(trx, clock, code);
    let order: Awaited<ReturnType<typeof findOrderByTokenHash>>;
    for (const token of new Set(tokens)) {
      const o = await findOrderByTokenHash(trx, hashLinkToken(token));
      if (o && o.callout_id === c.id && o.link_expires_at > clock.now().toISOString()) {
        order = o;
        break;
      }
    }
    if (!order) throw new AppError('CALLOUT_POINT_NO_ORDER');
    if (order.arrived_at) return { name: order.name, arrivedAt: order.arrived_at, already: true };
    await recordAnswer(trx, clock, order, c.status, { answer: 'arrived' }, 'qr');
    return { name: order.name, arrivedAt: clock.now().toISOString(), already: false };
  });
}
