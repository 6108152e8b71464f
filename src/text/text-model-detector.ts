/**
 * The on-device text classifier: hashed n-gram features (`features.ts`) into a linear ONNX model
 * (`models/text-linear.onnx`, trained by `scripts/train-text.ts`) run with onnxruntime-web.
 */
import type { Detector, DetectorInput, DetectorResult, Reason } from '../engine/detector.js';
import { GuardError } from '../engine/errors.js';
import type { Label } from '../engine/labels.js';
import { readVerified, sha256Hex } from '../runtime/integrity.js';
import { findModel, readManifest } from '../runtime/manifest.js';
import { createFetchModelSource, type ModelSource } from '../runtime/model-source.js';
import type { OrtEnvOptions } from '../runtime/ort-env.js';
import { createSerialSession, type SerialSession } from '../runtime/session.js';
import { checkSparseLinearVersion, SPARSE_LINEAR_SIDECAR_VERSION, sparseLinearFeeds } from '../runtime/sparse-linear-feeds.js';
import {
  createFeatureHasher,
  storedFeatureConfig,
  usesVocabulary,
  type FeatureConfig,
  type FeatureHasher,
  type FeatureLexicon,
  type FeatureVocabulary,
  type SparseFeatures,
} from './features.js';
import { normalizeText } from './normalize.js';
import { isNode } from '../runtime/is-node.js';

/** The labels the text model scores, in the order of its output tensor. */
export const TEXT_MODEL_LABELS = ['spam', 'scam', 'harassment', 'hate', 'threat', 'sexual'] as const satisfies readonly Label[];

/** A label of the text model. */
export type TextModelLabel = (typeof TEXT_MODEL_LABELS)[number];

/** `models/text-linear.json`: everything besides the weights that inference needs, written by training. */
export interface TextModelSidecar {
  readonly format: 'chatguard-text-linear';
  readonly version: typeof SPARSE_LINEAR_SIDECAR_VERSION;
  readonly model: { readonly path: string; readonly sha256: string };
  readonly labels: readonly string[];
  readonly inputs: Readonly<Record<string, string>>;
  readonly output: string;
  readonly features: FeatureConfig;
  readonly hashing: string;
  /** Word lists the features match (see `FeatureLexicon`), when the model uses them. */
  readonly lexicon?: FeatureLexicon;
  /** Words that joined runs are split into (see `FeatureVocabulary`), when the model uses them. */
  readonly vocabulary?: FeatureVocabulary;
  /** sha256 of `normalizeText` over fixed probes when the model was trained; see {@link normalizerFingerprint}. */
  readonly normalizer_fingerprint: string;
  readonly quantization: string;
  readonly calibration: {
    readonly method: string;
    /** The validated operating point per label, on the model's probability. */
    readonly thresholds: Readonly<Record<string, number>>;
    readonly rule: string;
  };
  readonly seed: number;
  /** Probabilities computed by training in plain TypeScript for fixed strings: golden outputs for the ONNX path. */
  readonly golden?: readonly { readonly text: string; readonly probabilities: readonly number[] }[];
}

const FINGERPRINT_PROBES = [
  'Hello World',
  '  Café  Crème  ',
  'ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ',
  'zero\u200Bwidth\u200Djoin',
  'fr33 m0n3y $$$ @ccount',
  'раypal (Cyrillic а)',
  'soooooo goooood!!!',
  'f r e e  c a s h',
  'I\u2019m don\u2019t',
  '😀 emoji 👍🏽',
  'ÀÉÎÕÜ ß ﬁ ǅ',
  'W-I-N a P.R.I.Z.E',
];

/**
 * A digest of how `normalizeText` treats a fixed set of tricky strings. Training stores it in the
 * sidecar; when it no longer matches, normalisation changed and the model should be retrained.
 */
export async function normalizerFingerprint(): Promise<string> {
  const normalized = JSON.stringify(FINGERPRINT_PROBES.map((probe) => normalizeText(probe)));
  return sha256Hex(new TextEncoder().encode(normalized));
}

/**
 * Maps a probability to a score whose 0.5 is the label's validated threshold `t`: piecewise linear
 * through (0,0), (t,0.5), (1,1), so it is monotone and stays in 0..1.
 * @example calibrate(0.3, 0.3) // 0.5
 */
export function calibrate(probability: number, threshold: number): number {
  const p = Math.min(1, Math.max(0, probability));
  const t = Math.min(1 - 1e-6, Math.max(1e-6, threshold));
  return p < t ? (0.5 * p) / t : 0.5 + (0.5 * (p - t)) / (1 - t);
}

/** Options for {@link createTextModelDetector}. */
export interface TextModelDetectorOptions {
  /**
   * Base URL of the `models/` folder, served by the host (browser). Ignored when `source` is given.
   * @defaultValue the package's own `models/` folder, read from disk (Node only)
   */
  readonly modelBaseUrl?: string;
  /** Where to read model files from; overrides `modelBaseUrl`. */
  readonly source?: ModelSource;
  /** The manifest entry to load. @defaultValue `'text-linear'` */
  readonly modelId?: string;
  /** onnxruntime-web settings (wasm paths, threads), applied once per worker or process. */
  readonly ort?: OrtEnvOptions;
  /**
   * A label gets a reason when its calibrated score reaches this, so that the most protective
   * profiles, which flag below 0.5, still have an explanation.
   * @defaultValue 0.3
   */
  readonly reasonFloor?: number;
}

/** Raw and calibrated scores of one text, for evaluation and benchmarks. */
export interface TextModelScores {
  readonly probabilities: Readonly<Record<TextModelLabel, number>>;
  readonly scores: Readonly<Record<TextModelLabel, number>>;
}

/** The text model as a {@link Detector}, plus direct scoring and disposal. */
export interface TextModelDetector extends Detector {
  /** Model sha256 prefix once loaded, `'unloaded'` before. */
  readonly version: string;
  /** The sidecar, once loaded. */
  readonly sidecar: TextModelSidecar | undefined;
  /** Reads and verifies the model and sidecar, creates the session and warms it up; memoised, retried after a failure. */
  load(): Promise<void>;
  /** Scores `text` (loading first if needed). */
  score(text: string): Promise<TextModelScores>;
  /** Releases the ORT session. Idempotent; later calls reject with `DISPOSED`. */
  dispose(): Promise<void>;
}

const REASON_MESSAGES: Readonly<Record<TextModelLabel, string>> = {
  spam: 'This reads like bulk advertising or unwanted promotion.',
  scam: 'This looks like a scam: a prize, an urgent call-back or a request for personal details.',
  harassment: 'This contains insulting or abusive language.',
  hate: 'This seems to attack people for who they are.',
  threat: 'This seems to threaten violence.',
  sexual: 'This contains sexual or obscene language.',
};

interface Loaded {
  readonly session: SerialSession;
  readonly hasher: FeatureHasher;
  readonly sidecar: TextModelSidecar;
  readonly thresholds: Float64Array;
  readonly version: string;
}

function parseSidecar(bytes: Uint8Array, path: string): TextModelSidecar {
  let sidecar: TextModelSidecar;
  try {
    sidecar = JSON.parse(new TextDecoder().decode(bytes)) as TextModelSidecar;
  } catch (cause) {
    throw new GuardError('MODEL_LOAD_FAILED', `The model sidecar "${path}" is not valid JSON.`, { cause });
  }
  const labels = sidecar?.labels;
  const expected = TEXT_MODEL_LABELS.join(',');
  if (sidecar?.format !== 'chatguard-text-linear' || !Array.isArray(labels) || labels.join(',') !== expected) {
    throw new GuardError('MODEL_LOAD_FAILED', `The model sidecar "${path}" is not a text-linear sidecar for labels ${expected}.`);
  }
  checkSparseLinearVersion(sidecar.version, `The model sidecar "${path}"`, 'npm run train:text');
  for (const label of TEXT_MODEL_LABELS) {
    const t = sidecar.calibration?.thresholds?.[label];
    if (typeof t !== 'number' || !(t > 0 && t < 1)) {
      throw new GuardError('MODEL_LOAD_FAILED', `The model sidecar "${path}" lacks a threshold in (0, 1) for "${label}".`);
    }
  }
  // Without its word lists a model that was trained with them would score silently wrong.
  if ((sidecar.features?.lexiconWeight ?? 0) !== 0 && !Array.isArray(sidecar.lexicon?.groups)) {
    throw new GuardError('MODEL_LOAD_FAILED', `The model sidecar "${path}" sets features.lexiconWeight but has no lexicon.`);
  }
  if (sidecar.features && usesVocabulary(sidecar.features) && !Array.isArray(sidecar.vocabulary?.words)) {
    throw new GuardError('MODEL_LOAD_FAILED', `The model sidecar "${path}" sets features.segmentWeight or lReadingWeight but has no vocabulary.`);
  }
  return sidecar;
}

async function defaultSource(options: TextModelDetectorOptions): Promise<ModelSource> {
  if (options.source) return options.source;
  if (options.modelBaseUrl !== undefined) return createFetchModelSource(options.modelBaseUrl);
  if (isNode()) {
    const { createNodeModelSource } = await import('../runtime/node-model-source.js');
    return createNodeModelSource();
  }
  throw new GuardError('INVALID_OPTIONS', 'Expected modelBaseUrl (the URL of the served models/ folder) outside Node.');
}

/**
 * Creates the text model detector (id `text-linear`). `load()` reads the manifest, verifies the
 * model and its sidecar against their sha256, creates the ORT session and makes one warm-up run;
 * it is memoised, and a failed load is retried on the next call. Scores are calibrated so that
 * 0.5 is each label's validated threshold.
 * @throws GuardError from `load()`: `MODEL_LOAD_FAILED` (missing or unreadable files, bad manifest or sidecar), `MODEL_INTEGRITY` (sha256 mismatch).
 * @example
 * const detector = createTextModelDetector();
 * await detector.load();
 * const { scores } = await detector.detect({ text, direction: 'incoming', message: { text } });
 */
export function createTextModelDetector(options: TextModelDetectorOptions = {}): TextModelDetector {
  const modelId = options.modelId ?? 'text-linear';
  const reasonFloor = options.reasonFloor ?? 0.3;
  let loading: Promise<Loaded> | undefined;
  let loaded: Loaded | undefined;
  let disposed = false;

  async function loadOnce(): Promise<Loaded> {
    const source = await defaultSource(options);
    const entry = findModel(await readManifest(source), modelId, true);
    const sidecarFile = entry.sidecar as { path: string; sha256: string };
    const [modelBytes, sidecarBytes] = await Promise.all([
      readVerified(source, entry.path, entry.sha256),
      readVerified(source, sidecarFile.path, sidecarFile.sha256),
    ]);
    const sidecar = parseSidecar(sidecarBytes, sidecarFile.path);
    if (sidecar.model.sha256 !== entry.sha256) {
      throw new GuardError('MODEL_INTEGRITY', `The sidecar "${sidecarFile.path}" belongs to a different model than "${entry.path}".`);
    }
    const hasher = createFeatureHasher(storedFeatureConfig(sidecar.features), sidecar.lexicon, sidecar.vocabulary);
    const session = await createSerialSession(modelBytes, entry.path, options.ort);
    const result: Loaded = {
      session,
      hasher,
      sidecar,
      thresholds: Float64Array.from(TEXT_MODEL_LABELS, (label) => sidecar.calibration.thresholds[label] as number),
      version: entry.sha256.slice(0, 12),
    };
    await infer(result, hasher.hash('warm-up run'));
    if (disposed) {
      await session.dispose();
      throw new GuardError('DISPOSED', 'The text model detector was disposed while loading.');
    }
    return result;
  }

  function ensureLoaded(): Promise<Loaded> {
    if (disposed) return Promise.reject(new GuardError('DISPOSED', 'The text model detector was disposed.'));
    if (loaded) return Promise.resolve(loaded);
    loading ??= loadOnce().then(
      (result) => (loaded = result),
      (error: unknown) => {
        loading = undefined; // forget the failure so the next call retries
        throw error;
      },
    );
    return loading;
  }

  async function infer(model: Loaded, features: SparseFeatures): Promise<Float32Array> {
    const outputs = await model.session.run(sparseLinearFeeds(features.indices, features.values));
    const probabilities = outputs['probabilities'];
    if (!probabilities || !(probabilities.data instanceof Float32Array) || probabilities.data.length !== TEXT_MODEL_LABELS.length) {
      throw new GuardError('INTERNAL', 'The text model returned an unexpected output.');
    }
    return probabilities.data;
  }

  async function score(text: string): Promise<TextModelScores> {
    const model = await ensureLoaded();
    const raw = await infer(model, model.hasher.hash(text));
    const probabilities = {} as Record<TextModelLabel, number>;
    const scores = {} as Record<TextModelLabel, number>;
    TEXT_MODEL_LABELS.forEach((label, l) => {
      probabilities[label] = raw[l] as number;
      scores[label] = calibrate(raw[l] as number, model.thresholds[l] as number);
    });
    return { probabilities, scores };
  }

  async function detect(input: DetectorInput): Promise<DetectorResult> {
    const { scores } = await score(input.text);
    const reasons: Reason[] = [];
    for (const label of TEXT_MODEL_LABELS) {
      if (scores[label] >= reasonFloor) reasons.push({ code: `${label}.model`, label, message: REASON_MESSAGES[label] });
    }
    return { scores, reasons };
  }

  return Object.freeze({
    id: 'text-linear',
    get version() {
      return loaded?.version ?? 'unloaded';
    },
    get sidecar() {
      return loaded?.sidecar;
    },
    labels: TEXT_MODEL_LABELS,
    reasonCodes: TEXT_MODEL_LABELS.map((label) => `${label}.model`),
    load: async () => void (await ensureLoaded()),
    detect,
    score,
    async dispose() {
      if (disposed) return;
      disposed = true;
      const current = loaded ?? (await loading?.catch(() => undefined));
      loaded = undefined;
      await current?.session.dispose();
    },
  });
}
