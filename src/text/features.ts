/**
 * Hashed text features shared, byte for byte, by training (`scripts/train-text.ts`) and inference
 * (`text-model-detector.ts`): the model only works if both sides hash the same way, so there is
 * exactly one implementation and the sidecar records its parameters.
 *
 * Three groups of features, hashed into one space with a namespace per kind of feature:
 *
 * 1. The robust view, on `normalizeText(text)` (leetspeak decoded, spaced letters joined, every
 *    doubled letter collapsed): word unigrams, bigrams and optionally trigrams, and character
 *    n-grams inside word boundaries (`<word>`). It scores a disguised word like the plain one.
 * 2. The light view, on {@link lightNormalize}: look-alike letters folded and lower-cased, nothing
 *    else. Word unigrams and bigrams, and character n-grams over the whole text, spaces and
 *    punctuation included, so that "free" and "fre", "18+", "T&C", "£1000" and "p/min" stay
 *    distinct; spam is mostly told apart by such surface detail.
 * 3. Shape tokens, from the folded text before lower-casing: length, share of capitals, digit runs
 *    by length, currency signs before a number, links, exclamation marks.
 *
 * Each feature is hashed with FNV-1a over UTF-16 code units plus the murmur3 finaliser into
 * `2^bucketBits` buckets with a hash-derived sign (Weinberger et al. 2009), so collisions cancel
 * out on average instead of piling up. Per bucket the signed weights are summed, damped with
 * `sign(v)·ln(1+|v|)` and the vector is L2-normalised, so long and short messages score on the same
 * scale.
 */
import { normalizeText, toLatinSkeleton } from './normalize.js';

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
  /**
   * With {@link FeatureConfig.leetFallback}: a word that has leetspeak readings stands for them, not
   * for itself. Its readings replace its own unigram and character n-grams, and pair with the
   * neighbouring words in bigrams, so that "all wh173 trash" keeps the bigram "white trash" instead
   * of adding a junk word that dilutes the rest of the message.
   */
  readonly leetContext: boolean;
  /**
   * Also read leetspeak on the light view, before `normalizeText` decodes or keeps it: each word of
   * three or more characters made of lower-case letters and leetspeak digits (with at least one
   * letter) adds its readings as robust-view words, with their character n-grams and lexicon
   * matches, unless the robust view already has that word. A `1` reads as i or l, a run of them as
   * i, l, i then l, or l then i, since the evasion writes both letters as 1: "p30p13" reads
   * "people" where `normalizeText` makes "peopie", "11k3" reads "like", "4nd" reads "and".
   */
  readonly leetSurface: boolean;
  /**
   * With {@link FeatureConfig.leetContext}: a word's readings share its weight (each of k readings
   * counts 1/k; a bigram of readings 1/(k·m)), so a disguised word weighs what a plain one does
   * instead of up to three times as much.
   */
  readonly leetShare: boolean;
  /** Per-occurrence weight of a robust-view word n-gram before damping. */
  readonly wordWeight: number;
  /** Per-occurrence weight of a robust-view character n-gram before damping. */
  readonly charWeight: number;
  /** Per-occurrence weight of a light-view word unigram or bigram; 0 leaves them out. */
  readonly lightWordWeight: number;
  /** Per-occurrence weight of a light-view character n-gram; 0 leaves them out. */
  readonly lightCharWeight: number;
  /** Shortest light-view character n-gram. */
  readonly lightCharMin: number;
  /** Longest light-view character n-gram. */
  readonly lightCharMax: number;
  /**
   * Keep only the light-view character n-grams that hold a digit, a symbol, punctuation or an emoji:
   * the surface detail the robust view loses, and which letter-level disguises do not touch.
   */
  readonly lightSymbolsOnly: boolean;
  /** Weight of each shape token; 0 leaves them out. */
  readonly shapeWeight: number;
  /** Weight of each lexicon token (see {@link FeatureLexicon}); 0 or no lexicon leaves them out. */
  readonly lexiconWeight: number;
  /** Text longer than this (UTF-16 code units, after normalisation) is featurised on head + tail. */
  readonly maxChars: number;
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
  leetContext: false,
  leetSurface: false,
  leetShare: false,
  wordWeight: 1,
  charWeight: 0.5,
  lightWordWeight: 0,
  lightCharWeight: 0,
  lightCharMin: 3,
  lightCharMax: 5,
  lightSymbolsOnly: false,
  shapeWeight: 1,
  lexiconWeight: 0.5,
  maxChars: 4096,
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

/** Not a letter, a space or a boundary marker: digits, punctuation, symbols, emoji. */
function isSymbol(code: number): boolean {
  if (code < 0x80) return !((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === SPACE || code === BOUNDARY_START || code === BOUNDARY_END);
  return isSurrogate(code) || !isWordUnit(code) || isCurrency(code);
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

/** Checks a configuration and returns a frozen copy. */
export function resolveFeatureConfig(config: Partial<FeatureConfig> = {}): FeatureConfig {
  const resolved = { ...DEFAULT_FEATURE_CONFIG, ...config };
  const { bucketBits, charMin, charMax, lightCharMin, lightCharMax, maxChars } = resolved;
  if (!Number.isInteger(bucketBits) || bucketBits < 4 || bucketBits > 24) {
    throw new RangeError(`Expected bucketBits to be an integer 4..24, got ${bucketBits}.`);
  }
  for (const [min, max, name] of [
    [charMin, charMax, 'charMin..charMax'],
    [lightCharMin, lightCharMax, 'lightCharMin..lightCharMax'],
  ] as const) {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min || max > 8) {
      throw new RangeError(`Expected 1 <= min <= max <= 8 for ${name}, got ${min}..${max}.`);
    }
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
  leetContext: false,
  leetSurface: false,
  leetShare: false,
  lightWordWeight: 0,
  lightCharWeight: 0,
  lightSymbolsOnly: false,
  shapeWeight: 0,
  lexiconWeight: 0,
});

/**
 * Reads the configuration stored with a model (its sidecar): a field it lacks was written before
 * the field existed and means that feature kind is off, not today's default.
 * @throws RangeError when a value is out of range (see {@link resolveFeatureConfig}).
 * @example const config = storedFeatureConfig(sidecar.features);
 */
export function storedFeatureConfig(stored: Partial<FeatureConfig>): FeatureConfig {
  return resolveFeatureConfig({ ...ADDED_LATER_OFF, ...stored });
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
export function createFeatureHasher(config: Partial<FeatureConfig> = {}, lexicon?: FeatureLexicon): FeatureHasher {
  const resolved = resolveFeatureConfig(config);
  const { bucketBits, seed, charMin, charMax, wordBigrams, wordTrigrams, leetFallback, wordWeight, charWeight, maxChars } = resolved;
  const leetContext = leetFallback && resolved.leetContext;
  const leetSurface = resolved.leetSurface;
  const leetShare = resolved.leetShare;
  const { lightWordWeight, lightCharWeight, lightCharMin, lightCharMax, lightSymbolsOnly, shapeWeight } = resolved;
  const mask = (1 << bucketBits) - 1;
  const seedHash = fmix32(seed >>> 0);
  // Namespaces: the robust view keeps its historical one-letter names; the others get longer ones.
  const namespace = (name: string) => step(stepString(FNV_OFFSET ^ seedHash, name), 0x3a);
  const nsWord = namespace('w');
  const nsBigram = namespace('b');
  const nsTrigram = namespace('t');
  const nsChar = namespace('c');
  const nsLightWord = namespace('lw');
  const nsLightBigram = namespace('lb');
  const nsLightChar = namespace('lc');
  const nsShape = namespace('shape');
  const nsLexiconTerm = namespace('lexicon-term');
  const nsLexiconToken = namespace('lexicon');

  // Direct-indexed accumulator with generation stamps: O(1) dedup, no clearing between calls.
  const accumulator = new Float64Array(mask + 1);
  const stamps = new Uint32Array(mask + 1);
  let generation = 0;
  let touched = new Int32Array(1024);
  let touchedCount = 0;
  let units = new Uint16Array(512); // word code units, words back to back
  let wordStarts = new Int32Array(128);
  let wordCount = 0;
  let line = new Uint16Array(512); // the light view with whitespace runs as one space

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

  function charGrams(from: number, to: number, share = 1): void {
    const weight = charWeight * share;
    // The word with boundary markers: '<' units[from..to) '>'.
    const length = to - from + 2;
    for (let s = 0; s < length; s++) {
      let h = nsChar;
      const limit = Math.min(length, s + charMax);
      for (let e = s; e < limit; e++) {
        const code = e === 0 ? BOUNDARY_START : e === length - 1 ? BOUNDARY_END : (units[from + e - 1] as number);
        h = step(h, code);
        if (e - s + 1 >= charMin) add(h, weight);
      }
    }
  }

  /** The robust view: word n-grams and in-word character n-grams of normalised text. */
  function robustView(normalized: string): void {
    tokenize(clip(normalized, maxChars));
    if (leetContext) {
      robustViewInContext();
      return;
    }
    for (let w = 0; w < wordCount; w++) {
      const from = wordStarts[w] as number;
      const to = wordStarts[w + 1] as number;
      addWord(wordHash(nsWord, from, to));
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
    }
  }

  // Forms of each word for {@link FeatureConfig.leetContext}: `formStarts[3w+r]..formEnds[3w+r]`, r < formCounts[w].
  let formStarts = new Int32Array(3 * 128);
  let formEnds = new Int32Array(3 * 128);
  let formCounts = new Uint8Array(128);

  /**
   * The robust view where each word is one to three forms: its leetspeak readings when it has
   * any, else itself. Unigrams and character n-grams per form, bigrams and trigrams over every
   * combination of neighbouring forms. Text without leetspeak hashes exactly as {@link robustView}.
   */
  function robustViewInContext(): void {
    if (formCounts.length < wordCount) {
      formStarts = new Int32Array(3 * wordCount * 2);
      formEnds = new Int32Array(3 * wordCount * 2);
      formCounts = new Uint8Array(wordCount * 2);
    }
    let scratch = wordStarts[wordCount] as number;
    for (let w = 0; w < wordCount; w++) {
      const from = wordStarts[w] as number;
      const to = wordStarts[w + 1] as number;
      const count = readings(from, to, scratch, w);
      if (count === 0) {
        formStarts[3 * w] = from;
        formEnds[3 * w] = to;
        formCounts[w] = 1;
      } else {
        formCounts[w] = count;
        scratch += 3 * (to - from);
      }
    }
    for (let w = 0; w < wordCount; w++) {
      const leet = formCounts[w] !== 1 || formStarts[3 * w] !== wordStarts[w];
      const share = leetShare ? 1 / (formCounts[w] as number) : 1;
      const shareNext = leetShare && w + 1 < wordCount ? share / (formCounts[w + 1] as number) : share;
      for (let a = 0; a < (formCounts[w] as number); a++) {
        const from = formStarts[3 * w + a] as number;
        const to = formEnds[3 * w + a] as number;
        addWord(wordHash(nsWord, from, to), wordWeight * share);
        if (wordBigrams && w + 1 < wordCount) {
          const left = step(wordHash(nsBigram, from, to), BIGRAM_JOIN);
          for (let b = 0; b < (formCounts[w + 1] as number); b++) {
            add(wordHash(left, formStarts[3 * (w + 1) + b] as number, formEnds[3 * (w + 1) + b] as number), wordWeight * shareNext);
          }
        }
        if (wordTrigrams && w + 2 < wordCount) {
          const shareThird = leetShare ? shareNext / (formCounts[w + 2] as number) : 1;
          const first = step(wordHash(nsTrigram, from, to), BIGRAM_JOIN);
          for (let b = 0; b < (formCounts[w + 1] as number); b++) {
            const second = step(wordHash(first, formStarts[3 * (w + 1) + b] as number, formEnds[3 * (w + 1) + b] as number), BIGRAM_JOIN);
            for (let c = 0; c < (formCounts[w + 2] as number); c++) {
              add(wordHash(second, formStarts[3 * (w + 2) + c] as number, formEnds[3 * (w + 2) + c] as number), wordWeight * shareThird);
            }
          }
        }
        charGrams(from, to, share);
        if (leet && lexiconWeight !== 0) matchTerm(wordHash(nsLexiconTerm, from, to));
      }
    }
  }

  /**
   * Writes the distinct leetspeak readings of word `units[from, to)` (see {@link leetReadings}) at
   * `scratch` onwards and records them as the forms of word `w`; returns how many (0: not leetspeak).
   */
  function readings(from: number, to: number, scratch: number, w: number): number {
    if (to - from < 3) return 0;
    let letters = 0;
    let leet = 0;
    let ones = false;
    for (let j = from; j < to; j++) {
      const code = units[j] as number;
      if (code >= 0x61 && code <= 0x7a) letters += 1;
      else if (code < 128 && LEET_LETTER[code] !== 0) {
        leet += 1;
        if (code === ONE) ones = true;
      } else return 0;
    }
    if (letters === 0 || leet === 0) return 0;
    const width = to - from;
    let count = 0;
    for (let reading = 0; reading < (ones ? 3 : 1); reading++) {
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
      for (let j = at; j < start + width; j++) pushUnit(0, j);
      let repeated = false;
      for (let earlier = 0; earlier < reading && !repeated; earlier++) repeated = sameUnits(scratch + width * earlier, start, width);
      if (repeated) continue;
      formStarts[3 * w + count] = start;
      formEnds[3 * w + count] = at;
      count += 1;
    }
    return count;
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
      addWord(wordHash(nsWord, start, at));
      charGrams(start, at);
      if (lexiconWeight !== 0) matchTerm(wordHash(nsLexiconTerm, start, at));
    }
  }

  // Robust-view word hashes of the current message, for {@link FeatureConfig.leetSurface}.
  let seenWords = new Int32Array(256);
  let seenCount = 0;

  /** Adds a robust-view unigram and, with leetSurface, remembers it. */
  function addWord(hash: number, weight = wordWeight): void {
    add(hash, weight);
    if (!leetSurface) return;
    if (seenCount === seenWords.length) {
      const grown = new Int32Array(seenWords.length * 2);
      grown.set(seenWords);
      seenWords = grown;
    }
    seenWords[seenCount++] = hash | 0;
  }

  function seen(hash: number): boolean {
    const h = hash | 0;
    for (let k = 0; k < seenCount; k++) if (seenWords[k] === h) return true;
    return false;
  }

  /** {@link FeatureConfig.leetSurface} over the current tokenisation (the light view's words). */
  function surfaceReadings(): void {
    const end = wordStarts[wordCount] as number;
    for (let w = 0; w < wordCount; w++) {
      const from = wordStarts[w] as number;
      const to = wordStarts[w + 1] as number;
      if (to - from < 3) continue;
      let letters = 0;
      let leet = 0;
      let ones = false;
      for (let j = from; j < to; j++) {
        const code = units[j] as number;
        if (code >= 0x61 && code <= 0x7a) letters += 1;
        else if (code < 128 && LEET_LETTER[code] !== 0) {
          leet += 1;
          if (code === ONE) ones = true;
        } else {
          leet = -1;
          break;
        }
      }
      if (letters === 0 || leet <= 0) continue;
      const width = to - from;
      let count = 0;
      for (let reading = 0; reading < (ones ? 4 : 1); reading++) {
        // reading 0: 1 → i; 1: 1 → l; 2: the first 1 of a run → i, the rest → l; 3: the first → l, the rest → i.
        const start = end + width * count;
        let at = start;
        let last = -1;
        for (let j = from; j < to; j++) {
          const code = units[j] as number;
          let letter = code >= 0x61 && code <= 0x7a ? code : (LEET_LETTER[code] as number);
          if (code === ONE) {
            const first = j === from || units[j - 1] !== ONE;
            letter = reading === 0 || (reading === 2 && first) || (reading === 3 && !first) ? LETTER_I : LETTER_L;
          }
          if (letter === last) continue;
          pushUnit(letter, at++);
          last = letter;
        }
        for (let j = at; j < start + width; j++) pushUnit(0, j);
        let repeated = false;
        for (let earlier = 0; earlier < count && !repeated; earlier++) repeated = sameUnits(end + width * earlier, start, width);
        if (repeated) continue;
        count += 1;
        const hash = wordHash(nsWord, start, at);
        if (seen(hash)) continue;
        add(hash, wordWeight);
        charGrams(start, at);
        if (lexiconWeight !== 0) matchTerm(wordHash(nsLexiconTerm, start, at));
      }
    }
  }

  /** Whether `units[a, a+width)` and `units[b, b+width)` are equal. */
  function sameUnits(a: number, b: number, width: number): boolean {
    for (let k = 0; k < width; k++) if (units[a + k] !== units[b + k]) return false;
    return true;
  }

  /** The light view: word unigrams and bigrams, then character n-grams across the whole text. */
  function lightView(light: string): void {
    if (lightWordWeight !== 0) {
      tokenize(light);
      for (let w = 0; w < wordCount; w++) {
        const from = wordStarts[w] as number;
        const to = wordStarts[w + 1] as number;
        add(wordHash(nsLightWord, from, to), lightWordWeight);
        if (w + 1 < wordCount) {
          add(wordHash(step(wordHash(nsLightBigram, from, to), BIGRAM_JOIN), to, wordStarts[w + 2] as number), lightWordWeight);
        }
      }
    }
    if (lightCharWeight === 0) return;
    // '<' text '>' with every whitespace run as one space and no space next to the markers.
    if (line.length < light.length + 2) line = new Uint16Array(light.length * 2 + 2);
    let length = 0;
    line[length++] = BOUNDARY_START;
    for (let i = 0; i < light.length; i++) {
      const code = light.charCodeAt(i);
      if (isSpace(code)) {
        if (line[length - 1] !== SPACE && line[length - 1] !== BOUNDARY_START) line[length++] = SPACE;
      } else {
        line[length++] = code;
      }
    }
    if (line[length - 1] === SPACE) length -= 1;
    line[length++] = BOUNDARY_END;
    if (length === 2) return;
    for (let s = 0; s < length; s++) {
      let h = nsLightChar;
      let symbol = !lightSymbolsOnly;
      const limit = Math.min(length, s + lightCharMax);
      for (let e = s; e < limit; e++) {
        const code = line[e] as number;
        h = step(h, code);
        if (!symbol && isSymbol(code)) symbol = true;
        if (symbol && e - s + 1 >= lightCharMin) add(h, lightCharWeight);
      }
    }
  }

  const needsFolded = leetSurface || lightWordWeight !== 0 || lightCharWeight !== 0 || shapeWeight !== 0 || (lexicon !== undefined && resolved.lexiconWeight !== 0);

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
    let words = 0;
    let inWord = false;
    let numberCount = 0;
    for (let i = 0; i <= folded.length; i++) {
      const code = i < folded.length ? folded.charCodeAt(i) : SPACE;
      if (isDigit(code)) {
        if (digitRun === 0) currencyBefore = i > 0 && isCurrency(folded.charCodeAt(i - 1));
        digitRun += 1;
      } else if (digitRun > 0 && !((code === 0x2c || code === 0x2e) && isDigit(folded.charCodeAt(i + 1)))) {
        // A comma or point between digits ("1,000", "1.50") continues the number.
        if (numberCount === numbers.length) {
          const grown = new Int32Array(numbers.length * 2);
          grown.set(numbers);
          numbers = grown;
        }
        numbers[numberCount++] = Math.min(digitRun, 12) + (currencyBefore ? 100 : 0);
        digitRun = 0;
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
    seenCount = 0;
    robustView(normalized);
    if (lexiconWeight !== 0) matchLexicon();
    if (needsFolded) {
      const clipped = clip(folded, maxChars);
      const light = clipped.toLowerCase();
      lightView(light);
      if (lexiconWeight !== 0 || leetSurface) {
        if (lightWordWeight === 0) tokenize(light); // else lightView left the light words in place
        if (lexiconWeight !== 0) matchLexicon();
        if (leetSurface) surfaceReadings();
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
