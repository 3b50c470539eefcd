import type { Passage } from '../../../shared/checkpoints';
import { FEVER_CELSIUS } from '../../../shared/screening';
import { idCardProblem } from '../../../shared/validators';
import { newUuid } from '../../app/ids';
import { parseTemperature } from '../field/MemberCheck';
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
  temperature: string;
  lookup: 'idle' | 'loading' | 'found' | 'unknown';
  facts: { sex: 'M' | 'F' | null; birthDate: string | null } | null;
  /** A problem found on submit (by us or the server), shown under the row. */
  error: { field: 'idNumber' | 'name' | 'temperature'; message: string } | null;
}

export function emptyOccupant(): OccupantDraft {
  return { key: newUuid(), personId: null, maskedId: null, idNumber: '', name: '', temperature: '', lookup: 'idle', facts: null, error: null };
}

/** The occupants of the last passage, to be checked again: only temperatures left to type. */
export function occupantsOfLast(passage: Passage): OccupantDraft[] {
  return passage.occupants.map((o) => ({
    ...emptyOccupant(), personId: o.personId, maskedId: o.idNumber, name: o.name, lookup: o.personId ? 'found' : 'idle',
  }));
}

export function isBlank(o: OccupantDraft): boolean {
  return !o.personId && !o.idNumber.trim() && !o.name.trim() && !o.temperature.trim();
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

/** Whether the name is filled for the crew (by the lookup or the last passage): Tab skips it. */
export function nameGiven(o: OccupantDraft): boolean {
  return (o.lookup === 'found' || !!o.personId) && !!o.name;
}

/** The first problem of a row before sending, or null. */
export function problemOf(o: OccupantDraft, t: (key: 'entry.idInvalid' | 'entry.nameRequired' | 'entry.tempRequired') => string): OccupantDraft['error'] {
  if (!o.personId && idProblem(o.idNumber)) return { field: 'idNumber', message: t('entry.idInvalid') };
  if (!o.personId && !o.name.trim()) return { field: 'name', message: t('entry.nameRequired') };
  const temp = parseTemperature(o.temperature);
  if (temp === null || Number.isNaN(temp)) return { field: 'temperature', message: t('entry.tempRequired') };
  return null;
}

export function toOccupantInput(o: OccupantDraft): PassageBody['occupants'][number] {
  const temperature = parseTemperature(o.temperature)!;
  if (o.personId) return { personId: o.personId, temperature };
  const idNumber = o.idNumber.trim().toUpperCase();
  return { name: o.name.trim(), ...(idNumber ? { idNumber } : {}), temperature };
}
