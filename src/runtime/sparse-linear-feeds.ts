import * as ort from '#onnxruntime';
import { GuardError } from '../engine/errors.js';
import type { Feeds } from './session.js';

/**
 * The sidecar version of the sparse linear graphs (`text-linear`, `url-linear`, written by
 * `scripts/text-training/onnx-export.ts`) whose inputs {@link sparseLinearFeeds} builds. Version 1
 * took int64 indices and summed with ReduceSum; loaders refuse it rather than feed it wrongly.
 */
export const SPARSE_LINEAR_SIDECAR_VERSION = 2;

/**
 * Refuses a sidecar of another version, which the feeds below would fail on at every message.
 * @param sidecar - how the error names the file, e.g. `The URL model sidecar "url-linear.json"`
 * @param rebuild - the command that rebuilds it
 * @throws GuardError `MODEL_LOAD_FAILED` naming both versions and `rebuild`.
 */
export function checkSparseLinearVersion(version: unknown, sidecar: string, rebuild: string): void {
  if (version === SPARSE_LINEAR_SIDECAR_VERSION) return;
  throw new GuardError('MODEL_LOAD_FAILED', `${sidecar} has version ${String(version)}; this ChatGuard runs version ${SPARSE_LINEAR_SIDECAR_VERSION} (rebuild it with ${rebuild}).`);
}

/**
 * Inputs for a sparse linear graph: `indices` int32 [N] (weight rows to gather) and `values`
 * float32 [1, N], one row, so the graph sums the gathered rows with a single MatMul. int32 rather
 * than int64 spares a BigInt64Array per call; both choices cut `npm run bench:text` inference p50
 * from about 39 to 26 µs.
 * @example
 * const { probabilities } = await session.run(sparseLinearFeeds(features.indices, features.values));
 */
export function sparseLinearFeeds(indices: Int32Array, values: Float32Array): Feeds {
  return {
    indices: new ort.Tensor('int32', indices, [indices.length]),
    values: new ort.Tensor('float32', values, [1, values.length]),
  };
}
