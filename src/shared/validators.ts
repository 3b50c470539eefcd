import { ADMIN_LEVELS, type RegionLevel } from './enums';

/**
 * Mainland resident ID number (GB 11643-1999): 17 digits + a MOD 11-2 check character (0-9 or X).
 * Returns null when valid, otherwise a short reason code.
 */
export function idCardProblem(id: string): 'FORMAT' | 'BIRTH_DATE' | 'CHECKSUM' | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'FORMAT';
  const birth = id.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return 'BIRTH_DATE';
  }
  return idCardCheckChar(id.slice(0, 17)) === id[17] ? null : 'CHECKSUM';
}

/** A real calendar date written YYYY-MM-DD: 2020-02-29 is one, 2020-02-30 and 2099-13-45 are not. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 MOD 11-2 check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** 138****1234 — lists show phones masked; the full number is an audited reveal. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** 1101********1234 — ID numbers keep the first 4 and last 4 characters. */
/** A name with all but the first character (the family name) masked: 孙** — for pages anyone may open. */
export function maskName(name: string): string {
  return name.slice(0, 1) + '*'.repeat(Math.max(1, name.length - 1));
}

export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/**
 * Statistics code rules (GB/T 2260 extended to 12 digits by the statistics bureau):
 * province PP0000000000, city PPCC00000000, county PPCCDD000000, township PPCCDDTTT000,
 * village PPCCDDTTTVVV. Grid codes are their village's 12 digits + 3; buildings their grid's + 3.
 */
export function regionCodeProblem(level: RegionLevel, code: string): string | null {
  const lengths: Record<RegionLevel, number> = {
    province: 12,
    city: 12,
    county: 12,
    township: 12,
    village: 12,
    grid: 15,
    building: 18,
  };
  if (!/^\d+$/.test(code) || code.length !== lengths[level]) {
    return `${level} code must be ${lengths[level]} digits`;
  }
  const significant: Partial<Record<RegionLevel, number>> = { province: 2, city: 4, county: 6, township: 9 };
  const sig = significant[level];
  if (sig !== undefined) {
    if (!/^0*$/.test(code.slice(sig))) return `${level} code must end in ${12 - sig} zeros`;
    if (/^0+$/.test(code.slice(sig - (level === 'township' ? 3 : 2), sig))) return `${level} part of the code is zero`;
  }
  if (level === 'village' && code.endsWith('000')) return 'village code must not end in 000';
  return null;
}

/** How many leading digits of a code identify the node at `level` (its prefix for children). */
export function significantDigits(level: RegionLevel): number {
  return { province: 2, city: 4, county: 6, township: 9, village: 12, grid: 15, building: 18 }[level];
}

/** A child's code must start with its parent's significant digits (a village in its township, …). */
export function codeFitsParent(parentLevel: RegionLevel, parentCode: string, childCode: string): boolean {
  return childCode.startsWith(parentCode.slice(0, significantDigits(parentLevel)));
}

export function isAdminLevel(level: RegionLevel): boolean {
  return ADMIN_LEVELS.includes(level);
}

/**
 * Check an identity document. Mainland ID cards and HK/Macau/Taiwan residence permits share the
 * 18-character layout and MOD 11-2 check (permits start 810000 / 820000 / 830000); passports are
 * 5–20 letters and digits. Returns null when valid, else a reason code.
 */
export function idDocumentProblem(idType: 'resident_id' | 'hmt_permit' | 'passport', id: string): string | null {
  if (idType === 'passport') return /^[A-Z0-9]{5,20}$/.test(id) ? null : 'FORMAT';
  if (idType === 'hmt_permit' && !/^8[123]0000/.test(id)) return 'PERMIT_PREFIX';
  if (idType === 'resident_id' && /^8[123]0000/.test(id)) return 'IS_PERMIT';
  return idCardProblem(id);
}

/** Birth date (YYYY-MM-DD) and sex written into an 18-character ID number (odd 17th digit: male). */
export function factsFromIdNumber(id: string): { birthDate: string; sex: 'M' | 'F' } {
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
  };
}
