import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import { audit } from '../audit';
import { findContactPhoneInScope } from './calls.repository';

/** The purpose recorded with a tracer's call: 流调 (the epidemiological investigation). */
export const TRACING_PURPOSE = '流调';

/**
 * A tracer phones a case's contacts (issue 18): the contact's full number for the dialer, within the
 * tracer's jurisdiction (out of scope reads as not found). Audited as a reveal of the person's phone
 * with the purpose 流调, the case and the contact.
 */
export async function phoneForContactCall(db: Db, clock: Clock, actor: Actor, contactId: string) {
  const row = await findContactPhoneInScope(db, scopeOf(actor), contactId);
  if (!row) throw new AppError('NOT_FOUND');
  if (!row.phone) throw new AppError('PHONE_NOT_RECORDED');
  await audit(db, clock, actor, {
    action: 'person.reveal',
    entityType: 'person',
    entityId: row.person_id,
    regionPath: row.region_path,
    details: { field: 'phone', purpose: TRACING_PURPOSE, caseId: row.case_id, contactId: row.id },
  });
  return { phone: row.phone };
}
