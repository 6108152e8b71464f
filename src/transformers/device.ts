/**
 * Which device a configured model asks transformers.js for. In browsers ChatGuard's onnxruntime is the
 * wasm-only build (`#onnxruntime` in package.json) unless the host aliases it to the default, WebGPU-capable
 * entry. transformers.js turns `auto` into WebGPU wherever the browser has `navigator.gpu`, and one failed
 * session creation makes every later one in the realm fail too (it chains them on one promise). So ChatGuard
 * asks its own onnxruntime first whether WebGPU works here, and never hands transformers.js a doomed load.
 */
import * as ort from '#onnxruntime';
import { GuardError } from '../engine/errors.js';
import { isNode } from '../runtime/is-node.js';
import { runExclusive } from '../runtime/session.js';
import type { ResolvedTextModelConfig } from './config.js';

let webGpuProbe: Promise<boolean> | undefined;

/**
 * Whether ChatGuard's onnxruntime has a WebGPU backend that initialises here. onnxruntime picks the backend
 * before it reads the model, so a one-byte "model" answers without a real one: "no available backend found"
 * means no; any other failure (the bytes are no model) means the backend started.
 */
function webGpuWorks(): Promise<boolean> {
  webGpuProbe ??= runExclusive(() => ort.InferenceSession.create(Uint8Array.of(0), { executionProviders: ['webgpu'] })).then(
    () => true,
    (error: unknown) => !/no available backend found/i.test(error instanceof Error ? error.message : String(error)),
  );
  return webGpuProbe;
}

/**
 * The transformers.js device for `model`: in Node only the CPU (onnxruntime-node), never a CUDA probe; in
 * browsers `auto` is WebGPU where it works and wasm elsewhere.
 * @param sharesOrt whether transformers.js runs on ChatGuard's onnxruntime (the documented alias); without it,
 *   transformers.js has its own WebGPU-capable onnxruntime and decides for itself.
 * @throws GuardError `MODEL_LOAD_FAILED` when the model asks for `webgpu` and ChatGuard's onnxruntime has none.
 */
export async function transformersDevice(model: ResolvedTextModelConfig, sharesOrt: boolean): Promise<string> {
  if (isNode()) return model.device === 'webgpu' ? 'webgpu' : 'cpu';
  if (model.device === 'wasm' || !sharesOrt || (await webGpuWorks())) return model.device;
  if (model.device === 'auto') return 'wasm';
  throw new GuardError(
    'MODEL_LOAD_FAILED',
    `Model "${model.id}" asks for device "webgpu", which ChatGuard's onnxruntime cannot run here: its browser build is ` +
      "onnxruntime-web's CPU-only wasm entry. Use device 'wasm' or 'auto', or alias '#onnxruntime' and " +
      "'onnxruntime-web/webgpu' to 'onnxruntime-web' in your bundler (WebGPU also needs a GPU adapter).",
  );
}
