import { LABELS } from '../engine/labels.js';
import { ACTIONS, PROFILES } from '../engine/policy-table.js';
import { GuardError } from '../engine/errors.js';
import {
  DECISIONS,
  LENGTH_BUCKETS,
  REPORT_KINDS,
  REPORT_LIMITS,
  REPORT_PATTERNS as P,
  REPORT_SCHEMA_VERSION,
  SCORE_BUCKETS,
  type Report,
} from './schema.js';
import { arrayOf, boolean, integer, matches, nullable, objectOf, oneOf, recordOf, type Check } from './shape.js';

const reasonCode = matches(P.reasonCode, 'a reason code such as "scam.otp_request"');
const count = integer(0, REPORT_LIMITS.linkCount);

const checkReportShape: Check = objectOf(
  {
    schema: oneOf([REPORT_SCHEMA_VERSION]),
    id: matches(P.uuid, 'a lower-case UUID v4'),
    kind: oneOf(REPORT_KINDS),
    hour: matches(P.hour, 'a UTC hour "YYYY-MM-DDTHH"'),
    direction: oneOf(['incoming', 'outgoing']),
    profile: oneOf(PROFILES),
    action: oneOf(ACTIONS),
    decision: nullable(oneOf(DECISIONS)),
    labels: arrayOf(
      objectOf({ label: oneOf(LABELS), bucket: oneOf(SCORE_BUCKETS), flagged: boolean }),
      LABELS.length,
      { unique: (item) => (item as { label: unknown }).label },
    ),
    reasons: arrayOf(reasonCode, REPORT_LIMITS.reasons, { unique: (code) => code }),
    degraded: boolean,
    truncated: boolean,
    length: oneOf(LENGTH_BUCKETS),
    links: objectOf(
      {
        safe: count,
        suspicious: count,
        malicious: count,
        reasons: arrayOf(reasonCode, REPORT_LIMITS.linkReasons, { unique: (code) => code }),
      },
      { hashes: arrayOf(matches(P.linkHash, '8 hex digits'), REPORT_LIMITS.linkHashes, { unique: (hash) => hash }) },
    ),
    versions: recordOf(P.detectorId, matches(P.version, 'a version string'), REPORT_LIMITS.versions),
    conversation: nullable(matches(P.pseudonym, '32 hex digits')),
  },
  {
    counterpart: matches(P.accountId, 'a platform account id'),
    relatesTo: matches(P.uuid, 'a lower-case UUID v4'),
    commitment: matches(P.commitment, '64 hex digits'),
  },
);

/** Rules across fields: the decision matches the kind, and only user reports name the counterpart. */
function consistencyProblem(report: Report): string | null {
  if (report.kind === 'user_report' && report.decision !== 'reported') return 'Expected report.decision to be "reported" for a user_report.';
  if (report.kind === 'user_block' && report.decision !== 'blocked') return 'Expected report.decision to be "blocked" for a user_block.';
  if (report.kind === 'signal' && (report.decision === 'reported' || report.decision === 'blocked')) {
    return 'Expected a signal\'s decision to be null, "dismissed", "proceeded" or "cancelled".';
  }
  if (report.counterpart !== undefined && report.kind === 'signal') return 'Expected report.counterpart only on user_report and user_block.';
  if (report.relatesTo === report.id) return 'Expected report.relatesTo to name another report.';
  const encoded = new TextEncoder().encode(JSON.stringify(report)).length;
  if (encoded > REPORT_LIMITS.bytes) return `Expected a report of at most ${REPORT_LIMITS.bytes} bytes, got ${encoded}.`;
  return null;
}

/** The first thing wrong with `value` as a report, or `null` when it is one. Never echoes the value. */
export function reportProblem(value: unknown): string | null {
  return checkReportShape(value, 'report') ?? consistencyProblem(value as Report);
}

/**
 * Checks that `value` is a report of the current schema and nothing more: no unknown field, every
 * enum in range, every string in its pattern. The same function runs on the device before a report
 * is queued and on the collector on receipt.
 * @throws GuardError `INVALID_REPORT` naming the first offending field (never echoing its value).
 * @example
 * const report = validateReport(JSON.parse(body));
 */
export function validateReport(value: unknown): Report {
  const problem = reportProblem(value);
  if (problem) throw new GuardError('INVALID_REPORT', problem);
  return value as Report;
}
