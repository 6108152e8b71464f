import { isGuardError } from '../../src/engine/errors.js';
import { isPlainObject } from '../../src/reports/shape.js';
import type { InsertResult } from './store.js';

/** What an ingest endpoint accepts and where it goes. */
export interface IngestSpec<T extends { readonly id: string }> {
  /** The body's one field: `{ "<field>": [ … ] }`. */
  readonly field: string;
  /** The device's own validator; throws a GuardError naming the problem. */
  readonly validate: (value: unknown) => T;
  readonly store: (items: readonly T[], receivedAt: number) => Promise<InsertResult>;
  readonly maxBatch: number;
}

/** An HTTP answer, before it is written. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

const problem = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): Answer => ({
  status,
  body: { error: { code, message }, ...extra },
});

/**
 * Validates a batch and stores it, all or nothing. One invalid item refuses the whole batch with
 * 400 and the index and reason of every invalid item (never their content), so the device can drop
 * exactly those; ids already stored come back as `duplicates` and are not stored again.
 */
export async function ingest<T extends { readonly id: string }>(text: string, spec: IngestSpec<T>, receivedAt: number): Promise<Answer> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return problem(400, 'INVALID_JSON', 'Expected a JSON body.');
  }
  if (!isPlainObject(parsed) || Object.keys(parsed).length !== 1 || !Array.isArray(parsed[spec.field])) {
    return problem(400, 'INVALID_REPORT', `Expected a body { "${spec.field}": [ … ] } with no other field.`);
  }
  const items = parsed[spec.field] as unknown[];
  if (items.length === 0 || items.length > spec.maxBatch) {
    return problem(400, 'INVALID_REPORT', `Expected 1 to ${spec.maxBatch} items per batch, got ${items.length}.`);
  }
  const valid: T[] = [];
  const invalid: Array<{ index: number; message: string }> = [];
  items.forEach((item, index) => {
    try {
      valid.push(spec.validate(item));
    } catch (error) {
      invalid.push({ index, message: isGuardError(error) ? error.message : 'Invalid item.' });
    }
  });
  if (invalid.length > 0) {
    return problem(400, 'INVALID_REPORT', `${invalid.length} of ${items.length} items do not match the schema; nothing was stored.`, { invalid });
  }
  try {
    const { accepted, duplicates } = await spec.store(valid, receivedAt);
    return { status: 200, body: { accepted, duplicates } };
  } catch {
    return { ...problem(503, 'STORAGE_FAILED', 'The collector could not store the batch; retry later.'), headers: { 'retry-after': '5' } };
  }
}
