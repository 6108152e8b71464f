// Randomized response telemetry: the mechanism, the record schema, and the estimator on a simulated population.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EPSILON, estimateCounts, keepProbability, randomizeOneHot } from '../../src/reports/ldp.js';
import {
  TELEMETRY_CELLS,
  TELEMETRY_OUTCOMES,
  coverTelemetryRecord,
  estimateTelemetry,
  outcomeOf,
  telemetryRecords,
  validateTelemetry,
  versionsKey,
} from '../../src/reports/telemetry.js';
import { LABELS } from '../../src/engine/labels.js';
import { DECISIONS } from '../../src/reports/schema.js';
import { flaggedVerdict, letterUuids } from '../fixtures/reports/helpers.js';
import { mulberry32 } from '../../scripts/lib/mulberry32.js';

describe('randomized response', () => {
  it('has the documented probabilities: each record is ε-LDP', () => {
    const { p, q } = keepProbability(DEFAULT_EPSILON);
    expect(DEFAULT_EPSILON).toBeCloseTo(Math.log(3));
    expect(p + q).toBeCloseTo(1);
    // Two one-hot inputs differ in two bits: the worst-case likelihood ratio is (p/q)^2 = e^ε.
    expect((p / q) ** 2).toBeCloseTo(3);
    expect(() => keepProbability(0)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    expect(() => keepProbability(Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it('flips bits at the rate it promises', () => {
    const random = mulberry32(11);
    const n = 20_000;
    let setTrue = 0;
    let setFalse = 0;
    for (let i = 0; i < n; i += 1) {
      const bits = randomizeOneHot(0, 2, DEFAULT_EPSILON, random);
      if (bits[0] === '1') setTrue += 1;
      if (bits[1] === '1') setFalse += 1;
    }
    const { p, q } = keepProbability(DEFAULT_EPSILON);
    expect(Math.abs(setTrue / n - p)).toBeLessThan(0.015);
    expect(Math.abs(setFalse / n - q)).toBeLessThan(0.015);
  });
});

describe('telemetry records', () => {
  it('makes one valid record per flagged label, carrying no label or decision in clear', async () => {
    const verdict = await flaggedVerdict();
    const records = telemetryRecords(verdict, 'proceeded', { random: mulberry32(1), randomUUID: letterUuids(2) });
    expect(records).toHaveLength(verdict.flags.length);
    for (const record of records) {
      expect(validateTelemetry(record)).toBe(record);
      expect(record.cells).toMatch(new RegExp(`^[01]{${TELEMETRY_CELLS}}$`));
      expect(record.versions).toBe('goodbyes@1,insults@1,prizes@1');
      expect(JSON.stringify(record)).not.toMatch(/scam|harassment|proceed/);
    }
    expect(telemetryRecords({ ...verdict, flags: [] }, 'proceeded')).toEqual([]);
    expect(validateTelemetry(coverTelemetryRecord(verdict.versions))).toBeTruthy();
    expect(versionsKey({})).toBe('none');
  });

  it('rejects malformed records', () => {
    const good = coverTelemetryRecord({ a: '1' });
    for (const bad of [
      { ...good, cells: good.cells.slice(1) },
      { ...good, cells: good.cells.replace(/.$/, '2') },
      { ...good, epsilon: 50 },
      { ...good, versions: 'a@1 b@2' },
      { ...good, label: 'scam' },
      { ...good, schema: 2 },
    ]) {
      expect(() => validateTelemetry(bad)).toThrow(expect.objectContaining({ code: 'INVALID_REPORT' }));
    }
  });
});

describe('the estimator', () => {
  it('recovers per-label shown / overridden / acted counts from a large seeded population within 4 standard errors', async () => {
    const random = mulberry32(20240502);
    const verdict = await flaggedVerdict();
    // Ground truth: per label, how many warnings were shown and how each ended.
    const truth = new Map(LABELS.map((label, i) => [label, { other: 1000 + 50 * i, overridden: 300 + 150 * (i % 4), acted: 100 * (i % 3) }]));
    const ones = new Array<number>(TELEMETRY_CELLS).fill(0);
    let records = 0;
    const add = (cells: string) => {
      records += 1;
      for (let i = 0; i < cells.length; i += 1) if (cells[i] === '1') ones[i]! += 1;
    };
    const decisionFor = { other: 'dismissed', overridden: 'proceeded', acted: 'reported' } as const;
    for (const label of LABELS) {
      const counts = truth.get(label)!;
      for (const outcome of TELEMETRY_OUTCOMES) {
        for (let i = 0; i < counts[outcome]; i += 1) {
          const [record] = telemetryRecords({ ...verdict, flags: [label] }, decisionFor[outcome], { random, randomUUID: () => 'x' });
          add(record!.cells);
        }
      }
    }
    for (let i = 0; i < 5000; i += 1) add(coverTelemetryRecord(verdict.versions, { random, randomUUID: () => 'x' }).cells);
    const estimates = estimateTelemetry({ records, ones, epsilon: DEFAULT_EPSILON });
    let sumSquaredZ = 0;
    for (const estimate of estimates) {
      const t = truth.get(estimate.label)!;
      const shown = t.other + t.overridden + t.acted;
      const z = [
        (estimate.shown - shown) / estimate.stderr.shown,
        (estimate.overridden - t.overridden) / estimate.stderr.overridden,
        (estimate.acted - t.acted) / estimate.stderr.acted,
      ];
      for (const value of z) {
        expect(Math.abs(value)).toBeLessThan(4);
        sumSquaredZ += value * value;
      }
    }
    // The errors are as large as the stated standard errors say, not smaller (overfit) nor larger (biased).
    const meanSquaredZ = sumSquaredZ / (estimates.length * 3);
    expect(meanSquaredZ).toBeGreaterThan(0.4);
    expect(meanSquaredZ).toBeLessThan(1.8);
    expect(records).toBeGreaterThan(20_000);
  });

  it('is unbiased: averaged over many small populations, the error goes to zero', () => {
    const random = mulberry32(7);
    const trials = 400;
    let sum = 0;
    for (let t = 0; t < trials; t += 1) {
      const ones = [0, 0];
      const n = 200;
      for (let i = 0; i < n; i += 1) {
        const bits = randomizeOneHot(i < 50 ? 0 : i < 80 ? 1 : null, 2, DEFAULT_EPSILON, random);
        if (bits[0] === '1') ones[0]! += 1;
        if (bits[1] === '1') ones[1]! += 1;
      }
      sum += estimateCounts({ records: n, ones, epsilon: DEFAULT_EPSILON })[0]!.estimate;
    }
    const stderrOfMean = estimateCounts({ records: 200, ones: [0], epsilon: DEFAULT_EPSILON })[0]!.stderr / Math.sqrt(trials);
    expect(Math.abs(sum / trials - 50)).toBeLessThan(4 * stderrOfMean);
  });

  it('counts proceeding as overridden and blocking or reporting as acted on', () => {
    expect(DECISIONS.map(outcomeOf)).toEqual(['other', 'overridden', 'other', 'acted', 'acted']);
  });
});
