/**
 * Full-batch training of one logistic regression per label with L-BFGS: the exact minimiser of
 * the class-weighted, L2-regularised log loss, so the result does not depend on a learning-rate
 * schedule or on example order. Deterministic: plain loops in a fixed order.
 */
import type { SparseFeatures } from '../../src/text/features.js';

/** The training problem of one label: the examples that annotate it, in CSR form. */
export interface LabelProblem {
  /** Number of weights (hash buckets); the bias is extra. */
  readonly buckets: number;
  /** `offsets[i]..offsets[i+1]` are example i's entries in `indices` / `values`. */
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
  /** Target in 0..1 (a soft target is a share of annotator votes). */
  readonly targets: Float32Array;
  /** Loss weight of the positive part, `t·(−log p)`. */
  readonly positiveWeights: Float32Array;
  /** Loss weight of the negative part, `(1−t)·(−log(1−p))`. */
  readonly negativeWeights: Float32Array;
}

/** Collects the examples `rows` of `features` into a {@link LabelProblem}. */
export function labelProblem(
  buckets: number,
  features: readonly SparseFeatures[],
  rows: readonly number[],
  target: (row: number) => number,
  positiveWeight: (row: number) => number,
  negativeWeight: (row: number) => number,
): LabelProblem {
  let nnz = 0;
  for (const row of rows) nnz += (features[row] as SparseFeatures).indices.length;
  const offsets = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  rows.forEach((row, i) => {
    const f = features[row] as SparseFeatures;
    indices.set(f.indices, at);
    values.set(f.values, at);
    at += f.indices.length;
    offsets[i + 1] = at;
  });
  return {
    buckets,
    offsets,
    indices,
    values,
    targets: Float32Array.from(rows, target),
    positiveWeights: Float32Array.from(rows, positiveWeight),
    negativeWeights: Float32Array.from(rows, negativeWeight),
  };
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * Mean weighted log loss plus `l2/2·Σ scale_j·w_j²` (bias not penalised; scale 1 without
 * `l2Scale`) at `params` (`[w…, bias]`), with its gradient written into `gradient`; `logits` is
 * scratch space of one number per example.
 */
function objective(problem: LabelProblem, l2: number, l2Scale: Float64Array | undefined, params: Float64Array, gradient: Float64Array, logits: Float64Array): number {
  const { buckets, offsets, indices, values, targets, positiveWeights, negativeWeights } = problem;
  const n = targets.length;
  const bias = params[buckets] as number;
  let loss = 0;
  gradient.fill(0);
  for (let i = 0; i < n; i++) {
    let z = bias;
    const end = offsets[i + 1] as number;
    for (let k = offsets[i] as number; k < end; k++) z += (params[indices[k] as number] as number) * (values[k] as number);
    logits[i] = z;
  }
  let biasGradient = 0;
  for (let i = 0; i < n; i++) {
    const z = logits[i] as number;
    const t = targets[i] as number;
    const a = (positiveWeights[i] as number) * t;
    const b = (negativeWeights[i] as number) * (1 - t);
    // −a·log σ(z) − b·log(1−σ(z)) = a·softplus(−z) + b·softplus(z); derivative (a+b)·σ(z) − a.
    loss += a * softplus(-z) + b * softplus(z);
    const p = 1 / (1 + Math.exp(-z));
    const r = ((a + b) * p - a) / n;
    if (r === 0) continue;
    biasGradient += r;
    const end = offsets[i + 1] as number;
    for (let k = offsets[i] as number; k < end; k++) {
      const j = indices[k] as number;
      gradient[j] = (gradient[j] as number) + r * (values[k] as number);
    }
  }
  let penalty = 0;
  for (let j = 0; j < buckets; j++) {
    const w = params[j] as number;
    if (w === 0) continue;
    const scale = l2Scale ? (l2Scale[j] as number) : 1;
    penalty += scale * w * w;
    gradient[j] = (gradient[j] as number) + l2 * scale * w;
  }
  gradient[buckets] = biasGradient;
  return loss / n + 0.5 * l2 * penalty;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Options of {@link fitLogistic}. */
export interface LbfgsOptions {
  readonly l2: number;
  /** Per-weight multiplier of `l2` (one per bucket); absent: 1 for every weight. */
  readonly l2Scale?: Float64Array | undefined;
  readonly iterations: number;
  /** Stored correction pairs. @defaultValue 10 */
  readonly memory?: number;
  /** Stop when the relative decrease of the objective over 5 iterations falls below this. @defaultValue 1e-6 */
  readonly tolerance?: number;
}

/** Minimises the objective of one label from zero; returns `[w…, bias]` and the iterations used. */
export function fitLogistic(problem: LabelProblem, options: LbfgsOptions): { params: Float64Array; iterations: number; loss: number } {
  const size = problem.buckets + 1;
  const memory = options.memory ?? 10;
  const tolerance = options.tolerance ?? 1e-6;
  const logits = new Float64Array(problem.targets.length);
  let x = new Float64Array(size);
  let g = new Float64Array(size);
  let f = objective(problem, options.l2, options.l2Scale, x, g, logits);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  const direction = new Float64Array(size);
  const history = [f];
  let iteration = 0;
  for (; iteration < options.iterations; iteration++) {
    // Two-loop recursion: direction = −H·g.
    direction.set(g);
    for (let m = s.length - 1; m >= 0; m--) {
      const a = (rho[m] as number) * dot(s[m] as Float64Array, direction);
      alpha[m] = a;
      const ym = y[m] as Float64Array;
      for (let j = 0; j < size; j++) direction[j] = (direction[j] as number) - a * (ym[j] as number);
    }
    const last = s.length - 1;
    const gamma = last >= 0 ? dot(s[last] as Float64Array, y[last] as Float64Array) / dot(y[last] as Float64Array, y[last] as Float64Array) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let j = 0; j < size; j++) direction[j] = (direction[j] as number) * gamma;
    for (let m = 0; m < s.length; m++) {
      const b = (rho[m] as number) * dot(y[m] as Float64Array, direction);
      const sm = s[m] as Float64Array;
      const a = alpha[m] as number;
      for (let j = 0; j < size; j++) direction[j] = (direction[j] as number) + (a - b) * (sm[j] as number);
    }
    for (let j = 0; j < size; j++) direction[j] = -(direction[j] as number);
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let j = 0; j < size; j++) direction[j] = -(g[j] as number);
      slope = dot(g, direction);
    }
    // Backtracking line search on the Armijo condition.
    let step = 1;
    const next = new Float64Array(size);
    const nextGradient = new Float64Array(size);
    let nextF = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let j = 0; j < size; j++) next[j] = (x[j] as number) + step * (direction[j] as number);
      nextF = objective(problem, options.l2, options.l2Scale, next, nextGradient, logits);
      if (nextF <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextF < f)) break;
    const sNew = new Float64Array(size);
    const yNew = new Float64Array(size);
    for (let j = 0; j < size; j++) {
      sNew[j] = (next[j] as number) - (x[j] as number);
      yNew[j] = (nextGradient[j] as number) - (g[j] as number);
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-12) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
    }
    x = next;
    g = nextGradient;
    f = nextF;
    history.push(f);
    const old = history[history.length - 6];
    if (old !== undefined && (old - f) / Math.max(Math.abs(f), 1e-12) < tolerance) {
      iteration += 1;
      break;
    }
  }
  return { params: x, iterations: iteration, loss: f };
}
