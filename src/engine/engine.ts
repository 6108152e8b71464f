import { LABELS, zeroScores, type Label, type LabelScores } from './labels.js';
import { GuardError, isGuardError } from './errors.js';
import { analysisWindow, validateMessage, type Direction, type ImageAttachment, type Message } from './message.js';
import type { Detector, DetectorResult, Reason } from './detector.js';
import { registerDetectors, type RegisteredDetector } from './registry.js';
import { decide, resolvePolicy, type PolicyOptions, type ResolvedPolicy } from './policy.js';
import type { Profile } from './policy-table.js';
import { LABEL_EXPLANATIONS } from './explanations.js';
import { SYSTEM_REASONS, type LinkVerdict, type Verdict } from './verdict.js';
import { declaredReasonCodes } from './reason-allow-list.js';
import { createReporter, type DecisionContext, type ReportOptions, type ReportSink } from '../reports/reporter.js';
import type { Decision, Report } from '../reports/schema.js';
import { createConversationModel, type ConversationOptions, type ConversationOutcome } from '../conversation/conversation-model.js';
import type { OrtEnvOptions } from '../runtime/ort-env.js';
import type { TextModelConfig } from '../transformers/config.js';
import { resolveTextModels } from '../transformers/config.js';
import { createHfTextModel, type HfTextModel } from '../transformers/text-model.js';
import { cascadeModel, runCascade, type CascadeModel, type SkippedModel } from '../transformers/cascade.js';
import type { ProgressListener } from '../transformers/model-files.js';

/** Options for {@link createEngine}. */
export interface EngineOptions extends PolicyOptions {
  /** The detectors to run. @defaultValue none: pass `defaultDetectors()` for ChatGuard's own. */
  readonly detectors?: readonly Detector[];
  /** How reports are made: the device secret behind pseudonyms, rotation, link hashes. @defaultValue see `ReportOptions` */
  readonly reports?: ReportOptions;
  /** Where reports go (an outbox). Signals are queued at check time unless `reports.queueSignals` is false. @defaultValue none: reports are only returned */
  readonly outbox?: ReportSink;
  /**
   * Conversation-level risk (grooming, sextortion and scam progressions across messages of one
   * `conversationId`): bounds, decay, clock and an optional storage adapter; `false` turns it off.
   * @defaultValue on, with state in memory (see `ConversationOptions`)
   */
  readonly conversation?: ConversationOptions | false;
  /**
   * Hugging Face text-classification models run by transformers.js behind the fast detectors (see
   * "Pluggable Hugging Face models" in the README): configurations, or models made with `createHfTextModel`.
   * @defaultValue none: `@huggingface/transformers` is never imported
   */
  readonly textModels?: readonly (TextModelConfig | HfTextModel)[];
  /** Hears `textModels` load progress. @defaultValue none */
  readonly onProgress?: ProgressListener;
  /** onnxruntime settings for `textModels` (ChatGuard's own detectors take theirs from `defaultDetectors`). @defaultValue see `OrtEnvOptions` */
  readonly ort?: OrtEnvOptions;
}

/** The guard's in-process core: validates messages, runs detectors, applies the policy. */
export interface Engine {
  /** Checks a message after it was decrypted. @throws GuardError `INVALID_MESSAGE`, `MODEL_LOAD_FAILED`, `DISPOSED`. */
  checkIncoming(message: Message): Promise<Verdict>;
  /** Checks a message before it is encrypted and sent. @throws like `checkIncoming`. */
  checkOutgoing(message: Message): Promise<Verdict>;
  /**
   * Checks one image on its own, as a message with no text: a shortcut for a message whose only content is the image.
   * @throws GuardError `INVALID_IMAGE` for truncated, oversized or non-image input, and like `checkIncoming`.
   */
  checkImage(image: ImageAttachment, context?: ImageContext): Promise<Verdict>;
  /** Loads every detector. Checks call it themselves; call it early to warm up. */
  ready(): Promise<void>;
  setProfile(profile: Profile): void;
  /** Marks a sender as trusted (or not) by the user. */
  setTrustedContact(senderId: string, trusted: boolean): void;
  /**
   * Records what the user did about a verdict: `reported` and `blocked` make a `user_report` /
   * `user_block`, the rest a `signal` follow-up. The report goes to the outbox when one is configured.
   * @throws GuardError `INVALID_REPORT` (bad decision or context), `OUTBOX_FULL`, `STORAGE_FAILED`, `DISPOSED`.
   */
  recordDecision(verdict: Verdict, decision: Decision, context?: DecisionContext): Promise<Report>;
  /**
   * Forgets a conversation's stage history, in memory and in the conversation storage (for when the
   * user deletes the chat or blocks the sender).
   * @throws GuardError `INVALID_OPTIONS` for a non-string id, `STORAGE_FAILED` from the storage.
   */
  forgetConversation(conversationId: string): Promise<void>;
  dispose(): void;
}

/** Where an image checked with `checkImage` comes from. @defaultValue direction `'incoming'` */
export type ImageContext = Omit<Message, 'text' | 'attachments'> & { readonly direction?: Direction };

function isHfTextModel(value: unknown): value is HfTextModel {
  return typeof value === 'object' && value !== null && typeof (value as HfTextModel).classify === 'function' && typeof (value as HfTextModel).load === 'function';
}

/** Builds the cascade's models; configurations are all checked before any is built. */
function buildTextModels(options: EngineOptions): readonly CascadeModel[] {
  const entries = options.textModels ?? [];
  if (!Array.isArray(entries)) resolveTextModels(entries); // throws INVALID_OPTIONS with the usual message
  const configs = resolveTextModels(entries.filter((entry) => !isHfTextModel(entry)));
  let next = 0;
  const models = entries.map((entry) =>
    isHfTextModel(entry)
      ? entry
      : createHfTextModel(configs[next++]!, {
          ...(options.ort === undefined ? {} : { ort: options.ort }),
          ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        }),
  );
  const ids = new Set<string>();
  for (const model of models) {
    if (ids.has(model.detectorId)) throw new GuardError('INVALID_OPTIONS', `textModels has two models with the id "${model.config.id}".`);
    ids.add(model.detectorId);
  }
  return models.map((model, index) => cascadeModel(model, { owned: !isHfTextModel(entries[index]) }));
}

/** A detector's outcome for one message, or its failure. */
type Outcome = { readonly detector: Detector; readonly result?: DetectorResult; readonly failed?: true };

/**
 * Creates an engine that runs in the current thread (Node, tests, the CLI, and inside the worker).
 * @throws GuardError `INVALID_OPTIONS` or `INVALID_DETECTOR` for bad options.
 * @example
 * const engine = createEngine({ profile: 'teen', detectors: defaultDetectors() });
 * const verdict = await engine.checkIncoming({ text: 'hi!' });
 */
export function createEngine(options: EngineOptions = {}): Engine {
  let policy: ResolvedPolicy = resolvePolicy(options);
  const registered = registerDetectors(options.detectors ?? []);
  const textModels = buildTextModels(options);
  if (textModels.some((entry) => registered.some((r) => r.detector.id === entry.detector.id))) {
    throw new GuardError('INVALID_OPTIONS', 'A text model has the same id as a detector.');
  }
  const trusted = new Set<string>(options.trustedContacts ?? []);
  // Detectors that declare their codes give reports an exact allow-list; the embedder's own list still wins.
  const declared = options.reports?.allowedReasonCodes ? undefined : declaredReasonCodes([...registered.map((entry) => entry.detector), ...textModels.map((entry) => entry.detector)]);
  const reporter = createReporter(declared ? { ...options.reports, allowedReasonCodes: declared } : options.reports);
  const conversations = options.conversation === false ? undefined : createConversationModel(options.conversation);
  let disposed = false;

  async function ready(): Promise<void> {
    if (disposed) throw new GuardError('DISPOSED', 'This guard was disposed; create a new one.');
    try {
      await Promise.all([...registered.map((entry) => entry.ensureLoaded()), ...textModels.map((entry) => entry.model.load())]);
    } catch (error) {
      if (isGuardError(error)) throw error;
      throw new GuardError('MODEL_LOAD_FAILED', 'A detector failed to load; the next check will retry.', { cause: error });
    }
  }

  /** The detectors' loads; configured models load in the background and are skipped until ready. */
  async function loadDetectors(): Promise<void> {
    if (disposed) throw new GuardError('DISPOSED', 'This guard was disposed; create a new one.');
    try {
      await Promise.all(registered.map((entry) => entry.ensureLoaded()));
    } catch (error) {
      if (isGuardError(error)) throw error;
      throw new GuardError('MODEL_LOAD_FAILED', 'A detector failed to load; the next check will retry.', { cause: error });
    }
  }

  async function check(input: Message, direction: Direction): Promise<Verdict> {
    const message = validateMessage(input);
    // Taken before any await, so a conversation's messages are recorded in the order they were checked.
    const turn = conversations?.begin(message);
    try {
      await loadDetectors();
    } catch (error) {
      turn?.abandon();
      throw error;
    }
    const window = analysisWindow(message.text);
    const fastOutcomes = await Promise.all(
      registered.map((entry) => runDetector(entry, { message, text: window.text, direction })),
    );
    // The cascade: configured models see the fast detectors' scores and run always or only when one is uncertain.
    const cascade = textModels.length === 0 || window.text === '' ? undefined : await runCascade(textModels, window.text, fastScores(fastOutcomes), direction);
    const outcomes: Outcome[] = [...fastOutcomes, ...(cascade?.results ?? [])];
    const isTrusted = message.senderId !== undefined && trusted.has(message.senderId);
    const results = outcomes.flatMap((outcome) => (outcome.result ? [outcome.result] : []));
    const conversation = await turn?.observe({ direction, results, profile: policy.profile, thresholds: policy.thresholds, trusted: isTrusted });
    const skipped = textModels.length === 0 ? undefined : (cascade?.skipped ?? []);
    const verdict = buildVerdict(policy, message, direction, outcomes, window.truncated, isTrusted, conversation, skipped);
    const report = await reporter.signal(verdict, message);
    if (report && options.outbox && reporter.options.queueSignals) {
      // A failed queue must not cost the user their verdict; the signal is the least important report.
      await Promise.resolve(options.outbox.enqueue(report)).catch(() => undefined);
    }
    return report ? { ...verdict, report } : verdict;
  }

  return {
    checkIncoming: (message) => check(message, 'incoming'),
    checkOutgoing: (message) => check(message, 'outgoing'),
    checkImage: (image, context = {}) => {
      const { direction = 'incoming', ...rest } = context;
      return check({ ...rest, text: '', attachments: [image] }, direction);
    },
    ready,
    setProfile(profile) {
      policy = resolvePolicy({ ...options, profile });
    },
    setTrustedContact(senderId, isTrusted) {
      if (typeof senderId !== 'string' || typeof isTrusted !== 'boolean') {
        throw new GuardError('INVALID_OPTIONS', 'Expected setTrustedContact(senderId: string, trusted: boolean).');
      }
      if (isTrusted) trusted.add(senderId);
      else trusted.delete(senderId);
    },
    async recordDecision(verdict, decision, context) {
      if (disposed) throw new GuardError('DISPOSED', 'This guard was disposed; create a new one.');
      const report = await reporter.decision(verdict, decision, context);
      await options.outbox?.enqueue(report);
      return report;
    },
    async forgetConversation(conversationId) {
      if (typeof conversationId !== 'string') throw new GuardError('INVALID_OPTIONS', 'Expected forgetConversation(conversationId: string).');
      await conversations?.forget(conversationId);
    },
    dispose() {
      disposed = true;
      // Models the embedder built and passed in are theirs to dispose; the ones built from configurations are ours.
      for (const entry of textModels) if (entry.owned) void entry.model.dispose().catch(() => undefined);
    },
  };
}

async function runDetector(entry: RegisteredDetector, input: Parameters<Detector['detect']>[0]): Promise<Outcome> {
  const { detector } = entry;
  try {
    const result = await detector.detect(input);
    return hasValidScores(result) ? { detector, result } : { detector, failed: true };
  } catch {
    // One broken detector must not sink the verdict; it is reported as degraded instead.
    return { detector, failed: true };
  }
}

/** The highest fast score per label, before any configured model runs. */
function fastScores(outcomes: readonly Outcome[]): Partial<Record<Label, number>> {
  const scores: Partial<Record<Label, number>> = {};
  for (const { result } of outcomes) {
    if (!result) continue;
    for (const [label, score] of Object.entries(result.scores) as [Label, number][]) scores[label] = Math.max(scores[label] ?? 0, score);
  }
  return scores;
}

function hasValidScores(result: DetectorResult | undefined): result is DetectorResult {
  if (!result || typeof result.scores !== 'object' || !Array.isArray(result.reasons)) return false;
  return Object.values(result.scores).every((score) => typeof score === 'number' && score >= 0 && score <= 1);
}

function buildVerdict(
  policy: ResolvedPolicy,
  message: Message,
  direction: Direction,
  outcomes: readonly Outcome[],
  truncated: boolean,
  trustedSender: boolean,
  conversation?: ConversationOutcome,
  skipped?: readonly SkippedModel[],
): Verdict {
  const scores: LabelScores = zeroScores();
  const detectorReasons: Reason[] = [];
  const links: LinkVerdict[] = [];
  const versions: Record<string, string> = {};
  const systemReasons: Reason[] = [];
  for (const { detector, result } of outcomes) {
    versions[detector.id] = detector.version;
    if (!result) continue;
    for (const label of LABELS) scores[label] = Math.max(scores[label], result.scores[label] ?? 0);
    for (const reason of result.reasons) detectorReasons.push({ ...reason, detector: detector.id });
    if (result.links) links.push(...result.links);
  }
  if (conversation) {
    for (const [label, score] of Object.entries(conversation.scores) as [Label, number][]) scores[label] = Math.max(scores[label], score);
    for (const reason of conversation.reasons) detectorReasons.push({ ...reason, detector: 'conversation' });
  }
  const failed = outcomes.filter((outcome) => outcome.failed).map((outcome) => outcome.detector);
  if (failed.length > 0) {
    systemReasons.push({
      code: SYSTEM_REASONS.detectorFailed,
      message: 'Some safety checks could not run on this message, so it was only partly checked.',
    });
  }
  const imageUnchecked = (message.attachments?.length ?? 0) > 0 && !outcomes.some((o) => o.result && o.detector.labels.includes('nudity'));
  if (imageUnchecked) {
    systemReasons.push({ code: SYSTEM_REASONS.imageNotChecked, label: 'nudity', message: 'The attached image could not be checked.' });
  }
  if (truncated) {
    systemReasons.push({ code: SYSTEM_REASONS.truncated, message: 'This message is very long, so only part of it was checked.' });
  }
  if (conversation?.degraded) {
    systemReasons.push({ code: SYSTEM_REASONS.conversationUnavailable, message: 'Earlier messages of this chat could not be read back, so only recent ones were taken into account.' });
  }
  if (skipped && skipped.length > 0) {
    systemReasons.push({
      code: SYSTEM_REASONS.modelSkipped,
      message: 'An extra safety model was not ready in time, so this message was checked by the built-in checks only.',
    });
  }
  const decision = decide(policy, scores, direction, trustedSender);
  return {
    ...(message.id === undefined ? {} : { id: message.id }),
    direction,
    profile: policy.profile,
    scores,
    flags: decision.flags,
    action: decision.action,
    reasons: [...explainFlags(decision.flags, detectorReasons, direction), ...systemReasons],
    choices: decision.choices,
    help: decision.help,
    links,
    degraded: failed.length > 0 || imageUnchecked || conversation?.degraded === true || (skipped?.length ?? 0) > 0,
    truncated,
    versions,
    ...(conversation?.risk === undefined ? {} : { conversation_risk: conversation.risk }),
    ...(skipped === undefined ? {} : { skipped }),
    report: null,
  };
}

/** Keeps the detector reasons behind each flag; a flag with none gets its label's plain explanation. */
function explainFlags(flags: readonly Label[], reasons: readonly Reason[], direction: Direction): Reason[] {
  const explained: Reason[] = [];
  for (const label of flags) {
    const forLabel = reasons.filter((reason) => reason.label === label);
    explained.push(...(forLabel.length > 0 ? forLabel : [{ code: `${label}.flagged`, label, message: LABEL_EXPLANATIONS[label][direction] }]));
  }
  return explained;
}
