// ChatGuard's one public entry. Named exports, listed one by one.
export { createGuard, webWorkerFactory } from './guard.js';
export type { Guard, GuardOptions } from './guard.js';
export { createEngine } from './engine/engine.js';
export type { Engine, EngineOptions, ImageContext } from './engine/engine.js';
export { defaultDetectors } from './default-detectors.js';
export type { DetectorConfig } from './default-detectors.js';
export { createTextModelDetector } from './text/text-model-detector.js';
export type { TextModelDetector, TextModelDetectorOptions } from './text/text-model-detector.js';
export { createPatternDetectors } from './text/patterns/index.js';
export { normalizeText } from './text/normalize.js';
export { createLinkDetector } from './links/link-detector.js';
export type { LinkDetector, LinkDetectorOptions, LinkCheck } from './links/link-detector.js';
export { createNudityDetector } from './image/nudity-detector.js';
export type { NudityDetector, NudityDetectorOptions, ImageScores } from './image/nudity-detector.js';
export { NSFW_CLASSES, nudityScore } from './image/nsfw-classes.js';
export { MAX_IMAGE_PIXELS, MAX_IMAGE_BYTES } from './image/image-input.js';
export type { OrtEnvOptions } from './runtime/ort-env.js';
export { createHfTextModel } from './transformers/text-model.js';
export type { HfTextModel, HfTextModelOptions, Classify, ClassLabelScore, TextModelState } from './transformers/text-model.js';
export { TEXT_MODEL_RUN, TEXT_MODEL_DEVICES, TEXT_MODEL_DTYPES, DEFAULT_UNCERTAINTY, DEFAULT_BUDGET_MS } from './transformers/config.js';
export type { TextModelConfig, UncertaintyBand } from './transformers/config.js';
export type { ModelProgress, ProgressListener } from './transformers/model-files.js';
export { SKIP_REASONS } from './transformers/cascade.js';
export type { SkippedModel } from './transformers/cascade.js';
export { LABELS, isLabel } from './engine/labels.js';
export type { Label, LabelScores } from './engine/labels.js';
export { GuardError, isGuardError, ERROR_CODES } from './engine/errors.js';
export type { GuardErrorCode } from './engine/errors.js';
export { MAX_ANALYSED_CHARS } from './engine/message.js';
export type { Message, Direction, ImageAttachment } from './engine/message.js';
export type { Detector, DetectorInput, DetectorResult, Reason } from './engine/detector.js';
export { PROFILES, ACTIONS, DEFAULT_THRESHOLDS, DEFAULT_ACTIONS, TRUST_RELAXED_LABELS } from './engine/policy-table.js';
export type { Profile, Action } from './engine/policy-table.js';
export { CHOICES, resolvePolicy } from './engine/policy.js';
export type { Choice, PolicyOptions, ResolvedPolicy } from './engine/policy.js';
export { LABEL_EXPLANATIONS, DEFAULT_HELP } from './engine/explanations.js';
export type { HelpResource } from './engine/explanations.js';
export { SYSTEM_REASONS } from './engine/verdict.js';
export type { Verdict, LinkVerdict } from './engine/verdict.js';
export type { WorkerFactory, WorkerHandle } from './worker/worker-host.js';
export type { WorkerConfig, WorkerConversationOptions } from './worker/api.js';
export { createStageDetector, STAGE_DETECTOR_ID } from './conversation/stage-detector.js';
export { STAGES } from './conversation/stages.js';
export type { Stage, StageHit } from './conversation/stages.js';
export { CONVERSATION_REASON_CODES } from './conversation/explain.js';
export type { ConversationOptions, ConversationRisk, ConversationStage } from './conversation/conversation-model.js';
export { createMemoryConversationStorage } from './conversation/storage.js';
export type { ConversationStorage, MemoryConversationStorage } from './conversation/storage.js';
export { createIndexedDbConversationStorage } from './conversation/storage-indexeddb.js';
export type { IndexedDbConversationStorageOptions } from './conversation/storage-indexeddb.js';
export {
  REPORT_SCHEMA_VERSION,
  REPORT_KINDS,
  REPORT_FIELDS,
  DECISIONS,
  SCORE_BUCKETS,
  LENGTH_BUCKETS,
  scoreBucket,
  lengthBucket,
} from './reports/schema.js';
export type { Report, ReportKind, Decision, ScoreBucket, LengthBucket, ReportLabel, ReportLinks } from './reports/schema.js';
export { validateReport } from './reports/validate-report.js';
export { buildReport } from './reports/build-report.js';
export type { ReportInput, ReportEnvironment } from './reports/build-report.js';
export { createReporter, resolveReportOptions } from './reports/reporter.js';
export type { Reporter, ReportOptions, ReportSink, DecisionContext } from './reports/reporter.js';
export { randomDeviceSecret, createPseudonymizer } from './reports/pseudonym.js';
export type { Pseudonymizer } from './reports/pseudonym.js';
export { frankMessage, verifyFranking } from './reports/franking.js';
export type { Franking } from './reports/franking.js';
export { createOutbox, reportDropTier } from './reports/outbox.js';
export type { Outbox, OutboxOptions, OutboxStats, FlushResult } from './reports/outbox.js';
export { createHttpTransport } from './reports/transport.js';
export type { Transport, SendOutcome, HttpTransportOptions } from './reports/transport.js';
export { createMemoryStorage } from './reports/storage.js';
export type { OutboxStorage, MemoryStorage } from './reports/storage.js';
export { createIndexedDbStorage } from './reports/storage-indexeddb.js';
export type { IndexedDbStorageOptions } from './reports/storage-indexeddb.js';
export { DEFAULT_EPSILON, estimateCounts } from './reports/ldp.js';
export {
  telemetryRecords,
  coverTelemetryRecord,
  validateTelemetry,
  estimateTelemetry,
  TELEMETRY_OUTCOMES,
} from './reports/telemetry.js';
export type { TelemetryRecord, TelemetryOptions, LabelEstimate } from './reports/telemetry.js';
