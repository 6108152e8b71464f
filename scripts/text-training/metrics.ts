/**
 * Threshold-free and thresholded metrics for the text model, and the threshold rules calibration
 * uses. Plain TypeScript over arrays of scores and 0/1 targets.
 */
import { TEXT_MODEL_LABELS } from '../../src/text/text-model-detector.js';
import type { TextExample } from './data.js';

const HARASSMENT = TEXT_MODEL_LABELS.indexOf('harassment');
const HATE = TEXT_MODEL_LABELS.indexOf('hate');

/** Binary classification metrics at one threshold plus threshold-free ROC/PR AUC. */
export interface BinaryMetrics {
  readonly positives: number;
  readonly negatives: number;
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly falsePositiveRate: number;
  readonly rocAuc: number;
  /** Average precision (step-wise area under the precision-recall curve). */
  readonly prAuc: number;
}

/** Points of the ROC and PR curves, sorted by falling threshold, ties grouped. */
export function curves(scores: readonly number[], targets: readonly number[]) {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const positives = targets.filter((t) => t === 1).length;
  const negatives = targets.length - positives;
  const roc: { fpr: number; tpr: number; threshold: number }[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  const pr: { recall: number; precision: number; threshold: number }[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (targets[i] === 1) tp += 1;
    else fp += 1;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue;
    const threshold = scores[i] as number;
    roc.push({ fpr: negatives ? fp / negatives : 0, tpr: positives ? tp / positives : 0, threshold });
    pr.push({ recall: positives ? tp / positives : 0, precision: tp / (tp + fp), threshold });
  }
  return { roc, pr, positives, negatives };
}

/** Precision, recall, F1 at `threshold` (score ≥ threshold flags), ROC AUC and PR AUC. */
export function binaryMetrics(scores: readonly number[], targets: readonly number[], threshold: number): BinaryMetrics {
  const { roc, pr, positives, negatives } = curves(scores, targets);
  let rocAuc = 0;
  for (let k = 1; k < roc.length; k++) {
    const a = roc[k - 1] as (typeof roc)[number];
    const b = roc[k] as (typeof roc)[number];
    rocAuc += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  let prAuc = 0;
  let previousRecall = 0;
  for (const point of pr) {
    prAuc += (point.recall - previousRecall) * point.precision;
    previousRecall = point.recall;
  }
  let tp = 0;
  let fp = 0;
  scores.forEach((score, i) => {
    if (score < threshold) return;
    if (targets[i] === 1) tp += 1;
    else fp += 1;
  });
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = positives ? tp / positives : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { positives, negatives, threshold, precision, recall, f1, falsePositiveRate: negatives ? fp / negatives : 0, rocAuc, prAuc };
}

/** The threshold (midway between neighbouring scores) that maximises F1. */
export function bestF1Threshold(scores: readonly number[], targets: readonly number[]): number {
  const { pr, positives } = curves(scores, targets);
  let best = 0.5;
  let bestF1 = -1;
  pr.forEach((point, k) => {
    const f1 = point.precision + point.recall ? (2 * point.precision * point.recall) / (point.precision + point.recall) : 0;
    if (positives && f1 > bestF1) {
      bestF1 = f1;
      const below = pr[k + 1]?.threshold ?? 0;
      best = (point.threshold + below) / 2;
    }
  });
  return best;
}

/**
 * The threshold with the best F1 among those whose precision reaches `target`. When none does,
 * a threshold just above every score: the label then flags nothing on this data, since a
 * low-precision accusation is worse than none.
 */
export function thresholdForPrecision(scores: readonly number[], targets: readonly number[], target: number): number {
  const { pr } = curves(scores, targets);
  let best: number | undefined;
  let bestF1 = -1;
  pr.forEach((point, k) => {
    if (point.precision < target) return;
    const f1 = (2 * point.precision * point.recall) / (point.precision + point.recall || 1);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = (point.threshold + (pr[k + 1]?.threshold ?? 0)) / 2;
    }
  });
  if (best !== undefined) return best;
  let highest = 0;
  for (const score of scores) highest = Math.max(highest, score);
  return Math.min(1 - 1e-6, highest + 1e-6);
}

/** Scores and targets of one label over the examples that annotate it. */
export function labelColumn(
  examples: readonly TextExample[],
  probabilities: readonly Float64Array[],
  l: number,
  filter: (example: TextExample) => boolean = () => true,
): { scores: number[]; targets: number[] } {
  const scores: number[] = [];
  const targets: number[] = [];
  examples.forEach((example, i) => {
    const target = example.targets[l] as number;
    if (target < 0 || !filter(example)) return;
    scores.push((probabilities[i] as Float64Array)[l] as number);
    targets.push(target);
  });
  return { scores, targets };
}

/** Davidson's own framing as score columns: abusive (offensive or hate) vs neither on the harassment score; hate vs rest on the hate score. */
export function davidsonScores(examples: readonly TextExample[], probabilities: readonly Float64Array[]) {
  const abusive = { scores: [] as number[], targets: [] as number[] };
  const hate = { scores: [] as number[], targets: [] as number[] };
  examples.forEach((example, i) => {
    if (!example.davidsonClass) return;
    const p = probabilities[i] as Float64Array;
    abusive.scores.push(p[HARASSMENT] as number);
    abusive.targets.push(example.davidsonClass === 'neither' ? 0 : 1);
    hate.scores.push(p[HATE] as number);
    hate.targets.push(example.davidsonClass === 'hate' ? 1 : 0);
  });
  return { abusive, hate };
}

/** {@link davidsonScores} as metrics at the harassment and hate thresholds. */
export function davidsonMetrics(examples: readonly TextExample[], probabilities: readonly Float64Array[], thresholds?: readonly number[]) {
  const { abusive, hate } = davidsonScores(examples, probabilities);
  return {
    abusive: binaryMetrics(abusive.scores, abusive.targets, thresholds?.[HARASSMENT] ?? 0.5),
    hate: binaryMetrics(hate.scores, hate.targets, thresholds?.[HATE] ?? 0.5),
  };
}
