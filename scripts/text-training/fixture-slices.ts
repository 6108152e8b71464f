/**
 * The held-out fixture slices (`test/fixtures/text/slices.json`): which files they are, who wrote
 * them, what the first run measured, and what the detectors catch on them now. Shared by
 * `npm run eval:text` (the report and the README table) and the unit test that pins the slices
 * nobody has tuned on, so the two can never count differently.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Detector } from '../../src/engine/detector.js';
import type { Direction } from '../../src/engine/message.js';

/** Counts of one run on a slice. */
export interface SliceCounts {
  readonly caught: number;
  readonly positives: number;
  readonly false_alarms: number;
  readonly negatives: number;
}

/** One entry of slices.json. */
export interface SliceRecord {
  readonly label: string;
  /** File names in the fixture folder. */
  readonly positives: string;
  readonly negatives: string;
  /** `rules-author`: written before a rule change by the person who made it; `blind-helper`: by someone who never saw the rules. */
  readonly author: 'rules-author' | 'blind-helper';
  readonly written: string;
  readonly first_run: SliceCounts;
  /** True once the rules were changed using this slice: its current numbers then no longer measure generalisation. */
  readonly tuned_on: boolean;
}

/** A slice with what the detectors do on it today. */
export interface SliceResult extends SliceRecord {
  readonly now: SliceCounts;
  readonly missed: readonly string[];
  readonly false_alarm_texts: readonly string[];
}

const THRESHOLD = 0.5;

interface Row {
  readonly text: string;
  readonly direction?: Direction;
}

function readRows(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
}

/** Reads slices.json from the fixture folder. */
export function readSlices(fixtureDir: string): SliceRecord[] {
  const parsed = JSON.parse(readFileSync(resolve(fixtureDir, 'slices.json'), 'utf8')) as { slices: SliceRecord[] };
  return parsed.slices;
}

async function labelScore(detectors: readonly Detector[], label: string, text: string, direction: Direction): Promise<number> {
  let best = 0;
  for (const detector of detectors) {
    const { scores } = await detector.detect({ text, direction, message: { text } });
    best = Math.max(best, (scores as Record<string, number | undefined>)[label] ?? 0);
  }
  return best;
}

/**
 * Runs every slice: a positive is caught when any detector scores its label ≥ 0.5 in its direction
 * (incoming when the line names none); a negative is a false alarm when the label reaches 0.5 in
 * either direction.
 */
export async function measureSlices(detectors: readonly Detector[], fixtureDir: string): Promise<SliceResult[]> {
  const results: SliceResult[] = [];
  for (const slice of readSlices(fixtureDir)) {
    const missed: string[] = [];
    const alarms: string[] = [];
    const positives = readRows(resolve(fixtureDir, slice.positives));
    for (const row of positives) {
      if ((await labelScore(detectors, slice.label, row.text, row.direction ?? 'incoming')) < THRESHOLD) missed.push(row.text);
    }
    const negatives = readRows(resolve(fixtureDir, slice.negatives));
    for (const row of negatives) {
      const incoming = await labelScore(detectors, slice.label, row.text, 'incoming');
      const outgoing = await labelScore(detectors, slice.label, row.text, 'outgoing');
      if (Math.max(incoming, outgoing) >= THRESHOLD) alarms.push(row.text);
    }
    results.push({
      ...slice,
      now: { caught: positives.length - missed.length, positives: positives.length, false_alarms: alarms.length, negatives: negatives.length },
      missed,
      false_alarm_texts: alarms,
    });
  }
  return results;
}
