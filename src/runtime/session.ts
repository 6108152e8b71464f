import * as ort from '#onnxruntime';
import { GuardError } from '../engine/errors.js';
import { configureOrt, type OrtEnvOptions } from './ort-env.js';

/** Named input tensors for one run. */
export type Feeds = Record<string, ort.Tensor>;
/** Named output tensors of one run. */
export type Results = Record<string, ort.Tensor>;

/**
 * One ONNX Runtime session whose runs are serialised through a promise chain shared by every
 * session in this realm: in a browser worker the wasm backend rejects a `run()` while any other
 * session's run is in flight ("Session already started"), and the engine runs detectors in parallel.
 */
export interface SerialSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /**
   * Queues a run after the ones already queued; a failed run does not block later ones.
   * @throws GuardError `DISPOSED` after {@link SerialSession.dispose}.
   */
  run(feeds: Feeds): Promise<Results>;
  /** Waits for queued runs, then releases the session. Idempotent. */
  dispose(): Promise<void>;
}

// The last run queued in this worker or process, across all sessions.
let realmTail: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` after every run already queued in this realm. Exported for transformers.js pipelines that share
 * this onnxruntime instance (src/transformers/text-model.ts).
 */
export function runExclusive<T>(work: () => Promise<T>): Promise<T> {
  return exclusive(work);
}

function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const result = realmTail.then(work);
  realmTail = result.catch(() => undefined);
  return result;
}

/**
 * Configures ORT (once, see {@link configureOrt}) and creates a wasm CPU session from model bytes.
 * @throws GuardError `MODEL_LOAD_FAILED` naming `name` when ORT cannot load the model.
 * @example
 * const session = await createSerialSession(bytes, 'text-linear.onnx');
 * const { probabilities } = await session.run({ indices, values });
 */
export async function createSerialSession(bytes: Uint8Array, name: string, env: OrtEnvOptions = {}): Promise<SerialSession> {
  configureOrt(env);
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
      enableCpuMemArena: true,
    });
  } catch (cause) {
    throw new GuardError('MODEL_LOAD_FAILED', `onnxruntime could not load "${name}".`, { cause });
  }
  let tail: Promise<unknown> = Promise.resolve();
  let disposed = false;
  return Object.freeze({
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    run(feeds: Feeds): Promise<Results> {
      if (disposed) return Promise.reject(new GuardError('DISPOSED', `The session for "${name}" was disposed.`));
      const result = exclusive(() => session.run(feeds) as Promise<Results>);
      tail = result.catch(() => undefined);
      return result;
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      await tail;
      await session.release();
    },
  });
}
