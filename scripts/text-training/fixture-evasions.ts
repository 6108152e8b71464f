/**
 * The evasion check of `eval-text.ts`, on the hand-written fixtures instead of the validation split:
 * the pattern families (scam, pii, self_harm, sextortion, threat) have no validation data, so their
 * robustness is measured on the fixture positives they detect when written plainly.
 */
import type { Evasion } from './evasions.js';
import { perturb } from './evasions.js';
import { mulberry32 } from '../lib/mulberry32.js';

/** A fixture line: its text, direction and expected labels (empty for a negative). */
export interface EvasionFixture {
  readonly text: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly expect: readonly string[];
}

/** Whether the guard's detectors flag `label` (any detector ≥ 0.5) on `text`. */
export type Flags = (text: string, direction: EvasionFixture['direction'], label: string) => Promise<boolean>;

export interface DetectionCounts {
  /** Fixture positives detected when plain, each once per evasion. */
  readonly clean: number;
  /** Of those, still detected after the evasion. */
  readonly perturbed: number;
  readonly ratio: number;
}

const counts = (clean: number, perturbed: number): DetectionCounts => ({ clean, perturbed, ratio: clean ? perturbed / clean : 0 });

/**
 * For every fixture positive detected as written, applies each evasion (about half its words, seeded)
 * and counts how many stay detected: overall, per evasion and per label.
 */
export async function fixtureEvasions(
  fixtures: readonly EvasionFixture[],
  table: Readonly<Record<string, Evasion>>,
  flags: Flags,
  seed: number,
): Promise<{ overall: DetectionCounts; by_evasion: Record<string, DetectionCounts>; by_label: Record<string, Record<string, DetectionCounts>> }> {
  const random = mulberry32(seed);
  const tally = new Map<string, [number, number]>();
  const count = (key: string, kept: boolean) => {
    const cell = tally.get(key) ?? [0, 0];
    cell[0] += 1;
    if (kept) cell[1] += 1;
    tally.set(key, cell);
  };
  for (const fixture of fixtures) {
    for (const label of fixture.expect) {
      if (!(await flags(fixture.text, fixture.direction, label))) continue;
      for (const [name, evasion] of Object.entries(table)) {
        const kept = await flags(perturb(fixture.text, evasion, random), fixture.direction, label);
        for (const key of ['', `e:${name}`, `l:${label}:${name}`]) count(key, kept);
      }
    }
  }
  const of = (key: string) => counts(...(tally.get(key) ?? [0, 0]));
  const by_label: Record<string, Record<string, DetectionCounts>> = {};
  for (const key of tally.keys()) {
    if (!key.startsWith('l:')) continue;
    const [, label, name] = key.split(':') as [string, string, string];
    (by_label[label] ??= {})[name] = of(key);
  }
  return { overall: of(''), by_evasion: Object.fromEntries(Object.keys(table).map((name) => [name, of(`e:${name}`)])), by_label };
}
