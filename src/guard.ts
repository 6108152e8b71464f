import type { ImageAttachment, Message } from './engine/message.js';
import type { ImageContext } from './engine/engine.js';
import { withTransferredAttachments } from './worker/transfer-attachments.js';
import type { Profile } from './engine/policy-table.js';
import type { Verdict } from './engine/verdict.js';
import { resolvePolicy } from './engine/policy.js';
import { GuardError } from './engine/errors.js';
import type { WorkerConfig } from './worker/api.js';
import { WorkerHost, type WorkerFactory, type WorkerHandle } from './worker/worker-host.js';
import type { Decision, Report } from './reports/schema.js';
import { randomDeviceSecret } from './reports/pseudonym.js';
import { resolveReportOptions, type DecisionContext, type ReportSink } from './reports/reporter.js';
import { resolveTextModels, type TextModelConfig } from './transformers/config.js';
import type { ProgressListener } from './transformers/model-files.js';

/** Options for {@link createGuard}. Everything but `createWorker` and `outbox` is sent to the worker. */
export interface GuardOptions extends WorkerConfig {
  /**
   * Starts the worker. Override it to host the worker file yourself or, in Node, use `createNodeGuard` from `chatguard/node`.
   * @defaultValue a module Worker on ChatGuard's bundled worker file
   */
  readonly createWorker?: WorkerFactory;
  /** Where reports go; it stays on this side of the worker. @defaultValue none: reports are only returned */
  readonly outbox?: ReportSink;
  /**
   * Move image attachments' pixel buffers (and ImageBitmaps) to the worker instead of copying them.
   * The caller's buffers are detached after the call: pass a copy if you still need the pixels.
   * @defaultValue true
   */
  readonly transferAttachments?: boolean;
  /**
   * Hears load progress of `textModels` (`initiate`, `download`, `progress` with bytes, `done` per file, then `ready`
   * or `error` per model), for a progress bar. It stays on this side of the worker; events arrive through comlink.
   * @defaultValue none
   */
  readonly onProgress?: ProgressListener;
}

/** The guard as a chat front-end uses it: the engine's methods, run in a worker. */
export interface Guard {
  /** Checks a message after it was decrypted. @throws GuardError `INVALID_MESSAGE`, `WORKER_CRASHED`, `MODEL_LOAD_FAILED`, `MODEL_INTEGRITY`, `DISPOSED`. */
  checkIncoming(message: Message): Promise<Verdict>;
  /** Checks a message before it is encrypted. @throws like `checkIncoming`. */
  checkOutgoing(message: Message): Promise<Verdict>;
  /** Checks one image as a message with no text. @throws GuardError `INVALID_IMAGE`, and like `checkIncoming`. */
  checkImage(image: ImageAttachment, context?: ImageContext): Promise<Verdict>;
  /** Starts the worker and loads every model; optional, checks do it on demand. */
  ready(): Promise<void>;
  setProfile(profile: Profile): Promise<void>;
  /** Marks a sender as trusted by the user: fewer warnings for banter, never for scams, links or grooming. */
  setTrustedContact(senderId: string, trusted: boolean): Promise<void>;
  /**
   * Records the user's decision about a verdict and queues the report (`user_report` for `reported`,
   * `user_block` for `blocked`, a `signal` follow-up otherwise) in the outbox, if one is configured.
   * @throws GuardError `INVALID_REPORT`, `OUTBOX_FULL`, `STORAGE_FAILED`, `WORKER_CRASHED`, `DISPOSED`.
   */
  recordDecision(verdict: Verdict, decision: Decision, context?: DecisionContext): Promise<Report>;
  /** Forgets a conversation's stage history in the worker and its storage (the user deleted the chat). */
  forgetConversation(conversationId: string): Promise<void>;
  /** Terminates the worker. Idempotent; later calls reject with `DISPOSED`. */
  dispose(): void;
}

/** A model folder given relative to the page, made absolute: the worker's own location is the worker script's. */
function pageRelative(model: TextModelConfig): TextModelConfig {
  const page = (globalThis as { document?: { baseURI?: string } }).document?.baseURI;
  if (page === undefined || /^[a-z][a-z0-9+.-]*:/i.test(model.from)) return model;
  return { ...model, from: new URL(model.from, page).href };
}

/** Starts ChatGuard's module worker the way bundlers recognise (`new Worker(new URL(…), { type: 'module' })`). */
export function webWorkerFactory(): WorkerHandle {
  const worker = new Worker(new URL('./worker/worker.js', import.meta.url), { type: 'module', name: 'chatguard' });
  return {
    endpoint: worker,
    onCrash(callback) {
      worker.addEventListener('error', (event) => callback(event.error ?? event.message), { once: true });
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * Creates a guard whose checks run in a web worker.
 * @throws GuardError `INVALID_OPTIONS` for an unknown profile, label or threshold, or a bad `reports` setting.
 * @example
 * const guard = createGuard({ profile: 'teen', modelBaseUrl: '/chatguard/models/' });
 * const verdict = await guard.checkIncoming({ text, senderId, conversationId });
 * if (verdict.action !== 'allow') showWarning(verdict.reasons, verdict.choices);
 */
export function createGuard(options: GuardOptions = {}): Guard {
  const { createWorker = webWorkerFactory, outbox, transferAttachments = true, onProgress, ...rawConfig } = options;
  // Checked here, so a bad configuration throws at once rather than in the worker; relative folders resolve against the page.
  resolveTextModels(rawConfig.textModels);
  const config = rawConfig.textModels === undefined ? rawConfig : { ...rawConfig, textModels: rawConfig.textModels.map(pageRelative) };
  const moved = <T extends object>(value: T, attachments: readonly ImageAttachment[] | undefined): T =>
    transferAttachments ? withTransferredAttachments(value, attachments) : value;
  // Drawn here, not in the worker, so a restarted worker keeps the same pseudonyms.
  const workerConfig = { ...config, reports: { ...config.reports, deviceSecret: config.reports?.deviceSecret ?? randomDeviceSecret() } };
  const { queueSignals } = resolveReportOptions(workerConfig.reports);
  const queued = async (verdict: Verdict): Promise<Verdict> => {
    // As in the engine: a failed queue must not cost the user their verdict.
    if (outbox && queueSignals && verdict.report) await Promise.resolve(outbox.enqueue(verdict.report)).catch(() => undefined);
    return verdict;
  };
  let profile = resolvePolicy(workerConfig).profile;
  const trusted = new Set(workerConfig.trustedContacts ?? []);
  // The worker gets the current settings on every (re)start, so a crash does not forget them.
  const host = new WorkerHost(createWorker, () => ({ ...workerConfig, profile, trustedContacts: [...trusted] }), onProgress);
  return {
    checkIncoming: (message) => host.call((remote) => remote.checkIncoming(moved(message, message?.attachments))).then(queued),
    checkOutgoing: (message) => host.call((remote) => remote.checkOutgoing(moved(message, message?.attachments))).then(queued),
    checkImage: (image, context) => host.call((remote) => remote.checkImage(moved(image, [image]), context)).then(queued),
    ready: () => host.call((remote) => remote.ready()),
    async setProfile(next) {
      profile = resolvePolicy({ ...workerConfig, profile: next }).profile;
      await host.call((remote) => remote.setProfile(next));
    },
    async setTrustedContact(senderId, isTrusted) {
      if (typeof senderId !== 'string' || typeof isTrusted !== 'boolean') {
        throw new GuardError('INVALID_OPTIONS', 'Expected setTrustedContact(senderId: string, trusted: boolean).');
      }
      if (isTrusted) trusted.add(senderId);
      else trusted.delete(senderId);
      await host.call((remote) => remote.setTrustedContact(senderId, isTrusted));
    },
    async recordDecision(verdict, decision, context) {
      const report = await host.call((remote) => remote.recordDecision(verdict, decision, context));
      await outbox?.enqueue(report);
      return report;
    },
    forgetConversation: (conversationId) => host.call((remote) => remote.forgetConversation(conversationId)),
    dispose: () => host.dispose(),
  };
}
