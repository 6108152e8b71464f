/**
 * The lexical URL model (`models/url-linear.onnx`, trained by `scripts/train-urls.ts`): features
 * from `url-features.ts` into a logistic regression run with onnxruntime-web through the shared
 * runtime (`src/runtime/`), which verifies every file against the manifest and serialises runs.
 */
import { GuardError } from '../engine/errors.js';
import { readVerified } from '../runtime/integrity.js';
import type { ManifestEntry } from '../runtime/manifest.js';
import type { ModelSource } from '../runtime/model-source.js';
import type { OrtEnvOptions } from '../runtime/ort-env.js';
import { createSerialSession, type SerialSession } from '../runtime/session.js';
import { checkSparseLinearVersion, SPARSE_LINEAR_SIDECAR_VERSION, sparseLinearFeeds } from '../runtime/sparse-linear-feeds.js';
import type { LinkLists } from './lists.js';
import type { UrlFacts } from './url-facts.js';
import { createUrlFeaturizer, DENSE_FEATURE_NAMES, type UrlFeatureConfig, type UrlFeaturizer } from './url-features.js';

/** The manifest id of the URL model. */
export const URL_MODEL_ID = 'url-linear';

/** `models/url-linear.json`: what inference needs besides the weights. */
export interface UrlModelSidecar {
  readonly format: 'chatguard-url-linear';
  readonly version: typeof SPARSE_LINEAR_SIDECAR_VERSION;
  readonly model: { readonly path: string; readonly sha256: string };
  readonly inputs: Readonly<Record<string, string>>;
  readonly output: string;
  readonly features: UrlFeatureConfig;
  readonly dense_features: readonly string[];
  readonly dense_slots: number;
  /** sha256 of the top-site list, shortener list and brand table the model was trained with. */
  readonly lists_fingerprint: string;
  readonly quantization: string;
  readonly calibration: { readonly suspicious: number; readonly malicious: number; readonly rule: string };
  readonly seed: number;
}

/** A loaded URL model. */
export interface UrlModel {
  /** Model sha256 prefix. */
  readonly version: string;
  readonly sidecar: UrlModelSidecar;
  /** The raw probability that `facts` is a phishing URL. */
  probability(facts: UrlFacts): Promise<number>;
  /** {@link calibrateUrlScore} of the probability. */
  score(facts: UrlFacts): Promise<number>;
  dispose(): Promise<void>;
}

/**
 * Maps a model probability to a link score: piecewise linear through (0,0), (suspicious,0.5),
 * (malicious,0.85), (1,1), so 0.5 is the validated operating point and 0.85 the malicious one.
 *
 * @example calibrateUrlScore(0.9, { suspicious: 0.9, malicious: 0.99 }) // 0.5
 */
export function calibrateUrlScore(probability: number, thresholds: { readonly suspicious: number; readonly malicious: number }): number {
  const p = Math.min(1, Math.max(0, Number.isFinite(probability) ? probability : 0));
  const s = Math.min(1 - 2e-6, Math.max(1e-6, thresholds.suspicious));
  const m = Math.min(1 - 1e-6, Math.max(s + 1e-6, thresholds.malicious));
  if (p < s) return (0.5 * p) / s;
  if (p < m) return 0.5 + (0.35 * (p - s)) / (m - s);
  return 0.85 + (0.15 * (p - m)) / (1 - m);
}


function parseSidecar(bytes: Uint8Array, path: string): UrlModelSidecar {
  let sidecar: UrlModelSidecar;
  try {
    sidecar = JSON.parse(new TextDecoder().decode(bytes)) as UrlModelSidecar;
  } catch (cause) {
    throw new GuardError('MODEL_LOAD_FAILED', `The URL model sidecar "${path}" is not valid JSON.`, { cause });
  }
  const { suspicious, malicious } = sidecar?.calibration ?? {};
  if (
    sidecar?.format !== 'chatguard-url-linear' ||
    typeof suspicious !== 'number' ||
    typeof malicious !== 'number' ||
    !(suspicious > 0 && suspicious <= malicious && malicious < 1) ||
    sidecar.dense_features?.join(',') !== DENSE_FEATURE_NAMES.join(',')
  ) {
    throw new GuardError('MODEL_LOAD_FAILED', `The URL model sidecar "${path}" is not a url-linear sidecar this version can use.`);
  }
  checkSparseLinearVersion(sidecar.version, `The URL model sidecar "${path}"`, 'npm run train:urls');
  return sidecar;
}

/**
 * Loads the URL model named by `entry` from `source`, verifying model and sidecar against the
 * manifest, and makes one warm-up run.
 *
 * @throws GuardError `MODEL_LOAD_FAILED` (unreadable or malformed files), `MODEL_INTEGRITY` (sha256 mismatch).
 */
export async function loadUrlModel(source: ModelSource, entry: ManifestEntry, lists: LinkLists, ortOptions: OrtEnvOptions = {}): Promise<UrlModel> {
  if (!entry.sidecar) throw new GuardError('MODEL_LOAD_FAILED', `The manifest entry "${entry.id}" lacks its sidecar.`);
  const [modelBytes, sidecarBytes] = await Promise.all([
    readVerified(source, entry.path, entry.sha256),
    readVerified(source, entry.sidecar.path, entry.sidecar.sha256),
  ]);
  const sidecar = parseSidecar(sidecarBytes, entry.sidecar.path);
  const featurizer: UrlFeaturizer = createUrlFeaturizer(lists, sidecar.features);
  const session: SerialSession = await createSerialSession(modelBytes, entry.path, ortOptions);
  const probability = async (facts: UrlFacts): Promise<number> => {
    const { indices, values } = featurizer.featurize(facts);
    if (indices.length === 0) return 0;
    const results = await session.run(sparseLinearFeeds(indices, values));
    const output = results['probabilities']?.data as Float32Array | undefined;
    const p = output?.[0];
    if (typeof p !== 'number' || !Number.isFinite(p)) throw new GuardError('INTERNAL', 'The URL model returned no probability.');
    return p;
  };
  const model: UrlModel = Object.freeze({
    version: entry.sha256.slice(0, 12),
    sidecar,
    probability,
    score: async (facts: UrlFacts) => calibrateUrlScore(await probability(facts), sidecar.calibration),
    dispose: () => session.dispose(),
  });
  return model;
}
