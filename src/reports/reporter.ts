import { GuardError } from '../engine/errors.js';
import type { Message } from '../engine/message.js';
import type { Verdict } from '../engine/verdict.js';
import { buildReport, type ReportEnvironment } from './build-report.js';
import { toHex, utf8 } from './bytes.js';
import { createPseudonymizer, randomDeviceSecret, type Pseudonymizer } from './pseudonym.js';
import { DECISIONS, kindForDecision, lengthBucket, type Decision, type LengthBucket, type Report } from './schema.js';
import { validateReport } from './validate-report.js';

/** Report settings. Structured-cloneable, so they cross the worker boundary with the rest of the config. */
export interface ReportOptions {
  /**
   * The device-local secret behind conversation pseudonyms: hex or base64 of at least 16 bytes.
   * Embedders should create one with `randomDeviceSecret()`, keep it on the device and pass it on
   * every start; otherwise pseudonyms change whenever the engine is recreated.
   * @defaultValue a random secret per engine (per guard, for `createGuard`, so worker restarts keep it)
   */
  readonly deviceSecret?: string;
  /** How often pseudonyms rotate, in whole days. @defaultValue `7` (weekly) */
  readonly rotationDays?: number;
  /** Add 4-byte SHA-256 prefixes of suspicious and malicious links' URLs to reports. @defaultValue `false` */
  readonly linkHashes?: boolean;
  /** Hand each verdict's `signal` report to the outbox when one is configured. @defaultValue `true` */
  readonly queueSignals?: boolean;
  /**
   * The only reason codes reports may carry (`system.*` always may). Recommended: set it to your
   * detectors' codes. It rules out a detector that builds codes from message text, and no code is lost
   * to the echo check used without it (see `keptCodes`).
   * @defaultValue `null`: any code matching the pattern whose name does not echo the message
   */
  readonly allowedReasonCodes?: readonly string[] | null;
}

/** {@link ReportOptions} with every default filled in. */
export interface ResolvedReportOptions {
  readonly deviceSecret: string;
  readonly rotationDays: number;
  readonly linkHashes: boolean;
  readonly queueSignals: boolean;
  readonly allowedReasonCodes: readonly string[] | null;
}

/** Where reports go: an outbox, or anything with the same `enqueue`. */
export interface ReportSink {
  enqueue(report: Report): Promise<void> | void;
}

/** What the app knows about a message when the user decides, beyond the verdict. */
export interface DecisionContext {
  /** The message's conversation; used only when the verdict carries no report (nothing was flagged). */
  readonly conversationId?: string;
  /** The message's length in UTF-16 code units; required when the verdict carries no report. */
  readonly textLength?: number;
  /** The counterpart's platform account id, for `reported` and `blocked` only. Leave it out to keep it off the report. */
  readonly counterpartAccountId?: string;
  /** A message-franking commitment (see `frankMessage`), hex. */
  readonly commitment?: string;
}

/** Builds the engine's reports: a `signal` per flagged verdict, and one per user decision. */
export interface Reporter {
  readonly options: ResolvedReportOptions;
  /** The `signal` report for a flagged verdict, or `null` when nothing was flagged. */
  signal(verdict: Verdict, message: Message): Promise<Report | null>;
  /** @throws GuardError `INVALID_REPORT` for an unknown decision or a malformed context. */
  decision(verdict: Verdict, decision: Decision, context?: DecisionContext): Promise<Report>;
  readonly pseudonyms: Pseudonymizer;
}

/**
 * Fills every report default and checks the values.
 * @throws GuardError `INVALID_OPTIONS` for a bad secret or rotation.
 */
export function resolveReportOptions(options: ReportOptions = {}): ResolvedReportOptions {
  const resolved = {
    deviceSecret: options.deviceSecret ?? randomDeviceSecret(),
    rotationDays: options.rotationDays ?? 7,
    linkHashes: options.linkHashes ?? false,
    queueSignals: options.queueSignals ?? true,
    allowedReasonCodes: options.allowedReasonCodes ?? null,
  };
  const allowed = resolved.allowedReasonCodes;
  if (allowed !== null && !(Array.isArray(allowed) && allowed.every((code) => typeof code === 'string'))) {
    throw new GuardError('INVALID_OPTIONS', 'Expected reports.allowedReasonCodes to be a list of reason codes.');
  }
  for (const key of ['linkHashes', 'queueSignals'] as const) {
    if (typeof resolved[key] !== 'boolean') throw new GuardError('INVALID_OPTIONS', `Expected reports.${key} to be true or false.`);
  }
  createPseudonymizer(resolved); // checks the secret and the rotation
  return Object.freeze(resolved);
}

/** Creates the reporter an engine uses. */
export function createReporter(options: ReportOptions = {}, env: ReportEnvironment = {}): Reporter {
  const resolved = resolveReportOptions(options);
  const pseudonyms = createPseudonymizer(resolved);
  const now = env.now ?? Date.now;
  const allowed = resolved.allowedReasonCodes === null ? {} : { allowedReasonCodes: new Set(resolved.allowedReasonCodes) };

  async function linkHashes(verdict: Verdict): Promise<string[]> {
    if (!resolved.linkHashes) return [];
    const risky = verdict.links.filter((link) => link.verdict !== 'safe');
    const digests = await Promise.all(risky.map((link) => globalThis.crypto.subtle.digest('SHA-256', utf8(link.url))));
    return digests.map((digest) => toHex(new Uint8Array(digest).subarray(0, 4)));
  }

  async function fresh(verdict: Verdict, conversationId: string | undefined, length: LengthBucket) {
    const conversation = conversationId === undefined ? null : await pseudonyms.conversation(conversationId, now());
    return { conversation, length, linkHashes: await linkHashes(verdict) };
  }

  return {
    options: resolved,
    pseudonyms,
    async signal(verdict, message) {
      if (verdict.flags.length === 0) return null;
      const basis = await fresh(verdict, message.conversationId, lengthBucket(message.text.length));
      return buildReport({ verdict, kind: 'signal', decision: null, ...basis, ...allowed, text: message.text }, { ...env, now });
    },
    async decision(verdict, decision, context = {}) {
      if (!(DECISIONS as readonly unknown[]).includes(decision)) {
        throw new GuardError('INVALID_REPORT', `Expected the decision to be one of ${DECISIONS.join(', ')}.`);
      }
      const signal = verdict.report === null ? null : validateReport(verdict.report);
      let basis;
      if (signal) {
        // The signal's codes were checked against the text, which is not at hand any more.
        const codes = { reasons: signal.reasons, linkReasons: signal.links.reasons };
        basis = { conversation: signal.conversation, length: signal.length, linkHashes: signal.links.hashes ?? [], relatesTo: signal.id, ...codes };
      } else {
        if (verdict.flags.length > 0) throw new GuardError('INVALID_REPORT', 'Expected a flagged verdict to carry its report, as the engine makes it.');
        const { textLength } = context;
        if (typeof textLength !== 'number' || !(textLength >= 0)) {
          throw new GuardError('INVALID_REPORT', 'Expected context.textLength (the message length) for a verdict that carries no report.');
        }
        // Nothing was flagged, so only engine-level codes apply; detector codes cannot be checked against the text here.
        const reasons = verdict.reasons.map((reason) => reason.code).filter((code) => code.startsWith('system.'));
        basis = { ...(await fresh(verdict, context.conversationId, lengthBucket(textLength))), reasons, linkReasons: [] };
      }
      const kind = kindForDecision(decision);
      const counterpart = kind === 'signal' ? undefined : context.counterpartAccountId;
      return buildReport(
        {
          ...allowed,
          verdict,
          kind,
          decision,
          ...basis,
          ...(counterpart === undefined ? {} : { counterpart }),
          ...(context.commitment === undefined ? {} : { commitment: context.commitment }),
        },
        { ...env, now },
      );
    },
  };
}
