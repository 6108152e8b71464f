/** Exponential backoff with full jitter: each wait is uniform in [0, min(cap, base · 2^(attempt − 1))]. */

/** Backoff settings. */
export interface BackoffOptions {
  /** The first failure's ceiling, in ms. @defaultValue `1000` */
  readonly baseMs?: number;
  /** The ceiling no wait exceeds, in ms. @defaultValue `300_000` (5 minutes) */
  readonly maxMs?: number;
}

/**
 * The wait before the next try after `attempt` consecutive failures (1 for the first).
 * Full jitter ("Exponential Backoff And Jitter", AWS Architecture Blog, 2015) spreads clients that
 * failed together, so a recovering collector is not hit by all of them at once.
 * @example
 * fullJitterDelay(3, Math.random) // somewhere in 0..4000 ms
 */
export function fullJitterDelay(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 300_000;
  const ceiling = Math.min(max, base * 2 ** Math.min(Math.max(attempt - 1, 0), 52));
  return Math.floor(random() * ceiling);
}
