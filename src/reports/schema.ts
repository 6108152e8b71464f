/**
 * The metadata-only report: the one thing about a message that may leave the device.
 *
 * Every field is allow-listed here, each value is an enum, a bucket, a count, a fixed-format digest
 * or a short code from a restricted charset. There is no field that could carry message text, a URL,
 * a hostname or image bytes, and {@link validateReport} rejects anything else, on the device before
 * a report is queued and again on the server on receipt.
 */
import { LABELS, type Label } from '../engine/labels.js';
import type { Direction } from '../engine/message.js';
import type { Action, Profile } from '../engine/policy-table.js';

/** The schema version every report carries in `schema`. Bumped on any change to the fields below. */
export const REPORT_SCHEMA_VERSION = 1;

/** `signal`: the engine flagged a message; `user_report` / `user_block`: the user reported or blocked the sender. */
export const REPORT_KINDS = ['signal', 'user_report', 'user_block'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** What the user did about a warning. A `signal` queued at check time has none (`null`). */
export const DECISIONS = ['dismissed', 'proceeded', 'cancelled', 'blocked', 'reported'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Scores are bucketed, never sent raw: `low` < 0.25 ≤ `medium` < 0.5 ≤ `high` < 0.75 ≤ `very_high`. */
export const SCORE_BUCKETS = ['low', 'medium', 'high', 'very_high'] as const;
export type ScoreBucket = (typeof SCORE_BUCKETS)[number];

/** Message length in UTF-16 code units, bucketed. No bucket bound has more than four digits. */
export const LENGTH_BUCKETS = ['0', '1-19', '20-79', '80-279', '280-999', '1000-4999', '5000+'] as const;
export type LengthBucket = (typeof LENGTH_BUCKETS)[number];

/**
 * The first segment a reason code may have. Codes are `family.snake_case` with exactly one dot, so a
 * hostname (`evil.example.com`, `paypal.com`) can never pass for one.
 */
export const REASON_FAMILIES: readonly string[] = [...LABELS, 'system', 'link', 'url'];

/** Patterns for the string fields. Each is anchored and bounded. */
export const REPORT_PATTERNS = {
  /** A lower-case RFC 9562 version-4 UUID. */
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  /** UTC hour, `YYYY-MM-DDTHH`. */
  hour: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3])$/,
  /** `family.snake_case`, family from {@link REASON_FAMILIES}, at most 64 characters. */
  reasonCode: new RegExp(`^(?:${REASON_FAMILIES.join('|')})\\.[a-z][a-z0-9_]{0,47}$`),
  /** A detector id, the key of `versions`. */
  detectorId: /^[a-z][a-z0-9_-]{0,31}$/,
  /** A detector version: a model sha, a list date, a semver. */
  version: /^[A-Za-z0-9][A-Za-z0-9._:+-]{0,79}$/,
  /** The conversation pseudonym: 128 bits of an HMAC-SHA-256, hex. */
  pseudonym: /^[0-9a-f]{32}$/,
  /** A link's 4-byte SHA-256 prefix, hex. */
  linkHash: /^[0-9a-f]{8}$/,
  /** A message-franking commitment: a whole HMAC-SHA-256, hex. */
  commitment: /^[0-9a-f]{64}$/,
  /** The counterpart's account id on the platform, as the embedding app supplies it. */
  accountId: /^[A-Za-z0-9][A-Za-z0-9_.:@+-]{0,63}$/,
} as const;

/** Bounds on the list fields and counts, so one report stays small. */
export const REPORT_LIMITS = {
  reasons: 32,
  linkReasons: 16,
  linkHashes: 16,
  versions: 16,
  linkCount: 1000,
  /** The serialized report, in UTF-8 bytes; every other limit at its maximum stays under it. */
  bytes: 8192,
} as const;

/** One label's bucketed score. `flagged` says whether it crossed the profile's threshold. */
export interface ReportLabel {
  readonly label: Label;
  readonly bucket: ScoreBucket;
  readonly flagged: boolean;
}

/** Link verdicts, counted; never the URLs. */
export interface ReportLinks {
  readonly safe: number;
  readonly suspicious: number;
  readonly malicious: number;
  /** Link reason codes, deduplicated. */
  readonly reasons: readonly string[];
  /** 4-byte SHA-256 prefixes of non-safe links' canonical URLs; only when the embedder opts in (`reports.linkHashes`). */
  readonly hashes?: readonly string[];
}

/** A metadata-only report, exactly as it is queued, sent and stored. A plain JSON object. */
export interface Report {
  readonly schema: typeof REPORT_SCHEMA_VERSION;
  /** A random UUID; also the idempotency key the server dedupes on. */
  readonly id: string;
  readonly kind: ReportKind;
  /** When the report was made, UTC, to the hour: `YYYY-MM-DDTHH`. */
  readonly hour: string;
  readonly direction: Direction;
  readonly profile: Profile;
  /** The action the UI was told to take. */
  readonly action: Action;
  readonly decision: Decision | null;
  /** Flagged labels and labels scoring `medium` or more, in {@link LABELS} order. */
  readonly labels: readonly ReportLabel[];
  /** Reason codes of the verdict (detector and system codes), deduplicated. */
  readonly reasons: readonly string[];
  readonly degraded: boolean;
  readonly truncated: boolean;
  readonly length: LengthBucket;
  readonly links: ReportLinks;
  /** The verdict's detector versions, by detector id. */
  readonly versions: Readonly<Record<string, string>>;
  /** The conversation's rotating pseudonym, or `null` when the app gave no conversation id. */
  readonly conversation: string | null;
  /** The counterpart's platform account id; only on `user_report` / `user_block`, only when the app supplies it. */
  readonly counterpart?: string;
  /** The id of the `signal` report this decision follows up. */
  readonly relatesTo?: string;
  /** A message-franking commitment the user may later open with the message and its key. */
  readonly commitment?: string;
}

/** Every top-level field name, required first. Anything else is rejected. */
export const REPORT_FIELDS = [
  'schema',
  'id',
  'kind',
  'hour',
  'direction',
  'profile',
  'action',
  'decision',
  'labels',
  'reasons',
  'degraded',
  'truncated',
  'length',
  'links',
  'versions',
  'conversation',
  'counterpart',
  'relatesTo',
  'commitment',
] as const;

/** The score's bucket. Out-of-range or NaN scores count as `low`. */
export function scoreBucket(score: number): ScoreBucket {
  if (score >= 0.75) return 'very_high';
  if (score >= 0.5) return 'high';
  if (score >= 0.25) return 'medium';
  return 'low';
}

/** The length's bucket, in UTF-16 code units. */
export function lengthBucket(length: number): LengthBucket {
  if (length <= 0) return '0';
  if (length < 20) return '1-19';
  if (length < 80) return '20-79';
  if (length < 280) return '80-279';
  if (length < 1000) return '280-999';
  if (length < 5000) return '1000-4999';
  return '5000+';
}

/** The UTC hour of a time in milliseconds, as `YYYY-MM-DDTHH`. */
export function utcHour(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}

/** The report kind a decision produces: blocking and reporting are user reports, the rest follow up a signal. */
export function kindForDecision(decision: Decision): ReportKind {
  if (decision === 'reported') return 'user_report';
  if (decision === 'blocked') return 'user_block';
  return 'signal';
}
