/**
 * Tiny strict-shape checks for the report and telemetry validators. Each check returns the first
 * problem as a sentence naming the path and what was expected, or `null`. Problems never echo the
 * value, only its type, so a rejected report cannot leak through an error message or a log line.
 */
import { describeType } from '../engine/errors.js';

/** A check of one value at `path`. */
export type Check = (value: unknown, path: string) => string | null;

const expected = (path: string, what: string, value: unknown): string =>
  `Expected ${path} to be ${what}, got ${describeType(value)}.`;

/** One of the listed values. */
export function oneOf(values: readonly unknown[]): Check {
  return (value, path) => (values.includes(value) ? null : expected(path, `one of ${values.join(', ')}`, value));
}

/** A string matching `pattern` (anchored by the caller). */
export function matches(pattern: RegExp, what: string): Check {
  return (value, path) => (typeof value === 'string' && pattern.test(value) ? null : expected(path, what, value));
}

export const boolean: Check = (value, path) => (typeof value === 'boolean' ? null : expected(path, 'true or false', value));

/** An integer from `min` to `max`. */
export function integer(min: number, max: number): Check {
  return (value, path) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? null
      : expected(path, `an integer from ${min} to ${max}`, value);
}

/** `null` or what `check` accepts. */
export function nullable(check: Check): Check {
  return (value, path) => (value === null ? null : check(value, path));
}

/** An array of at most `max` items, each passing `item`; with `unique`, no item twice. */
export function arrayOf(item: Check, max: number, options: { readonly unique?: (value: unknown) => unknown } = {}): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return expected(path, `an array`, value);
    if (value.length > max) return `Expected ${path} to have at most ${max} items, got ${value.length}.`;
    const seen = new Set<unknown>();
    for (let i = 0; i < value.length; i += 1) {
      const problem = item(value[i], `${path}[${i}]`);
      if (problem) return problem;
      if (options.unique) {
        const key = options.unique(value[i]);
        if (seen.has(key)) return `Expected ${path} to have no duplicates; item ${i} repeats an earlier one.`;
        seen.add(key);
      }
    }
    return null;
  };
}

/** A plain object (prototype `Object.prototype` or `null`, as `JSON.parse` makes). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * An object with exactly these fields: every `required` one, any of the `optional` ones, nothing else.
 * Unknown fields are the main thing this guards against: they are how free text would sneak in.
 */
export function objectOf(required: Readonly<Record<string, Check>>, optional: Readonly<Record<string, Check>> = {}): Check {
  return (value, path) => {
    if (!isPlainObject(value)) return expected(path, 'an object', value);
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(required, key) && !Object.hasOwn(optional, key)) {
        return `Unexpected field in ${path}: only ${[...Object.keys(required), ...Object.keys(optional)].join(', ')} are allowed.`;
      }
    }
    for (const [key, check] of Object.entries(required)) {
      if (!Object.hasOwn(value, key)) return `Missing field ${path}.${key}.`;
      const problem = check(value[key], `${path}.${key}`);
      if (problem) return problem;
    }
    for (const [key, check] of Object.entries(optional)) {
      if (!Object.hasOwn(value, key)) continue;
      const problem = check(value[key], `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  };
}

/** A record of at most `max` entries whose keys match `key` and whose values pass `item`. */
export function recordOf(key: RegExp, item: Check, max: number): Check {
  return (value, path) => {
    if (!isPlainObject(value)) return expected(path, 'an object', value);
    const keys = Object.keys(value);
    if (keys.length > max) return `Expected ${path} to have at most ${max} entries, got ${keys.length}.`;
    for (const name of keys) {
      if (!key.test(name)) return `Expected the keys of ${path} to match ${key.source}; one does not.`;
      const problem = item(value[name], `${path}.<key>`);
      if (problem) return problem;
    }
    return null;
  };
}
