import type { Passage } from '../../../shared/checkpoints';
import { FEVER_CELSIUS } from '../../../shared/screening';
import { idCardProblem, MOBILE_PATTERN } from '../../../shared/validators';
import { newUuid } from '../../app/ids';
import { parseTemperature } from '../screening/MemberCheck';
import type { PassageBody } from './checkpointApi';

export { parseTemperature };

/** One occupant as typed at the barrier. */
export interface OccupantDraft {
  key: string;
  /** Known from the last passage ("same as last time"): sent as {personId, temperature}. */
  personId: string | null;
  maskedId: string | null;
  idNumber: string;
  name: string;
  /** a mainland mobile: with the name, how someone without an ID number is traced */
  phone: string;
  /** a mobile number typed in the ID box was moved to the phone field (shown once) */
  phoneMoved: boolean;
  temperature: string;
  lookup: 'idle' | 'loading' | 'found' | 'unknown';
  facts: { sex: 'M' | 'F' | null; birthDate: string | null } | null;
  /** A problem found on submit (by us or the server), shown under the row. */
  error: { field: 'idNumber' | 'name' | 'phone' | 'temperature'; message: string } | null;
}

export function emptyOccupant(): OccupantDraft {
  return {
    key: newUuid(),
    personId: null,
    maskedId: null,
    idNumber: '',
    name: '',
    phone: '',
    phoneMoved: false,
    temperature: '',
    lookup: 'idle',
    facts: null,
    error: null,
  };
}

/** The occupants of the last passage, to be checked again: only temperatures left to type. */
export function occupantsOfLast(passage: Passage): OccupantDraft[] {
  return passage.occupants.map((o) => ({
    ...emptyOccupant(),
    personId: o.personId,
    maskedId: o.idNumber,
    name: o.name,
    lookup: o.personId ? 'found' : 'idle',
  }));
}

export function isBlank(o: OccupantDraft): boolean {
  return !o.personId && !o.idNumber.trim() && !o.name.trim() && !o.phone.trim() && !o.temperature.trim();
}

export function hasFever(o: OccupantDraft): boolean {
  const temp = parseTemperature(o.temperature);
  return temp !== null && temp >= FEVER_CELSIUS;
}

/** An ID number's problem as typed: 18 characters get the GB 11643 check, others must look like a passport number. */
export function idProblem(idNumber: string): 'FORMAT' | 'BIRTH_DATE' | 'CHECKSUM' | null {
  const id = idNumber.trim().toUpperCase();
  if (!id) return null;
  if (id.length === 18) return idCardProblem(id);
  return /^[A-Z0-9]{5,20}$/.test(id) ? null : 'FORMAT';
}

/** A mainland mobile number typed in the ID box (never a valid ID number: those are 18 characters). */
export function isMobile(text: string): boolean {
  return MOBILE_PATTERN.test(text.trim());
}

/**
 * A mobile number typed in the ID box belongs in the phone field: moved there (when that is empty),
 * so it is never sent as a passport number. Returns the change to apply, or null.
 */
export function movedPhone(o: OccupantDraft): Partial<OccupantDraft> | null {
  if (o.personId || !isMobile(o.idNumber) || (o.phone.trim() && o.phone.trim() !== o.idNumber.trim())) return null;
  return { idNumber: '', phone: o.idNumber.trim(), phoneMoved: true, lookup: 'idle', error: null };
}

/** Whether the name is filled for the crew (by the lookup or the last passage): Tab skips it. */
export function nameGiven(o: OccupantDraft): boolean {
  return (o.lookup === 'found' || !!o.personId) && !!o.name;
}

/** The first problem of a row before sending, or null. */
export function problemOf(
  o: OccupantDraft,
  t: (key: 'entry.idInvalid' | 'entry.nameRequired' | 'entry.tempRequired' | 'entry.phoneInvalid') => string,
): OccupantDraft['error'] {
  if (!o.personId && (idProblem(o.idNumber) || isMobile(o.idNumber)))
    return { field: 'idNumber', message: t('entry.idInvalid') };
  if (!o.personId && !o.name.trim()) return { field: 'name', message: t('entry.nameRequired') };
  if (!o.personId && o.phone.trim() && !isMobile(o.phone)) return { field: 'phone', message: t('entry.phoneInvalid') };
  const temp = parseTemperature(o.temperature);
  if (temp === null || Number.isNaN(temp)) return { field: 'temperature', message: t('entry.tempRequired') };
  return null;
}

export function toOccupantInput(o: OccupantDraft): PassageBody['occupants'][number] {
  const temperature = parseTemperature(o.temperature)!;
  if (o.personId) return { personId: o.personId, temperature };
  const idNumber = o.idNumber.trim().toUpperCase();
  const phone = o.phone.trim();
  return { name: o.name.trim(), ...(idNumber ? { idNumber } : {}), ...(phone ? { phone } : {}), temperature };
}
