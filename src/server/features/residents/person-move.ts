import type { Db } from '../../db/database';
import { moveOpenAlertRecords } from '../alerts/person-records.repository';
import { moveOpenIsolationRecords } from '../isolation/person-records.repository';
import { moveOpenTracingRecords } from '../tracing/person-records.repository';

/** Where an accepted transfer puts a person: a region (a building when there is a household) and maybe a household. */
export interface MoveTarget {
  regionId: string;
  path: string;
  householdId: string | null;
}

/** How many rows of each kind followed the person (for the audit entry and the answer). */
export interface MovedRows {
  episodes: number;
  followUps: number;
  necessities: number;
  cases: number;
  contacts: number;
  alerts: number;
}

/**
 * Move what is still being handled about a person to their new jurisdiction, in the caller's
 * transaction (see docs/guide/residents.md, "A person registered in another jurisdiction"). What follows is decided
 * here, in one place, and each feature moves its own rows:
 * - follows: isolation at home or in hospital still active (its household becomes the new one;
 *   an observer whose jurisdiction does not reach the new place is unassigned, so the new side
 *   assigns one), its pending follow-ups and open necessity requests, the person's open case
 *   (under treatment) with its history, their accepted contact records, unacknowledged alerts;
 * - stays where it happened: centralised isolation (the site runs it), ended episodes, filled or
 *   missed follow-ups, closed cases, rejected contacts, acknowledged alerts, screening visits and
 *   checks, checkpoint passages, seek-notice finds, merges, duty rosters and the day figures.
 * The person's own row, tags and household are the registration's (transfers.service.ts).
 */
export async function moveOpenRecords(db: Db, personId: string, to: MoveTarget): Promise<MovedRows> {
  const isolation = await moveOpenIsolationRecords(db, personId, to);
  const tracing = await moveOpenTracingRecords(db, personId, to.path);
  const alerts = await moveOpenAlertRecords(db, personId, to.path);
  return { ...isolation, ...tracing, alerts };
}
