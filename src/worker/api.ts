import { createEngine, type Engine, type ImageContext } from '../engine/engine.js';
import { GuardError } from '../engine/errors.js';
import type { ImageAttachment, Message } from '../engine/message.js';
import type { Profile } from '../engine/policy-table.js';
import type { Verdict } from '../engine/verdict.js';
import { defaultDetectors, type DetectorConfig } from '../default-detectors.js';
import type { PolicyOptions } from '../engine/policy.js';
import type { DecisionContext, ReportOptions } from '../reports/reporter.js';
import type { Decision, Report } from '../reports/schema.js';
import type { ConversationOptions } from '../conversation/conversation-model.js';
import { createIndexedDbConversationStorage } from '../conversation/storage-indexeddb.js';
import type { TextModelConfig } from '../transformers/config.js';
import type { ModelProgress } from '../transformers/model-files.js';

/**
 * The conversation model's settings as they cross the worker boundary: its storage is named, not passed.
 * `storage: 'indexeddb'` keeps conversation state (stage codes, times, message ids; never text) across
 * reloads and worker restarts, in the worker's IndexedDB database `database`.
 */
export interface WorkerConversationOptions extends Omit<ConversationOptions, 'storage' | 'now'> {
  /** @defaultValue `'memory'`: state is lost when the worker stops */
  readonly storage?: 'memory' | 'indexeddb';
  /** @defaultValue `'chatguard-conversations'` */
  readonly database?: string;
}

/** Everything the worker needs to build its engine. It crosses the worker boundary, so it must be structured-cloneable. */
export interface WorkerConfig extends PolicyOptions, DetectorConfig {
  /** Report settings; see `ReportOptions`. The outbox itself stays on the page. */
  readonly reports?: ReportOptions;
  /** Conversation-level risk; `false` turns it off. @defaultValue on, in memory */
  readonly conversation?: WorkerConversationOptions | false;
  /** Hugging Face models run by transformers.js in the worker, behind the fast detectors. @defaultValue none */
  readonly textModels?: readonly TextModelConfig[];
}

/** Receives model load progress from the worker (a comlink proxy of the page's `onProgress`). */
export type WorkerProgressListener = (event: ModelProgress) => unknown;

/** What the worker exposes. A plain object, so tests can drive it without a worker. */
export interface WorkerApi {
  init(config: WorkerConfig, onProgress?: WorkerProgressListener): void;
  ready(): Promise<void>;
  checkIncoming(message: Message): Promise<Verdict>;
  checkOutgoing(message: Message): Promise<Verdict>;
  checkImage(image: ImageAttachment, context?: ImageContext): Promise<Verdict>;
  setProfile(profile: Profile): void;
  setTrustedContact(senderId: string, trusted: boolean): void;
  recordDecision(verdict: Verdict, decision: Decision, context?: DecisionContext): Promise<Report>;
  forgetConversation(conversationId: string): Promise<void>;
}

/** Builds the worker's API around one engine, created by `init`. */
export function createWorkerApi(): WorkerApi {
  let engine: Engine | undefined;
  const requireEngine = (): Engine => {
    if (!engine) throw new GuardError('INTERNAL', 'The worker was called before init(); createGuard() does this for you.');
    return engine;
  };
  return {
    init(config, onProgress) {
      engine?.dispose();
      const { conversation, ...rest } = config;
      engine = createEngine({
        ...rest,
        detectors: defaultDetectors(config),
        conversation: engineConversation(conversation),
        // Across the worker boundary the listener is a comlink proxy: each event is a message, and a page that went away must not fail a load.
        ...(onProgress ? { onProgress: (event: ModelProgress) => void Promise.resolve(onProgress(event)).catch(() => undefined) } : {}),
      });
    },
    ready: () => requireEngine().ready(),
    checkIncoming: (message) => requireEngine().checkIncoming(message),
    checkOutgoing: (message) => requireEngine().checkOutgoing(message),
    checkImage: (image, context) => requireEngine().checkImage(image, context),
    setProfile: (profile) => requireEngine().setProfile(profile),
    setTrustedContact: (senderId, trusted) => requireEngine().setTrustedContact(senderId, trusted),
    recordDecision: (verdict, decision, context) => requireEngine().recordDecision(verdict, decision, context),
    forgetConversation: (conversationId) => requireEngine().forgetConversation(conversationId),
  };
}

/** The engine's conversation options for the worker's: the named storage opened here, in the worker. */
function engineConversation(options: WorkerConversationOptions | false | undefined): ConversationOptions | false {
  if (options === false || options === undefined) return options ?? {};
  const { storage, database, ...rest } = options;
  if (storage === undefined || storage === 'memory') return rest;
  if (storage !== 'indexeddb') throw new GuardError('INVALID_OPTIONS', 'Expected conversation.storage to be "memory" or "indexeddb".');
  return { ...rest, storage: createIndexedDbConversationStorage(database === undefined ? {} : { database }) };
}
