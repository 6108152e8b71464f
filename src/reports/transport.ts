import { GuardError } from '../engine/errors.js';

/** What the collector said about one batch. */
export type SendOutcome =
  /** Stored: `accepted` are new, `duplicates` were already stored (idempotent retry). Ids not listed stay queued. */
  | { readonly status: 'ok'; readonly accepted: readonly string[]; readonly duplicates: readonly string[] }
  /** 400: the batch was refused because of the listed ids; none listed means the culprit is unknown. */
  | { readonly status: 'invalid'; readonly rejected: readonly string[] }
  /** 413: the batch is too large for the collector. */
  | { readonly status: 'too_large' }
  /** Down, 429, 5xx, a timeout: try again later, not before `retryAfterMs` when the collector said so. */
  | { readonly status: 'retry'; readonly reason: string; readonly retryAfterMs?: number };

/** Sends one batch. Never throws: every failure is an outcome. */
export interface Transport<T extends { readonly id: string }> {
  send(items: readonly T[]): Promise<SendOutcome>;
}

/** Options for {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** The collector endpoint, e.g. `https://collector.example/v1/reports`. */
  readonly endpoint: string;
  /** The JSON field the batch goes in. @defaultValue `'reports'` (use `'records'` for `/v1/telemetry`) */
  readonly field?: string;
  /** @defaultValue `globalThis.fetch` */
  readonly fetch?: typeof globalThis.fetch;
  /** Give up on a request after this long, in ms, and retry later. @defaultValue `15_000` */
  readonly timeoutMs?: number;
  /**
   * The rotating device pseudonym sent as `x-chatguard-client`, which the collector rate-limits on;
   * `reporter.pseudonyms.device(Date.now())` makes one. @defaultValue none: the collector falls back to the address
   */
  readonly clientId?: () => string | Promise<string>;
}

/**
 * Creates a transport that POSTs `{ [field]: items }` as JSON. Each item's `id` is its idempotency
 * key: the collector stores an id once, so a batch retried after a lost answer is not stored twice.
 * @throws GuardError `INVALID_OPTIONS` for a missing endpoint.
 * @example
 * const transport = createHttpTransport({ endpoint: 'https://collector.example/v1/reports' });
 */
export function createHttpTransport<T extends { readonly id: string }>(options: HttpTransportOptions): Transport<T> {
  if (typeof options.endpoint !== 'string' || options.endpoint === '') {
    throw new GuardError('INVALID_OPTIONS', 'Expected transport endpoint to be a URL.');
  }
  const field = options.field ?? 'reports';
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    async send(items) {
      const fetchImpl = options.fetch ?? globalThis.fetch;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (options.clientId) headers['x-chatguard-client'] = await options.clientId();
        const response = await fetchImpl(options.endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify({ [field]: items }),
          signal: controller.signal,
        });
        const body = await readJson(response);
        return outcomeOf(response, body, items);
      } catch (error) {
        return { status: 'retry', reason: controller.signal.aborted ? 'timeout' : `network: ${(error as Error)?.name ?? 'error'}` };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const value: unknown = await response.json();
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);

function outcomeOf(response: Response, body: Record<string, unknown>, items: readonly { readonly id: string }[]): SendOutcome {
  if (response.ok) return { status: 'ok', accepted: ids(body['accepted']), duplicates: ids(body['duplicates']) };
  if (response.status === 413) return { status: 'too_large' };
  if (response.status === 400) {
    const invalid = Array.isArray(body['invalid']) ? (body['invalid'] as unknown[]) : [];
    const rejected = invalid
      .map((entry) => (entry as { index?: unknown } | null)?.index)
      .filter((index): index is number => Number.isInteger(index))
      .map((index) => items[index]?.id)
      .filter((id): id is string => id !== undefined);
    return { status: 'invalid', rejected };
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  return { status: 'retry', reason: `http ${response.status}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/** `Retry-After` as seconds or an HTTP date, in ms from now. */
function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
