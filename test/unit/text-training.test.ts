import { describe, expect, it } from 'vitest';
import type { SparseFeatures } from '../../src/text/features.js';
import { TEXT_MODEL_LABELS } from '../../src/text/text-model-detector.js';
import type { TextExample } from '../../scripts/text-training/data.js';
import { fitLogistic, labelProblem } from '../../scripts/text-training/lbfgs.js';
import { predict, train, type Settings } from '../../scripts/text-training/linear.js';
import { bestF1Threshold, binaryMetrics, thresholdForPrecision } from '../../scripts/text-training/metrics.js';

const L = TEXT_MODEL_LABELS.length;
const BUCKETS = 16;

/** A tiny two-feature problem: feature 1 marks spam, feature 2 harassment (soft), feature 0 is shared noise. */
function examples(): { examples: TextExample[]; features: SparseFeatures[] } {
  const out: TextExample[] = [];
  const features: SparseFeatures[] = [];
  for (let i = 0; i < 60; i++) {
    const spam = i % 3 === 0;
    const rude = i % 4 === 0;
    const targets = new Int8Array(L).fill(-1);
    const soft = new Float32Array(L).fill(-1);
    targets[0] = spam ? 1 : 0;
    targets[2] = rude ? 1 : 0;
    soft[0] = targets[0] as number;
    soft[2] = rude ? 0.67 : 0.33 * (i % 2);
    out.push({ id: `x${i}`, source: i % 2 ? 'sms' : 'davidson', text: '', split: 'train', targets, soft });
    const indices = [0, ...(spam ? [1] : []), ...(rude ? [2] : [])];
    const norm = Math.sqrt(indices.length);
    features.push({ indices: Int32Array.from(indices), values: Float32Array.from(indices, () => 1 / norm) });
  }
  return { examples: out, features };
}

const SETTINGS: Settings = {
  optimizer: ['adagrad', 'adagrad', 'lbfgs', 'lbfgs', 'adagrad', 'lbfgs'],
  iterations: 100,
  epochs: 5,
  learningRate: 0.3,
  l2: [1e-6, 1e-6, 1e-4, 1e-4, 1e-3, 1e-4],
  maxPositiveWeight: 8,
  chatNegativeWeight: [3, 3, 2, 1, 3, 3],
  softSources: ['davidson'],
  sourceWeight: { sms: [1, 1, 0.5, 1, 1, 1] },
};

describe('train', () => {
  it('is deterministic for a seed and learns each label from its own feature', () => {
    const { examples: data, features } = examples();
    const a = train(data, features, BUCKETS, SETTINGS, 1);
    const b = train(data, features, BUCKETS, SETTINGS, 1);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(Array.from(a.bias)).toEqual(Array.from(b.bias));
    const spamRow = predict(a.weights, undefined, a.bias, features[0] as SparseFeatures); // spam and rude
    const plainRow = predict(a.weights, undefined, a.bias, features[1] as SparseFeatures); // neither
    expect(spamRow[0]).toBeGreaterThan(0.5);
    expect(plainRow[0]).toBeLessThan(0.5);
    expect(spamRow[2]).toBeGreaterThan(plainRow[2] as number);
    // Labels that no example annotates (every target but spam and harassment is -1) stay zero.
    for (const l of [1, 3, 4, 5]) {
      expect(a.bias[l]).toBe(0);
      for (let j = 0; j < BUCKETS; j++) expect(a.weights[j * L + l]).toBe(0);
    }
  });
});

describe('augmented copies', () => {
  it('that train no Adagrad label leave the Adagrad labels exactly as without them', () => {
    const { examples: data, features } = examples();
    // Copies of the first ten examples that annotate harassment only (an L-BFGS label here).
    const copies = data.slice(0, 10).map((e): TextExample => {
      const targets = new Int8Array(L).fill(-1);
      targets[2] = e.targets[2] as number;
      return { id: `${e.id}#aug0`, source: e.source, text: e.text, split: 'train', targets, weight: 0.5, augmented: true };
    });
    const plain = train(data, features, BUCKETS, SETTINGS, 1);
    const augmented = train([...data, ...copies], [...features, ...features.slice(0, 10)], BUCKETS, SETTINGS, 1);
    for (let j = 0; j < BUCKETS; j++) expect(augmented.weights[j * L + 0]).toBe(plain.weights[j * L + 0]);
    expect(augmented.bias[0]).toBe(plain.bias[0]);
    // The label the copies annotate does change.
    expect(Array.from({ length: BUCKETS }, (_, j) => augmented.weights[j * L + 2])).not.toEqual(Array.from({ length: BUCKETS }, (_, j) => plain.weights[j * L + 2]));
  });
});

describe('davidsonNegativeWeight', () => {
  it("weighs Davidson's offensive tweets as negatives for the chosen label only", () => {
    // Feature 1 marks hate and offensive tweets alike; feature 0 is on everywhere.
    const out: TextExample[] = [];
    const features: SparseFeatures[] = [];
    for (let i = 0; i < 40; i++) {
      const davidsonClass = i % 4 === 0 ? 'hate' : i % 4 === 1 ? 'offensive' : 'neither';
      const targets = new Int8Array(L).fill(-1);
      targets[2] = davidsonClass === 'neither' ? 0 : 1;
      targets[3] = davidsonClass === 'hate' ? 1 : 0;
      const abusive = davidsonClass !== 'neither';
      out.push({ id: `d${i}`, source: 'davidson', text: '', split: 'train', targets, davidsonClass });
      const indices = abusive ? [0, 1] : [0];
      features.push({ indices: Int32Array.from(indices), values: Float32Array.from(indices, () => 1 / Math.sqrt(indices.length)) });
    }
    const settings: Settings = { ...SETTINGS, softSources: [], sourceWeight: {} };
    const plain = train(out, features, BUCKETS, settings, 1);
    const weighted = train(out, features, BUCKETS, { ...settings, davidsonNegativeWeight: { offensive: [1, 1, 1, 4, 1, 1] } }, 1);
    const hateOf = (model: typeof plain) => predict(model.weights, undefined, model.bias, features[0] as SparseFeatures)[3] as number;
    expect(hateOf(weighted)).toBeLessThan(hateOf(plain));
    // Harassment, which the weight does not name, is trained exactly as before.
    for (let j = 0; j < BUCKETS; j++) expect(weighted.weights[j * L + 2]).toBe(plain.weights[j * L + 2]);
    expect(weighted.bias[2]).toBe(plain.bias[2]);
  });
});

describe('fitLogistic', () => {
  it('reaches the optimum of a one-feature problem, where the fitted probability is the class share', () => {
    // Feature on: 3 of 4 positive; feature off: 1 of 4. Without L2 the fit reproduces both shares.
    const rows = [0, 1, 2, 3, 4, 5, 6, 7];
    const features: SparseFeatures[] = rows.map((r) => ({ indices: Int32Array.from(r < 4 ? [0] : []), values: Float32Array.from(r < 4 ? [1] : []) }));
    const targets = [1, 1, 1, 0, 1, 0, 0, 0];
    const problem = labelProblem(1, features, rows, (r) => targets[r] as number, () => 1, () => 1);
    const { params } = fitLogistic(problem, { l2: 0, iterations: 200, tolerance: 1e-12 });
    const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
    expect(sigmoid((params[0] as number) + (params[1] as number))).toBeCloseTo(0.75, 4);
    expect(sigmoid(params[1] as number)).toBeCloseTo(0.25, 4);
  });
});

describe('thresholds', () => {
  const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
  const targets = [1, 1, 0, 1, 0, 0, 1, 0];

  it('picks the best-F1 threshold, or the best F1 above a precision floor', () => {
    expect(binaryMetrics(scores, targets, bestF1Threshold(scores, targets)).f1).toBeCloseTo(0.75, 6);
    const strict = thresholdForPrecision(scores, targets, 0.99);
    expect(binaryMetrics(scores, targets, strict)).toMatchObject({ precision: 1, recall: 0.5 });
  });

  it('flags nothing when no threshold reaches the precision floor', () => {
    const topIsNegative = [0, 0, 1, 0, 1, 1, 0, 1];
    const threshold = thresholdForPrecision(scores, topIsNegative, 0.99);
    expect(threshold).toBeGreaterThan(0.9);
    expect(binaryMetrics(scores, topIsNegative, threshold)).toMatchObject({ recall: 0, falsePositiveRate: 0 });
  });
});

describe('naiveBayesOffset', () => {
  it('penalises a feature that tells the classes apart less than shared noise, for the named label only', () => {
    // Strong L2, so the prior shows: feature 2 marks harassment, feature 0 is on everywhere.
    const { examples: data, features } = examples();
    const strong: Settings = { ...SETTINGS, l2: [1e-6, 1e-6, 0.05, 1e-4, 1e-3, 1e-4] };
    const plain = train(data, features, BUCKETS, strong, 1);
    const prior = train(data, features, BUCKETS, { ...strong, naiveBayesOffset: [null, null, 0.5, null, null, null] }, 1);
    const weight = (model: typeof plain, j: number) => model.weights[j * L + 2] as number;
    // |r| of feature 2 is large, so its penalty shrinks and its weight grows; feature 0's |r| is about 0.
    expect(weight(prior, 2)).toBeGreaterThan(weight(plain, 2));
    expect(Math.abs(weight(prior, 0) / weight(prior, 2))).toBeLessThan(Math.abs(weight(plain, 0) / weight(plain, 2)));
    // Spam, which the offset does not name, is trained exactly as before.
    for (let j = 0; j < BUCKETS; j++) expect(prior.weights[j * L + 0]).toBe(plain.weights[j * L + 0]);
  });

  it('is plain L2 when every weight keeps its penalty (fitLogistic with l2Scale 1 everywhere)', () => {
    const { examples: data, features } = examples();
    const rows = data.map((_, i) => i);
    const problem = labelProblem(BUCKETS, features, rows, (r) => (data[r] as TextExample).targets[0] as number, () => 1, () => 1);
    const plain = fitLogistic(problem, { l2: 1e-3, iterations: 50 });
    const ones = fitLogistic(problem, { l2: 1e-3, iterations: 50, l2Scale: new Float64Array(BUCKETS).fill(1) });
    expect(Array.from(ones.params)).toEqual(Array.from(plain.params));
  });
});
