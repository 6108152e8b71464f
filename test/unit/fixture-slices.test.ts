import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureSlices, readSlices, type SliceResult } from '../../scripts/text-training/fixture-slices.js';
import { createPatternDetectors } from '../../src/text/patterns/index.js';
import { createTextModelDetector, type TextModelDetector } from '../../src/text/text-model-detector.js';

const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/text/', import.meta.url));

describe('held-out fixture slices (slices.json)', () => {
  let model: TextModelDetector;
  let results: SliceResult[];

  beforeAll(async () => {
    model = createTextModelDetector();
    await model.load();
    results = await measureSlices([model, ...createPatternDetectors()], FIXTURE_DIR);
  }, 60_000);
  afterAll(() => model.dispose());

  it('lists every held-out and blind file, and only files that exist', () => {
    const onDisk = readdirSync(FIXTURE_DIR).filter((name) => /-(?:heldout|blind)\d*(?:-negative)?\.jsonl$/u.test(name));
    const listed = readSlices(FIXTURE_DIR).flatMap((slice) => [slice.positives, slice.negatives]);
    expect([...listed].sort()).toEqual([...onDisk].sort());
  });

  it('counts every line the first run counted', () => {
    for (const slice of results) {
      expect(slice.now.positives, slice.positives).toBe(slice.first_run.positives);
      expect(slice.now.negatives, slice.negatives).toBe(slice.first_run.negatives);
    }
  });

  /**
   * A slice nobody has tuned on measures how the rules generalise, so its numbers are pinned to its
   * first run: a fall is a regression; a rise means a change touched phrasings it was never written
   * for, which is welcome, but then the slice must be marked tuned_on (its numbers no longer blind).
   */
  it('never-tuned slices still give their first-run numbers', () => {
    for (const slice of results.filter((s) => !s.tuned_on)) {
      console.info(
        `[${slice.positives}] caught ${slice.now.caught}/${slice.now.positives}, false alarms ${slice.now.false_alarms}/${slice.now.negatives}`,
      );
      expect(slice.now, slice.positives).toEqual(slice.first_run);
    }
  });
});
