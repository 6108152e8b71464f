/**
 * The one place ChatGuard configures onnxruntime-web's global `ort.env`. It must run before the
 * first session is created: the wasm backend reads these flags once, when it initialises.
 *
 * The wasm files are always self-hosted, never fetched from a CDN: in Node they load from
 * `node_modules/onnxruntime-web/dist` (onnxruntime-web's Node build resolves them next to itself);
 * in the browser the host serves them and passes `wasmPaths`, or the bundler emits them next to
 * the worker bundle.
 */
import * as ort from '#onnxruntime';
import { GuardError } from '../engine/errors.js';
import { isNode } from './is-node.js';

/** Where the ORT wasm runtime files live and how many threads it may use. */
export interface OrtEnvOptions {
  /**
   * URL prefix of the folder holding `ort-wasm-simd-threaded.{mjs,wasm}`, or the two files' URLs.
   * Serve them from your own origin (copy them from `node_modules/onnxruntime-web/dist`).
   * @defaultValue onnxruntime-web's own `dist/` folder (Node) or the bundler's output (browser)
   */
  readonly wasmPaths?: string | { readonly wasm?: string; readonly mjs?: string };
  /**
   * Threads for the wasm backend. Only honoured when the page is cross-origin isolated (threads
   * need SharedArrayBuffer); always 1 in Node, where the models are too small to gain from more.
   * @defaultValue 1
   */
  readonly numThreads?: number;
}

let applied: string | undefined;
let appliedOptions: OrtEnvOptions | undefined;

function threadsFor(requested: number | undefined): number {
  if (requested === undefined || isNode()) return 1;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new GuardError('INVALID_OPTIONS', `Expected numThreads to be a positive integer, got ${String(requested)}.`);
  }
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return isolated ? requested : 1;
}

/**
 * Applies {@link OrtEnvOptions} to `ort.env` once per realm (worker or process). Calling it again
 * with the same options is a no-op; different options after the first call cannot take effect
 * and are rejected.
 * @throws GuardError `INVALID_OPTIONS` for a bad `numThreads` or conflicting options on a later call.
 * @example
 * configureOrt({ wasmPaths: '/assets/ort/' });
 */
export function configureOrt(options: OrtEnvOptions = {}): void {
  const numThreads = threadsFor(options.numThreads);
  const key = JSON.stringify({ wasmPaths: options.wasmPaths ?? null, numThreads });
  if (applied !== undefined) {
    if (applied === key) return;
    throw new GuardError(
      'INVALID_OPTIONS',
      `onnxruntime is already configured with ${applied}; it can be configured once per worker or process, got ${key}.`,
    );
  }
  ort.env.wasm.numThreads = numThreads;
  ort.env.wasm.proxy = false; // ChatGuard already runs in a worker
  if (options.wasmPaths !== undefined) {
    ort.env.wasm.wasmPaths =
      typeof options.wasmPaths === 'string' ? options.wasmPaths : { ...options.wasmPaths };
  }
  ort.env.logLevel = 'error';
  applied = key;
  appliedOptions = { ...options };
}

/** The part of an onnxruntime `env` that {@link configureTransformersOrt} sets. */
interface OnnxEnvLike {
  wasm?: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean };
}

/**
 * Applies the same {@link OrtEnvOptions} to the onnxruntime instance transformers.js uses
 * (`transformers.env.backends.onnx`). transformers.js points `wasmPaths` at jsDelivr when it is imported
 * with none set; ChatGuard never fetches from a CDN, so the paths are always overwritten: with the
 * self-hosted ones when given, otherwise cleared, so onnxruntime resolves its files next to its own module.
 * In Node transformers.js runs on onnxruntime-node, where these wasm settings do nothing.
 * @throws GuardError `INVALID_OPTIONS` like {@link configureOrt}.
 */
export function configureTransformersOrt(onnxEnv: OnnxEnvLike | undefined, given: OrtEnvOptions = {}): void {
  // No settings of its own: a model follows the ones ChatGuard's detectors were already given in this realm.
  const options = given.wasmPaths === undefined && given.numThreads === undefined && appliedOptions ? appliedOptions : given;
  configureOrt(options);
  const wasm = onnxEnv?.wasm;
  if (!wasm) return;
  if (options.wasmPaths === undefined) delete wasm.wasmPaths;
  else wasm.wasmPaths = typeof options.wasmPaths === 'string' ? options.wasmPaths : { ...options.wasmPaths };
  wasm.numThreads = threadsFor(options.numThreads);
  wasm.proxy = false; // ChatGuard already runs in a worker
}
