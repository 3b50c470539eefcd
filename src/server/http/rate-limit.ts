import { AppError } from '../errors';

/**
 * A fixed-window counter per key (an address, a link token), kept in this process. It guards the
 * public pages (self-report links, seek-notice forms) from a script filling them; behind several
 * server processes each keeps its own count, so the effective limit is per process — enough
 * against abuse, never a precise quota.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Count one request for `key`; throws RATE_LIMITED when the window's limit is spent. */
  take(key: string): void {
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.prune(t);
      this.windows.set(key, { start: t, count: 1 });
      return;
    }
    if (w.count >= this.limit)
      throw new AppError('RATE_LIMITED', { retryAfterSeconds: Math.ceil((w.start + this.windowMs - t) / 1000) });
    w.count++;
  }

  private prune(t: number) {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
  }
}
