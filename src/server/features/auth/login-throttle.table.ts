/**
 * Failed-login counters (auth/login-throttle.ts), in the database so every server process sees
 * them. key: `address:<ip>`, `account:<username>` or `pair:<username>|<ip>`; the username as
 * typed, known or not, so an unknown name is throttled exactly like a real one.
 */
export interface LoginThrottleTable {
  key: string;
  kind: 'address' | 'account' | 'pair';
  username: string | null;
  address: string | null;
  /** failures since window_start (reset when the window has passed or a lock was applied) */
  failures: number;
  window_start: string;
  /** locks applied since the window began: each doubles the next one (pairs only) */
  locks: number;
  locked_until: string | null;
  updated_at: string;
}
