import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import type { PublicSignupPlace, PublicVolunteerSignup, VolunteerSignupLink } from '../../../shared/volunteers';
import { audit } from '../audit';
import { findRegionById, getRegionInScope, type RegionRow } from '../regions';
import {
  findSignupLinkByRegion,
  findSignupLinkByToken,
  insertSignupLink,
  updateSignupLinkToken,
} from './volunteers.repository';
import { SELF_LINK_DEFAULT_DAYS, writeSelfLink } from './self-links.service';
import { assertServiceRegion, publicSignUp } from './volunteers.service';

/** 18 random bytes: a link nobody can guess or walk (24 characters, base64url). */
const newToken = () => randomBytes(18).toString('base64url');

function toLink(region: RegionRow, token: string): VolunteerSignupLink {
  return { regionId: region.id, regionName: region.name, token, path: `/v/${token}` };
}

/**
 * A village's or community's public sign-up link (/v/<token>), made the first time a cadre asks for
 * it and stable after that, so the poster printed with its QR code stays good; the token says which
 * village, so the sign-up needs no address typed.
 */
export async function signupLinkFor(db: Db, clock: Clock, actor: Actor, regionId: string) {
  const region = await getRegionInScope(db, scopeOf(actor), regionId);
  assertServiceRegion(region);
  return db.transaction().execute(async (trx) => {
    const existing = await findSignupLinkByRegion(trx, region.id);
    if (existing) return toLink(region, existing.token);
    const token = newToken();
    await insertSignupLink(trx, {
      region_id: region.id,
      region_path: region.path,
      token,
      created_by: actor.id,
      created_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'volunteer.signup_link',
      entityType: 'region',
      entityId: region.id,
      regionPath: region.path,
      details: {},
    });
    return toLink(region, token);
  });
}

/** A new token for a village's link (a poster was misused): the old link stops working at once. */
export async function renewSignupLink(db: Db, clock: Clock, actor: Actor, regionId: string) {
  const region = await getRegionInScope(db, scopeOf(actor), regionId);
  assertServiceRegion(region);
  await signupLinkFor(db, clock, actor, regionId);
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await updateSignupLinkToken(trx, region.id, token);
    await audit(trx, clock, actor, {
      action: 'volunteer.signup_link_renew',
      entityType: 'region',
      entityId: region.id,
      regionPath: region.path,
      details: {},
    });
  });
  return toLink(region, token);
}

async function regionOfToken(db: Db, token: string): Promise<RegionRow> {
  const link = await findSignupLinkByToken(db, token);
  if (link?.region_status !== 'active' || link.region_level !== 'village')
    throw new AppError('VOLUNTEER_SIGNUP_LINK_INVALID');
  const region = await findRegionById(db, link.region_id);
  if (!region) throw new AppError('VOLUNTEER_SIGNUP_LINK_INVALID');
  return region;
}

/** What the public page shows before the form: the village's and its township's names, nothing else. */
export async function publicSignupPlace(db: Db, token: string): Promise<PublicSignupPlace> {
  const link = await findSignupLinkByToken(db, token);
  if (link?.region_status !== 'active' || link.region_level !== 'village')
    throw new AppError('VOLUNTEER_SIGNUP_LINK_INVALID');
  return { regionName: link.region_name, townshipName: link.township_name ?? null };
}

/**
 * A villager's sign-up from the village's link: pending until a cadre approves. The answer is their
 * personal link (个人签到链接), shown once on the success page, where their tasks will appear.
 */
export async function signUpByLink(db: Db, clock: Clock, token: string, input: PublicVolunteerSignup) {
  const v = await publicSignUp(db, clock, await regionOfToken(db, token), input);
  return db
    .transaction()
    .execute((trx) =>
      writeSelfLink(
        trx,
        clock,
        null,
        { id: v.id, person_id: v.personId, region_path: v.regionPath },
        SELF_LINK_DEFAULT_DAYS,
      ),
    );
}
