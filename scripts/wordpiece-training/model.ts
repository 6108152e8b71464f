/**
 * The embedding bag: the mean (and optionally the per-dimension max) of learned token embeddings
 * over a text's WordPiece ids ([CLS] and [SEP] included, padding excluded) → one linear layer → a
 * logit per label. The max lets one strong token ("kill") speak without being averaged away.
 * Trained with a masked, optionally soft, binary cross-entropy per label and Adam (lazy for the
 * embedding rows: only rows a minibatch touches move, as in sparse Adam). Plain TypeScript,
 * seeded, single-threaded: the same data and seed give the same bytes.
 */
import { mulberry32 } from '../lib/mulberry32.js';

/** How token rows become one vector: their mean, or their mean and per-dimension max side by side. */
export type Pooling = 'mean' | 'mean-max';

/** Hyper-parameters of {@link trainEmbeddingBag}. */
export interface BagSettings {
  readonly dim: number;
  readonly pooling: Pooling;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Share of a text's tokens dropped at random each time it is seen (a regulariser for bags). */
  readonly tokenDropout: number;
  /** L2 on the embedding rows a minibatch touches, and on the output weights. */
  readonly l2: number;
}

/** One training row: token ids, per-label targets in [0,1] or -1 (not annotated), and a weight per label. */
export interface BagExample {
  readonly ids: Int32Array;
  readonly targets: Float32Array;
  readonly weights: Float32Array;
}

/** The parameters, float. `embedding` is `[vocab × dim]`, `weight` is `[features × labels]`, row-major. */
export interface BagParameters {
  readonly vocab: number;
  readonly dim: number;
  readonly pooling: Pooling;
  /** Token ids that carry no content ([CLS], [SEP]): a text made only of them gets {@link NO_CONTENT_LOGIT}. */
  readonly specialIds: readonly number[];
  readonly labels: number;
  readonly embedding: Float32Array;
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

/** Per-row symmetric int8 embedding: `embedding ≈ q[r, d] · scale[r]`. */
export interface QuantizedBag extends Omit<BagParameters, 'embedding'> {
  readonly q: Int8Array;
  readonly scale: Float32Array;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Fresh parameters: embeddings N(0, 0.1²), output weights Glorot-uniform, bias zero. */
export function initBag(
  vocab: number,
  dim: number,
  labels: number,
  seed: number,
  pooling: Pooling = 'mean',
  specialIds: readonly number[] = [],
): BagParameters {
  const random = mulberry32(seed);
  const embedding = new Float32Array(vocab * dim);
  for (let i = 0; i < embedding.length; i++) embedding[i] = 0.1 * gaussian(random);
  const features = featureSize({ dim, pooling });
  const limit = Math.sqrt(6 / (features + labels));
  const weight = new Float32Array(features * labels);
  for (let i = 0; i < weight.length; i++) weight[i] = (2 * random() - 1) * limit;
  return { vocab, dim, pooling, specialIds, labels, embedding, weight, bias: new Float32Array(labels) };
}

/** Pooled features per text: the mean of the token rows, then (mean-max) their per-dimension maximum. */
export function featureSize(model: Pick<BagParameters, 'dim' | 'pooling'>): number {
  return model.pooling === 'mean-max' ? 2 * model.dim : model.dim;
}

/**
 * Pools the rows of `ids[0…count)` of `table` (times `scale[id]` when given) into `out`; with
 * mean-max, `argmax[d]` receives the position whose row holds the maximum of dimension d.
 */
function pool(
  table: Float32Array | Int8Array,
  scale: Float32Array | undefined,
  dim: number,
  pooling: Pooling,
  ids: ArrayLike<number>,
  count: number,
  out: Float64Array,
  argmax?: Int32Array,
): void {
  out.fill(0);
  const withMax = pooling === 'mean-max';
  if (withMax) out.fill(-Infinity, dim, 2 * dim);
  for (let t = 0; t < count; t++) {
    const id = ids[t] as number;
    const row = id * dim;
    const s = scale ? (scale[id] as number) : 1;
    for (let d = 0; d < dim; d++) {
      const v = (table[row + d] as number) * s;
      out[d] = (out[d] as number) + v;
      if (withMax && v > (out[dim + d] as number)) {
        out[dim + d] = v;
        if (argmax) argmax[d] = t;
      }
    }
  }
  for (let d = 0; d < dim; d++) out[d] = (out[d] as number) / Math.max(count, 1);
  if (withMax && count === 0) out.fill(0, dim, 2 * dim);
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * The logit of every label for a text with no content token (empty or white space: only [CLS]
 * [SEP]). Training never sees such a text, so the learned rows would answer arbitrarily (the
 * [CLS]/[SEP] rows alone scored harassment 0.88); no words means no evidence, a score of ≈ 6e-6.
 */
export const NO_CONTENT_LOGIT = -12;

function hasContent(model: Pick<BagParameters, 'specialIds'>, ids: Int32Array): boolean {
  return ids.some((id) => !model.specialIds.includes(id));
}

/** Probabilities (sigmoid of the logits) for one text, float parameters. */
export function predictBag(model: BagParameters, ids: Int32Array): Float64Array {
  if (!hasContent(model, ids)) return new Float64Array(model.labels).fill(sigmoid(NO_CONTENT_LOGIT));
  const h = new Float64Array(featureSize(model));
  pool(model.embedding, undefined, model.dim, model.pooling, ids, ids.length, h);
  return head(model, h);
}

/** Probabilities for one text from the int8 model, computed the way the ONNX graph does. */
export function predictQuantized(model: QuantizedBag, ids: Int32Array): Float64Array {
  if (!hasContent(model, ids)) return new Float64Array(model.labels).fill(sigmoid(NO_CONTENT_LOGIT));
  const h = new Float64Array(featureSize(model));
  pool(model.q, model.scale, model.dim, model.pooling, ids, ids.length, h);
  return head(model, h);
}

function head(model: Omit<BagParameters, 'embedding'>, h: Float64Array): Float64Array {
  const p = new Float64Array(model.labels);
  for (let l = 0; l < model.labels; l++) {
    let z = model.bias[l] as number;
    for (let f = 0; f < h.length; f++) z += (h[f] as number) * (model.weight[f * model.labels + l] as number);
    p[l] = sigmoid(z);
  }
  return p;
}

/** Per-row symmetric int8 quantisation of the embedding; the head stays float. */
export function quantizeBag(model: BagParameters): QuantizedBag {
  const { vocab, dim } = model;
  const q = new Int8Array(vocab * dim);
  const scale = new Float32Array(vocab);
  for (let r = 0; r < vocab; r++) {
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(model.embedding[r * dim + d] as number));
    const s = max > 0 ? max / 127 : 1;
    scale[r] = s;
    for (let d = 0; d < dim; d++) q[r * dim + d] = Math.round((model.embedding[r * dim + d] as number) / s);
  }
  return { vocab, dim, pooling: model.pooling, specialIds: model.specialIds, labels: model.labels, q, scale, weight: model.weight, bias: model.bias };
}

class Adam {
  readonly m: Float32Array;
  readonly v: Float32Array;
  constructor(size: number, readonly rate: number, readonly beta1 = 0.9, readonly beta2 = 0.999, readonly epsilon = 1e-8) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }
  /** One Adam step on `params[offset … offset+length)` with bias correction for step `t` (1-based). */
  step(params: Float32Array, grad: ArrayLike<number>, offset: number, length: number, t: number): void {
    const c1 = 1 - this.beta1 ** t;
    const c2 = 1 - this.beta2 ** t;
    for (let i = 0; i < length; i++) {
      const k = offset + i;
      const g = grad[i] as number;
      const m = (this.m[k] = this.beta1 * (this.m[k] as number) + (1 - this.beta1) * g);
      const v = (this.v[k] = this.beta2 * (this.v[k] as number) + (1 - this.beta2) * g * g);
      params[k] = (params[k] as number) - (this.rate * (m / c1)) / (Math.sqrt(v / c2) + this.epsilon);
    }
  }
}

/**
 * Trains in place for `settings.epochs` epochs, calling `onEpoch` after each (for early stopping:
 * return `false` to stop). Embedding rows use lazy Adam: a row's moments and step count advance
 * only when a minibatch touches it.
 */
export function trainEmbeddingBag(
  model: BagParameters,
  examples: readonly BagExample[],
  settings: BagSettings,
  seed: number,
  onEpoch: (epoch: number, meanLoss: number) => boolean = () => true,
): void {
  const { dim, labels } = model;
  const random = mulberry32(seed ^ 0x9e3779b9);
  const rowOptimizer = new Adam(model.embedding.length, settings.learningRate);
  const rowSteps = new Int32Array(model.vocab);
  const weightOptimizer = new Adam(model.weight.length, settings.learningRate);
  const biasOptimizer = new Adam(labels, settings.learningRate);
  const order = Int32Array.from(examples, (_, i) => i);
  const F = featureSize(model);
  const h = new Float64Array(F);
  const argmax = new Int32Array(dim);
  const dz = new Float64Array(labels);
  const dh = new Float64Array(F);
  const gradWeight = new Float64Array(F * labels);
  const gradBias = new Float64Array(labels);
  const rowGrads = new Map<number, Float64Array>();
  const kept = new Int32Array(4096);
  let step = 0;
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = order[i] as number;
      order[i] = order[j] as number;
      order[j] = tmp;
    }
    let lossSum = 0;
    let lossCount = 0;
    for (let start = 0; start < order.length; start += settings.batchSize) {
      const end = Math.min(start + settings.batchSize, order.length);
      gradWeight.fill(0);
      gradBias.fill(0);
      rowGrads.clear();
      for (let k = start; k < end; k++) {
        const example = examples[order[k] as number] as BagExample;
        let count = 0;
        for (const id of example.ids) if (random() >= settings.tokenDropout && count < kept.length) kept[count++] = id;
        if (count === 0) kept[count++] = example.ids[0] as number;
        pool(model.embedding, undefined, dim, model.pooling, kept, count, h, argmax);
        for (let l = 0; l < labels; l++) {
          const target = example.targets[l] as number;
          if (target < 0) {
            dz[l] = 0;
            continue;
          }
          let z = model.bias[l] as number;
          for (let f = 0; f < F; f++) z += (h[f] as number) * (model.weight[f * labels + l] as number);
          const p = sigmoid(z);
          const w = example.weights[l] as number;
          lossSum -= w * (target * Math.log(Math.max(p, 1e-7)) + (1 - target) * Math.log(Math.max(1 - p, 1e-7)));
          lossCount += 1;
          dz[l] = w * (p - target);
        }
        dh.fill(0);
        for (let f = 0; f < F; f++) {
          for (let l = 0; l < labels; l++) {
            const g = dz[l] as number;
            if (g === 0) continue;
            gradWeight[f * labels + l] = (gradWeight[f * labels + l] as number) + (h[f] as number) * g;
            dh[f] = (dh[f] as number) + (model.weight[f * labels + l] as number) * g;
          }
        }
        for (let l = 0; l < labels; l++) gradBias[l] = (gradBias[l] as number) + (dz[l] as number);
        for (let t = 0; t < count; t++) {
          const id = kept[t] as number;
          let grad = rowGrads.get(id);
          if (!grad) rowGrads.set(id, (grad = new Float64Array(dim)));
          for (let d = 0; d < dim; d++) grad[d] = (grad[d] as number) + (dh[d] as number) / count;
        }
        if (F > dim) {
          // The max half: each dimension's gradient goes to the row that held the maximum.
          for (let d = 0; d < dim; d++) {
            const grad = rowGrads.get(kept[argmax[d] as number] as number) as Float64Array;
            grad[d] = (grad[d] as number) + (dh[dim + d] as number);
          }
        }
      }
      const n = end - start;
      step += 1;
      for (let i = 0; i < gradWeight.length; i++) gradWeight[i] = (gradWeight[i] as number) / n + settings.l2 * (model.weight[i] as number);
      for (let l = 0; l < labels; l++) gradBias[l] = (gradBias[l] as number) / n;
      weightOptimizer.step(model.weight, gradWeight, 0, gradWeight.length, step);
      biasOptimizer.step(model.bias, gradBias, 0, labels, step);
      const ids = [...rowGrads.keys()].sort((a, b) => a - b);
      for (const id of ids) {
        const grad = rowGrads.get(id) as Float64Array;
        for (let d = 0; d < dim; d++) grad[d] = (grad[d] as number) / n + settings.l2 * (model.embedding[id * dim + d] as number);
        rowSteps[id] = (rowSteps[id] as number) + 1;
        rowOptimizer.step(model.embedding, grad, id * dim, dim, rowSteps[id] as number);
      }
    }
    if (!onEpoch(epoch, lossCount ? lossSum / lossCount : 0)) return;
  }
}

/** A deep copy, to keep the best epoch's parameters. */
export function cloneBag(model: BagParameters): BagParameters {
  return { ...model, embedding: model.embedding.slice(), weight: model.weight.slice(), bias: model.bias.slice() };
}
