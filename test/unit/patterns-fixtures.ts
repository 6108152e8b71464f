/**
 * Shared by the `patterns-*` tests: reads the JSON Lines fixtures in `test/fixtures/text/` and
 * measures a detector on them at the default operating point (0.5).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Detector, DetectorResult } from '../../src/engine/detector.js';
import { isLabel, type Label } from '../../src/engine/labels.js';
import type { Direction } from '../../src/engine/message.js';

/** One fixture line. */
export interface Fixture {
  readonly text: string;
  readonly direction?: Direction;
  readonly expect: readonly Label[];
  /** 1-based line number, for failure messages. */
  readonly line: number;
}

/** The operating point the policy table is calibrated around. */
export const THRESHOLD = 0.5;
/** The targets. */
export const MIN_RECALL = 0.9;
export const MAX_FALSE_ALARM_RATE = 0.05;

const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/text/', import.meta.url));

/** Reads and checks one fixture file; a malformed line fails loudly rather than being skipped. */
export function readFixtures(name: string): Fixture[] {
  const lines = readFileSync(FIXTURE_DIR + name, 'utf8').split('\n');
  const fixtures: Fixture[] = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const value = JSON.parse(raw) as { text?: unknown; direction?: unknown; expect?: unknown };
    const where = `${name}:${index + 1}`;
    if (typeof value.text !== 'string') throw new Error(`${where}: text must be a string`);
    if (value.direction !== undefined && value.direction !== 'incoming' && value.direction !== 'outgoing') {
      throw new Error(`${where}: direction must be "incoming" or "outgoing"`);
    }
    if (!Array.isArray(value.expect) || !value.expect.every(isLabel)) throw new Error(`${where}: expect must list labels`);
    fixtures.push({
      text: value.text,
      ...(value.direction === undefined ? {} : { direction: value.direction }),
      expect: value.expect,
      line: index + 1,
    });
  });
  return fixtures;
}

/** Runs a pattern detector, which is synchronous; a promise here would be a bug. */
export function run(detector: Detector, text: string, direction: Direction): DetectorResult {
  const result = detector.detect({ message: { text }, text, direction });
  if (result instanceof Promise) throw new Error(`${detector.id} returned a promise`);
  return result;
}

export function scoreOf(detector: Detector, label: Label, text: string, direction: Direction): number {
  return run(detector, text, direction).scores[label] ?? 0;
}

/** Recall on a positive file; fixtures without a direction are read as incoming. */
export function recall(detector: Detector, label: Label, fixtures: readonly Fixture[]): { rate: number; misses: string[] } {
  const misses = fixtures
    .filter((fixture) => scoreOf(detector, label, fixture.text, fixture.direction ?? 'incoming') < THRESHOLD)
    .map((fixture) => fixture.text);
  return { rate: 1 - misses.length / fixtures.length, misses };
}

/**
 * False-alarm rate on negatives. A fixture without a direction is checked both ways and counts as
 * a false alarm if either direction flags it.
 */
export function falseAlarms(detector: Detector, label: Label, fixtures: readonly Fixture[]): { rate: number; alarms: string[] } {
  const alarms = fixtures
    .filter((fixture) =>
      (fixture.direction ? [fixture.direction] : (['incoming', 'outgoing'] as const)).some(
        (direction) => scoreOf(detector, label, fixture.text, direction) >= THRESHOLD,
      ),
    )
    .map((fixture) => fixture.text);
  return { rate: alarms.length / fixtures.length, alarms };
}

/** Every fixture file, for checks that apply to all of them. */
export const ALL_FIXTURE_FILES = [
  'scam.jsonl',
  'scam-negative.jsonl',
  'pii.jsonl',
  'pii-negative.jsonl',
  'self_harm.jsonl',
  'self_harm-negative.jsonl',
  'sextortion.jsonl',
  'sextortion-negative.jsonl',
  'threat.jsonl',
  'threat-negative.jsonl',
  'benign-chat.jsonl',
] as const;

/**
 * The acceptance check for one family: recall on `<base>.jsonl`, false alarms on
 * `<base>-negative.jsonl` plus `benign-chat.jsonl`, at the 0.5 threshold. Rates are printed so a
 * run shows the measured numbers, not only pass or fail.
 */
export function fixtureRateTests(detector: Detector, label: Label, base: string): void {
  const positives = readFixtures(`${base}.jsonl`);
  const negatives = readFixtures(`${base}-negative.jsonl`);
  const benign = readFixtures('benign-chat.jsonl');

  it(`${base}.jsonl: every line expects ${label}; negatives and benign chat expect nothing`, () => {
    expect(positives.every((fixture) => fixture.expect.includes(label))).toBe(true);
    expect([...negatives, ...benign].every((fixture) => fixture.expect.length === 0)).toBe(true);
  });

  it(`recall on ${base}.jsonl is at least ${MIN_RECALL}`, () => {
    const { rate, misses } = recall(detector, label, positives);
    console.info(`[${label}] recall ${rate.toFixed(3)} on ${positives.length} positives; misses: ${JSON.stringify(misses)}`);
    expect(rate).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it(`false alarms on ${base}-negative.jsonl + benign-chat.jsonl are at most ${MAX_FALSE_ALARM_RATE * 100}%`, () => {
    const all = falseAlarms(detector, label, [...negatives, ...benign]);
    const hard = falseAlarms(detector, label, negatives);
    console.info(
      `[${label}] false alarms ${all.rate.toFixed(3)} on ${negatives.length + benign.length} (hard negatives alone ${hard.rate.toFixed(3)}); alarms: ${JSON.stringify(all.alarms)}`,
    );
    expect(all.rate).toBeLessThanOrEqual(MAX_FALSE_ALARM_RATE);
  });
}
