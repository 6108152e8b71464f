/**
 * The only code that imports `@huggingface/transformers`, and only when a model is configured: a dynamic
 * `import()`, so embedders without `textModels` never load it and bundlers keep it out of the main chunk.
 *
 * transformers.js is pointed at nothing but the folders the embedder named. Its hub and CDN defaults are
 * switched off (`allowRemoteModels = false`, no browser, file-system or wasm caches), every model file it
 * asks for is answered by {@link modelCache} (a `customCache` that reads the file from the configured `from`
 * and checks its sha256), and its `fetch` refuses anything else. Its onnxruntime settings come from
 * `src/runtime/ort-env.ts`, the one place that configures ORT.
 */
import type * as Transformers from '@huggingface/transformers';
import { GuardError, isGuardError } from '../engine/errors.js';
import { configureTransformersOrt, type OrtEnvOptions } from '../runtime/ort-env.js';
import type { ResolvedTextModelConfig } from './config.js';
import { readModelFile, type ProgressListener } from './model-files.js';

/** The module as ChatGuard uses it. */
export type TransformersModule = typeof Transformers;

/**
 * The base transformers.js sees as its "local model path". `.invalid` never resolves (RFC 2606), so a request
 * that escaped {@link modelCache} could reach no one; {@link guardedFetch} refuses it anyway.
 */
export const MODEL_BASE = 'https://chatguard-models.invalid/';

/** One model being loaded: where its files are, who hears about progress, and the first failure (transformers.js swallows cache errors). */
interface Registration {
  readonly model: ResolvedTextModelConfig;
  readonly onProgress: ProgressListener | undefined;
  readonly files: Map<string, Promise<Uint8Array | undefined>>;
  failure?: unknown;
}

const registrations = new Map<string, Registration>();
let sequence = 0;
let loading: Promise<TransformersModule> | undefined;

function lookup(key: string): { registration: Registration; file: string } | undefined {
  if (!key.startsWith(MODEL_BASE)) return undefined;
  const rest = key.slice(MODEL_BASE.length);
  const slash = rest.indexOf('/');
  const registration = registrations.get(rest.slice(0, slash));
  return registration && slash > 0 ? { registration, file: rest.slice(slash + 1) } : undefined;
}

/** transformers.js's cache hook: the one place model files come from. `put` keeps nothing: files are never stored twice. */
const modelCache = {
  async match(request: string | Request): Promise<Response | undefined> {
    const found = lookup(typeof request === 'string' ? request : request.url);
    if (!found) return undefined;
    const { registration, file } = found;
    let pending = registration.files.get(file);
    if (!pending) {
      pending = readModelFile(registration.model, file, registration.onProgress);
      registration.files.set(file, pending);
    }
    try {
      const bytes = await pending;
      if (!bytes) return undefined;
      return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-length': String(bytes.byteLength) } });
    } catch (error) {
      registration.failure ??= error;
      throw error;
    }
  },
  async put(): Promise<void> {},
};

/** transformers.js's `fetch`: a missing optional model file is a 404 (or the recorded failure); anything else is refused. */
async function guardedFetch(input: string | URL): Promise<Response> {
  const url = String(input);
  const found = lookup(url);
  if (found) {
    if (found.registration.failure !== undefined) throw found.registration.failure;
    return new Response(null, { status: 404 });
  }
  throw new GuardError('MODEL_LOAD_FAILED', 'ChatGuard refused a request by transformers.js outside the configured model folders.');
}

function configureEnv(module: TransformersModule, ort: OrtEnvOptions): void {
  const { env } = module;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = MODEL_BASE;
  // Remote loading is off; the remote template still names the cache key transformers.js looks files up by, so it
  // points at the same place as the local one, and never at the Hub.
  env.remoteHost = MODEL_BASE;
  env.remotePathTemplate = '{model}/';
  env.useFS = false;
  env.useBrowserCache = false;
  env.useFSCache = false;
  env.useWasmCache = false;
  env.experimental_useCrossOriginStorage = false;
  env.useCustomCache = true;
  env.customCache = modelCache as unknown as NonNullable<typeof env.customCache>;
  env.fetch = guardedFetch;
  env.logLevel = module.LogLevel.ERROR;
  configureTransformersOrt(env.backends.onnx, ort);
}

/**
 * Imports `@huggingface/transformers` once per realm and configures it. A failed import is forgotten, so a later call retries.
 * @throws GuardError `MODEL_LOAD_FAILED` when the package is not installed or does not load.
 */
export function loadTransformers(ort: OrtEnvOptions = {}): Promise<TransformersModule> {
  loading ??= import('@huggingface/transformers')
    .then((module) => {
      configureEnv(module, ort);
      return module;
    })
    .catch((cause: unknown) => {
      loading = undefined;
      if (isGuardError(cause)) throw cause;
      throw new GuardError('MODEL_LOAD_FAILED', 'textModels needs the optional peer dependency @huggingface/transformers (^4.3), which could not be loaded.', { cause });
    });
  return loading;
}

/** True when transformers.js runs its sessions on the same onnxruntime instance as ChatGuard's own models (a bundler alias). */
export function sharesOrt(module: TransformersModule, ortEnv: object): boolean {
  return (module.env.backends.onnx as { wasm?: unknown }).wasm === (ortEnv as { wasm?: unknown }).wasm;
}

/**
 * Runs `load` with `model`'s files reachable under a fresh name in {@link MODEL_BASE}; the name is forgotten
 * afterwards. A failure that transformers.js swallowed (an integrity error inside its cache lookup) is the one thrown.
 * @throws GuardError `MODEL_INTEGRITY` or `MODEL_LOAD_FAILED`.
 */
export async function withModelFiles<T>(model: ResolvedTextModelConfig, onProgress: ProgressListener | undefined, load: (name: string) => Promise<T>): Promise<T> {
  sequence += 1;
  const name = `cg${sequence}-${model.id}`;
  const registration: Registration = { model, onProgress, files: new Map() };
  registrations.set(name, registration);
  try {
    return await load(name);
  } catch (cause) {
    const first = registration.failure ?? cause;
    if (isGuardError(first)) throw first;
    throw new GuardError('MODEL_LOAD_FAILED', `transformers.js could not load model "${model.id}" from ${model.from}.`, { cause: first });
  } finally {
    registrations.delete(name);
  }
}
