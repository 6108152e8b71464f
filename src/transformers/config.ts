import { LABELS, isLabel, type Label } from '../engine/labels.js';
import { GuardError, describeType } from '../engine/errors.js';

/** When a configured model runs: on every message, or only when a fast score for one of its labels is uncertain. */
export const TEXT_MODEL_RUN = ['always', 'when-uncertain'] as const;
/** Where a configured model runs. In Node, `wasm` and `auto` mean onnxruntime-node on the CPU. */
export const TEXT_MODEL_DEVICES = ['wasm', 'webgpu', 'auto'] as const;
/** The transformers.js tasks ChatGuard can use as a detector. */
export const TEXT_MODEL_TASKS = ['text-classification'] as const;
/** Model weights' precision, as transformers.js names the file suffixes (`fp32` → `onnx/model.onnx`, `q8` → `onnx/model_quantized.onnx`). */
export const TEXT_MODEL_DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16'] as const;

/** The band of fast scores in which a `when-uncertain` model is asked: `[low, high]`, both inclusive. */
export type UncertaintyBand = readonly [low: number, high: number];

/**
 * A Hugging Face text-classification model run by transformers.js inside the worker. Structured-cloneable:
 * it crosses the worker boundary as data.
 * @example
 * { id: 'toxic-bert', from: '/models/toxic-bert/', task: 'text-classification',
 *   labels: { toxic: 'harassment', threat: 'threat', identity_hate: 'hate' }, run: 'when-uncertain' }
 */
export interface TextModelConfig {
  /** Lower-case letters, digits, `-` and `_`, starting with a letter, at most 40 characters; names the model in verdicts (`hf:<id>`). */
  readonly id: string;
  /**
   * The model folder in transformers.js's layout (`config.json`, tokenizer files, `onnx/model.onnx`): a path
   * (Node: on disk, relative to the working directory; browser: relative to the page) or an http(s) URL. Files
   * are read from there and nowhere else: never from the Hugging Face Hub.
   */
  readonly from: string;
  readonly task: 'text-classification';
  /** The model's own labels (its `id2label` values) mapped to ChatGuard labels; unmapped model labels are ignored. */
  readonly labels: Readonly<Record<string, Label>>;
  /** @defaultValue `'when-uncertain'` */
  readonly run?: (typeof TEXT_MODEL_RUN)[number];
  /** @defaultValue `'wasm'` */
  readonly device?: (typeof TEXT_MODEL_DEVICES)[number];
  /** @defaultValue `'fp32'` */
  readonly dtype?: (typeof TEXT_MODEL_DTYPES)[number];
  /**
   * Lower-case hex SHA-256 per file, relative to `from` (`'onnx/model.onnx'`, `'config.json'`, …). When given, every
   * file the model loads must be listed and match, or loading fails closed with `MODEL_INTEGRITY`.
   * @defaultValue none: files are not checked
   */
  readonly sha256?: Readonly<Record<string, string>>;
  /**
   * Per ChatGuard label, the band of the fast detectors' score in which a `when-uncertain` model runs.
   * @defaultValue `[0.2, 0.8]` for every mapped label
   */
  readonly uncertainty?: Readonly<Partial<Record<Label, UncertaintyBand>>>;
  /** How long a check waits for this model (including a run still in flight) before it gives the verdict without it. @defaultValue 250 */
  readonly budgetMs?: number;
  /**
   * Per mapped ChatGuard label, the model score that is its validated operating point (0 < t < 1). Scores are mapped
   * piecewise-linearly so that t becomes 0.5, ChatGuard's operating point for every detector: an uncalibrated model
   * then merges with the fast detectors on equal terms (0 stays 0, 1 stays 1, order is kept).
   * @defaultValue none: the model's scores are taken as they are, 0.5 being its operating point
   */
  readonly operatingPoints?: Readonly<Partial<Record<Label, number>>>;
}

/** A {@link TextModelConfig} with every default filled in. */
export interface ResolvedTextModelConfig {
  readonly id: string;
  readonly from: string;
  readonly task: 'text-classification';
  readonly labels: Readonly<Record<string, Label>>;
  readonly run: (typeof TEXT_MODEL_RUN)[number];
  readonly device: (typeof TEXT_MODEL_DEVICES)[number];
  readonly dtype: (typeof TEXT_MODEL_DTYPES)[number];
  readonly sha256?: Readonly<Record<string, string>>;
  /** One band per mapped ChatGuard label. */
  readonly uncertainty: Readonly<Partial<Record<Label, UncertaintyBand>>>;
  readonly budgetMs: number;
  readonly operatingPoints: Readonly<Partial<Record<Label, number>>>;
}

/** The default uncertainty band. */
export const DEFAULT_UNCERTAINTY: UncertaintyBand = Object.freeze([0.2, 0.8] as const);
/** The default per-model time budget, ms. */
export const DEFAULT_BUDGET_MS = 250;

const ID_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;
const KEYS = new Set(['id', 'from', 'task', 'labels', 'run', 'device', 'dtype', 'sha256', 'uncertainty', 'budgetMs', 'operatingPoints']);

function fail(message: string): never {
  throw new GuardError('INVALID_OPTIONS', message);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(`Expected ${where} to be one of ${allowed.map((v) => `"${v}"`).join(', ')}, got ${describeType(value)}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Maps a model score so that its operating point `point` becomes 0.5: linear on [0, point] and on [point, 1].
 * @example calibrateScore(0.795, 0.795) === 0.5; calibrateScore(0.4, 0.8) === 0.25
 */
export function calibrateScore(score: number, point: number | undefined): number {
  if (point === undefined) return score;
  return score <= point ? (0.5 * score) / point : 0.5 + (0.5 * (score - point)) / (1 - point);
}

/** The reason code a configured model gives for a label it decided: `<label>.hf_<id in snake case>`, a valid report code. */
export function modelReasonCode(label: Label, id: string): string {
  return `${label}.hf_${id.replaceAll('-', '_')}`;
}

/** The detector id under which a configured model appears in verdicts (`versions`, reasons, `skipped`). */
export function modelDetectorId(id: string): string {
  return `hf:${id}`;
}

function resolveOne(value: unknown, index: number): ResolvedTextModelConfig {
  const where = `textModels[${index}]`;
  if (!isRecord(value)) fail(`Expected ${where} to be an object, got ${describeType(value)}.`);
  for (const key of Object.keys(value)) {
    if (!KEYS.has(key)) fail(`Unknown option ${where}.${key}; expected one of ${[...KEYS].join(', ')}.`);
  }
  const { id, from, task, labels, sha256, uncertainty, budgetMs, operatingPoints } = value;
  if (typeof id !== 'string' || !ID_PATTERN.test(id) || id.includes('--')) {
    fail(`Expected ${where}.id to be 1–40 lower-case letters, digits, "-" or "_", starting with a letter, got ${describeType(id)}.`);
  }
  if (typeof from !== 'string' || from.trim() === '') fail(`Expected ${where}.from to be a path or an http(s) URL, got ${describeType(from)}.`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(from) && !/^(https?|file):/i.test(from)) {
    fail(`Expected ${where}.from to be a path or an http(s) or file: URL.`);
  }
  if (!(TEXT_MODEL_TASKS as readonly unknown[]).includes(task)) fail(`Expected ${where}.task to be one of ${TEXT_MODEL_TASKS.map((t) => `"${t}"`).join(', ')}, got ${describeType(task)}.`);
  if (!isRecord(labels) || Object.keys(labels).length === 0) {
    fail(`Expected ${where}.labels to map the model's labels to ChatGuard labels, e.g. { toxic: 'harassment' }.`);
  }
  for (const [modelLabel, label] of Object.entries(labels)) {
    if (!isLabel(label)) fail(`Expected ${where}.labels["${modelLabel}"] to be one of ${LABELS.join(', ')}.`);
  }
  const mapped = [...new Set(Object.values(labels) as Label[])];
  let checkedSha: Record<string, string> | undefined;
  if (sha256 !== undefined) {
    if (!isRecord(sha256)) fail(`Expected ${where}.sha256 to map file names to SHA-256 hex digests.`);
    checkedSha = {};
    for (const [file, digest] of Object.entries(sha256)) {
      if (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest)) fail(`Expected ${where}.sha256["${file}"] to be 64 lower-case hex digits.`);
      if (file === '' || file.startsWith('/') || file.split('/').includes('..')) fail(`Expected ${where}.sha256 keys to be paths relative to "from".`);
      checkedSha[file] = digest;
    }
  }
  const bands: Partial<Record<Label, UncertaintyBand>> = {};
  if (uncertainty !== undefined && !isRecord(uncertainty)) fail(`Expected ${where}.uncertainty to map ChatGuard labels to [low, high].`);
  for (const [label, band] of Object.entries(uncertainty ?? {})) {
    if (!isLabel(label) || !mapped.includes(label)) fail(`Expected ${where}.uncertainty keys to be labels the model maps to (${mapped.join(', ')}), got "${label}".`);
    if (!Array.isArray(band) || band.length !== 2 || !band.every((n) => typeof n === 'number' && n >= 0 && n <= 1) || band[0] > band[1]) {
      fail(`Expected ${where}.uncertainty.${label} to be [low, high] with 0 ≤ low ≤ high ≤ 1.`);
    }
    bands[label] = Object.freeze([band[0], band[1]] as const);
  }
  for (const label of mapped) bands[label] ??= DEFAULT_UNCERTAINTY;
  if (budgetMs !== undefined && (typeof budgetMs !== 'number' || !Number.isFinite(budgetMs) || budgetMs < 0)) {
    fail(`Expected ${where}.budgetMs to be a number of milliseconds ≥ 0, got ${describeType(budgetMs)}.`);
  }
  const points: Partial<Record<Label, number>> = {};
  if (operatingPoints !== undefined && !isRecord(operatingPoints)) fail(`Expected ${where}.operatingPoints to map ChatGuard labels to scores.`);
  for (const [label, point] of Object.entries(operatingPoints ?? {})) {
    if (!isLabel(label) || !mapped.includes(label)) fail(`Expected ${where}.operatingPoints keys to be labels the model maps to (${mapped.join(', ')}), got "${label}".`);
    if (typeof point !== 'number' || !(point > 0 && point < 1)) fail(`Expected ${where}.operatingPoints.${label} to be a score strictly between 0 and 1.`);
    points[label] = point;
  }
  return Object.freeze({
    id,
    from,
    task: 'text-classification',
    labels: Object.freeze({ ...(labels as Record<string, Label>) }),
    run: oneOf(value['run'], TEXT_MODEL_RUN, `${where}.run`, 'when-uncertain'),
    device: oneOf(value['device'], TEXT_MODEL_DEVICES, `${where}.device`, 'wasm'),
    dtype: oneOf(value['dtype'], TEXT_MODEL_DTYPES, `${where}.dtype`, 'fp32'),
    ...(checkedSha === undefined ? {} : { sha256: Object.freeze(checkedSha) }),
    uncertainty: Object.freeze(bands),
    budgetMs: (budgetMs as number | undefined) ?? DEFAULT_BUDGET_MS,
    operatingPoints: Object.freeze(points),
  });
}

/**
 * Checks `textModels` and fills every default.
 * @throws GuardError `INVALID_OPTIONS` naming the first bad field and the values it accepts.
 * @example
 * resolveTextModels([{ id: 'bag', from: 'models/transformers/chatguard-wordpiece-bag', task: 'text-classification', labels: { spam: 'spam' } }]);
 */
export function resolveTextModels(value: unknown): readonly ResolvedTextModelConfig[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`Expected textModels to be a list of model configurations, got ${describeType(value)}.`);
  const resolved = value.map(resolveOne);
  const seen = new Set<string>();
  for (const { id } of resolved) {
    const key = id.replaceAll('-', '_');
    if (seen.has(key)) fail(`textModels has two models with the id "${id}" (ids must differ after "-" becomes "_").`);
    seen.add(key);
  }
  return Object.freeze(resolved);
}
