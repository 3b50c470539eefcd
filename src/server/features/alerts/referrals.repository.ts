import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { inScope, type Scope } from '../../access/scope';
import type { ReferralSource } from '../../../shared/referrals';

/** A person an event may send to the clinic; `flagged` ones (a fever, symptoms) are sent before the others. */
export interface ReferralSubject {
  personId: string | null;
  personName: string;
  reason: string;
  flagged: boolean;
  /** a fever: the one alert stays a fever alert (what was found), linked to the referral (what was done) */
  fever: boolean;
}

/** An event's referral: who was there, when, by whom. */
export interface ReferralEvent {
  subjects: ReferralSubject[];
  at: string;
  by: string | null;
}

/** Who is referred: the people with a fever or symptoms, or — when the decision names nobody in particular — everyone. */
export function referredSubjects(event: ReferralEvent): ReferralSubject[] {
  const flagged = event.subjects.filter((s) => s.flagged);
  return flagged.length ? flagged : event.subjects;
}

export async function insertReferral(
  db: Db,
  clock: Clock,
  r: {
    personId: string | null;
    personName: string;
    regionPath: string;
    sourceType: ReferralSource;
    sourceId: string | null;
    reason: string;
    referredAt: string;
    referredBy: string | null;
    facility?: string | null;
  },
): Promise<string> {
  const now = clock.now().toISOString();
  const id = uuidv7(clock.now().getTime());
  await db
    .insertInto('referrals')
    .values({
      id,
      person_id: r.personId,
      person_name: r.personName,
      region_path: r.regionPath,
      source_type: r.sourceType,
      source_id: r.sourceId,
      reason: r.reason,
      facility: r.facility ?? null,
      referred_at: r.referredAt,
      referred_by: r.referredBy,
      outcome: null,
      outcome_at: null,
      outcome_note: null,
      outcome_by: null,
      case_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

function selectReferrals(db: Db) {
  return db
    .selectFrom('referrals')
    .leftJoin('users as referrer', 'referrer.id', 'referrals.referred_by')
    .leftJoin('users as finder', 'finder.id', 'referrals.outcome_by')
    .selectAll('referrals')
    .select(['referrer.display_name as referred_by_name', 'finder.display_name as outcome_by_name']);
}
export type ReferralRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectReferrals>['executeTakeFirst']>>>;

export async function findReferralInScope(db: Db, scope: Scope, id: string): Promise<ReferralRow | undefined> {
  return inScope(selectReferrals(db).where('referrals.id', '=', id), 'referrals.region_path', scope).executeTakeFirst();
}

/** Referrals in scope, newest first; open: still waiting for the clinic's finding. */
export async function listReferrals(
  db: Db,
  scope: Scope,
  f: { open?: boolean; personId?: string; before?: string; limit: number },
) {
  return inScope(selectReferrals(db), 'referrals.region_path', scope)
    .$if(f.open === true, (q) => q.where('referrals.outcome', 'is', null))
    .$if(f.personId !== undefined, (q) => q.where('referrals.person_id', '=', f.personId!))
    .$if(f.before !== undefined, (q) => q.where('referrals.id', '<', f.before!))
    .orderBy('referrals.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export async function updateReferral(
  db: Db,
  id: string,
  set: Partial<{
    facility: string;
    referred_at: string;
    outcome: 'excluded' | 'suspected' | 'confirmed';
    outcome_at: string;
    outcome_note: string | null;
    outcome_by: string;
    case_id: string;
    updated_at: string;
  }>,
) {
  await db.updateTable('referrals').set(set).where('id', '=', id).execute();
}

/**
 * The id of the person's case, in any jurisdiction (a finding never opens a second one). A read of
 * tracing's table: tracing's index does not yet offer it (its cases.service has a scoped caseOfPerson).
 */
export async function findCaseIdOfPerson(db: Db, personId: string): Promise<string | undefined> {
  const row = await db.selectFrom('cases').select('id').where('person_id', '=', personId).executeTakeFirst();
  return row?.id;
}
