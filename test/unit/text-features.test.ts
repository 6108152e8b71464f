import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURE_CONFIG,
  createFeatureHasher,
  lightNormalize,
  resolveFeatureConfig,
  storedFeatureConfig,
  type FeatureLexicon,
  type FeatureVocabulary,
  type SparseFeatures,
} from '../../src/text/features.js';
import { normalizeText, toLatinSkeleton } from '../../src/text/normalize.js';
import type { TextModelSidecar } from '../../src/text/text-model-detector.js';
import { TRAINING_FEATURES, trainingFeatures } from '../../scripts/train-text.js';

const sidecar = JSON.parse(readFileSync(new URL('../../models/text-linear.json', import.meta.url), 'utf8')) as TextModelSidecar;

const SAMPLES = [
  'see you at 6 for dinner',
  'URGENT! You have WON a £1000 prize. Call 09061701461 now',
  "don't @ me 😂😂 lol",
  'Ｆｒｅｅ  c\u200Ba\u200Bs\u200Bh',
  'Привет, как дела?',
  'you f4990t, I will k111 you',
  'y o u a r e s o d u m b #killyourself',
  '',
  '!!! ??? ...',
];

const LEXICON: FeatureLexicon = {
  source: 'test',
  groups: [
    { tokens: ['insult', 'insult:2'], terms: ['idiot', 'dumb ass'] },
    { tokens: ['insult', 'insult:3'], terms: ['moron'] },
  ],
};

/** Cosine similarity of two unit-norm sparse vectors. */
function cosine(a: SparseFeatures, b: SparseFeatures): number {
  const other = new Map<number, number>();
  b.indices.forEach((index, i) => other.set(index, b.values[i] as number));
  let dot = 0;
  a.indices.forEach((index, i) => (dot += (a.values[i] as number) * (other.get(index) ?? 0)));
  return dot;
}

const sameFeatures = (a: { indices: Int32Array; values: Float32Array }, b: { indices: Int32Array; values: Float32Array }) => {
  expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
  expect(Array.from(a.values)).toEqual(Array.from(b.values));
};

describe('createFeatureHasher', () => {
  it('is the configuration and lexicon the committed model was trained with', () => {
    expect(sidecar.features).toEqual({ ...TRAINING_FEATURES });
    expect(resolveFeatureConfig(sidecar.features)).toEqual(DEFAULT_FEATURE_CONFIG);
    expect((sidecar.lexicon?.groups.length ?? 0) > 0).toBe(DEFAULT_FEATURE_CONFIG.lexiconWeight !== 0);
    expect((sidecar.vocabulary?.words.length ?? 0) > 0).toBe(DEFAULT_FEATURE_CONFIG.segmentWeight !== 0);
  });

  it('gives the training path and the inference path identical features, bit for bit', () => {
    // Inference: the detector's hasher from the sidecar; training: the script's own path.
    const training = createFeatureHasher(TRAINING_FEATURES, sidecar.lexicon, sidecar.vocabulary);
    const inference = createFeatureHasher(storedFeatureConfig(sidecar.features), sidecar.lexicon, sidecar.vocabulary);
    const check = (text: string) => {
      sameFeatures(inference.hash(text), trainingFeatures(training, text));
      sameFeatures(inference.hash(text), inference.hashViews(normalizeText(text), toLatinSkeleton(text)));
    };
    SAMPLES.forEach(check);
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (text) => check(text)), { seed: 42, numRuns: 200 });
  });

  it('returns unique in-range buckets with a unit L2 norm', () => {
    const hasher = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, lexiconWeight: 0.5 }, LEXICON);
    const buckets = 2 ** DEFAULT_FEATURE_CONFIG.bucketBits;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const { indices, values } = hasher.hash(text);
        expect(indices.length).toBe(values.length);
        expect(new Set(indices).size).toBe(indices.length);
        for (const index of indices) expect(index >= 0 && index < buckets).toBe(true);
        const norm = values.reduce((sum, v) => sum + v * v, 0);
        if (values.length > 0) expect(norm).toBeCloseTo(1, 5);
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it('does not depend on earlier calls (scratch buffers are reset)', () => {
    const hasher = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, lexiconWeight: 0.5 }, LEXICON);
    const first = hasher.hash('you dumb ass idiot, WIN £1000');
    for (const text of SAMPLES) hasher.hash(text.repeat(20));
    sameFeatures(hasher.hash('you dumb ass idiot, WIN £1000'), first);
  });

  it('pins the hash function: fixed buckets for a fixed text', () => {
    // If this fails, hashing changed and the shipped model no longer matches it: retrain (npm run train:text).
    const { indices } = createFeatureHasher().hashViews('win cash', 'win cash');
    expect(Array.from(indices.slice(0, 6))).toEqual(PINNED_WIN_CASH);
  });

  it('keeps in shape tokens what the robust view folds away', () => {
    expect(lightNormalize('FREE Frее')).toBe('free free');
    // Shape tokens alone: capitals, money, digit runs by length, links, exclamation marks, length.
    const shape = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, wordWeight: 0, charWeight: 0, shapeWeight: 1, lexiconWeight: 0 });
    const tokens = (text: string) => Array.from(shape.hash(text).indices).sort();
    expect(tokens('see you soon')).toEqual(tokens('ask him then'));
    expect(tokens('WIN A PRIZE')).not.toEqual(tokens('win a prize'));
    expect(tokens('pay £1000 now')).not.toEqual(tokens('pay 1000 now'));
    expect(tokens('call 09061701461')).not.toEqual(tokens('call 090617'));
    expect(tokens('see www.x.com')).not.toEqual(tokens('see wwwxcom'));
    expect(tokens('ok!')).not.toEqual(tokens('ok.'));
  });

  it('counts digit runs that touch a letter as numbers only when skipDigitsInWords is off', () => {
    const shapeOnly = { ...DEFAULT_FEATURE_CONFIG, wordWeight: 0, charWeight: 0, shapeWeight: 1, lexiconWeight: 0 };
    const skipping = createFeatureHasher({ ...shapeOnly, skipDigitsInWords: true });
    const counting = createFeatureHasher({ ...shapeOnly, skipDigitsInWords: false });
    const tokens = (hasher: typeof skipping, text: string) => Array.from(hasher.hash(text).indices).sort();
    // Leetspeak and in-word codes: no number tokens, so they shape like plain words.
    expect(tokens(skipping, 'you f49907 ok')).toEqual(tokens(skipping, 'you faggot ok'));
    expect(tokens(skipping, 'wh173 trash')).toEqual(tokens(skipping, 'white trash'));
    expect(tokens(skipping, 'c4sh n0w')).toEqual(tokens(skipping, 'cash now'));
    expect(tokens(counting, 'you f49907 ok')).not.toEqual(tokens(counting, 'you faggot ok'));
    // Amounts and phone numbers stand apart from words either way.
    for (const hasher of [skipping, counting]) {
      expect(tokens(hasher, 'pay £1000 now')).not.toEqual(tokens(hasher, 'pay them now'));
      expect(tokens(hasher, 'call 09061701461')).not.toEqual(tokens(hasher, 'call tomorrow'));
      expect(tokens(hasher, 'win 1,000 cash')).not.toEqual(tokens(hasher, 'win a cash'));
    }
  });

  it('adds leetspeak readings that normalizeText leaves alone, sharing the plain word’s features', () => {
    const plain = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, leetFallback: false, shapeWeight: 0 });
    const fallback = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, leetFallback: true, shapeWeight: 0 });
    for (const [disguised, clean] of [
      ['f4990t', 'faggot'],
      ['k111', 'kill'],
      ['h3110', 'hello'],
    ] as const) {
      expect(normalizeText(disguised)).toBe(disguised); // three digits in a row read as a code
      const target = new Set(plain.hash(clean).indices);
      const shared = (indices: Int32Array) => Array.from(indices).filter((i) => target.has(i)).length;
      expect(shared(fallback.hash(disguised).indices)).toBe(target.size);
      expect(shared(plain.hash(disguised).indices)).toBeLessThan(target.size);
    }
    // Numbers, and words with a 2, 6 or 8, are not read as leetspeak.
    sameFeatures(fallback.hash('call 09061701461 2day b8 gr8'), plain.hash('call 09061701461 2day b8 gr8'));
  });

  it('emits each lexicon token once per message, from either view', () => {
    const withLexicon = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, lexiconWeight: 0.5 }, LEXICON);
    const without = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, lexiconWeight: 0 });
    const extra = (text: string) => withLexicon.hash(text).indices.length - without.hash(text).indices.length;
    expect(extra('what an idiot')).toBe(2); // insult, insult:2
    expect(extra('what an idiot, a dumb ass idiot')).toBe(2);
    expect(extra('idiot and moron')).toBe(3); // insult, insult:2, insult:3
    expect(extra('1d10t')).toBe(2); // through normalizeText's leetspeak decoding
    expect(extra('nothing to see')).toBe(0);
  });

  it('reads a stored configuration without the newer fields as the first model\'s features', () => {
    const first = { bucketBits: 18, seed: 0x43475244, charMin: 2, charMax: 4, wordBigrams: true, wordWeight: 1, charWeight: 0.5, maxChars: 4096 };
    const config = storedFeatureConfig(first);
    expect(config).toMatchObject({ shapeWeight: 0, lexiconWeight: 0, leetFallback: false, wordTrigrams: false });
    // The first model's features are the robust view alone.
    const robust = createFeatureHasher(config).hash('WIN £1000 now');
    const normalized = normalizeText('WIN £1000 now');
    sameFeatures(robust, createFeatureHasher(config).hashViews(normalized, ''));
  });

  // Options compared by cross-validation and never shipped, no longer computed (scripts/text-training/tune.ts).
  const RETIRED_OFF = {
    leetContext: false,
    leetSurface: false,
    leetShare: false,
    lightWordWeight: 0,
    lightCharWeight: 0,
    lightCharMin: 3,
    lightCharMax: 5,
    lightSymbolsOnly: false,
  };

  it('reads a stored configuration that names the retired options, off, as one without them', () => {
    const stored = { ...sidecar.features, ...RETIRED_OFF } as Partial<typeof DEFAULT_FEATURE_CONFIG>;
    const config = storedFeatureConfig(stored);
    expect(config).toEqual(storedFeatureConfig(sidecar.features));
    for (const name of Object.keys(RETIRED_OFF)) expect(config).not.toHaveProperty(name);
    // Any light n-gram lengths meant nothing with the light view off.
    expect(storedFeatureConfig({ ...stored, lightCharMin: 9, lightCharMax: 1 } as typeof stored)).toEqual(config);
    const text = 'u r a wh173 1d10t, WIN £1000 now!!';
    const current = storedFeatureConfig(sidecar.features);
    sameFeatures(createFeatureHasher(config, sidecar.lexicon, sidecar.vocabulary).hash(text), createFeatureHasher(current, sidecar.lexicon, sidecar.vocabulary).hash(text));
  });

  it('refuses a stored configuration that turns a retired option on, naming it', () => {
    for (const [name, on] of [
      ['leetContext', true],
      ['leetSurface', true],
      ['leetShare', true],
      ['lightWordWeight', 1],
      ['lightCharWeight', 0.5],
      ['lightSymbolsOnly', true],
    ] as const) {
      const stored = { ...sidecar.features, ...RETIRED_OFF, [name]: on } as Partial<typeof DEFAULT_FEATURE_CONFIG>;
      expect(() => storedFeatureConfig(stored)).toThrow(RangeError);
      expect(() => storedFeatureConfig(stored)).toThrow(new RegExp(`retired feature option ${name} `));
      expect(() => createFeatureHasher(stored)).toThrow(RangeError);
    }
  });

  it('adds the words inside a joined run that is not a word, so spaced-out text reads like the words', () => {
    const vocabulary: FeatureVocabulary = { source: 'test', words: ['you', 'are', 'a', 'so', 'dumb', 'kil', 'yourself', 'loser'] };
    const config = { ...DEFAULT_FEATURE_CONFIG, shapeWeight: 0, lexiconWeight: 0 };
    const segmenting = createFeatureHasher({ ...config, segmentWeight: 1 }, undefined, vocabulary);
    const plain = createFeatureHasher({ ...config, segmentWeight: 0 }, undefined, vocabulary);
    const clean = plain.hash('you are so dumb');
    const spaced = 'y o u a r e s o d u m b'; // normalizeText joins it into one run: "youaresodumb"
    expect(cosine(segmenting.hash(spaced), clean)).toBeGreaterThan(cosine(plain.hash(spaced), clean) + 0.2);
    // Known words, short runs and runs with digits are left as they are.
    for (const text of ['you are so dumb', 'kil', 'yourself', 'youre', 'you2are2dumb']) sameFeatures(segmenting.hash(text), plain.hash(text));
    // A run with no split into vocabulary words adds nothing.
    sameFeatures(segmenting.hash('qwzxvbnm'), plain.hash('qwzxvbnm'));
    // Found words meet the lexicon like written words.
    const lexicon: FeatureLexicon = { source: 'test', groups: [{ tokens: ['insult'], terms: ['loser'] }] };
    const withLexicon = createFeatureHasher({ ...config, segmentWeight: 1, lexiconWeight: 0.5 }, lexicon, vocabulary);
    const withoutLexicon = createFeatureHasher({ ...config, segmentWeight: 1, lexiconWeight: 0 }, lexicon, vocabulary);
    expect(withLexicon.hash('youaresoloser').indices.length).toBe(withoutLexicon.hash('youaresoloser').indices.length + 1);
  });

  it('reads the i of an unknown word as l when that makes a known word, since normalizeText reads every leetspeak 1 as i', () => {
    const vocabulary: FeatureVocabulary = { source: 'test', words: ['the', 'black', 'people', 'bil'] };
    const config = { ...DEFAULT_FEATURE_CONFIG, shapeWeight: 0, lexiconWeight: 0, segmentWeight: 0 };
    const reading = createFeatureHasher({ ...config, lReadingWeight: 1 }, undefined, vocabulary);
    const plain = createFeatureHasher({ ...config, lReadingWeight: 0 }, undefined, vocabulary);
    for (const [disguised, clean] of [
      ['b14ck', 'black'], // normalizeText: "biack"
      ['p30p13', 'people'], // "peopie"
    ] as const) {
      expect(normalizeText(disguised)).not.toBe(clean);
      expect(cosine(reading.hash(disguised), reading.hash(clean))).toBeGreaterThan(cosine(plain.hash(disguised), plain.hash(clean)) + 0.2);
    }
    // Of the readings that make a word, the most frequent one.
    for (const [words, picked, other] of [
      [['tlki', 'tikl'], 'tlki', 'tikl'],
      [['tikl', 'tlki'], 'tikl', 'tlki'],
    ] as const) {
      const hasher = createFeatureHasher({ ...config, lReadingWeight: 1 }, undefined, { source: 'test', words });
      const read = hasher.hash('tiki');
      expect(cosine(read, hasher.hash(picked))).toBeGreaterThan(cosine(read, hasher.hash(other)) + 0.2);
    }
    // Known words, words with no i, and readings that make no word are left alone.
    for (const text of ['the black people', 'bil', 'zip', 'xyz', 'iiiii']) sameFeatures(reading.hash(text), plain.hash(text));
  });

  it('bounds very long text to a head and tail window', () => {
    const hasher = createFeatureHasher({ maxChars: 64 });
    const long = `${'a'.repeat(10_000)} tail`;
    expect(hasher.hashViews(long, long).indices.length).toBeGreaterThan(0);
    expect(() => resolveFeatureConfig({ bucketBits: 40 })).toThrow(RangeError);
    expect(() => resolveFeatureConfig({ charMin: 4, charMax: 3 })).toThrow(RangeError);
  });
});

const PINNED_WIN_CASH: number[] = [203801, 210855, 184434, 51757, 253499, 55055];
