import { proxy, releaseProxy, wrap, type Endpoint, type Remote } from 'comlink';
import { GuardError, isGuardError } from '../engine/errors.js';
import type { WorkerApi, WorkerConfig, WorkerProgressListener } from './api.js';
import { installErrorTransfer } from './error-transfer.js';

/** A started worker, whatever the platform: a web Worker or a worker_threads Worker. */
export interface WorkerHandle {
  readonly endpoint: Endpoint;
  /** Calls back once if the worker dies or throws outside a call. */
  onCrash(callback: (cause: unknown) => void): void;
  terminate(): void;
}

/** Starts a fresh worker. Called again after a crash. */
export type WorkerFactory = () => WorkerHandle;

interface Session {
  readonly handle: WorkerHandle;
  readonly remote: Remote<WorkerApi>;
  /** Rejects when the worker dies, so calls in flight do not hang forever. */
  readonly ended: Promise<never>;
  readonly initialised: Promise<void>;
  end(error: GuardError): void;
}

/**
 * Owns the worker's lifecycle: starts it on first use, rejects calls in
 * flight with `WORKER_CRASHED` when it dies, and starts a new one on the
 * next call. Settings are resent on every start, so a restart keeps them.
 */
export class WorkerHost {
  #session: Session | undefined;
  #disposed = false;
  readonly #factory: WorkerFactory;
  readonly #config: () => WorkerConfig;
  readonly #onProgress: WorkerProgressListener | undefined;

  constructor(factory: WorkerFactory, config: () => WorkerConfig, onProgress?: WorkerProgressListener) {
    installErrorTransfer();
    this.#factory = factory;
    this.#config = config;
    this.#onProgress = onProgress;
  }

  /** Runs `call` against the worker, restarting it first if it died. */
  async call<T>(call: (remote: Remote<WorkerApi>) => Promise<T>): Promise<T> {
    if (this.#disposed) throw new GuardError('DISPOSED', 'This guard was disposed; create a new one.');
    const session = (this.#session ??= this.#start());
    return Promise.race([session.initialised.then(() => call(session.remote)), session.ended]);
  }

  /** Terminates the worker; calls in flight reject with `DISPOSED`. Idempotent. */
  dispose(): void {
    this.#disposed = true;
    this.#session?.end(new GuardError('DISPOSED', 'The guard was disposed while this check was running.'));
  }

  #start(): Session {
    let handle: WorkerHandle;
    try {
      handle = this.#factory();
    } catch (cause) {
      throw new GuardError('WORKER_START_FAILED', 'The ChatGuard worker could not be started.', { cause });
    }
    const remote = wrap<WorkerApi>(handle.endpoint);
    let rejectEnded!: (error: GuardError) => void;
    const ended = new Promise<never>((_, reject) => (rejectEnded = reject));
    ended.catch(() => undefined); // observed by callers through race(); avoid an unhandled rejection when idle
    let finished = false;
    const session: Session = {
      handle,
      remote,
      ended,
      initialised: Promise.resolve(remote.init(this.#config(), this.#onProgress ? proxy(this.#onProgress) : undefined)),
      end: (error) => {
        if (finished) return;
        finished = true;
        if (this.#session === session) this.#session = undefined;
        rejectEnded(error);
        // A dead worker never answers the release message, so do not wait for it.
        void Promise.resolve().then(() => remote[releaseProxy]()).catch(() => undefined);
        handle.terminate();
      },
    };
    session.initialised.catch((cause: unknown) =>
      session.end(isGuardError(cause) ? cause : new GuardError('WORKER_START_FAILED', 'The ChatGuard worker failed to initialise.', { cause })),
    );
    handle.onCrash((cause) =>
      session.end(new GuardError('WORKER_CRASHED', 'The ChatGuard worker stopped unexpectedly; the next check restarts it.', { cause })),
    );
    return session;
  }
}
