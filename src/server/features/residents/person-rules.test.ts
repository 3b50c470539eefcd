import { describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../../../shared/validators';
import { bornInFuture, foreignIdentityProblem, identityOf, nameProblem, pregnantMan } from './person-rules';

/** The rules the registration API and the roster import share (each words the problem its own way). */
describe('a person’s rules', () => {
  const first17 = '14072819900101001';
  const idNumber = first17 + idCardCheckChar(first17);

  it('reads birth date and sex from an ID number, and refuses one that disagrees with them', () => {
    expect(identityOf({ idType: 'resident_id', idNumber })).toEqual({
      facts: { idNumber, birthDate: '1990-01-01', sex: 'M' },
    });
    expect(identityOf({ idType: 'resident_id', idNumber, birthDate: '1990-01-02' })).toMatchObject({
      problem: { kind: 'mismatch', birthDate: true, sex: false },
    });
    expect(identityOf({ idType: 'resident_id', idNumber, sex: 'F' })).toMatchObject({
      problem: { kind: 'mismatch', birthDate: false, sex: true },
    });
    expect(identityOf({ idType: 'resident_id', idNumber: first17 + (idNumber.endsWith('0') ? '1' : '0') })).toEqual({
      problem: { kind: 'document', reason: 'CHECKSUM' },
    });
    expect(identityOf({ idType: 'passport', idNumber: 'E12345678' })).toEqual({ problem: { kind: 'nationality' } });
    expect(identityOf({ idType: 'resident_id', birthDate: '2001-02-03', sex: 'F' })).toEqual({
      facts: { idNumber: null, birthDate: '2001-02-03', sex: 'F' },
    });
  });

  it('refuses contradictions and names a reader cannot trust', () => {
    expect(bornInFuture('2020-01-02', '2020-01-01')).toBe(true);
    expect(bornInFuture(null, '2020-01-01')).toBe(false);
    expect(pregnantMan('M', ['pregnant'])).toBe(true);
    expect(pregnantMan('F', ['pregnant'])).toBe(false);
    expect(nameProblem('')).toBe('empty');
    expect(nameProblem('𠮷'.repeat(50))).toBeNull();
    expect(nameProblem('𠮷'.repeat(51))).toBe('too_long');
    expect(nameProblem('张\u200B三')).toBe('invisible');
  });

  it('never lets a known ID number rename a person or move one from another jurisdiction', () => {
    const registered = { name: '王五', region_path: '/140728000000/140728100000/' };
    expect(foreignIdentityProblem(registered, '王五', { prefix: '/140728000000/' })).toBeNull();
    expect(foreignIdentityProblem(registered, '王六', { prefix: '/140728000000/' })).toBe('ID_NUMBER_NAME_MISMATCH');
    expect(foreignIdentityProblem(registered, '王五', { prefix: '/140728000000/140728101000/' })).toBe(
      'PERSON_REGISTERED_ELSEWHERE',
    );
  });
});
