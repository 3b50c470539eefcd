import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { AppError } from '../../errors';
import { passwordIsStrong } from '../../../shared/users';
import { COMMON_PASSWORDS_ZH, COMMON_WORDS_ZH } from './common-passwords-zh';

/**
 * zxcvbn's score needed: 2 means about a million guesses or more — with the login throttle and
 * Argon2 in front of it, far beyond an online attack, while `Demo@2020`-like passwords that
 * people can remember still pass. `password1`, `qwerty123`, `Passw0rd!`, keyboard walks,
 * repeats, dates and the username with digits score 0 or 1.
 */
const MIN_PASSWORD_SCORE = 2;

const refused = new Set(COMMON_PASSWORDS_ZH);
let estimator: ZxcvbnFactory | null = null;

function estimatorOf(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, zh: [...COMMON_WORDS_ZH, ...COMMON_PASSWORDS_ZH] },
    graphs: common.adjacencyGraphs,
  });
  return estimator;
}

/** Whether a password is common or guessable for this user (their username and name count as known words). */
function passwordIsGuessable(password: string, userWords: readonly string[] = []): boolean {
  if (refused.has(password.toLowerCase())) return true;
  const words = userWords.flatMap((w) => [w, w.toLowerCase()]).filter((w) => w.length >= 2);
  return estimatorOf().check(password.slice(0, 64), words).score < MIN_PASSWORD_SCORE;
}

/**
 * Refuse a new password: PASSWORD_WEAK when it is shorter than 8 or lacks a letter or a digit,
 * PASSWORD_GUESSABLE when it is common or easily guessed (see MIN_PASSWORD_SCORE).
 */
export function assertPasswordAcceptable(
  password: string,
  user: { username: string; displayName?: string | null },
): void {
  if (!passwordIsStrong(password)) throw new AppError('PASSWORD_WEAK');
  if (passwordIsGuessable(password, [user.username, ...(user.displayName ? [user.displayName] : [])]))
    throw new AppError('PASSWORD_GUESSABLE');
}
