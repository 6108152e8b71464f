/**
 * The vocabulary the text model's word segmenter splits joined words into
 * (`src/text/word-segmenter.ts`): the words of the training split, as the features see them.
 */
import type { FeatureVocabulary } from '../../src/text/features.js';
import { normalizeText } from '../../src/text/normalize.js';
import type { TextExample } from './data.js';

/** Words seen fewer times than this are left out: typos and joined runs, not words. */
export const VOCABULARY_MIN_COUNT = 3;
/** Longer "words" are URLs, hashes and keyboard mashing. */
const VOCABULARY_MAX_LENGTH = 20;

/**
 * Words of lower-case a–z in `normalizeText` form (apostrophes dropped, as the features drop them)
 * seen at least {@link VOCABULARY_MIN_COUNT} times in `examples`, most frequent first (ties in
 * alphabetical order, so the list is deterministic).
 */
export function segmentationVocabulary(examples: readonly TextExample[]): FeatureVocabulary {
  const counts = new Map<string, number>();
  for (const example of examples) {
    for (const word of normalizeText(example.text).replace(/['’`]/g, '').split(/[^a-z]+/)) {
      if (word.length === 0 || word.length > VOCABULARY_MAX_LENGTH) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const words = [...counts]
    .filter(([, count]) => count >= VOCABULARY_MIN_COUNT)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([word]) => word);
  return {
    source: `words of lower-case a-z seen ${VOCABULARY_MIN_COUNT}+ times in normalised training-split texts (the data sets under "training_data"), most frequent first`,
    words,
  };
}
