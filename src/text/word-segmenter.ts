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
  const logCount = Math.log(Math.max(words.length, 2));
  const costByRank = Float64Array.from(words, (_, rank) => Math.log((rank + 1) * logCount));
  // Two passes over the words, no intermediate arrays: this runs on every model load.
  let entries = 0; // each word and its prefixes of up to PREFIX_LENGTH letters, at most
  let longest = 0;
  for (const word of words) {
    if (!isLowerAscii(word)) continue;
    entries += 1 + Math.min(word.length - 1, PREFIX_LENGTH);
    longest = Math.max(longest, word.length);
  }
  const table = createHashTable(entries);
  // Words first, most frequent first, so that a hash shared by two words keeps the commoner one.
  for (let pass = 0; pass < 2; pass++) {
    words.forEach((word, rank) => {
      if (!isLowerAscii(word)) return;
      let hash = base;
      for (let i = 0; i < word.length; i++) {
        hash = step(hash, word.charCodeAt(i));
        if (pass === 1 && i + 1 < word.length && i < PREFIX_LENGTH) table.insert(hash, PREFIX);
      }
      if (pass === 0) table.insert(hash, rank);
    });
  }

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
        const rank = table.get(hash);
        if (rank < 0) {
          if (rank === ABSENT && end - start <= PREFIX_LENGTH) break; // no vocabulary word starts with units[start, end)
          continue;
        }
        const cost = before + (costByRank[rank] as number);
        if (cost < (best[end] as number)) {
          best[end] = cost;
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

  return {
    knows: (hash) => table.get(hash) >= 0,
    costOf: (hash) => {
      const rank = table.get(hash);
      return rank >= 0 ? costByRank[rank] : undefined;
    },
    split,
  };
}

function isLowerAscii(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 0x61 || code > 0x7a) return false;
  }
  return true;
}

/**
 * Prefixes up to this length are in the table, so a split stops once a run's first letters start no
 * word; longer prefixes would double the table, built on every model load, for little.
 */
const PREFIX_LENGTH = 4;

/** {@link createHashTable} answers: no word has this hash or starts with it. */
const ABSENT = -2;
/** {@link createHashTable} answers: a word starts with this hash, none has it. */
const PREFIX = -1;

/**
 * Open addressing from a 32-bit hash to a rank (≥ 0) or {@link PREFIX}, in typed arrays. With the
 * prefixes, a split of a long unknown word took 0.4 µs instead of 4.4 µs with a `Map` of the words
 * alone (a base64 line, "youaresodumbandugly", "royalmailredelivery", "txttowin"). An insert never
 * overwrites a rank.
 */
function createHashTable(entries: number) {
  let size = 16;
  while (size < entries * 1.5) size *= 2;
  const mask = size - 1;
  const keys = new Uint32Array(size);
  const values = new Int32Array(size).fill(ABSENT);
  const slotOf = (hash: number) => {
    let slot = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) & mask;
    while (values[slot] !== ABSENT && keys[slot] !== hash) slot = (slot + 1) & mask;
    return slot;
  };
  return {
    insert(hash: number, value: number): void {
      const slot = slotOf(hash >>> 0);
      if (values[slot] === ABSENT || (values[slot] === PREFIX && value >= 0)) {
        keys[slot] = hash >>> 0;
        values[slot] = value;
      }
    },
    get: (hash: number): number => values[slotOf(hash >>> 0)] as number,
  };
}
