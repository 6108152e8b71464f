/**
 * Training-time evasion augmentation: seeded, perturbed copies of labelled examples, so that the
 * model sees disguised spellings of what it learns (`npm run train:text`, off unless
 * `TRAINING_AUGMENT` or a `--tune` candidate turns it on).
 *
 * INDEPENDENT OF THE EVALUATION'S EVASIONS. `eval-text.ts` (and the tuner's probes) measure
 * robustness with `evasions.ts`. This file shares no code and no tables with it, on purpose, so
 * the evaluation's evasion ratio keeps measuring robustness to perturbations the model was not
 * trained on exactly:
 * - leetspeak: its own, broader table of multi-character substitutions from common leetspeak lists
 *   (`|-|` for h, `(` for c, `|<` for k, `\/` for v, `ph` for f, …), each letter replaced with a
 *   probability, never all of a word's letters as `evasions.ts` does with its 8-letter digit table;
 * - look-alikes: from `confusables.txt`, only the code points confusable with an UPPER-case ASCII
 *   letter (Cyrillic/Greek capitals, Latin small capitals, mathematical capitals…) standing in for
 *   that letter; `evasions.ts` draws only the ones confusable with a lower-case letter, so the two
 *   selections are disjoint;
 * - separators: dots, dashes, underscores, asterisks, slashes or double spaces between the letters
 *   of a word, sometimes only part of it; `evasions.ts` uses single spaces between every letter;
 * - invisible and combining marks: soft hyphens, combining grapheme joiners, invisible operators
 *   and combining accents (`evasions.ts`: ZWSP, ZWNJ, ZWJ, word joiner, BOM);
 * - stretching: a consonant or the last letter repeated 3–7 times, or trailing punctuation
 *   (`evasions.ts`: every vowel 2–5 times);
 * - a word-choice rule of its own: each word of 2+ letters with probability `wordRate`, at least
 *   one, and sometimes two kinds of perturbation on one word.
 * The PRNG is its own too (xorshift32, not the training mulberry32).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TEXT_MODEL_LABELS } from '../../src/text/text-model-detector.js';
import type { TextExample } from './data.js';

/** Which examples get perturbed copies, how many and at what loss weight. */
export interface AugmentOptions {
  /** `positives`: examples positive for one of `labels`; `all`: every example that trains one of them. */
  readonly scope: 'positives' | 'all';
  /** Labels whose positives are copied (scope `positives`), or whose examples are (scope `all`). */
  readonly labels: readonly (typeof TEXT_MODEL_LABELS)[number][];
  /**
   * Copies train only `labels` (their other targets become -1, "not annotated"), so the heads of
   * the other labels are trained exactly as without augmentation. Default false: a copy trains
   * every label its original trains.
   */
  readonly onlyLabels?: boolean;
  /** Expected copies per selected example (0.5: every other one on average; 2: two each). */
  readonly rate: number;
  /** Loss weight of a copy (the original weighs 1). */
  readonly weight: number;
  /** Share of a text's words perturbed. */
  readonly wordRate: number;
  readonly seed: number;
}

export const DEFAULT_AUGMENT: AugmentOptions = Object.freeze<AugmentOptions>({
  scope: 'positives',
  labels: ['spam', 'scam', 'harassment', 'hate', 'sexual'],
  rate: 1,
  weight: 0.5,
  wordRate: 0.4,
  seed: 90210,
});

/** xorshift32 in [0, 1). */
function xorshift(seed: number): () => number {
  let x = (seed | 0) || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** Leetspeak substitutions written for this file (several per letter, many multi-character). */
const LEETSPEAK: Readonly<Record<string, readonly string[]>> = {
  a: ['4', '@', '/\\', '^', 'λ'],
  b: ['8', '|3', '6', '13'],
  c: ['(', '<', '[', '¢'],
  d: ['|)', 'cl', '[)'],
  e: ['3', '€', '&', '£'],
  f: ['ph', '|=', '#'],
  g: ['6', '9', '&'],
  h: ['#', '|-|', '}{', ']-['],
  i: ['1', '!', '|', ']['],
  j: ['_|', ';'],
  k: ['|<', '|{', 'x'],
  l: ['1', '|', '|_', '£'],
  m: ['|\\/|', '/\\/\\', '^^', 'nn'],
  n: ['|\\|', '/\\/', '^/'],
  o: ['0', '()', '[]', '<>', 'ø'],
  p: ['|*', '|o', '9'],
  q: ['0_', '9'],
  r: ['|2', '12', '®'],
  s: ['5', '$', 'z', '§'],
  t: ['7', '+', '†'],
  u: ['|_|', 'v', 'µ'],
  v: ['\\/', 'u'],
  w: ['\\/\\/', 'vv', 'uu'],
  x: ['><', '}{', '×'],
  y: ['`/', '¥', 'j'],
  z: ['2', '7_', '%'],
};

const SEPARATORS = ['.', '-', '_', '*', '/', '  ', '. ', ','];
const INVISIBLES = ['\u00AD', '\u034F', '\u2061', '\u2062', '\u2063', '\u2064', '\u180E'];
const ACCENTS = ['\u0301', '\u0300', '\u0308', '\u0303', '\u0327', '\u0332'];

/** Code points confusable with an upper-case ASCII letter, by that letter in lower case. */
export function upperCaseLookalikes(dataDir: string): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const line of readFileSync(resolve(dataDir, 'unicode/confusables.txt'), 'utf8').split('\n')) {
    const fields = line.split('#')[0]?.split(';').map((f) => f.trim());
    if (!fields || fields.length < 2 || !/^[0-9A-F]{4,6}$/.test(fields[0] as string) || !/^[0-9A-F]{4}$/.test(fields[1] as string)) continue;
    const target = String.fromCodePoint(parseInt(fields[1] as string, 16));
    if (!/^[A-Z]$/.test(target)) continue;
    const source = String.fromCodePoint(parseInt(fields[0] as string, 16));
    if (/^[\x00-\x7F]$/.test(source)) continue;
    const key = target.toLowerCase();
    const list = table.get(key) ?? [];
    list.push(source);
    table.set(key, list);
  }
  return table;
}

type Perturbation = (word: string, random: () => number) => string;

/** The perturbation kinds, by name. */
export function perturbations(dataDir: string): Record<string, Perturbation> {
  const glyphs = upperCaseLookalikes(dataDir);
  const pick = <T>(list: readonly T[], random: () => number) => list[Math.floor(random() * list.length)] as T;
  const letters = (word: string) => [...word];
  return {
    leetspeak: (word, random) => {
      const p = 0.35 + 0.5 * random();
      let changed = false;
      const out = letters(word).map((c) => {
        const options = LEETSPEAK[c.toLowerCase()];
        if (!options || random() >= p) return c;
        changed = true;
        return pick(options, random);
      });
      if (!changed) {
        const at = out.findIndex((c) => LEETSPEAK[c.toLowerCase()]);
        if (at >= 0) out[at] = pick(LEETSPEAK[(out[at] as string).toLowerCase()] as readonly string[], random);
      }
      return out.join('');
    },
    lookalike: (word, random) =>
      letters(word)
        .map((c) => {
          const options = glyphs.get(c.toLowerCase());
          return options && random() < 0.5 ? pick(options, random) : c;
        })
        .join(''),
    separators: (word, random) => {
      const chars = letters(word);
      const separator = pick(SEPARATORS, random);
      // Whole word, or only its first part ("f.u.c.k" / "f.u.ck").
      const upTo = random() < 0.7 ? chars.length : Math.max(2, Math.ceil(chars.length * (0.4 + 0.4 * random())));
      return chars.slice(0, upTo).join(separator) + chars.slice(upTo).join('');
    },
    invisible: (word, random) => {
      const accents = random() < 0.4;
      return letters(word)
        .map((c, i) => (i > 0 && random() < 0.6 ? pick(accents ? ACCENTS : INVISIBLES, random) : '') + c)
        .join('');
    },
    stretching: (word, random) => {
      const chars = letters(word);
      const r = random();
      if (r < 0.3) return word + pick(['!!!', '...', '??', '!1!', '~~'], random);
      const at = r < 0.6 ? chars.length - 1 : Math.floor(random() * chars.length);
      chars[at] = (chars[at] as string).repeat(3 + Math.floor(random() * 5));
      return chars.join('');
    },
  };
}

/** Perturbs a share of the words of `text` (at least one of 2+ letters) with randomly chosen kinds. */
export function augmentText(text: string, kinds: Record<string, Perturbation>, wordRate: number, random: () => number): string {
  const names = Object.keys(kinds);
  const parts = text.split(/(\s+)/);
  const eligible = parts.flatMap((w, i) => (/\p{L}.*\p{L}/u.test(w) && !/\s/u.test(w) ? [i] : []));
  if (eligible.length === 0) return text;
  const main = kinds[names[Math.floor(random() * names.length)] as string] as Perturbation;
  const must = eligible[Math.floor(random() * eligible.length)] as number;
  return parts
    .map((w, i) => {
      if (!eligible.includes(i) || (i !== must && random() >= wordRate)) return w;
      let out = (random() < 0.75 ? main : (kinds[names[Math.floor(random() * names.length)] as string] as Perturbation))(w, random);
      if (random() < 0.15) out = (kinds[names[Math.floor(random() * names.length)] as string] as Perturbation)(out, random);
      return out;
    })
    .join('');
}

/** An augmented copy and the index of the example it copies. */
export interface Augmented {
  readonly example: TextExample;
  readonly origin: number;
}

/**
 * Perturbed copies of the selected examples of `examples`, with the same targets and soft targets,
 * id `<id>#aug<k>`, weight `options.weight` and `augmented: true`. Deterministic for `options.seed`.
 */
export function augmentExamples(examples: readonly TextExample[], dataDir: string, options: AugmentOptions): Augmented[] {
  const kinds = perturbations(dataDir);
  const random = xorshift(options.seed);
  const labelIndices = options.labels.map((label) => TEXT_MODEL_LABELS.indexOf(label));
  const out: Augmented[] = [];
  examples.forEach((example, origin) => {
    if (example.source === 'spam-assassin') return; // e-mail is not chat; its copies would only add weight
    const selected =
      options.scope === 'all' ? labelIndices.some((l) => (example.targets[l] as number) >= 0) : labelIndices.some((l) => example.targets[l] === 1);
    if (!selected) return;
    const whole = Math.floor(options.rate);
    const copies = whole + (random() < options.rate - whole ? 1 : 0);
    const labelled = options.onlyLabels ? onlyTheseLabels(example, labelIndices) : {};
    for (let k = 0; k < copies; k++) {
      const text = augmentText(example.text, kinds, options.wordRate, random);
      if (text === example.text) continue;
      out.push({ example: { ...example, ...labelled, id: `${example.id}#aug${k}`, text, weight: options.weight, augmented: true }, origin });
    }
  });
  return out;
}

/** `example`'s targets (and soft targets) with every label outside `keep` set to -1. */
function onlyTheseLabels(example: TextExample, keep: readonly number[]): Pick<TextExample, 'targets' | 'soft'> {
  const targets = Int8Array.from(example.targets, (t, l) => (keep.includes(l) ? t : -1));
  const soft = example.soft ? Float32Array.from(example.soft, (t, l) => (keep.includes(l) ? t : -1)) : undefined;
  return soft ? { targets, soft } : { targets };
}
