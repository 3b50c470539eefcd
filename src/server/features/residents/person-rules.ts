import type { Clock } from '../../clock';
import { latestDayAnywhere } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf, type Scope } from '../../access/scope';
import { PERSON_NAME_MAX, type IdType, type PersonTag, type Sex } from '../../../shared/residents';
import { characterCount, INVISIBLE_IN_NAME } from '../../../shared/text';
import { factsFromIdNumber, idDocumentProblem } from '../../../shared/validators';
import { sameName } from './person-keys';

/**
 * The rules a person's record follows, however it arrives: the registration form and the API
 * (persons.service.ts, transfers.service.ts) and the roster import (import/parse-row.ts,
 * resident-import.service.ts). Each rule says what is wrong as a code; the API answers with an
 * error of the catalogue (the functions at the end of this file), the import with a Chinese
 * message naming the row and column.
 */

/** The identity document and the facts typed beside it. */
export interface IdentityDocument {
  idType: IdType;
  idNumber?: string | null;
  nationality?: string | null;
  birthDate?: string | null;
  sex?: Sex | null;
}

/** What a checked identity says of the person: birth date and sex are read from an ID number when there is one. */
export interface IdentityFacts {
  idNumber: string | null;
  birthDate: string | null;
  sex: Sex | null;
}

/** Why an identity is refused. */
export type IdentityProblem =
  /** the number is not a valid document of its type (idDocumentProblem's reason: FORMAT, CHECKSUM …) */
  | { kind: 'document'; reason: string }
  /** a passport without a nationality */
  | { kind: 'nationality' }
  /** a typed birth date or sex that disagrees with the ID number: one of the two is wrong */
  | { kind: 'mismatch'; fromIdNumber: { birthDate: string; sex: Sex }; birthDate: boolean; sex: boolean };

/**
 * Check an identity document (GB 11643 check character, the permit prefixes, a passport's format
 * and nationality) and read birth date and sex from an ID number; a birth date or sex given that
 * disagrees with the number is a problem.
 */
export function identityOf(doc: IdentityDocument): { facts: IdentityFacts } | { problem: IdentityProblem } {
  if (!doc.idNumber) return { facts: { idNumber: null, birthDate: doc.birthDate ?? null, sex: doc.sex ?? null } };
  const reason = idDocumentProblem(doc.idType, doc.idNumber);
  if (reason) return { problem: { kind: 'document', reason } };
  if (doc.idType === 'passport') {
    if (!doc.nationality) return { problem: { kind: 'nationality' } };
    return { facts: { idNumber: doc.idNumber, birthDate: doc.birthDate ?? null, sex: doc.sex ?? null } };
  }
  const facts = factsFromIdNumber(doc.idNumber);
  const birthDate = !!doc.birthDate && doc.birthDate !== facts.birthDate;
  const sex = !!doc.sex && doc.sex !== facts.sex;
  if (birthDate || sex) return { problem: { kind: 'mismatch', fromIdNumber: facts, birthDate, sex } };
  return { facts: { idNumber: doc.idNumber, ...facts } };
}

/** A birth date after `today` (the latest date anywhere on Earth, latestDayAnywhere), typed or read from an ID number. */
export function bornInFuture(birthDate: string | null, today: string): boolean {
  return birthDate !== null && birthDate > today;
}

/** The 孕产妇 tag on a man. */
export function pregnantMan(sex: Sex | null, tags: readonly PersonTag[]): boolean {
  return sex === 'M' && tags.includes('pregnant');
}

/** Why a name is refused: empty, longer than PERSON_NAME_MAX characters (𠮷 is one), or holding a character a reader cannot see. */
export function nameProblem(name: string): 'empty' | 'too_long' | 'invisible' | null {
  if (!name) return 'empty';
  if (name.length > PERSON_NAME_MAX && characterCount(name) > PERSON_NAME_MAX) return 'too_long';
  if (INVISIBLE_IN_NAME.test(name)) return 'invisible';
  return null;
}

/**
 * Why registering an ID number already registered may not update that person, or null when it
 * may. A different name is refused (a number typed with "随便写" must not rename anyone; a real
 * change of name is a correction by the jurisdiction that holds the record). A person outside the
 * registering user's jurisdiction is never renamed or moved: the user may file a transfer request
 * (迁入申请, transfers.service.ts) instead.
 */
export function foreignIdentityProblem(registered: { name: string; region_path: string }, name: string, scope: Scope) {
  if (!sameName(registered.name, name)) return 'ID_NUMBER_NAME_MISMATCH' as const;
  if (!pathInScope(registered.region_path, scope)) return 'PERSON_REGISTERED_ELSEWHERE' as const;
  return null;
}

// The same rules as the API's errors.

/** identityOf, refusing a problem with ID_NUMBER_INVALID, VALIDATION (a passport's nationality) or ID_NUMBER_MISMATCH. */
export function checkedIdentity(input: IdentityDocument): IdentityFacts {
  const checked = identityOf(input);
  if ('facts' in checked) return checked.facts;
  const { problem } = checked;
  if (problem.kind === 'document')
    throw new AppError('ID_NUMBER_INVALID', { field: 'idNumber', reason: problem.reason });
  if (problem.kind === 'nationality')
    throw new AppError('VALIDATION', {
      issues: [{ path: ['nationality'], message: 'nationality is required with a passport' }],
    });
  throw new AppError('ID_NUMBER_MISMATCH', { fromIdNumber: problem.fromIdNumber });
}

/** Facts that contradict each other are refused: a birth date after today (BIRTH_DATE_IN_FUTURE); the 孕产妇 tag on a man. */
export function refuseContradictions(
  identity: { birthDate: string | null; sex: Sex | null },
  tags: readonly PersonTag[],
  clock: Clock,
) {
  if (bornInFuture(identity.birthDate, latestDayAnywhere(clock)))
    throw new AppError('BIRTH_DATE_IN_FUTURE', { birthDate: identity.birthDate });
  if (pregnantMan(identity.sex, tags))
    throw new AppError('VALIDATION', { issues: [{ path: ['tags'], message: 'pregnant: the person is male' }] });
}

/**
 * foreignIdentityProblem as the API answers it: ID_NUMBER_NAME_MISMATCH (with the person's id only
 * inside the user's jurisdiction), or PERSON_REGISTERED_ELSEWHERE without their data, saying whether
 * the user may file a transfer request. `pendingTransferId` is the user's own pending request, if any.
 */
export function refuseForeignIdentity(
  existing: { id: string; name: string; region_path: string },
  name: string,
  actor: Actor,
  pendingTransferId?: string | null,
): void {
  const scope = scopeOf(actor);
  const problem = foreignIdentityProblem(existing, name, scope);
  if (problem === 'ID_NUMBER_NAME_MISMATCH')
    throw new AppError(problem, pathInScope(existing.region_path, scope) ? { personId: existing.id } : undefined);
  if (problem)
    throw new AppError(problem, {
      transferRequest: pendingTransferId ? 'pending' : 'available',
      transferId: pendingTransferId ?? null,
    });
}
