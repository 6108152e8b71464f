/**
 * Trains ChatGuard's lexical URL model and writes it as ONNX: `models/url-linear.onnx`, its
 * sidecar `models/url-linear.json`, an entry in `models/manifest.json` and attributions in
 * `models/NOTICE`.
 *
 *   npm run train:urls -- [--data DIR] [--out DIR] [--seed N] [--tune]
 *
 * Logistic regression over `src/links/url-features.ts` (hashed character n-grams and tokens of
 * host and path, plus the heuristic findings as dense features), trained with seeded Adagrad and
 * L2 on the training split of `labeled-train.jsonl` (80%, by SHA-256 of the URL, see
 * `urlSplit`). The validation split only sets the two thresholds the detector calibrates to (the
 * suspicious one at a 1% false-positive rate, the malicious one at 0.1%) and measures the model.
 * `--tune` compares settings on a development split carved out of training and exits.
 * Run `npm run build:blocklist` first: the features read the lists it writes. Deterministic.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BRAND_TABLE } from '../src/links/brands-data.js';
import { createLinkLists, type LinkLists } from '../src/links/lists.js';
import { analyzeUrl } from '../src/links/url-facts.js';
import {
  createUrlFeaturizer,
  DEFAULT_URL_FEATURE_CONFIG,
  DENSE_FEATURE_NAMES,
  DENSE_FEATURES,
  type UrlFeatureConfig,
  type UrlSparseFeatures,
} from '../src/links/url-features.js';
import { URL_MODEL_ID, type UrlModelSidecar } from '../src/links/url-model.js';
import { SPARSE_LINEAR_SIDECAR_VERSION } from '../src/runtime/sparse-linear-feeds.js';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_MODELS_DIR,
  readLabeled,
  sha256Hex,
  SOURCES,
  urlSplit,
  type LabeledUrl,
} from './build-blocklist.js';
import { appendNotice, writeManifestEntry } from './lib/model-records.js';
import { binaryMetrics, buildLinearModel, curves } from './train-text.js';
import { mulberry32 } from './lib/mulberry32.js';

export const DEFAULT_SEED = 20240917;

/** Training settings, compared with `--tune` on the development split. */
export const URL_TRAINING_SETTINGS = Object.freeze({ epochs: 8, learningRate: 0.2, l2: 1e-6 });
type Settings = typeof URL_TRAINING_SETTINGS;

/** Validation false-positive rates the two thresholds are set at. */
export const SUSPICIOUS_FPR = 0.01;
export const MALICIOUS_FPR = 0.001;

/** Float weights and bias of the logistic regression. */
export interface UrlLinearWeights {
  readonly weights: Float64Array;
  bias: number;
}

/** Seeded Adagrad on the logistic loss with L2. */
export function trainLinear(features: readonly UrlSparseFeatures[], targets: readonly number[], buckets: number, settings: Settings, seed: number): UrlLinearWeights {
  const weights = new Float64Array(buckets);
  const squares = new Float64Array(buckets);
  let bias = 0;
  let biasSquare = 0;
  const order = Array.from(features, (_, i) => i);
  const random = mulberry32(seed);
  const epsilon = 1e-8;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const n of order) {
      const { indices, values } = features[n] as UrlSparseFeatures;
      let z = bias;
      for (let k = 0; k < indices.length; k++) z += (weights[indices[k] as number] as number) * (values[k] as number);
      const g = 1 / (1 + Math.exp(-z)) - (targets[n] as number);
      biasSquare += g * g;
      bias -= (settings.learningRate * g) / (Math.sqrt(biasSquare) + epsilon);
      for (let k = 0; k < indices.length; k++) {
        const at = indices[k] as number;
        const w = weights[at] as number;
        const gw = g * (values[k] as number) + settings.l2 * w;
        squares[at] = (squares[at] as number) + gw * gw;
        weights[at] = w - (settings.learningRate * gw) / (Math.sqrt(squares[at] as number) + epsilon);
      }
    }
  }
  return { weights, bias };
}

/** Symmetric int8 quantisation with one scale: `w ≈ q × scale`. */
export function quantizeWeights(weights: Float64Array): { q: Int8Array; scale: number } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 127 : 1;
  return { q: Int8Array.from(weights, (w) => Math.max(-127, Math.min(127, Math.round(w / scale)))), scale };
}

/** The model's probability for one URL, mirroring the ONNX graph. */
export function predictLinear(weights: ArrayLike<number>, scale: number, bias: number, features: UrlSparseFeatures): number {
  let z = bias;
  for (let k = 0; k < features.indices.length; k++) z += (weights[features.indices[k] as number] as number) * scale * (features.values[k] as number);
  return 1 / (1 + Math.exp(-z));
}

/** The lowest threshold whose false-positive rate on `scores` stays at or below `fpr`. */
export function thresholdForFpr(scores: readonly number[], targets: readonly number[], fpr: number): number {
  const { roc } = curves(scores, targets);
  let best = 1;
  for (const point of roc) {
    if (point.fpr <= fpr && Number.isFinite(point.threshold)) best = Math.min(best, point.threshold);
  }
  return best;
}

/** The lists the features were computed with, loaded from the models folder. */
export function loadLists(modelsDir: string): { lists: LinkLists; fingerprint: string } {
  const top = readFileSync(resolve(modelsDir, 'url-top-sites.txt'), 'utf8');
  const shorteners = readFileSync(resolve(modelsDir, 'url-shorteners.txt'), 'utf8');
  return { lists: createLinkLists(top, shorteners), fingerprint: listsFingerprint(top, shorteners) };
}

/** SHA-256 over the list files and the brand table: the features depend on all three. */
export function listsFingerprint(topSites: string, shorteners: string): string {
  return sha256Hex(`${sha256Hex(topSites)}:${sha256Hex(shorteners)}:${sha256Hex(BRAND_TABLE)}`);
}

function tune(rows: readonly LabeledUrl[], lists: LinkLists, seed: number): void {
  const isDev = (row: LabeledUrl) => (createHash('sha256').update(`dev:${row.url}`).digest()[0] as number) % 16 < 3;
  const fit = rows.filter((row) => !isDev(row));
  const dev = rows.filter(isDev);
  // Grids as JSON in TUNE_FEATURES / TUNE_SETTINGS; every combination is tried. Validation is never read.
  const featureGrid = JSON.parse(process.env['TUNE_FEATURES'] ?? '[{}]') as Partial<UrlFeatureConfig>[];
  const grid = (JSON.parse(process.env['TUNE_SETTINGS'] ?? '[{}]') as Partial<Settings>[]).map((o) => ({ ...URL_TRAINING_SETTINGS, ...o }));
  for (const featureOverride of featureGrid) {
    const featurizer = createUrlFeaturizer(lists, { ...DEFAULT_URL_FEATURE_CONFIG, ...featureOverride });
    const fitFeatures = fit.map((row) => featurizer.featurize(analyzeUrl(row.url)));
    const devFeatures = dev.map((row) => featurizer.featurize(analyzeUrl(row.url)));
    for (const settings of grid) {
      const model = trainLinear(fitFeatures, fit.map((row) => row.label), 2 ** featurizer.config.bucketBits, settings, seed);
      const { q, scale } = quantizeWeights(model.weights);
      const targets = dev.map((row) => row.label);
      const m = binaryMetrics(devFeatures.map((f) => predictLinear(model.weights, 1, model.bias, f)), targets, 0.5);
      const mq = binaryMetrics(devFeatures.map((f) => predictLinear(q, scale, model.bias, f)), targets, 0.5);
      console.log(JSON.stringify(featureOverride), JSON.stringify(settings), `dev ROC ${m.rocAuc.toFixed(4)} (int8 ${mq.rocAuc.toFixed(4)}) F1@0.5 ${m.f1.toFixed(4)}`);
    }
  }
}

function round<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(5)) : v))) as T;
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      out: { type: 'string', default: DEFAULT_MODELS_DIR },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      tune: { type: 'boolean', default: false },
    },
  });
  const started = performance.now();
  const seed = Number(args.seed);
  const outDir = resolve(args.out);
  const { lists, fingerprint } = loadLists(outDir);
  const featurizer = createUrlFeaturizer(lists);
  const buckets = 2 ** featurizer.config.bucketBits;

  const rows = readLabeled(resolve(args.data));
  const train = rows.filter((row) => urlSplit(row.url) === 'train');
  const validation = rows.filter((row) => urlSplit(row.url) === 'validation');
  if (args.tune) {
    tune(train, lists, seed);
    return;
  }
  const trainFeatures = train.map((row) => featurizer.featurize(analyzeUrl(row.url)));
  const model = trainLinear(trainFeatures, train.map((row) => row.label), buckets, URL_TRAINING_SETTINGS, seed);
  const { q, scale } = quantizeWeights(model.weights);

  const validationFeatures = validation.map((row) => featurizer.featurize(analyzeUrl(row.url)));
  const targets = validation.map((row) => row.label);
  const floatScores = validationFeatures.map((f) => predictLinear(model.weights, 1, model.bias, f));
  const scores = validationFeatures.map((f) => predictLinear(q, scale, model.bias, f));
  const suspicious = Number(thresholdForFpr(scores, targets, SUSPICIOUS_FPR).toFixed(6));
  const malicious = Number(Math.max(suspicious, thresholdForFpr(scores, targets, MALICIOUS_FPR)).toFixed(6));
  const atSuspicious = binaryMetrics(scores, targets, suspicious);
  const atMalicious = binaryMetrics(scores, targets, malicious);
  const floatMetrics = binaryMetrics(floatScores, targets, suspicious);

  const onnxBytes = buildLinearModel({
    labels: ['malicious_link'],
    buckets,
    weights: q,
    scales: Float32Array.of(scale),
    bias: Float32Array.of(model.bias),
    docString: 'ChatGuard url-linear: hashed URL n-grams + heuristic features, logistic regression. Rebuild: npm run train:urls',
  });
  const modelSha = sha256Hex(onnxBytes);
  const sidecar: UrlModelSidecar = {
    format: 'chatguard-url-linear',
    version: SPARSE_LINEAR_SIDECAR_VERSION,
    model: { path: 'url-linear.onnx', sha256: modelSha },
    inputs: { indices: 'int32 [N] feature indices', values: 'float32 [1, N] feature values' },
    output: 'probabilities float32 [1, 1]',
    features: { ...featurizer.config },
    dense_features: [...DENSE_FEATURE_NAMES],
    dense_slots: DENSE_FEATURES,
    lists_fingerprint: fingerprint,
    quantization: 'int8 symmetric, one scale (DequantizeLinear after Gather)',
    calibration: {
      suspicious,
      malicious,
      rule: `thresholds at validation false-positive rates ${SUSPICIOUS_FPR} and ${MALICIOUS_FPR}; score = piecewise linear through (0,0), (suspicious,0.5), (malicious,0.85), (1,1)`,
    },
    seed,
  };
  const sidecarText = `${JSON.stringify(sidecar, null, 2)}\n`;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'url-linear.onnx'), onnxBytes);
  writeFileSync(resolve(outDir, 'url-linear.json'), sidecarText);
  writeManifestEntry(outDir, {
    id: URL_MODEL_ID,
    path: 'url-linear.onnx',
    sha256: modelSha,
    bytes: onnxBytes.length,
    labels: ['malicious_link'],
    sidecar: { path: 'url-linear.json', sha256: sha256Hex(sidecarText) },
    training_data: [SOURCES.hannousse, SOURCES.majestic, SOURCES.shorteners],
    metrics: {
      split: `validation: ${validation.length} URLs (20% by sha256 of the URL), train: ${train.length}`,
      roc_auc: atSuspicious.rocAuc,
      pr_auc: atSuspicious.prAuc,
      float_roc_auc_before_quantization: floatMetrics.rocAuc,
      at_suspicious_threshold: round(atSuspicious),
      at_malicious_threshold: round(atMalicious),
    },
    rebuild: 'npm run build:blocklist && npm run train:urls',
    seed,
  });
  appendNotice(outDir, '## url-linear (models/url-linear.onnx)', [
    'Trained by scripts/train-urls.ts on:',
    `- ${SOURCES.hannousse.name}: ${SOURCES.hannousse.attribution}. Licence: ${SOURCES.hannousse.licence}.`,
    'with features that consult models/url-top-sites.txt (Majestic, CC BY 3.0) and models/url-shorteners.txt (CC BY-SA 4.0).',
  ]);

  console.log(`model ${onnxBytes.length} bytes, sha256 ${modelSha}`);
  console.log(`train ${train.length}, validation ${validation.length}`);
  console.log(`validation ROC AUC ${atSuspicious.rocAuc.toFixed(4)} (float ${floatMetrics.rocAuc.toFixed(4)}), PR AUC ${atSuspicious.prAuc.toFixed(4)}`);
  for (const [name, t, m] of [['suspicious', suspicious, atSuspicious], ['malicious', malicious, atMalicious]] as const) {
    console.log(`${name} threshold ${t.toFixed(4)}: precision ${m.precision.toFixed(4)} recall ${m.recall.toFixed(4)} FPR ${m.falsePositiveRate.toFixed(4)}`);
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
