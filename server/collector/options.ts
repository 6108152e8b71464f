import type { RateLimitOptions } from './rate-limit.js';

/** Options for the collector. Every field has a documented default. */
export interface CollectorOptions {
  /** @defaultValue `8787`; `0` picks a free port */
  readonly port?: number;
  /** @defaultValue `'127.0.0.1'` (put a TLS-terminating proxy in front to serve the internet) */
  readonly host?: string;
  /** The SQLite file. @defaultValue `'./collector.sqlite'` */
  readonly db?: string;
  /** A PostgreSQL connection string; replaces `db` when set. @defaultValue none */
  readonly postgres?: string;
  /** The least number of reports a cell needs before `/v1/aggregates` shows it. @defaultValue `10` */
  readonly k?: number;
  /** The largest request body, in bytes. @defaultValue `1_048_576` (1 MiB) */
  readonly maxBodyBytes?: number;
  /** The most reports or records per request. @defaultValue `100` */
  readonly maxBatch?: number;
  /** Per device pseudonym (`x-chatguard-client`), or per address when absent. @defaultValue `{ capacity: 60, refillPerSecond: 1 }` */
  readonly rateLimit?: RateLimitOptions;
  /**
   * Per address, whatever the header says, so a client cannot dodge the limit by inventing pseudonyms.
   * @defaultValue four times `rateLimit`
   */
  readonly addressRateLimit?: RateLimitOptions;
  /** @defaultValue `Date.now` */
  readonly now?: () => number;
}

/** The options with every default filled in. */
export type ResolvedCollectorOptions = Required<Omit<CollectorOptions, 'postgres'>> & Pick<CollectorOptions, 'postgres'>;

/** Fills every default and checks the numbers. @throws Error naming the bad option. */
export function resolveCollectorOptions(options: CollectorOptions = {}): ResolvedCollectorOptions {
  const rateLimit = options.rateLimit ?? {};
  const resolved: ResolvedCollectorOptions = {
    port: options.port ?? 8787,
    host: options.host ?? '127.0.0.1',
    db: options.db ?? './collector.sqlite',
    ...(options.postgres === undefined ? {} : { postgres: options.postgres }),
    k: options.k ?? 10,
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
    maxBatch: options.maxBatch ?? 100,
    rateLimit,
    addressRateLimit: options.addressRateLimit ?? {
      ...rateLimit,
      capacity: (rateLimit.capacity ?? 60) * 4,
      refillPerSecond: (rateLimit.refillPerSecond ?? 1) * 4,
    },
    now: options.now ?? Date.now,
  };
  for (const [name, value, min] of [
    ['port', resolved.port, 0],
    ['k', resolved.k, 1],
    ['maxBodyBytes', resolved.maxBodyBytes, 1024],
    ['maxBatch', resolved.maxBatch, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min) throw new Error(`Expected ${name} to be a whole number of at least ${min}, got ${String(value)}.`);
  }
  return Object.freeze(resolved);
}
