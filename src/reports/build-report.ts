import { LABELS } from '../engine/labels.js';
import type { Verdict } from '../engine/verdict.js';
import {
  REPORT_LIMITS,
  REPORT_PATTERNS,
  REPORT_SCHEMA_VERSION,
  scoreBucket,
  utcHour,
  type Decision,
  type LengthBucket,
  type Report,
  type ReportKind,
  type ReportLabel,
  type ReportLinks,
} from './schema.js';
import { validateReport } from './validate-report.js';
import { keptCodes, type CodeFilter } from './reason-codes.js';

/** What a report is built from: a verdict plus the few facts about the message the verdict does not hold. */
export interface ReportInput {
  readonly verdict: Verdict;
  readonly kind: ReportKind;
  readonly decision: Decision | null;
  /** The message's length bucket: `lengthBucket(text.length)`. */
  readonly length: LengthBucket;
  /** The conversation pseudonym (see `createPseudonymizer`), or `null`. Never the conversation id. */
  readonly conversation: string | null;
  /** 4-byte link hash prefixes, hex, already computed. */
  readonly linkHashes?: readonly string[];
  readonly counterpart?: string;
  readonly relatesTo?: string;
  readonly commitment?: string;
  /** The message text, only to drop reason codes that echo it (see `keptCodes`); never copied. */
  readonly text?: string;
  /** When given, only these reason codes (and `system.*`) are kept. @defaultValue any code matching the pattern */
  readonly allowedReasonCodes?: ReadonlySet<string>;
  /** Reason codes to use instead of the verdict's: a follow-up reuses its signal's, which were checked against the text. */
  readonly reasons?: readonly string[];
  /** Link reason codes to use instead of the verdict's links' reasons. */
  readonly linkReasons?: readonly string[];
}

/** Where a report's id and hour come from; injectable for tests. */
export interface ReportEnvironment {
  /** @defaultValue `Date.now` */
  readonly now?: () => number;
  /** @defaultValue `crypto.randomUUID` */
  readonly randomUUID?: () => string;
}

/**
 * Builds the metadata-only report for a verdict. It copies nothing free-form: scores become buckets,
 * links become counts, reason codes that do not match the code pattern, are not allowed, or echo the
 * message are left out, and the result is checked with `validateReport` before it is returned.
 * @throws GuardError `INVALID_REPORT` when an input field (counterpart, commitment, relatesTo) is malformed.
 * @example
 * const report = buildReport({ verdict, kind: 'signal', decision: null, length: lengthBucket(text.length), conversation: null });
 */
export function buildReport(input: ReportInput, env: ReportEnvironment = {}): Report {
  const { verdict } = input;
  const filter: CodeFilter = {
    ...(input.text === undefined ? {} : { text: input.text }),
    ...(input.allowedReasonCodes === undefined ? {} : { allowed: input.allowedReasonCodes }),
  };
  const now = env.now ?? Date.now;
  const randomUUID = env.randomUUID ?? (() => globalThis.crypto.randomUUID());
  const report: Report = {
    schema: REPORT_SCHEMA_VERSION,
    id: randomUUID(),
    kind: input.kind,
    hour: utcHour(now()),
    direction: verdict.direction,
    profile: verdict.profile,
    action: verdict.action,
    decision: input.decision,
    labels: reportLabels(verdict),
    reasons: keptCodes(input.reasons ?? verdict.reasons.map((reason) => reason.code), REPORT_LIMITS.reasons, filter),
    degraded: verdict.degraded,
    truncated: verdict.truncated,
    length: input.length,
    links: reportLinks(verdict, input.linkHashes, keptCodes(input.linkReasons ?? verdict.links.flatMap((link) => link.reasons), REPORT_LIMITS.linkReasons, filter)),
    versions: reportVersions(verdict.versions),
    conversation: input.conversation,
    ...(input.counterpart === undefined ? {} : { counterpart: input.counterpart }),
    ...(input.relatesTo === undefined ? {} : { relatesTo: input.relatesTo }),
    ...(input.commitment === undefined ? {} : { commitment: input.commitment }),
  };
  return validateReport(report);
}

/** Flagged labels, and unflagged ones scoring `medium` or more, in label order. */
function reportLabels(verdict: Verdict): ReportLabel[] {
  const labels: ReportLabel[] = [];
  for (const label of LABELS) {
    const flagged = verdict.flags.includes(label);
    const bucket = scoreBucket(verdict.scores[label]);
    if (flagged || bucket !== 'low') labels.push({ label, bucket, flagged });
  }
  return labels;
}

function reportLinks(verdict: Verdict, hashes: readonly string[] | undefined, reasons: string[]): ReportLinks {
  const counts = { safe: 0, suspicious: 0, malicious: 0 };
  for (const link of verdict.links) {
    if (Object.hasOwn(counts, link.verdict)) counts[link.verdict] = Math.min(counts[link.verdict] + 1, REPORT_LIMITS.linkCount);
  }
  const kept = hashes === undefined ? [] : [...new Set(hashes)].slice(0, REPORT_LIMITS.linkHashes);
  return { ...counts, reasons, ...(kept.length > 0 ? { hashes: kept } : {}) };
}

/** Detector versions whose id and version fit their patterns; the rest are left out. */
function reportVersions(versions: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [id, version] of Object.entries(versions)) {
    if (Object.keys(kept).length >= REPORT_LIMITS.versions) break;
    if (REPORT_PATTERNS.detectorId.test(id) && typeof version === 'string' && REPORT_PATTERNS.version.test(version)) kept[id] = version;
  }
  return kept;
}
