/**
 * How far a validation metric could move on another sample of the same size: a stratified
 * percentile bootstrap (positives and negatives resampled apart, so every resample keeps the
 * class balance). Used by `eval-text.ts` to say whether a target missed by 0.01 is a real
 * shortfall or within the noise of a few hundred positives.
 */
import { mulberry32 } from '../lib/mulberry32.js';

/** ROC AUC by the rank-sum (Mann–Whitney) formula, ties counted half. */
export function rankAuc(positiveScores: readonly number[], negativeScores: readonly number[]): number {
  const all = [...positiveScores.map((s) => [s, 1] as const), ...negativeScores.map((s) => [s, 0] as const)].sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  for (let k = 0; k < all.length; ) {
    let end = k;
    while (end + 1 < all.length && (all[end + 1] as readonly [number, number])[0] === (all[k] as readonly [number, number])[0]) end += 1;
    const meanRank = (k + end) / 2 + 1;
    for (let j = k; j <= end; j++) if ((all[j] as readonly [number, number])[1] === 1) rankSum += meanRank;
    k = end + 1;
  }
  const p = positiveScores.length;
  const n = negativeScores.length;
  return p && n ? (rankSum - (p * (p + 1)) / 2) / (p * n) : 0;
}

/** A metric's 95% interval over `resamples` stratified resamples. */
export interface Interval {
  readonly low: number;
  readonly high: number;
  readonly resamples: number;
}

/**
 * Percentile interval (2.5%, 97.5%) of `metric(positives, negatives)` over stratified bootstrap
 * resamples of `scores`/`targets`; deterministic for a seed.
 */
export function bootstrapInterval(
  scores: readonly number[],
  targets: readonly number[],
  metric: (positiveScores: readonly number[], negativeScores: readonly number[]) => number,
  resamples = 1000,
  seed = 1,
): Interval {
  const positives = scores.filter((_, i) => targets[i] === 1);
  const negatives = scores.filter((_, i) => targets[i] !== 1);
  const random = mulberry32(seed);
  const draw = (from: readonly number[]) => Array.from(from, () => from[Math.floor(random() * from.length)] as number);
  const values = Array.from({ length: resamples }, () => metric(draw(positives), draw(negatives))).sort((a, b) => a - b);
  return { low: percentile(values, 0.025), high: percentile(values, 0.975), resamples };
}

/** F1 of "score ≥ threshold" from positive and negative scores. */
export function f1At(threshold: number): (positiveScores: readonly number[], negativeScores: readonly number[]) => number {
  return (positiveScores, negativeScores) => {
    const tp = positiveScores.filter((s) => s >= threshold).length;
    const fp = negativeScores.filter((s) => s >= threshold).length;
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const recall = positiveScores.length ? tp / positiveScores.length : 0;
    return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  };
}

/**
 * 95% interval of a ratio Σ perturbed / Σ clean, e.g. detections after and before an evasion,
 * resampling whole units (one positive with all its perturbed copies) within each stratum (a
 * label's sample), so that copies of one text move together.
 */
export function ratioInterval(strata: readonly (readonly (readonly [clean: number, perturbed: number])[])[], resamples = 1000, seed = 1): Interval {
  const random = mulberry32(seed);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let clean = 0;
    let perturbed = 0;
    for (const units of strata) {
      for (let k = 0; k < units.length; k++) {
        const unit = units[Math.floor(random() * units.length)] as readonly [number, number];
        clean += unit[0];
        perturbed += unit[1];
      }
    }
    values.push(clean ? perturbed / clean : 0);
  }
  values.sort((a, b) => a - b);
  return { low: percentile(values, 0.025), high: percentile(values, 0.975), resamples };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] as number;
}
