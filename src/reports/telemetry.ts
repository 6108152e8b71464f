/**
 * Aggregate telemetry with local differential privacy: how often each label's warning is shown,
 * overridden (`proceeded`) and acted on (`blocked` / `reported`), per model version.
 *
 * One record per flagged label of a decided warning. Its true value is one cell of
 * `LABELS × TELEMETRY_OUTCOMES`, randomized with {@link randomizeOneHot}, so neither the label nor
 * the outcome of any one record can be told with confidence (ε per record, default ln 3). The
 * record's `versions` is the whole engine's detector set (`id@version,…`, sorted), the same for
 * every label, so it does not hint at the label either. "Shown" is the sum of a label's three cells.
 * What a record does reveal: that the device sent it, and when the collector received it. Sending
 * {@link coverTelemetryRecord}s on a schedule hides even that.
 */
import { LABELS, type Label } from '../engine/labels.js';
import { GuardError } from '../engine/errors.js';
import type { Verdict } from '../engine/verdict.js';
import { DEFAULT_EPSILON, EPSILON_RANGE, cryptoRandom, estimateCounts, randomizeOneHot, type Random } from './ldp.js';
import { REPORT_PATTERNS, type Decision } from './schema.js';
import { matches, objectOf, oneOf, type Check } from './shape.js';

export const TELEMETRY_SCHEMA_VERSION = 1;
/** A decided warning's outcome: `other` is dismissed or cancelled. */
export const TELEMETRY_OUTCOMES = ['other', 'overridden', 'acted'] as const;
export type TelemetryOutcome = (typeof TELEMETRY_OUTCOMES)[number];
/** Cells per record: one per label and outcome, label-major. */
export const TELEMETRY_CELLS = LABELS.length * TELEMETRY_OUTCOMES.length;

/** One randomized telemetry record, as sent to `POST /v1/telemetry`. */
export interface TelemetryRecord {
  readonly schema: typeof TELEMETRY_SCHEMA_VERSION;
  /** A random UUID; the collector dedupes on it. */
  readonly id: string;
  /** The engine's detector versions, `id@version` sorted and comma-joined. */
  readonly versions: string;
  readonly epsilon: number;
  /** {@link TELEMETRY_CELLS} noisy bits, `'0'`/`'1'`. */
  readonly cells: string;
}

/** Options for {@link telemetryRecords}. */
export interface TelemetryOptions {
  /** ε per record. @defaultValue `Math.log(3)` */
  readonly epsilon?: number;
  /** @defaultValue WebCrypto randomness; inject a seeded one only in tests */
  readonly random?: Random;
  /** @defaultValue `crypto.randomUUID` */
  readonly randomUUID?: () => string;
}

const VERSIONS_PATTERN = /^[a-z][a-z0-9_-]{0,31}@[A-Za-z0-9][A-Za-z0-9._:+-]{0,79}(?:,[a-z][a-z0-9_-]{0,31}@[A-Za-z0-9][A-Za-z0-9._:+-]{0,79}){0,15}$|^none$/;

/** The canonical model-version key of a verdict's detector versions; `none` when it has none. */
export function versionsKey(versions: Readonly<Record<string, string>>): string {
  const parts = Object.entries(versions)
    .filter(([id, version]) => REPORT_PATTERNS.detectorId.test(id) && REPORT_PATTERNS.version.test(version))
    .map(([id, version]) => `${id}@${version}`)
    .sort()
    .slice(0, 16);
  return parts.length === 0 ? 'none' : parts.join(',');
}

/** The outcome a decision counts as. */
export function outcomeOf(decision: Decision): TelemetryOutcome {
  if (decision === 'proceeded') return 'overridden';
  if (decision === 'blocked' || decision === 'reported') return 'acted';
  return 'other';
}

function record(versions: string, cell: number | null, options: TelemetryOptions): TelemetryRecord {
  const epsilon = options.epsilon ?? DEFAULT_EPSILON;
  return {
    schema: TELEMETRY_SCHEMA_VERSION,
    id: (options.randomUUID ?? (() => globalThis.crypto.randomUUID()))(),
    versions,
    epsilon,
    cells: randomizeOneHot(cell, TELEMETRY_CELLS, epsilon, options.random ?? cryptoRandom),
  };
}

/**
 * The randomized records for a decided warning: one per flagged label, none for an unflagged verdict.
 * @throws GuardError `INVALID_OPTIONS` for ε out of range.
 * @example
 * for (const record of telemetryRecords(verdict, 'proceeded')) await telemetryOutbox.enqueue(record);
 */
export function telemetryRecords(verdict: Verdict, decision: Decision, options: TelemetryOptions = {}): TelemetryRecord[] {
  const key = versionsKey(verdict.versions);
  const outcome = TELEMETRY_OUTCOMES.indexOf(outcomeOf(decision));
  return verdict.flags.map((label) => record(key, LABELS.indexOf(label) * TELEMETRY_OUTCOMES.length + outcome, options));
}

/** A record whose true value is "nothing happened": send these on a schedule so a record's existence says nothing. */
export function coverTelemetryRecord(versions: Readonly<Record<string, string>>, options: TelemetryOptions = {}): TelemetryRecord {
  return record(versionsKey(versions), null, options);
}

const checkRecord: Check = objectOf({
  schema: oneOf([TELEMETRY_SCHEMA_VERSION]),
  id: matches(REPORT_PATTERNS.uuid, 'a lower-case UUID v4'),
  versions: matches(VERSIONS_PATTERN, 'comma-joined id@version pairs'),
  epsilon: (value, path) =>
    typeof value === 'number' && value >= EPSILON_RANGE.min && value <= EPSILON_RANGE.max
      ? null
      : `Expected ${path} to be a number from ${EPSILON_RANGE.min} to ${EPSILON_RANGE.max}.`,
  cells: matches(new RegExp(`^[01]{${TELEMETRY_CELLS}}$`), `${TELEMETRY_CELLS} characters 0 or 1`),
});

/**
 * Checks a telemetry record, on the device and on the collector.
 * @throws GuardError `INVALID_REPORT` naming the first offending field.
 */
export function validateTelemetry(value: unknown): TelemetryRecord {
  const problem = checkRecord(value, 'record');
  if (problem) throw new GuardError('INVALID_REPORT', problem);
  return value as TelemetryRecord;
}

/** Estimated counts for one label; each comes with its standard error. */
export interface LabelEstimate {
  readonly label: Label;
  readonly shown: number;
  readonly overridden: number;
  readonly acted: number;
  readonly stderr: { readonly shown: number; readonly overridden: number; readonly acted: number };
}

/**
 * Unbiased per-label estimates from a group of records sharing `versions` and `epsilon`.
 * `ones[i]` is how many of the `records` had cell `i` set.
 */
export function estimateTelemetry(group: { readonly records: number; readonly ones: readonly number[]; readonly epsilon: number }): LabelEstimate[] {
  const cells = estimateCounts(group);
  const per = TELEMETRY_OUTCOMES.length;
  return LABELS.map((label, index) => {
    const [other, overridden, acted] = [0, 1, 2].map((offset) => cells[index * per + offset] ?? { estimate: 0, stderr: 0 }) as [
      (typeof cells)[number],
      (typeof cells)[number],
      (typeof cells)[number],
    ];
    return {
      label,
      shown: other.estimate + overridden.estimate + acted.estimate,
      overridden: overridden.estimate,
      acted: acted.estimate,
      // The three cells' noise is independent, so variances add.
      stderr: { shown: Math.sqrt(3) * other.stderr, overridden: overridden.stderr, acted: acted.stderr },
    };
  });
}
