/**
 * The pattern rules' vocabulary: 5,000 common chat words in plain spelling (`vocabulary-data.ts`,
 * `npm run build:pattern-vocabulary`), for the other readings of a message (`second-reading.ts`):
 * - which reading of a leetspeak word is a word (`1` stands for both i and l: "k111" is "kill");
 * - the words inside a run of spaced-out letters: spacing out neighbouring words joins them into one
 *   run ("t h e m a l l" → "themall"), which no phrase rule matches; the text model's word segmenter
 *   (`../word-segmenter.ts`) finds the cheapest split into vocabulary words ("them all").
 *
 * The text model has a vocabulary of its own, in its sidecar and in its letter-collapsed form; the
 * rules must work without the model.
 */
import { createWordSegmenter, type WordSegmenter } from '../word-segmenter.js';
import { PATTERN_VOCABULARY } from './vocabulary-data.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const step = (hash: number, code: number): number => Math.imul(hash ^ code, FNV_PRIME) >>> 0;

// Built on first use: only spaced-out text needs it, so most sessions never pay for it.
let segmenter: WordSegmenter | undefined;
let units = new Uint16Array(64);

function createSegmenter(): WordSegmenter {
  return createWordSegmenter(PATTERN_VOCABULARY.split(' '), FNV_OFFSET, step);
}

function wordHash(letters: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < letters.length; i++) hash = step(hash, letters.charCodeAt(i));
  return hash;
}

/**
 * How common `letters` (lower-case a–z) is as a word: lower is more common; undefined when it is not
 * a vocabulary word.
 * @example wordCost('all') < wordCost('ail') // true
 */
export function wordCost(letters: string): number | undefined {
  segmenter ??= createSegmenter();
  return segmenter.costOf(wordHash(letters));
}

/**
 * Where the words inside `letters` (lower-case a–z) end, as offsets into it (ascending, the last one
 * `letters.length`); undefined when `letters` is a vocabulary word itself or is not made of two or
 * more of them.
 * @example wordEnds('themall') // [4, 7]: "them", "all"
 */
export function wordEnds(letters: string): readonly number[] | undefined {
  segmenter ??= createSegmenter();
  if (segmenter.knows(wordHash(letters))) return undefined;
  if (letters.length > units.length) units = new Uint16Array(letters.length * 2);
  for (let i = 0; i < letters.length; i++) units[i] = letters.charCodeAt(i);
  const { ends, count } = segmenter.split(units, 0, letters.length);
  return count >= 2 ? Array.from(ends.subarray(0, count)) : undefined;
}
