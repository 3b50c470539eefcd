import dayjs, { type Dayjs } from 'dayjs';
import type { IdType, Person, PersonTag, Relation, Sex, Transport } from '../../../shared/residents';
import { factsFromIdNumber, idCardCheckChar, idDocumentProblem } from '../../../shared/validators';
import type { MessageKey, Translate } from '../../app/i18n';
import type { PersonBody } from './residentApi';

/** The person form's values; dates are dayjs for the DatePickers, names follow PersonInput. */
export interface PersonFormValues {
  name: string;
  idType: IdType;
  idNumber?: string;
  nationality?: string;
  sex?: Sex | null;
  birthDate?: Dayjs | null;
  phone?: string;
  householdId?: string | null;
  relation?: Relation | null;
  regionId?: string | null;
  away: boolean;
  tags: PersonTag[];
  returnee?: { from?: string; arrivalDate?: Dayjs | null; transport?: Transport; transportNo?: string };
  note?: string;
}

/** ID numbers are typed with spaces now and then and a lower-case x; the registry keeps neither. */
export function normaliseIdNumber(value: string | undefined): string {
  return (value ?? '').replace(/\s+/g, '').toUpperCase();
}

/**
 * Birth date and sex written in an 18-character ID card or HK/Macau/Taiwan permit number, when the
 * number is valid (GB 11643 MOD 11-2); null while it is incomplete, invalid, or a passport.
 */
export function derivedFacts(
  idType: IdType | undefined,
  idNumber: string | undefined,
): { birthDate: string; sex: Sex } | null {
  const id = normaliseIdNumber(idNumber);
  if (!id || (idType ?? 'resident_id') === 'passport' || id.length !== 18) return null;
  return idDocumentProblem(idType ?? 'resident_id', id) ? null : factsFromIdNumber(id);
}

const PROBLEM_MESSAGES: Record<string, MessageKey> = {
  FORMAT: 'personForm.idFormat',
  BIRTH_DATE: 'personForm.idBirth',
  CHECKSUM: 'personForm.idChecksum',
  PERMIT_PREFIX: 'personForm.idPermitPrefix',
  IS_PERMIT: 'personForm.idIsPermit',
};

/**
 * What is wrong with an ID number, in words; null when it is fine. `complete` is false while the
 * user is still typing: a short mainland number is not yet an error then, a wrong 18th character is.
 */
export function idNumberMessage(
  t: Translate,
  idType: IdType,
  raw: string | undefined,
  complete: boolean,
): string | null {
  const id = normaliseIdNumber(raw);
  if (!id) return null;
  if (idType === 'passport')
    return complete && idDocumentProblem('passport', id) ? t('personForm.passportFormat') : null;
  if (!complete && id.length < 18) return /^\d*$/.test(id) ? null : t('personForm.idFormat');
  const problem = idDocumentProblem(idType, id);
  if (!problem) return null;
  if (problem === 'CHECKSUM') return t('personForm.idChecksum', { expected: idCardCheckChar(id.slice(0, 17)) });
  return t(PROBLEM_MESSAGES[problem] ?? 'personForm.idFormat');
}

/** The form's values as the API's PersonInput; birth date and sex come from a valid ID number. */
export function toBody(v: PersonFormValues, confirmNotDuplicate: boolean): PersonBody {
  const idNumber = normaliseIdNumber(v.idNumber) || null;
  const facts = derivedFacts(v.idType, idNumber ?? undefined);
  const returnee =
    v.tags.includes('returnee') && v.returnee?.from && v.returnee.arrivalDate && v.returnee.transport
      ? {
          from: v.returnee.from.trim(),
          arrivalDate: v.returnee.arrivalDate.format('YYYY-MM-DD'),
          transport: v.returnee.transport,
          transportNo: v.returnee.transportNo?.trim() || null,
        }
      : null;
  return {
    name: v.name.trim(),
    idType: v.idType,
    idNumber,
    nationality: v.idType === 'passport' ? v.nationality?.trim() || null : null,
    sex: facts?.sex ?? v.sex ?? null,
    birthDate: facts?.birthDate ?? v.birthDate?.format('YYYY-MM-DD') ?? null,
    phone: v.phone?.trim() || null,
    householdId: v.householdId ?? null,
    relation: v.householdId ? (v.relation ?? null) : null,
    ...(v.householdId || !v.regionId ? {} : { regionId: v.regionId }),
    away: v.away,
    tags: v.tags,
    returnee,
    note: v.note?.trim() || null,
    confirmNotDuplicate,
  };
}

/** A registered person as form values; the full ID number and phone come from an audited reveal. */
export function fromPerson(p: Person, full: { idNumber: string | null; phone: string | null }): PersonFormValues {
  return {
    name: p.name,
    idType: p.idType,
    idNumber: full.idNumber ?? undefined,
    nationality: p.nationality ?? undefined,
    sex: p.sex,
    birthDate: p.birthDate ? dayjs(p.birthDate) : null,
    phone: full.phone ?? undefined,
    householdId: p.householdId,
    relation: (p.relation as Relation | null) ?? null,
    regionId: p.regionId,
    away: p.away,
    tags: p.tags,
    returnee: p.returnee
      ? {
          from: p.returnee.from,
          arrivalDate: dayjs(p.returnee.arrivalDate),
          transport: p.returnee.transport,
          transportNo: p.returnee.transportNo ?? undefined,
        }
      : undefined,
    note: p.note ?? undefined,
  };
}
