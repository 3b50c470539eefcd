import { describe, expect, it } from 'vitest';
import {
  codeFitsParent,
  idCardCheckChar,
  idCardProblem,
  maskIdNumber,
  maskPhone,
  MOBILE_PATTERN,
  regionCodeProblem,
} from './validators';

describe('mainland ID numbers (GB 11643 MOD 11-2)', () => {
  it('accepts valid numbers, including an X check character', () => {
    expect(idCardProblem('11010519491231002X')).toBeNull();
    expect(idCardProblem('140728199001011234'.slice(0, 17) + idCardCheckChar('14072819900101123'))).toBeNull();
  });
  it('rejects a wrong check digit, an impossible birth date and a bad format', () => {
    expect(idCardProblem('110105194912310021')).toBe('CHECKSUM');
    const feb30 = '14072819900230123';
    expect(idCardProblem(feb30 + idCardCheckChar(feb30))).toBe('BIRTH_DATE');
    expect(idCardProblem('1101051949123100')).toBe('FORMAT');
    expect(idCardProblem('11010519491231002x')).toBe('FORMAT');
  });
});

describe('masking', () => {
  it('keeps the first and last four characters of an ID number and 3+4 digits of a phone', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(null)).toBeNull();
  });
  it('recognises mainland mobile numbers', () => {
    expect(MOBILE_PATTERN.test('13812341234')).toBe(true);
    expect(MOBILE_PATTERN.test('12812341234')).toBe(false);
    expect(MOBILE_PATTERN.test('1381234123')).toBe(false);
  });
});

describe('region codes', () => {
  it.each([
    ['province', '140000000000', null],
    ['city', '140700000000', null],
    ['county', '140728000000', null],
    ['township', '140728100000', null],
    ['village', '140728100200', null],
    ['grid', '140728100200001', null],
    ['building', '140728100200001001', null],
  ] as const)('%s %s is valid', (level, code, expected) => {
    expect(regionCodeProblem(level, code)).toBe(expected);
  });
  it.each([
    ['county', '140728100000'],
    ['township', '140728000000'],
    ['village', '140728100000'],
    ['village', '14072810020'],
    ['grid', '140728100200'],
    ['village', '14072810020A'],
  ] as const)('%s %s is refused', (level, code) => {
    expect(regionCodeProblem(level, code)).not.toBeNull();
  });
  it('checks a code continues its parent', () => {
    expect(codeFitsParent('township', '140728100000', '140728100200')).toBe(true);
    expect(codeFitsParent('township', '140728100000', '140728101200')).toBe(false);
    expect(codeFitsParent('village', '140728100200', '140728100200003')).toBe(true);
  });
});
