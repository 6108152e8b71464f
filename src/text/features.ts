/**
 * Hashed text features shared, byte for byte, by training (`scripts/train-text.ts`) and inference
 * (`text-model-detector.ts`): the model only works if both sides hash the same way, so there is
 * exactly one implementation and the sidecar records its parameters.
 *
 * Features are computed on `normalizeText(text)`: word unigrams, word bigrams and character
 * n-grams inside word boundaries (`<word>`), each hashed with FNV-1a over UTF-16 code units plus
 * the murmur3 finaliser into `2^bucketBits` buckets with a hash-derived sign (Weinberger et al.
 * 2009), so collisions cancel out on average instead of piling up. Per bucket the signed counts
 * are summed, damped with `sign(v)·ln(1+|v|)` and the vector is L2-normalised, so long and short
 * messages score on the same scale.
 */
import { normalizeText } from './normalize.js';

/** How text becomes hashed features. Stored in the model sidecar; training and inference must agree. */
export interface FeatureConfig {
  /** Number of hash buckets is `2 ** bucketBits`. */
  readonly bucketBits: number;
  /** Hash seed, mixed into every feature. */
  readonly seed: number;
  /** Shortest character n-gram (boundary markers count). */
  readonly charMin: number;
  /** Longest character n-gram (boundary markers count). */
  readonly charMax: number;
  /** Add word bigrams. */
  readonly wordBigrams: boolean;
  /** Per-occurrence weight of a word unigram or bigram before damping. */
  readonly wordWeight: number;
  /** Per-occurrence weight of a character n-gram before damping. */
  readonly charWeight: number;
  /** Text longer than this (UTF-16 code units, after normalisation) is featurised on head + tail. */
  readonly maxChars: number;
}

/** The configuration the shipped model was trained with. */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = Object.freeze({
  bucketBits: 18,
  seed: 0x43475244, // "CGRD"
  charMin: 2,
  charMax: 4,
  wordBigrams: true,
  wordWeight: 1,
  charWeight: 0.5,
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

/** Turns text into {@link SparseFeatures}; reuses internal buffers, so keep one per thread. */
export interface FeatureHasher {
  readonly config: FeatureConfig;
  /** Features of already-normalised text. */
  hashNormalized(normalized: string): SparseFeatures;
  /** `normalizeText(text)` then {@link FeatureHasher.hashNormalized}. */
  hash(text: string): SparseFeatures;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const BOUNDARY_START = 0x3c; // '<'
const BOUNDARY_END = 0x3e; // '>'
const BIGRAM_JOIN = 0x20;
const NS_WORD = 0x77; // 'w'
const NS_BIGRAM = 0x62; // 'b'
const NS_CHAR = 0x63; // 'c'

/** FNV-1a step over one UTF-16 code unit, kept as an unsigned 32-bit integer. */
function step(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
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
  const { bucketBits, charMin, charMax, maxChars } = resolved;
  if (!Number.isInteger(bucketBits) || bucketBits < 4 || bucketBits > 24) {
    throw new RangeError(`Expected bucketBits to be an integer 4..24, got ${bucketBits}.`);
  }
  if (!Number.isInteger(charMin) || !Number.isInteger(charMax) || charMin < 1 || charMax < charMin || charMax > 8) {
    throw new RangeError(`Expected 1 <= charMin <= charMax <= 8, got ${charMin}..${charMax}.`);
  }
  if (!Number.isInteger(maxChars) || maxChars < 16) throw new RangeError(`Expected maxChars >= 16, got ${maxChars}.`);
  return Object.freeze(resolved);
}

/**
 * Creates a feature hasher. One instance holds about `2^bucketBits × 8` bytes of scratch space and
 * is not re-entrant; results are fresh arrays the caller owns.
 *
 * @example
 * const hasher = createFeatureHasher();
 * const { indices, values } = hasher.hash('WIN a £1000 prize! Call now');
 */
export function createFeatureHasher(config: Partial<FeatureConfig> = {}): FeatureHasher {
  const resolved = resolveFeatureConfig(config);
  const { bucketBits, seed, charMin, charMax, wordBigrams, wordWeight, charWeight, maxChars } = resolved;
  const mask = (1 << bucketBits) - 1;
  const seedHash = fmix32(seed >>> 0);
  const nsWord = step(step(FNV_OFFSET ^ seedHash, NS_WORD), 0x3a);
  const nsBigram = step(step(FNV_OFFSET ^ seedHash, NS_BIGRAM), 0x3a);
  const nsChar = step(step(FNV_OFFSET ^ seedHash, NS_CHAR), 0x3a);

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

  function hashNormalized(normalized: string): SparseFeatures {
    generation = (generation + 1) >>> 0;
    if (generation === 0) {
      stamps.fill(0);
      generation = 1;
    }
    touchedCount = 0;
    tokenize(clip(normalized, maxChars));
    for (let w = 0; w < wordCount; w++) {
      const from = wordStarts[w] as number;
      const to = wordStarts[w + 1] as number;
      add(wordHash(nsWord, from, to), wordWeight);
      if (wordBigrams && w + 1 < wordCount) {
        const h = wordHash(step(wordHash(nsBigram, from, to), BIGRAM_JOIN), to, wordStarts[w + 2] as number);
        add(h, wordWeight);
      }
      charGrams(from, to);
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
    hashNormalized,
    hash: (text: string) => hashNormalized(normalizeText(text)),
  });
}
