/**
 * Splits a run of letters that is not a word into the words it was made of. Spaced-out letters of
 * neighbouring words join into one run in `normalizeText` ("y o u a r e d u m b" → "youaredumb"),
 * and hashtags run words together ("#killyourself"); the features add the words found inside, so
 * such a run scores like the words themselves.
 *
 * The split is the cheapest sequence of vocabulary words, a word of frequency rank r costing
 * ln((r + 1) · ln N) for a vocabulary of N words (Zipf's law, as in Norvig's and wordninja's
 * segmenters): common words beat rare ones, and few words beat many.
 */

/** Words to split runs into, most frequent first, in `normalizeText` form. Stored in the model sidecar. */
export interface FeatureVocabulary {
  /** Where the words and their order come from, for people. */
  readonly source: string;
  readonly words: readonly string[];
}

/** Finds the words inside runs of units; not re-entrant, results are overwritten by the next call. */
export interface WordSegmenter {
  /** Whether a word with this hash is in the vocabulary. */
  knows(hash: number): boolean;
  /** The cost of the vocabulary word with this hash (lower: more frequent), or undefined if none. */
  costOf(hash: number): number | undefined;
  /**
   * The cheapest split of `units[from, to)` into two or more vocabulary words, as the end offsets
   * (absolute, ascending, the last one `to`) in the first `count` entries of the returned array;
   * `count` 0 when no split exists or the run is longer than {@link MAX_SEGMENTED_LENGTH}.
   */
  split(units: Uint16Array, from: number, to: number): { readonly ends: Int32Array; readonly count: number };
}

/** Runs longer than this are not split: a spaced-out sentence is shorter, and the search grows with length. */
export const MAX_SEGMENTED_LENGTH = 96;

/**
 * @param words - the vocabulary, most frequent first; words other than lower-case a–z are skipped.
 * @param base - the hash of the empty word; `step` extends a hash by one UTF-16 code unit. With the
 *   hasher's own word hash, `knows` answers for the hash the features already computed.
 */
export function createWordSegmenter(words: readonly string[], base: number, step: (hash: number, code: number) => number): WordSegmenter {
  const costs = new Map<number, number>();
  const logCount = Math.log(Math.max(words.length, 2));
  let longest = 0;
  words.forEach((word, rank) => {
    if (!/^[a-z]+$/.test(word)) return;
    let hash = base;
    for (let i = 0; i < word.length; i++) hash = step(hash, word.charCodeAt(i));
    if (costs.has(hash)) return;
    costs.set(hash, Math.log((rank + 1) * logCount));
    longest = Math.max(longest, word.length);
  });

  const best = new Float64Array(MAX_SEGMENTED_LENGTH + 1);
  const back = new Int32Array(MAX_SEGMENTED_LENGTH + 1);
  const ends = new Int32Array(MAX_SEGMENTED_LENGTH);
  const none = { ends, count: 0 };

  function split(units: Uint16Array, from: number, to: number) {
    const length = to - from;
    if (length < 2 || length > MAX_SEGMENTED_LENGTH) return none;
    best.fill(Infinity, 0, length + 1);
    best[0] = 0;
    for (let start = 0; start < length; start++) {
      const before = best[start] as number;
      if (before === Infinity) continue;
      let hash = base;
      const limit = Math.min(length, start + longest);
      for (let end = start + 1; end <= limit; end++) {
        hash = step(hash, units[from + end - 1] as number);
        const cost = costs.get(hash);
        if (cost !== undefined && before + cost < (best[end] as number)) {
          best[end] = before + cost;
          back[end] = start;
        }
      }
    }
    if (best[length] === Infinity) return none;
    let count = 0;
    for (let end = length; end > 0; end = back[end] as number) count += 1;
    if (count < 2) return none;
    let at = count;
    for (let end = length; end > 0; end = back[end] as number) ends[--at] = from + end;
    return { ends, count };
  }

  return { knows: (hash) => costs.has(hash), costOf: (hash) => costs.get(hash), split };
}
