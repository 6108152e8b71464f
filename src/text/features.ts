/**
 * Hashed text features shared, byte for byte, by training (`scripts/train-text.ts`) and inference
 * (`text-model-detector.ts`): the model only works if both sides hash the same way, so there is
 * exactly one implementation and the sidecar records its parameters.
 *
 * Three groups of features, hashed into one space with a namespace per kind of feature:
 *
 * 1. The robust view, on `normalizeText(text)` (leetspeak decoded, spaced letters joined, every
 *    doubled letter collapsed): word unigrams, bigrams and optionally trigrams, and character
 *    n-grams inside word boundaries (`<word>`), plus the readings of leetspeak words that
 *    `normalizeText` kept, and the words found inside a run that is not a word (spaced-out letters
 *    of neighbouring words that normalisation joined, hashtags; `word-segmenter.ts`) and the
 *    vocabulary word an unknown word makes with some of its i's read as l (normalisation reads
 *    every leetspeak 1 as i). It scores a disguised word like the plain one.
 * 2. Lexicon tokens ({@link FeatureLexicon}), for terms found among the words of the robust view
 *    or of the light view ({@link lightNormalize}: look-alike letters folded and lower-cased,
 *    nothing else), so a term that normalisation would change still matches.
 * 3. Shape tokens, from the folded text before lower-casing: length, share of capitals, digit runs
 *    by length, currency signs before a number, links, exclamation marks: the surface detail the
 *    robust view folds away and spam is mostly told apart by.
 *
 * Each feature is hashed with FNV-1a over UTF-16 code units plus the murmur3 finaliser into
 * `2^bucketBits` buckets with a hash-derived sign (Weinberger et al. 2009), so collisions cancel
 * out on average instead of piling up. Per bucket the signed weights are summed, damped with
 * `sign(v)·ln(1+|v|)` and the vector is L2-normalised, so long and short messages score on the same
 * scale.
 */
import { normalizeText, toLatinSkeleton } from './normalize.js';
import { createWordSegmenter, type FeatureVocabulary, type WordSegmenter } from './word-segmenter.js';

export type { FeatureVocabulary } from './word-segmenter.js';

/** How text becomes hashed features. Stored in the model sidecar; training and inference must agree. */
export interface FeatureConfig {
  /** Number of hash buckets is `2 ** bucketBits`. */
  readonly bucketBits: number;
  /** Hash seed, mixed into every feature. */
  readonly seed: number;
  /** Shortest character n-gram of the robust view (boundary markers count). */
  readonly charMin: number;
  /** Longest character n-gram of the robust view (boundary markers count). */
  readonly charMax: number;
  /** Add word bigrams to the robust view. */
  readonly wordBigrams: boolean;
  /** Add word trigrams to the robust view. */
  readonly wordTrigrams: boolean;
  /**
   * For a robust-view word that mixes letters with leetspeak digits which `normalizeText` kept (it
   * reads three digits in a row as a code: "f4990t", "h3110"), also add the decoded readings as
   * words, with their character n-grams and lexicon matches.
   */
  readonly leetFallback: boolean;
  /** Per-occurrence weight of a robust-view word n-gram before damping. */
  readonly wordWeight: number;
  /** Per-occurrence weight of a robust-view character n-gram before damping. */
  readonly charWeight: number;
  /** Weight of each shape token; 0 leaves them out. */
  readonly shapeWeight: number;
  /**
   * Shape tokens leave out digit runs that touch a letter ("c4sh", "wh173", "f49907"): leetspeak and
   * codes inside words, not the amounts and phone numbers the number tokens stand for.
   */
  readonly skipDigitsInWords: boolean;
  /** Weight of each lexicon token (see {@link FeatureLexicon}); 0 or no lexicon leaves them out. */
  readonly lexiconWeight: number;
  /** Text longer than this (UTF-16 code units, after normalisation) is featurised on head + tail. */
  readonly maxChars: number;
  /**
   * Weight of the words found inside a robust-view word that is not in the model's vocabulary
   * ({@link FeatureVocabulary}): spaced-out letters of neighbouring words joined by `normalizeText`,
   * hashtags. Each found word is added as a word, with bigrams between them and lexicon matches.
   * 0 or no vocabulary leaves them out.
   */
  readonly segmentWeight: number;
  /** Shortest robust-view word (letters a–z only) that is split into the words inside it. */
  readonly segmentMinLength: number;
  /**
   * Weight of the reading of an out-of-vocabulary robust-view word with some of its i's as l, when
   * that makes a vocabulary word ("biack" → black, "peopie" → people): `normalizeText` reads every
   * leetspeak 1 as i. Added as a word with its character n-grams and lexicon matches. 0 or no
   * vocabulary leaves it out.
   */
  readonly lReadingWeight: number;
}

/** The configuration the shipped model was trained with (see `scripts/text-training/tune.ts`). */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = Object.freeze({
  bucketBits: 18,
  seed: 0x43475244, // "CGRD"
  charMin: 2,
  charMax: 4,
  wordBigrams: true,
  wordTrigrams: false,
  leetFallback: true,
  wordWeight: 1,
  charWeight: 0.5,
  shapeWeight: 1,
  skipDigitsInWords: true,
  lexiconWeight: 0.5,
  maxChars: 4096,
  segmentWeight: 0.5,
  segmentMinLength: 6,
  lReadingWeight: 0.5,
});

/**
 * A sparse feature vector: `indices[i]` is a bucket, `values[i]` its value. Indices are unique,
 * in first-seen order; the vector has unit L2 norm unless it is empty.
 */
export interface SparseFeatures {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/**
 * Word lists whose matches become features, so that a rare or unseen word shares what the model
 * learnt about its category. Terms of one to three words are matched on whole words of both views;
 * each group's tokens are emitted once per message when any of its terms occurs. Stored in the
 * model sidecar.
 */
export interface FeatureLexicon {
  /** Where the lists come from, for people. */
  readonly source: string;
  readonly groups: readonly { readonly tokens: readonly string[]; readonly terms: readonly string[] }[];
}

/** Turns text into {@link SparseFeatures}; reuses internal buffers, so keep one per thread. */
export interface FeatureHasher {
  readonly config: FeatureConfig;
  /**
   * Features from the two views computed elsewhere: `normalized` is `normalizeText(text)` and
   * `folded` is `toLatinSkeleton(text)` (see {@link lightNormalize}).
   */
  hashViews(normalized: string, folded: string): SparseFeatures;
  /** Both views of `text`, then {@link FeatureHasher.hashViews}: what training and inference call. */
  hash(text: string): SparseFeatures;
}

/**
 * The light view's normalisation: NFKC, invisible characters removed, look-alike letters folded to
 * Latin and diacritics dropped (`toLatinSkeleton`), then lower-cased. No leetspeak decoding, no
 * joining of spaced letters, no collapsing of doubled letters.
 * @example lightNormalize('FREE £1000 Frее') // 'free £1000 free' (the last e's were Cyrillic)
 */
export function lightNormalize(text: string): string {
  return toLatinSkeleton(text).toLowerCase();
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const BOUNDARY_START = 0x3c; // '<'
const BOUNDARY_END = 0x3e; // '>'
const BIGRAM_JOIN = 0x20;
const SPACE = 0x20;

/** FNV-1a step over one UTF-16 code unit, kept as an unsigned 32-bit integer. */
function step(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}

/** FNV-1a over a short ASCII string (namespaces and shape tokens). */
function stepString(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = step(h, text.charCodeAt(i));
  return h;
}

/** murmur3's fmix32: spreads FNV's weak low bits over the whole word before bucketing. */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * True for code units that belong to a word. Letters, digits, currency signs and everything
 * non-ASCII except spacing and punctuation blocks; apostrophes are dropped inside words
 * (`don't` → `dont`). Surrogates (emoji) are handled separately as one-symbol words.
 */
function isWordUnit(code: number): boolean {
  if (code < 0x80) {
    return (
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      code === 0x24 // $
    );
  }
  if (code <= 0xbf) return code === 0xa3 || code === 0xa5; // £ ¥ (the rest of Latin-1 here is punctuation)
  if (code >= 0x2000 && code <= 0x206f) return false; // general punctuation
  if (code >= 0x3000 && code <= 0x303f) return false; // CJK punctuation
  if (code >= 0xfe30 && code <= 0xfe4f) return false;
  if (code >= 0xff00 && code <= 0xff0f) return false;
  return code !== 0x2e3a && code !== 0x2e3b;
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2bc;
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x85 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isCurrency(code: number): boolean {
  return code === 0x24 || code === 0xa3 || code === 0xa5 || code === 0x20ac; // $ £ ¥ €
}

/** Head and tail of text longer than `maxChars`, never splitting a surrogate pair. */
function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const tailLength = Math.floor(maxChars / 4);
  let headEnd = maxChars - tailLength - 1;
  if (isSurrogate(text.charCodeAt(headEnd))) headEnd -= 1;
  let tailStart = text.length - tailLength;
  if (isSurrogate(text.charCodeAt(tailStart))) tailStart += 1;
  return `${text.slice(0, headEnd)} ${text.slice(tailStart)}`;
}

/**
 * Feature options that were compared by cross-validation, never shipped, and are no longer computed
 * (their results are noted above `LADDER` in `scripts/text-training/tune.ts`), each with the value
 * that meant off; `null`: any value meant nothing once the others were off. Sidecars written while
 * they existed still name them.
 */
const RETIRED_OFF: Readonly<Record<string, boolean | number | null>> = Object.freeze({
  leetContext: false,
  leetSurface: false,
  leetShare: false,
  lightWordWeight: 0,
  lightCharWeight: 0,
  lightSymbolsOnly: false,
  lightCharMin: null,
  lightCharMax: null,
});

/** `config` without the retired options, which must be off: a model trained with one on cannot be scored. */
function withoutRetired(config: Partial<FeatureConfig>): Partial<FeatureConfig> {
  const rest: Record<string, unknown> = { ...config };
  for (const [name, off] of Object.entries(RETIRED_OFF)) {
    const value = rest[name];
    if (value !== undefined && off !== null && value !== off) {
      throw new RangeError(
        `Expected the retired feature option ${name} to be ${off} or absent, got ${JSON.stringify(value)}: this code no longer computes that feature, so a model trained with it cannot be scored (retrain with npm run train:text).`,
      );
    }
    delete rest[name];
  }
  return rest;
}

/**
 * Checks a configuration and returns a frozen copy.
 * @throws RangeError when a value is out of range, or names a retired option that is not off.
 */
export function resolveFeatureConfig(config: Partial<FeatureConfig> = {}): FeatureConfig {
  const resolved = { ...DEFAULT_FEATURE_CONFIG, ...withoutRetired(config) };
  const { bucketBits, charMin, charMax, maxChars } = resolved;
  if (!Number.isInteger(bucketBits) || bucketBits < 4 || bucketBits > 24) {
    throw new RangeError(`Expected bucketBits to be an integer 4..24, got ${bucketBits}.`);
  }
  if (!Number.isInteger(charMin) || !Number.isInteger(charMax) || charMin < 1 || charMax < charMin || charMax > 8) {
    throw new RangeError(`Expected 1 <= min <= max <= 8 for charMin..charMax, got ${charMin}..${charMax}.`);
  }
  if (!Number.isInteger(maxChars) || maxChars < 16) throw new RangeError(`Expected maxChars >= 16, got ${maxChars}.`);
  return Object.freeze(resolved);
}

/** The letter each leetspeak digit or sign reads as in the fallback (0: none; 2, 6 and 8 are never letters). */
const LEET_LETTER = new Uint16Array(128);
for (const [from, to] of Object.entries({ '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', $: 's' })) {
  LEET_LETTER[from.charCodeAt(0)] = to.charCodeAt(0);
}
const ONE = 0x31;
const LETTER_I = 0x69;
const LETTER_L = 0x6c;

/** What a stored configuration without them means: the feature kinds added after the first model, off. */
const ADDED_LATER_OFF: Partial<FeatureConfig> = Object.freeze({
  wordTrigrams: false,
  leetFallback: false,
  shapeWeight: 0,
  skipDigitsInWords: false,
  lexiconWeight: 0,
  segmentWeight: 0,
  lReadingWeight: 0,
});

/**
 * Reads the configuration stored with a model (its sidecar): a field it lacks was written before
 * the field existed and means that feature kind is off, not today's default. Retired options
 * (the experiments no longer computed) are accepted when off and dropped.
 * @throws RangeError when a value is out of range, or a retired option is on: the model was trained
 * with features this code does not compute (see {@link resolveFeatureConfig}).
 * @example const config = storedFeatureConfig(sidecar.features);
 */
export function storedFeatureConfig(stored: Partial<FeatureConfig>): FeatureConfig {
  return resolveFeatureConfig({ ...ADDED_LATER_OFF, ...stored });
}

/** Whether features of this configuration need a {@link FeatureVocabulary}. */
export function usesVocabulary(config: Partial<FeatureConfig>): boolean {
  return (config.segmentWeight ?? 0) !== 0 || (config.lReadingWeight ?? 0) !== 0;
}

/** A link in the folded text, for the `link` shape token. */
const LINK = /https?:\/\/|www\.|\.(?:com|net|org|co\.uk|biz|info)\b/i;

/** Shape-token bucket edges for the share of capitals among ASCII letters (needs 4+ letters). */
const CAPS_EDGES = [0, 0.1, 0.3, 0.6, 0.9];

/**
 * Creates a feature hasher. One instance holds about `2^bucketBits × 8` bytes of scratch space and
 * is not re-entrant; results are fresh arrays the caller owns.
 *
 * @example
 * const hasher = createFeatureHasher();
 * const { indices, values } = hasher.hash('WIN a £1000 prize! Call now');
 */
export function createFeatureHasher(config: Partial<FeatureConfig> = {}, lexicon?: FeatureLexicon, vocabulary?: FeatureVocabulary): FeatureHasher {
  const resolved = resolveFeatureConfig(config);
  const { bucketBits, seed, charMin, charMax, wordBigrams, wordTrigrams, leetFallback, wordWeight, charWeight, shapeWeight, skipDigitsInWords, maxChars } = resolved;
  const { segmentWeight, segmentMinLength, lReadingWeight } = resolved;
  const mask = (1 << bucketBits) - 1;
  const seedHash = fmix32(seed >>> 0);
  // Namespaces: the robust view keeps its historical one-letter names; the others get longer ones.
  const namespace = (name: string) => step(stepString(FNV_OFFSET ^ seedHash, name), 0x3a);
  const nsWord = namespace('w');
  const nsBigram = namespace('b');
  const nsTrigram = namespace('t');
  const nsChar = namespace('c');
  const nsShape = namespace('shape');
  const nsLexiconTerm = namespace('lexicon-term');
  const nsLexiconToken = namespace('lexicon');
  const segmenter = vocabulary && (segmentWeight !== 0 || lReadingWeight !== 0) ? createWordSegmenter(vocabulary.words, nsWord, step) : undefined;

  // Direct-indexed accumulator with generation stamps: O(1) dedup, no clearing between calls.
  const accumulator = new Float64Array(mask + 1);
  const stamps = new Uint32Array(mask + 1);
  let generation = 0;
  let touched = new Int32Array(1024);
  let touchedCount = 0;
  let units = new Uint16Array(512); // word code units, words back to back
  let wordStarts = new Int32Array(128);
  let wordCount = 0;

  function add(hash: number, weight: number): void {
    const mixed = fmix32(hash);
    const bucket = mixed & mask;
    const signed = mixed & 0x80000000 ? -weight : weight;
    if (stamps[bucket] !== generation) {
      stamps[bucket] = generation;
      accumulator[bucket] = signed;
      if (touchedCount === touched.length) {
        const grown = new Int32Array(touched.length * 2);
        grown.set(touched);
        touched = grown;
      }
      touched[touchedCount++] = bucket;
    } else {
      accumulator[bucket] = (accumulator[bucket] as number) + signed;
    }
  }

  function pushUnit(code: number, at: number): void {
    if (at >= units.length) {
      const grown = new Uint16Array(units.length * 2);
      grown.set(units);
      units = grown;
    }
    units[at] = code;
  }

  function endWord(end: number, start: number): void {
    if (end === start) return;
    if (wordCount + 2 > wordStarts.length) {
      const grown = new Int32Array(wordStarts.length * 2);
      grown.set(wordStarts);
      wordStarts = grown;
    }
    wordStarts[wordCount] = start;
    wordCount += 1;
    wordStarts[wordCount] = end;
  }

  /** Splits into words stored back to back in `units`; `wordStarts[i]..wordStarts[i+1]` is word i. */
  function tokenize(text: string): void {
    wordCount = 0;
    wordStarts[0] = 0;
    let length = 0;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (isSurrogate(code)) {
        endWord(length, start);
        start = length;
        pushUnit(code, length++);
        const next = text.charCodeAt(i + 1);
        if (code < 0xdc00 && next >= 0xdc00 && next <= 0xdfff) {
          pushUnit(next, length++);
          i += 1;
        }
        endWord(length, start);
        start = length;
      } else if (isWordUnit(code)) {
        pushUnit(code, length++);
      } else if (!isApostrophe(code)) {
        endWord(length, start);
        start = length;
      }
    }
    endWord(length, start);
  }

  function wordHash(base: number, from: number, to: number): number {
    let h = base;
    for (let j = from; j < to; j++) h = step(h, units[j] as number);
    return h;
  }

  function charGrams(from: number, to: number): void {
    // The word with boundary markers: '<' units[from..to) '>'.
    const length = to - from + 2;
    for (let s = 0; s < length; s++) {
      let h = nsChar;
      const limit = Math.min(length, s + charMax);
      for (let e = s; e < limit; e++) {
        const code = e === 0 ? BOUNDARY_START : e === length - 1 ? BOUNDARY_END : (units[from + e - 1] as number);
        h = step(h, code);
        if (e - s + 1 >= charMin) add(h, charWeight);
      }
    }
  }

  /** The robust view: word n-grams and in-word character n-grams of normalised text. */
  function robustView(normalized: string): void {
    tokenize(clip(normalized, maxChars));
    for (let w = 0; w < wordCount; w++) {
      const from = wordStarts[w] as number;
      const to = wordStarts[w + 1] as number;
      const word = wordHash(nsWord, from, to);
      add(word, wordWeight);
      if (wordBigrams && w + 1 < wordCount) {
        const pair = wordHash(step(wordHash(nsBigram, from, to), BIGRAM_JOIN), to, wordStarts[w + 2] as number);
        add(pair, wordWeight);
      }
      if (wordTrigrams && w + 2 < wordCount) {
        const first = step(wordHash(nsTrigram, from, to), BIGRAM_JOIN);
        const second = step(wordHash(first, to, wordStarts[w + 2] as number), BIGRAM_JOIN);
        add(wordHash(second, wordStarts[w + 2] as number, wordStarts[w + 3] as number), wordWeight);
      }
      charGrams(from, to);
      if (leetFallback) leetReadings(from, to);
      if (segmenter && to - from >= 3 && lettersOnly(from, to) && !segmenter.knows(word)) {
        if (segmentWeight !== 0 && to - from >= segmentMinLength) wordsInside(segmenter, from, to);
        if (lReadingWeight !== 0) lReading(segmenter, from, to);
      }
    }
  }

  function lettersOnly(from: number, to: number): boolean {
    for (let j = from; j < to; j++) {
      const code = units[j] as number;
      if (code < 0x61 || code > 0x7a) return false;
    }
    return true;
  }

  /** Up to this many i's of a word are tried as l (2^n − 1 readings). */
  const MAX_I_TO_L = 4;

  /**
   * Writes `units[from, to)` after the last word with the i's picked by `mask` (bit k: the k-th i)
   * read as l and repeated letters collapsed; returns the end of the reading.
   */
  function writeLReading(from: number, to: number, mask: number): number {
    let at = wordStarts[wordCount] as number;
    let last = -1;
    let k = 0;
    for (let j = from; j < to; j++) {
      let code = units[j] as number;
      if (code === LETTER_I && (mask >> k++) & 1) code = LETTER_L;
      if (code === last) continue;
      pushUnit(code, at++);
      last = code;
    }
    return at;
  }

  /** Adds the most frequent vocabulary word that `units[from, to)` makes with some i's read as l, if any. */
  function lReading(segmenter: WordSegmenter, from: number, to: number): void {
    let is = 0;
    for (let j = from; j < to; j++) if (units[j] === LETTER_I) is += 1;
    if (is === 0 || is > MAX_I_TO_L) return;
    const start = wordStarts[wordCount] as number;
    let bestMask = 0;
    let bestCost = Infinity;
    for (let mask = 1; mask < 1 << is; mask++) {
      const cost = segmenter.costOf(wordHash(nsWord, start, writeLReading(from, to, mask)));
      if (cost !== undefined && cost < bestCost) {
        bestCost = cost;
        bestMask = mask;
      }
    }
    if (bestMask === 0) return;
    const end = writeLReading(from, to, bestMask);
    add(wordHash(nsWord, start, end), lReadingWeight);
    charGrams(start, end);
    if (lexiconWeight !== 0) matchTerm(wordHash(nsLexiconTerm, start, end));
  }

  /** Adds the words the segmenter finds inside `units[from, to)`, with their bigrams and lexicon matches. */
  function wordsInside(segmenter: WordSegmenter, from: number, to: number): void {
    const { ends, count } = segmenter.split(units, from, to);
    let start = from;
    for (let k = 0; k < count; k++) {
      const end = ends[k] as number;
      add(wordHash(nsWord, start, end), segmentWeight);
      if (wordBigrams && k + 1 < count) add(wordHash(step(wordHash(nsBigram, start, end), BIGRAM_JOIN), end, ends[k + 1] as number), segmentWeight);
      if (lexiconWeight !== 0) matchTerm(wordHash(nsLexiconTerm, start, end));
      start = end;
    }
  }

  /**
   * Adds the decoded readings of word `units[from, to)` when it mixes lower-case letters with
   * leetspeak digits only: a `1` reads as i, as l, or as i then l ("k111" → kill), so up to three
   * readings; repeated letters are collapsed as `normalizeText` does. The readings are written after
   * the last word in `units` and hashed like words.
   */
  function leetReadings(from: number, to: number): void {
    if (to - from < 3) return;
    let letters = 0;
    let leet = 0;
    let ones = false;
    for (let j = from; j < to; j++) {
      const code = units[j] as number;
      if (code >= 0x61 && code <= 0x7a) letters += 1;
      else if (code < 128 && LEET_LETTER[code] !== 0) {
        leet += 1;
        if (code === ONE) ones = true;
      } else return; // 2, 6, 8, other symbols or other scripts: not leetspeak
    }
    if (letters === 0 || leet === 0) return;
    const scratch = wordStarts[wordCount] as number;
    const width = to - from;
    for (let reading = 0; reading < (ones ? 3 : 1); reading++) {
      // reading 0: 1 → i; 1: 1 → l; 2: the first 1 of a run → i, the rest → l.
      const start = scratch + width * reading;
      let at = start;
      let last = -1;
      for (let j = from; j < to; j++) {
        const code = units[j] as number;
        let letter = code >= 0x61 && code <= 0x7a ? code : (LEET_LETTER[code] as number);
        if (code === ONE) letter = reading === 0 || (reading === 2 && (j === from || units[j - 1] !== ONE)) ? LETTER_I : LETTER_L;
        if (letter === last) continue;
        pushUnit(letter, at++);
        last = letter;
      }
      for (let j = at; j < start + width; j++) pushUnit(0, j); // pad, so readings compare by fixed width
      let repeated = false;
      for (let earlier = 0; earlier < reading && !repeated; earlier++) repeated = sameUnits(scratch + width * earlier, start, width);
      if (repeated) continue;
      add(wordHash(nsWord, start, at), wordWeight);
      charGrams(start, at);
      if (lexiconWeight !== 0) matchTerm(wordHash(nsLexiconTerm, start, at));
    }
  }

  /** Whether `units[a, a+width)` and `units[b, b+width)` are equal. */
  function sameUnits(a: number, b: number, width: number): boolean {
    for (let k = 0; k < width; k++) if (units[a + k] !== units[b + k]) return false;
    return true;
  }

  const needsFolded = shapeWeight !== 0 || (lexicon !== undefined && resolved.lexiconWeight !== 0);

  // Lexicon: term hash (words joined by one space, in nsLexiconTerm) → groups; tokens deduplicated per message.
  const termGroups = new Map<number, number[]>();
  const tokenHashes: number[] = [];
  const groupTokens: Int32Array[] = [];
  const lexiconWeight = lexicon ? resolved.lexiconWeight : 0;
  let tokenStamps = new Uint32Array(0);
  /** A 2^16-bit prefilter over the term hashes. */
  const termFilter = new Uint8Array(1 << 16);

  /** Hash of words `first..first+count` of the current tokenisation, as a lexicon term. */
  function termHash(first: number, count: number): number {
    let h = nsLexiconTerm;
    for (let n = 0; n < count; n++) {
      if (n > 0) h = step(h, SPACE);
      h = wordHash(h, wordStarts[first + n] as number, wordStarts[first + n + 1] as number);
    }
    return h;
  }

  /** Emits the tokens of the lexicon groups of the term with hash `hash`, once per message. */
  function matchTerm(hash: number): void {
    if (termFilter[(hash ^ (hash >>> 16)) & 0xffff] === 0) return; // most words: no Map lookup
    const groups = termGroups.get(hash);
    if (!groups) return;
    for (const group of groups) {
      for (const token of groupTokens[group] as Int32Array) {
        if (tokenStamps[token] === generation) continue;
        tokenStamps[token] = generation;
        add(tokenHashes[token] as number, lexiconWeight);
      }
    }
  }

  /** Matches every run of one to three words of the current tokenisation against the lexicon. */
  function matchLexicon(): void {
    for (let w = 0; w < wordCount; w++) {
      // termHash(w, count), extended one word at a time.
      let h = nsLexiconTerm;
      for (let count = 1; count <= 3 && w + count <= wordCount; count++) {
        if (count > 1) h = step(h, SPACE);
        h = wordHash(h, wordStarts[w + count - 1] as number, wordStarts[w + count] as number);
        matchTerm(h);
      }
    }
  }

  if (lexicon && lexiconWeight !== 0) {
    const tokenIds = new Map<string, number>();
    lexicon.groups.forEach((group, g) => {
      groupTokens.push(
        Int32Array.from(group.tokens, (token) => {
          let id = tokenIds.get(token);
          if (id === undefined) {
            id = tokenHashes.length;
            tokenIds.set(token, id);
            tokenHashes.push(stepString(nsLexiconToken, token));
          }
          return id;
        }),
      );
      for (const term of group.terms) {
        for (const form of [normalizeText(term), lightNormalize(term)]) {
          tokenize(form);
          if (wordCount === 0 || wordCount > 3) continue;
          const h = termHash(0, wordCount);
          termFilter[(h ^ (h >>> 16)) & 0xffff] = 1;
          const list = termGroups.get(h) ?? [];
          if (!list.includes(g)) list.push(g);
          termGroups.set(h, list);
        }
      }
    });
    tokenStamps = new Uint32Array(tokenHashes.length);
  }

  // Shape tokens, hashed once: `len:0..9`, `words:0..7`, `caps:none|0..4`, `excl:1..3`, `money:1..5`,
  // `digits:1..12`, `digits:5+`, `link`.
  const shapeHash = (token: string) => stepString(nsShape, token);
  const series = (name: string, from: number, to: number) => Array.from({ length: to + 1 }, (_, n) => (n < from ? 0 : shapeHash(`${name}:${n}`)));
  const lengthTokens = series('len', 0, 9);
  const wordTokens = series('words', 0, 7);
  const capsTokens = series('caps', 0, CAPS_EDGES.length - 1);
  const capsNone = shapeHash('caps:none');
  const exclamationTokens = series('excl', 1, 3);
  const moneyTokens = series('money', 1, 5);
  const digitTokens = series('digits', 1, 12);
  const longNumber = shapeHash('digits:5+');
  const link = shapeHash('link');
  let numbers = new Int32Array(16); // digit-run lengths, +100 after a currency sign

  /** Shape tokens of the folded (not lower-cased) text. */
  function shapeView(folded: string): void {
    let upper = 0;
    let lower = 0;
    let exclamations = 0;
    let digitRun = 0;
    let currencyBefore = false;
    let letterBefore = false;
    let words = 0;
    let inWord = false;
    let numberCount = 0;
    for (let i = 0; i <= folded.length; i++) {
      const code = i < folded.length ? folded.charCodeAt(i) : SPACE;
      if (isDigit(code)) {
        if (digitRun === 0) {
          currencyBefore = i > 0 && isCurrency(folded.charCodeAt(i - 1));
          letterBefore = i > 0 && isAsciiLetter(folded.charCodeAt(i - 1));
        }
        digitRun += 1;
      } else if (digitRun > 0 && !((code === 0x2c || code === 0x2e) && isDigit(folded.charCodeAt(i + 1)))) {
        // A comma or point between digits ("1,000", "1.50") continues the number.
        if (skipDigitsInWords && (letterBefore || isAsciiLetter(code))) {
          digitRun = 0;
        } else {
          if (numberCount === numbers.length) {
            const grown = new Int32Array(numbers.length * 2);
            grown.set(numbers);
            numbers = grown;
          }
          numbers[numberCount++] = Math.min(digitRun, 12) + (currencyBefore ? 100 : 0);
          digitRun = 0;
        }
      }
      if (code >= 0x41 && code <= 0x5a) upper += 1;
      else if (code >= 0x61 && code <= 0x7a) lower += 1;
      else if (code === 0x21) exclamations += 1;
      const space = isSpace(code);
      if (!space && !inWord) words += 1;
      inWord = !space;
    }
    const length = folded.length;
    add(lengthTokens[length === 0 ? 0 : Math.min(9, Math.floor(Math.log2(length)))] as number, shapeWeight);
    add(wordTokens[words === 0 ? 0 : Math.min(7, Math.floor(Math.log2(words)) + 1)] as number, shapeWeight);
    if (upper + lower >= 4) {
      const ratio = upper / (upper + lower);
      let bucket = 0;
      while (bucket + 1 < CAPS_EDGES.length && ratio > (CAPS_EDGES[bucket + 1] as number)) bucket += 1;
      add(ratio === 0 ? capsNone : (capsTokens[bucket] as number), shapeWeight);
    }
    if (exclamations > 0) add(exclamationTokens[Math.min(exclamations, 3)] as number, shapeWeight);
    let longest = 0;
    for (let k = 0; k < numberCount; k++) {
      const n = numbers[k] as number;
      const digits = n % 100;
      longest = Math.max(longest, digits);
      add(n >= 100 ? (moneyTokens[Math.min(digits, 5)] as number) : (digitTokens[digits] as number), shapeWeight);
    }
    if (longest >= 5) add(longNumber, shapeWeight);
    if (LINK.test(folded)) add(link, shapeWeight);
  }

  function hashViews(normalized: string, folded: string): SparseFeatures {
    generation = (generation + 1) >>> 0;
    if (generation === 0) {
      stamps.fill(0);
      generation = 1;
    }
    touchedCount = 0;
    robustView(normalized);
    if (lexiconWeight !== 0) matchLexicon();
    if (needsFolded) {
      const clipped = clip(folded, maxChars);
      if (lexiconWeight !== 0) {
        tokenize(clipped.toLowerCase()); // the light view's words (see lightNormalize)
        matchLexicon();
      }
      if (shapeWeight !== 0) shapeView(clipped);
    }

    const indices = new Int32Array(touchedCount);
    const values = new Float32Array(touchedCount);
    let norm = 0;
    let kept = 0;
    for (let i = 0; i < touchedCount; i++) {
      const bucket = touched[i] as number;
      const raw = accumulator[bucket] as number;
      if (raw === 0) continue; // two features cancelled out exactly
      const damped = raw > 0 ? Math.log1p(raw) : -Math.log1p(-raw);
      indices[kept] = bucket;
      accumulator[bucket] = damped;
      norm += damped * damped;
      kept += 1;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < kept; i++) values[i] = (accumulator[indices[i] as number] as number) * scale;
    return kept === touchedCount
      ? { indices, values }
      : { indices: indices.slice(0, kept), values: values.slice(0, kept) };
  }

  return Object.freeze({
    config: resolved,
    hashViews,
    hash: (text: string) => hashViews(normalizeText(text), needsFolded ? toLatinSkeleton(text) : ''),
  });
}
