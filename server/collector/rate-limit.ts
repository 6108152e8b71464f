/** Token-bucket rate limiting per key: `capacity` requests at once, refilled at `refillPerSecond`. */
export interface RateLimiter {
  /** Takes a token for `key`; returns 0 when allowed, else the ms until one is available. */
  take(key: string): number;
}

/** Options for {@link createRateLimiter}. */
export interface RateLimitOptions {
  /** @defaultValue `60` */
  readonly capacity?: number;
  /** @defaultValue `1` */
  readonly refillPerSecond?: number;
  /** Keys tracked at most; the least recently seen are forgotten (which refills them). @defaultValue `100_000` */
  readonly maxKeys?: number;
  /** @defaultValue `Date.now` */
  readonly now?: () => number;
}

/**
 * Creates a rate limiter. Memory is bounded by `maxKeys`: a Map in insertion order, each key moved
 * to the end when seen, the first one evicted when full.
 */
export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const capacity = options.capacity ?? 60;
  const refill = (options.refillPerSecond ?? 1) / 1000;
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: time };
      buckets.delete(key);
      bucket.tokens = Math.min(capacity, bucket.tokens + (time - bucket.at) * refill);
      bucket.at = time;
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / refill);
    },
  };
}
