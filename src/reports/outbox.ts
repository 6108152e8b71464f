import { GuardError, isGuardError } from '../engine/errors.js';
import { fullJitterDelay, type BackoffOptions } from './backoff.js';
import type { Report } from './schema.js';
import type { OutboxStorage } from './storage.js';
import type { Transport } from './transport.js';
import { validateReport } from './validate-report.js';

/**
 * The report drop policy: when the queue is over `maxItems`, the oldest item of the lowest tier goes
 * first. Automatic signals (no decision) are tier 0, decision follow-ups tier 1; user reports and
 * blocks are `Infinity` and never dropped: a full queue of them makes `enqueue` throw `OUTBOX_FULL`.
 */
export function reportDropTier(report: Report): number {
  if (report.kind !== 'signal') return Number.POSITIVE_INFINITY;
  return report.decision === null ? 0 : 1;
}

/** Options for {@link createOutbox}. */
export interface OutboxOptions<T extends { readonly id: string }> {
  readonly storage: OutboxStorage;
  readonly transport: Transport<T>;
  /** Checks an item before it is queued and when the queue is loaded. @defaultValue `validateReport` */
  readonly validate?: (value: unknown) => T;
  /** Lower tiers are dropped first when full; `Infinity`: never. @defaultValue `reportDropTier` */
  readonly dropTier?: (item: T) => number;
  /** @defaultValue `1000` */
  readonly maxItems?: number;
  /** Items per request; halved while the collector answers 413. @defaultValue `50` */
  readonly batchSize?: number;
  /** @defaultValue `{ baseMs: 1000, maxMs: 300_000 }` */
  readonly backoff?: BackoffOptions;
  /** Wait after an `enqueue` before a started outbox sends, so items batch up. @defaultValue `2000` */
  readonly flushDelayMs?: number;
  /** @defaultValue `Date.now` */
  readonly now?: () => number;
  /** For the jitter. @defaultValue `Math.random` (jitter needs spread, not secrecy) */
  readonly random?: () => number;
  /** Runs `callback` after `ms`; returns a cancel function. @defaultValue `setTimeout`, unref'd in Node */
  readonly schedule?: (callback: () => void, ms: number) => () => void;
}

/** What one `flush` did. */
export interface FlushResult {
  /** Stored by the collector as new. */
  readonly sent: number;
  /** Already stored: an earlier try had got through. */
  readonly duplicates: number;
  /** Refused as invalid (400) or too large on their own (413), and removed. */
  readonly rejected: number;
  readonly remaining: number;
  /** When the next try is due after a failure, or `null`. */
  readonly retryAt: number | null;
}

/** Counters since the outbox was created. */
export interface OutboxStats {
  readonly sent: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Removed by the drop policy. */
  readonly dropped: number;
  /** Found invalid in storage (an older schema) and discarded. */
  readonly discarded: number;
  /** Consecutive failed tries. */
  readonly failures: number;
  readonly retryAt: number | null;
}

/** A persistent queue of reports (or telemetry records) and the loop that delivers them. */
export interface Outbox<T extends { readonly id: string } = Report> {
  /** Validates and stores `item`; resolves once it is durable. Queuing an id twice is a no-op. @throws GuardError `INVALID_REPORT`, `OUTBOX_FULL`, `STORAGE_FAILED` */
  enqueue(item: T): Promise<void>;
  /** Sends queued items in batches until the queue is empty or a try fails. Does nothing while backing off. */
  flush(): Promise<FlushResult>;
  /** The queued items, oldest first. */
  pending(): Promise<readonly T[]>;
  stats(): OutboxStats;
  /** Sends in the background: after each `enqueue` (debounced), and again when a backoff ends. */
  start(): void;
  stop(): void;
}

interface Entry<T> {
  readonly item: T;
  readonly queuedAt: number;
}

const FORMAT = 1;

/**
 * Creates an outbox. Nothing is lost: an item leaves the queue only after the collector has
 * answered for it, and the queue is saved before `enqueue` resolves. Nothing is stored twice: a
 * retried batch carries the same ids, which the collector dedupes.
 * @throws GuardError `INVALID_OPTIONS` for a bad size.
 * @example
 * const outbox = createOutbox({ storage: createIndexedDbStorage(), transport: createHttpTransport({ endpoint }) });
 * outbox.start();
 * const guard = createGuard({ outbox });
 */
export function createOutbox<T extends { readonly id: string } = Report>(options: OutboxOptions<T>): Outbox<T> {
  const validate = options.validate ?? (validateReport as unknown as (value: unknown) => T);
  const dropTier = options.dropTier ?? (reportDropTier as unknown as (item: T) => number);
  const maxItems = positive(options.maxItems ?? 1000, 'maxItems');
  const configuredBatch = positive(options.batchSize ?? 50, 'batchSize');
  let batchSize = configuredBatch;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const schedule = options.schedule ?? defaultSchedule;
  const flushDelayMs = options.flushDelayMs ?? 2000;

  let queue: Entry<T>[] = [];
  let loading: Promise<void> | undefined;
  let lock: Promise<unknown> = Promise.resolve();
  let flushing: Promise<FlushResult> | undefined;
  let failures = 0;
  let retryAt: number | null = null;
  let running = false;
  let cancelTimer: (() => void) | undefined;
  const counts = { sent: 0, duplicates: 0, rejected: 0, dropped: 0, discarded: 0 };

  /** Runs `work` after every earlier storage operation, so saves never interleave. */
  function serial<R>(work: () => Promise<R>): Promise<R> {
    const result = lock.then(work);
    lock = result.catch(() => undefined);
    return result;
  }

  function load(): Promise<void> {
    loading ??= options.storage.load().then(
      (stored) => {
        queue = parseStored(stored);
      },
      (cause: unknown) => {
        loading = undefined; // a later call retries
        throw isGuardError(cause) ? cause : new GuardError('STORAGE_FAILED', 'The outbox could not be loaded.', { cause });
      },
    );
    return loading;
  }

  function parseStored(stored: unknown): Entry<T>[] {
    const entries = (stored as { entries?: unknown } | undefined)?.entries;
    if (!Array.isArray(entries)) return [];
    const parsed: Entry<T>[] = [];
    for (const entry of entries as Array<{ item?: unknown; queuedAt?: unknown }>) {
      try {
        parsed.push({ item: validate(entry?.item), queuedAt: typeof entry?.queuedAt === 'number' ? entry.queuedAt : 0 });
      } catch {
        counts.discarded += 1;
      }
    }
    return parsed;
  }

  /** Saves `next` and adopts it only once it is durable, so memory never runs ahead of storage. */
  async function commit(next: Entry<T>[]): Promise<void> {
    try {
      await options.storage.save({ format: FORMAT, entries: next });
    } catch (cause) {
      throw isGuardError(cause) ? cause : new GuardError('STORAGE_FAILED', 'The outbox could not be saved.', { cause });
    }
    queue = next;
  }

  /** Applies the drop policy; returns how many were dropped, or throws when only undroppable items remain. */
  function trim(next: Entry<T>[]): number {
    let dropped = 0;
    while (next.length > maxItems) {
      let victim = -1;
      let lowest = Number.POSITIVE_INFINITY;
      next.forEach((entry, index) => {
        const tier = dropTier(entry.item);
        if (tier < lowest) [victim, lowest] = [index, tier];
      });
      if (victim < 0) throw new GuardError('OUTBOX_FULL', `The outbox holds ${maxItems} user reports that could not be sent yet; try again later.`);
      next.splice(victim, 1);
      dropped += 1;
    }
    return dropped;
  }

  async function remove(ids: ReadonlySet<string>): Promise<void> {
    if (ids.size === 0) return;
    await serial(() => commit(queue.filter((entry) => !ids.has(entry.item.id))));
  }

  function fail(retryAfterMs = 0): void {
    failures += 1;
    retryAt = now() + Math.max(retryAfterMs, fullJitterDelay(failures, random, options.backoff));
  }

  async function deliver(): Promise<FlushResult> {
    await load();
    const result = { sent: 0, duplicates: 0, rejected: 0 };
    if (retryAt === null || now() >= retryAt) {
      retryAt = null;
      while (queue.length > 0) {
        const batch = queue.slice(0, batchSize).map((entry) => entry.item);
        const outcome = await options.transport.send(batch);
        if (outcome.status === 'retry') {
          fail(outcome.retryAfterMs);
          break;
        }
        let done: Set<string>;
        if (outcome.status === 'ok') {
          const sent = new Set(batch.map((item) => item.id));
          const accepted = outcome.accepted.filter((id) => sent.has(id));
          const duplicates = outcome.duplicates.filter((id) => sent.has(id));
          done = new Set([...accepted, ...duplicates]);
          result.sent += accepted.length;
          result.duplicates += duplicates.length;
        } else {
          // 400 or 413: narrow the batch down until the culprit is alone, then drop just that one.
          const named = outcome.status === 'invalid' ? outcome.rejected.filter((id) => batch.some((item) => item.id === id)) : [];
          done = new Set(named.length > 0 ? named : batch.length === 1 ? [batch[0]!.id] : []);
          if (done.size === 0) batchSize = Math.max(1, Math.ceil(batch.length / 2));
          result.rejected += done.size;
        }
        if (outcome.status === 'ok' && done.size === 0) {
          fail(); // an answer that acknowledges nothing: do not spin on it
          break;
        }
        await remove(done);
      }
      if (retryAt === null) failures = 0;
      if (queue.length === 0) batchSize = configuredBatch;
    }
    counts.sent += result.sent;
    counts.duplicates += result.duplicates;
    counts.rejected += result.rejected;
    return { ...result, remaining: queue.length, retryAt };
  }

  function arm(delayMs: number): void {
    if (!running) return;
    cancelTimer?.();
    cancelTimer = schedule(() => {
      cancelTimer = undefined;
      void outbox.flush().then(
        (result) => {
          if (result.retryAt !== null) arm(Math.max(0, result.retryAt - now()));
          else if (result.remaining > 0) arm(0);
        },
        () => arm(fullJitterDelay(Math.max(failures, 1), random, options.backoff)),
      );
    }, delayMs);
  }

  const outbox: Outbox<T> = {
    async enqueue(value) {
      const item = validate(value);
      await load();
      await serial(async () => {
        if (queue.some((entry) => entry.item.id === item.id)) return;
        const next = [...queue, { item, queuedAt: now() }];
        const dropped = trim(next);
        await commit(next);
        counts.dropped += dropped;
      });
      if (retryAt === null) arm(flushDelayMs);
    },
    flush() {
      flushing ??= deliver().finally(() => {
        flushing = undefined;
      });
      return flushing;
    },
    async pending() {
      await load();
      return queue.map((entry) => entry.item);
    },
    stats: () => ({ ...counts, failures, retryAt }),
    start() {
      running = true;
      arm(retryAt === null ? 0 : Math.max(0, retryAt - now()));
    },
    stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
  return outbox;
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new GuardError('INVALID_OPTIONS', `Expected outbox ${name} to be a whole number of at least 1.`);
  return value;
}

function defaultSchedule(callback: () => void, ms: number): () => void {
  const timer = setTimeout(callback, ms);
  // In Node a pending send must not keep the process alive; browsers return a number without unref.
  (timer as { unref?: () => void }).unref?.();
  return () => clearTimeout(timer);
}
