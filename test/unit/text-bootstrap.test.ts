import { describe, expect, it } from 'vitest';
import { bootstrapInterval, f1At, rankAuc, ratioInterval } from '../../scripts/text-training/bootstrap.js';
import { mulberry32 } from '../../scripts/lib/mulberry32.js';
import { binaryMetrics } from '../../scripts/text-training/metrics.js';

/** Scores on a coarse grid (many ties), positives shifted up by `shift`. */
function sample(n: number, shift: number, seed: number): { scores: number[]; targets: number[] } {
  const random = mulberry32(seed);
  const targets = Array.from({ length: n }, () => (random() < 0.2 ? 1 : 0));
  const scores = targets.map((t) => Math.round((random() + t * shift) * 20) / 20);
  return { scores, targets };
}

const split = (s: { scores: number[]; targets: number[] }) =>
  [s.scores.filter((_, i) => s.targets[i] === 1), s.scores.filter((_, i) => s.targets[i] !== 1)] as const;

describe('bootstrap intervals for validation metrics', () => {
  it('rank-sum AUC equals the trapezoidal ROC AUC, ties included', () => {
    for (const seed of [1, 2, 3]) {
      const s = sample(500, 0.4, seed);
      expect(rankAuc(...split(s))).toBeCloseTo(binaryMetrics(s.scores, s.targets, 0.5).rocAuc, 10);
    }
    expect(rankAuc([1, 2], [0, 0.5])).toBe(1);
    expect(rankAuc([0], [1])).toBe(0);
    expect(rankAuc([1], [1])).toBe(0.5);
  });

  it('F1 at a threshold matches binaryMetrics', () => {
    const s = sample(400, 0.5, 9);
    expect(f1At(0.6)(...split(s))).toBeCloseTo(binaryMetrics(s.scores, s.targets, 0.6).f1, 10);
  });

  it('brackets the point estimate, is deterministic for a seed, and narrows with more data', () => {
    const small = sample(300, 0.3, 4);
    const large = sample(6000, 0.3, 4);
    const a = bootstrapInterval(small.scores, small.targets, rankAuc, 400, 11);
    expect(bootstrapInterval(small.scores, small.targets, rankAuc, 400, 11)).toEqual(a);
    const point = rankAuc(...split(small));
    expect(a.low).toBeLessThan(point);
    expect(a.high).toBeGreaterThan(point);
    const b = bootstrapInterval(large.scores, large.targets, rankAuc, 400, 11);
    expect(b.high - b.low).toBeLessThan((a.high - a.low) / 2);
  });

  it('gives a ratio interval over whole units that brackets the ratio and collapses when every unit agrees', () => {
    // Two strata of units [clean, perturbed]: overall 150 / 160 = 0.9375.
    const strata = [
      Array.from({ length: 60 }, (_, k): [number, number] => [2, k % 6 === 0 ? 1 : 2]),
      Array.from({ length: 20 }, (_, k): [number, number] => [2, k % 2 === 0 ? 1 : 2]),
    ];
    const sum = strata.flat().reduce((a, u) => [a[0] + u[0], a[1] + u[1]], [0, 0]);
    const ratio = sum[1] / sum[0];
    const interval = ratioInterval(strata, 500, 3);
    expect(interval.low).toBeLessThan(ratio);
    expect(interval.high).toBeGreaterThan(ratio);
    expect(ratioInterval(strata, 500, 3)).toEqual(interval);
    const same = ratioInterval([Array.from({ length: 30 }, (): [number, number] => [4, 3])], 200, 3);
    expect(same.low).toBe(0.75);
    expect(same.high).toBe(0.75);
  });
});
