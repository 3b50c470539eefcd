import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import type { VolunteerSelfLink } from '../../../shared/volunteers';
import { audit } from '../audit';
import { findSelfLinkByHash, insertSelfLink, revokeSelfLinks } from './self-links.repository';
import { getVolunteer } from './volunteers.service';

/** How long a personal link lasts unless the cadre says otherwise. */
export const SELF_LINK_DEFAULT_DAYS = 30;

export function hashSelfToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Writes a new personal link (个人签到链接) for a volunteer, revoking any earlier one: 18 random bytes
 * (24 characters, base64url), of which only the SHA-256 is stored, so the token is shown this once.
 */
export async function writeSelfLink(
  trx: Db,
  clock: Clock,
  actor: Actor | null,
  v: { id: string; person_id: string; region_path: string },
  days: number,
): Promise<VolunteerSelfLink> {
  const token = randomBytes(18).toString('base64url');
  const now = clock.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
  await revokeSelfLinks(trx, v.id, at);
  await insertSelfLink(trx, {
    token_hash: hashSelfToken(token),
    volunteer_id: v.id,
    person_id: v.person_id,
    region_path: v.region_path,
    expires_at: expiresAt,
    revoked_at: null,
    created_by: actor?.id ?? null,
    created_at: at,
  });
  await audit(trx, clock, actor, {
    action: 'volunteer.self_link',
    entityType: 'volunteer',
    entityId: v.id,
    regionPath: v.region_path,
    details: { expiresAt },
  });
  return { token, path: `/vt/${token}`, expiresAt };
}

/** A cadre issues a volunteer of their jurisdiction a personal link (the earlier one stops working). */
export async function issueSelfLink(db: Db, clock: Clock, actor: Actor, volunteerId: string, days: number) {
  const v = await getVolunteer(db, scopeOf(actor), volunteerId);
  if (v.status === 'left' || v.status === 'suspended') throw new AppError('VOLUNTEER_STATUS', { status: v.status });
  return db.transaction().execute((trx) => writeSelfLink(trx, clock, actor, v, days));
}

/** A cadre revokes a volunteer's personal link (a lost phone): it stops working at once. */
export async function revokeSelfLink(db: Db, clock: Clock, actor: Actor, volunteerId: string): Promise<void> {
  const v = await getVolunteer(db, scopeOf(actor), volunteerId);
  await db.transaction().execute(async (trx) => {
    const n = await revokeSelfLinks(trx, v.id, clock.now().toISOString());
    await audit(trx, clock, actor, {
      action: 'volunteer.self_link_revoke',
      entityType: 'volunteer',
      entityId: v.id,
      regionPath: v.region_path,
      details: { revoked: n },
    });
  });
}

/**
 * The volunteer behind a personal link: unknown, revoked, or the volunteer left or suspended → 404;
 * past its expiry → 410.
 */
export async function volunteerOfSelfLink(db: Db, clock: Clock, token: string) {
  const link = await findSelfLinkByHash(db, hashSelfToken(token));
  if (!link || link.revoked_at || link.volunteer_status === 'left' || link.volunteer_status === 'suspended')
    throw new AppError('VOLUNTEER_SELF_LINK_NOT_FOUND');
  if (link.expires_at <= clock.now().toISOString()) throw new AppError('VOLUNTEER_SELF_LINK_EXPIRED');
  return {
    volunteerId: link.volunteer_id,
    personId: link.person_id,
    name: link.name,
    regionPath: link.volunteer_region_path,
    expiresAt: link.expires_at,
  };
}
