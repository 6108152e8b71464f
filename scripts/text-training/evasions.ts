/**
 * Seeded evasions (leetspeak, look-alike letters, zero-width characters, spaced letters, stretched
 * vowels) applied to about half the words of a text: the robustness check of `scripts/eval-text.ts`,
 * also run on the development split by `--tune`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Rewrites one word; `random` is the seeded source of choices. */
export type Evasion = (word: string, random: () => number) => string;

const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7', l: '1', g: '9' };

/** Lookalikes for a–z from the Unicode confusables (single code point → single ASCII letter). */
function homoglyphTable(dataDir: string): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const line of readFileSync(resolve(dataDir, 'unicode/confusables.txt'), 'utf8').split('\n')) {
    const match = /^([0-9A-F]{4,6}) ;\t([0-9A-F]{4}) ;/.exec(line);
    if (!match) continue;
    const target = String.fromCodePoint(parseInt(match[2] as string, 16));
    if (!/^[a-z]$/.test(target)) continue;
    const list = table.get(target) ?? [];
    list.push(String.fromCodePoint(parseInt(match[1] as string, 16)));
    table.set(target, list);
  }
  return table;
}

export function evasions(dataDir: string): Record<string, Evasion> {
  const glyphs = homoglyphTable(dataDir);
  const pick = <T>(list: readonly T[], random: () => number) => list[Math.floor(random() * list.length)] as T;
  return {
    leet: (word) => word.replace(/[aeiostlg]/gi, (c) => LEET[c.toLowerCase()] ?? c),
    homoglyph: (word, random) =>
      [...word].map((c) => (glyphs.has(c.toLowerCase()) && random() < 0.6 ? pick(glyphs.get(c.toLowerCase()) as string[], random) : c)).join(''),
    zero_width: (word, random) => [...word].join(pick(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'], random)),
    spacing: (word) => [...word].join(' '),
    stretching: (word, random) => word.replace(/[aeiouy]/gi, (c) => c.repeat(2 + Math.floor(random() * 4))),
  };
}

/** Applies `evasion` to about half of the words of 3+ letters, at least one. */
export function perturb(text: string, evasion: Evasion, random: () => number): string {
  const words = text.split(/(\s+)/);
  const candidates = words.map((w, i) => (/^\p{L}{3,}/u.test(w) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  const forced = candidates[Math.floor(random() * candidates.length)] as number;
  return words.map((w, i) => (i === forced || (candidates.includes(i) && random() < 0.5) ? evasion(w, random) : w)).join('');
}
