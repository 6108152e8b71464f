/**
 * The multi-label linear model: training on the masked logistic loss, int8 quantisation and a
 * plain TypeScript forward pass that mirrors the ONNX graph.
 */
import type { SparseFeatures } from '../../src/text/features.js';
import { TEXT_MODEL_LABELS } from '../../src/text/text-model-detector.js';
import type { TextExample, TextSource } from './data.js';
import { fitLogistic, labelProblem } from './lbfgs.js';
import { mulberry32 } from '../lib/mulberry32.js';

const LABELS = TEXT_MODEL_LABELS;
const L = LABELS.length;

/** How one label is fitted; see {@link Settings.optimizer}. */
export type Optimizer = 'lbfgs' | 'adagrad';

/** How {@link train} fits the model. */
export interface Settings {
  /**
   * `lbfgs`: full-batch L-BFGS per label on the exact objective (mean weighted log loss + l2/2·|w|²);
   * `adagrad`: per-example Adagrad over `epochs` shuffled passes, L2 applied when a feature occurs.
   */
  readonly optimizer: Optimizer | readonly Optimizer[];
  /** L-BFGS iterations at most. */
  readonly iterations: number;
  readonly epochs: number;
  /** Adagrad step; one value for all labels, or one per label in {@link TEXT_MODEL_LABELS} order. */
  readonly learningRate: number | readonly number[];
  /** L2 penalty, applied to a weight whenever its feature occurs; one value or one per label. */
  readonly l2: number | readonly number[];
  /** Positive-class weight is `min(maxPositiveWeight, sqrt(negatives / positives))`. */
  readonly maxPositiveWeight: number;
  /** Weight of SMS ham, the only everyday-chat negatives, on the toxicity labels; one value or one per label. */
  readonly chatNegativeWeight: number | readonly number[];
  /** Data sets whose annotator vote shares ({@link TextExample.soft}) replace the hard targets in training. */
  readonly softSources: readonly TextSource[];
  /** Per data set weight of its examples in the loss (default 1); one value or one per label. */
  readonly sourceWeight: Readonly<Partial<Record<TextSource, number | readonly number[]>>>;
  /**
   * Extra weight of the negative part of Davidson tweets by their majority class; one value or one
   * per label (default 1). For hate the `offensive` tweets are the hard negatives (abusive, yet not
   * judged hateful); for harassment the `neither` ones are (collected because they contain a
   * Hatebase term, yet judged inoffensive).
   */
  readonly davidsonNegativeWeight?: Readonly<Partial<Record<DavidsonClass, number | readonly number[]>>>;
  /**
   * Per label (L-BFGS only), an offset `c` that gives each weight the L2 penalty `l2 / (c + |r_j|)²`,
   * where `r_j` is the log-count ratio of feature j between the label's positives and negatives
   * (Wang & Manning's NB-SVM, as a prior instead of a feature scaling: the same objective, and the
   * weights stay those of the raw features). A feature that tells the classes apart is penalised
   * less. `null` or absent: plain L2.
   */
  readonly naiveBayesOffset?: readonly (number | null)[];
}

type DavidsonClass = NonNullable<TextExample['davidsonClass']>;

/** Labels from this index on (harassment, hate, threat, sexual) are the toxicity labels. */
export const TOXICITY_FROM = 2;

const perLabel = (value: number | readonly number[]) => Float64Array.from(LABELS, (_, l) => (typeof value === 'number' ? value : (value[l] as number)));

/** Float weights `[buckets × labels]` (row-major) and biases. */
export interface LinearWeights {
  readonly buckets: number;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/**
 * Trains every label on the masked, class-weighted logistic loss (soft targets allowed): the labels
 * whose optimiser is `adagrad` together, in seeded shuffled passes, the `lbfgs` ones one by one. Labels share features, never weights, so each
 * label's result does not depend on the others' settings. Deterministic for a seed.
 */
export function train(
  examples: readonly TextExample[],
  features: readonly SparseFeatures[],
  buckets: number,
  settings: Settings,
  seed: number,
): LinearWeights {
  const positive = new Float64Array(L);
  const negative = new Float64Array(L);
  for (const example of examples) {
    if (example.augmented) continue; // copies keep the class balance of the real data
    for (let l = 0; l < L; l++) {
      if (example.targets[l] === 1) positive[l] = (positive[l] as number) + 1;
      else if (example.targets[l] === 0) negative[l] = (negative[l] as number) + 1;
    }
  }
  const positiveWeight = Float64Array.from(positive, (p, l) =>
    p === 0 ? 1 : Math.min(settings.maxPositiveWeight, Math.sqrt((negative[l] as number) / p)),
  );
  const soft = new Set(settings.softSources);
  const chatWeight = perLabel(settings.chatNegativeWeight);
  const davidsonWeights = new Map(
    Object.entries(settings.davidsonNegativeWeight ?? {}).map(([c, value]) => [c, perLabel(value as number | readonly number[])]),
  );
  const sourceWeights = new Map(
    Object.entries(settings.sourceWeight).map(([source, value]) => [source, perLabel(value as number | readonly number[])]),
  );
  const problem: Problem = {
    examples,
    features,
    buckets,
    positiveWeight,
    targetsOf: (example) => (soft.has(example.source) && example.soft ? example.soft : example.targets),
    /**
     * Loss weight of the negative part for label `l`: SMS ham counts as everyday chat on the toxicity
     * labels; Davidson's tweets as hard negatives where {@link Settings.davidsonNegativeWeight} says.
     */
    negativeWeight: (example, l) =>
      (example.source === 'sms' && l >= TOXICITY_FROM ? (chatWeight[l] as number) : 1) *
      ((example.davidsonClass && davidsonWeights.get(example.davidsonClass)?.[l]) ?? 1) *
      (sourceWeights.get(example.source)?.[l] ?? 1) *
      (example.weight ?? 1),
    sourceWeight: (example, l) => (sourceWeights.get(example.source)?.[l] ?? 1) * (example.weight ?? 1),
  };
  const optimizers = LABELS.map((_, l) => (typeof settings.optimizer === 'string' ? settings.optimizer : settings.optimizer[l]));
  const model = trainAdagrad(problem, settings, seed, optimizers.map((o) => o === 'adagrad'));
  optimizers.forEach((optimizer, l) => {
    if (optimizer === 'lbfgs') trainLbfgs(problem, settings, l, model);
  });
  return model;
}

interface Problem {
  readonly examples: readonly TextExample[];
  readonly features: readonly SparseFeatures[];
  readonly buckets: number;
  readonly positiveWeight: Float64Array;
  readonly targetsOf: (example: TextExample) => ArrayLike<number>;
  readonly negativeWeight: (example: TextExample, l: number) => number;
  readonly sourceWeight: (example: TextExample, l: number) => number;
}

/** Per-example Adagrad over the labels in `active`; the others stay zero. */
function trainAdagrad(problem: Problem, settings: Settings, seed: number, active: readonly boolean[]): LinearWeights {
  const { examples, features, buckets, positiveWeight } = problem;
  const weights = new Float64Array(buckets * L);
  const bias = new Float64Array(L);
  if (!active.includes(true)) return { buckets, weights, bias };
  const squares = new Float64Array(buckets * L);
  const biasSquares = new Float64Array(L);
  const { epochs } = settings;
  const lr = perLabel(settings.learningRate);
  const l2 = perLabel(settings.l2);
  // Augmented copies that train no Adagrad label stay out of the shuffle, so those labels are
  // trained exactly as without them (the order depends on how many examples are shuffled).
  const order = Array.from(examples, (_, i) => i).filter((i) => {
    const example = examples[i] as TextExample;
    if (!example.augmented) return true;
    const targets = problem.targetsOf(example);
    return active.some((on, l) => on && (targets[l] as number) >= 0);
  });
  const random = mulberry32(seed);
  const gradient = new Float64Array(L);
  const logits = new Float64Array(L);
  const masked = new Uint8Array(L);
  const epsilon = 1e-8;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const example = examples[index] as TextExample;
      const targets = problem.targetsOf(example);
      let any = false;
      for (let l = 0; l < L; l++) {
        masked[l] = active[l] && (targets[l] as number) >= 0 ? 0 : 1;
        if (!masked[l]) any = true;
      }
      if (!any) continue;
      const { indices, values } = features[index] as SparseFeatures;
      logits.set(bias);
      for (let k = 0; k < indices.length; k++) {
        const row = (indices[k] as number) * L;
        const value = values[k] as number;
        for (let l = 0; l < L; l++) logits[l] = (logits[l] as number) + (weights[row + l] as number) * value;
      }
      for (let l = 0; l < L; l++) {
        if (masked[l]) continue;
        const target = targets[l] as number;
        const p = 1 / (1 + Math.exp(-(logits[l] as number)));
        // A soft target t weighs like t positives and 1 − t negatives.
        const positivePart = target * (positiveWeight[l] as number) * problem.sourceWeight(example, l);
        const g = (p - target) * (positivePart + (1 - target) * problem.negativeWeight(example, l));
        gradient[l] = g;
        biasSquares[l] = (biasSquares[l] as number) + g * g;
        bias[l] = (bias[l] as number) - ((lr[l] as number) * g) / (Math.sqrt(biasSquares[l] as number) + epsilon);
      }
      for (let k = 0; k < indices.length; k++) {
        const row = (indices[k] as number) * L;
        const value = values[k] as number;
        for (let l = 0; l < L; l++) {
          if (masked[l]) continue;
          const at = row + l;
          const w = weights[at] as number;
          const g = (gradient[l] as number) * value + (l2[l] as number) * w;
          const s = (squares[at] as number) + g * g;
          squares[at] = s;
          weights[at] = w - ((lr[l] as number) * g) / (Math.sqrt(s) + epsilon);
        }
      }
    }
  }
  return { buckets, weights, bias };
}

/**
 * `1 / (offset + |r_j|)²` per bucket, `r_j = log((p_j / |p|₁) / (q_j / |q|₁))` with `p_j`, `q_j` the
 * number of the label's positive and negative examples (hard targets) with feature j, plus one.
 */
function naiveBayesScale(problem: Problem, rows: readonly number[], l: number, offset: number | null): Float64Array | undefined {
  if (offset === null) return undefined;
  const { buckets, examples, features } = problem;
  const positive = new Float64Array(buckets).fill(1);
  const negative = new Float64Array(buckets).fill(1);
  for (const row of rows) {
    const target = (examples[row] as TextExample).targets[l];
    if (target !== 0 && target !== 1) continue;
    const counts = target === 1 ? positive : negative;
    for (const j of (features[row] as SparseFeatures).indices) counts[j] = (counts[j] as number) + 1;
  }
  let positiveTotal = 0;
  let negativeTotal = 0;
  for (let j = 0; j < buckets; j++) {
    positiveTotal += positive[j] as number;
    negativeTotal += negative[j] as number;
  }
  return Float64Array.from(positive, (p, j) => {
    const ratio = Math.abs(Math.log(p / positiveTotal / ((negative[j] as number) / negativeTotal)));
    return 1 / (offset + ratio) ** 2;
  });
}

/** Fits label `l` with L-BFGS and writes its column and bias into `model`. */
function trainLbfgs(problem: Problem, settings: Settings, l: number, model: LinearWeights): void {
  const { examples, features, buckets, positiveWeight } = problem;
  const rows = examples.flatMap((example, i) => ((problem.targetsOf(example)[l] as number) >= 0 ? [i] : []));
  if (rows.length === 0) return; // no example annotates the label: it stays zero
  const at = (row: number) => examples[row] as TextExample;
  const started = performance.now();
  const { params, iterations, loss } = fitLogistic(
    labelProblem(
      buckets,
      features,
      rows,
      (row) => problem.targetsOf(at(row))[l] as number,
      (row) => (positiveWeight[l] as number) * problem.sourceWeight(at(row), l),
      (row) => problem.negativeWeight(at(row), l),
    ),
    { l2: perLabel(settings.l2)[l] as number, l2Scale: naiveBayesScale(problem, rows, l, settings.naiveBayesOffset?.[l] ?? null), iterations: settings.iterations },
  );
  if (process.env['TRAIN_VERBOSE']) {
    console.log(`  ${LABELS[l]}: ${rows.length} examples, ${iterations} iterations, loss ${loss.toFixed(5)}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  for (let j = 0; j < buckets; j++) model.weights[j * L + l] = params[j] as number;
  model.bias[l] = params[buckets] as number;
}

/** Symmetric per-label int8 quantisation: `w ≈ q × scale[label]`, zero point 0. */
export function quantize(model: LinearWeights): { q: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(L);
  for (let l = 0; l < L; l++) {
    let max = 0;
    for (let r = 0; r < model.buckets; r++) max = Math.max(max, Math.abs(model.weights[r * L + l] as number));
    scales[l] = max > 0 ? max / 127 : 1;
  }
  const q = new Int8Array(model.buckets * L);
  for (let r = 0; r < model.buckets; r++) {
    for (let l = 0; l < L; l++) {
      const at = r * L + l;
      q[at] = Math.max(-127, Math.min(127, Math.round((model.weights[at] as number) / (scales[l] as number))));
    }
  }
  return { q, scales };
}

/** Probabilities for one example, mirroring the ONNX graph (dequantised weights, float32 rounding aside). */
export function predict(
  weights: ArrayLike<number>,
  scales: ArrayLike<number> | undefined,
  bias: ArrayLike<number>,
  features: SparseFeatures,
): Float64Array {
  const out = new Float64Array(L);
  for (let l = 0; l < L; l++) out[l] = bias[l] as number;
  const { indices, values } = features;
  for (let k = 0; k < indices.length; k++) {
    const row = (indices[k] as number) * L;
    for (let l = 0; l < L; l++) {
      const w = (weights[row + l] as number) * (scales ? (scales[l] as number) : 1);
      out[l] = (out[l] as number) + w * (values[k] as number);
    }
  }
  for (let l = 0; l < L; l++) out[l] = 1 / (1 + Math.exp(-(out[l] as number)));
  return out;
}
