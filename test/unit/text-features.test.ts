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

const sameFeatures = (a: { indices: Int32Array; values: Float32Array }, b: { indices: Int32Array; values: Float32Array }) => {
  expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
  expect(Array.from(a.values)).toEqual(Array.from(b.values));
};

describe('createFeatureHasher', () => {
  it('is the configuration and lexicon the committed model was trained with', () => {
    expect(sidecar.features).toEqual({ ...TRAINING_FEATURES });
    expect(resolveFeatureConfig(sidecar.features)).toEqual(DEFAULT_FEATURE_CONFIG);
    expect((sidecar.lexicon?.groups.length ?? 0) > 0).toBe(DEFAULT_FEATURE_CONFIG.lexiconWeight !== 0);
  });

  it('gives the training path and the inference path identical features, bit for bit', () => {
    // Inference: the detector's hasher from the sidecar; training: the script's own path.
    const training = createFeatureHasher(TRAINING_FEATURES, sidecar.lexicon);
    const inference = createFeatureHasher(storedFeatureConfig(sidecar.features), sidecar.lexicon);
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

  it('keeps what the robust view folds away in the light view and shape tokens', () => {
    const hasher = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, lightWordWeight: 1, lightCharWeight: 0.5, shapeWeight: 1 });
    const robustOnly = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, lightWordWeight: 0, lightCharWeight: 0, shapeWeight: 0, lexiconWeight: 0 });
    // normalizeText reads "free" as "fre"; the light view does not.
    expect(normalizeText('free')).toBe(normalizeText('fre'));
    expect(robustOnly.hash('free').indices).toEqual(robustOnly.hash('fre').indices);
    expect(hasher.hash('free').indices).not.toEqual(hasher.hash('fre').indices);
    expect(lightNormalize('FREE Frее')).toBe('free free');
    // Shape tokens alone: capitals, money, digit runs by length, links, exclamation marks, length.
    const shape = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, wordWeight: 0, charWeight: 0, lightWordWeight: 0, lightCharWeight: 0, shapeWeight: 1, lexiconWeight: 0 });
    const tokens = (text: string) => Array.from(shape.hash(text).indices).sort();
    expect(tokens('see you soon')).toEqual(tokens('ask him then'));
    expect(tokens('WIN A PRIZE')).not.toEqual(tokens('win a prize'));
    expect(tokens('pay £1000 now')).not.toEqual(tokens('pay 1000 now'));
    expect(tokens('call 09061701461')).not.toEqual(tokens('call 090617'));
    expect(tokens('see www.x.com')).not.toEqual(tokens('see wwwxcom'));
    expect(tokens('ok!')).not.toEqual(tokens('ok.'));
  });

  it('adds leetspeak readings that normalizeText leaves alone, sharing the plain word’s features', () => {
    const plain = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, leetFallback: false, lightWordWeight: 0, lightCharWeight: 0, shapeWeight: 0 });
    const fallback = createFeatureHasher({ ...DEFAULT_FEATURE_CONFIG, leetFallback: true, lightWordWeight: 0, lightCharWeight: 0, shapeWeight: 0 });
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

  it('with leetContext, reads a leetspeak word in its place: its readings pair with the neighbours', () => {
    const base = { ...DEFAULT_FEATURE_CONFIG, leetFallback: true, lightWordWeight: 0, lightCharWeight: 0, shapeWeight: 0 };
    const added = createFeatureHasher({ ...base, leetContext: false });
    const inContext = createFeatureHasher({ ...base, leetContext: true });
    const target = new Set(added.hash('all white trash').indices);
    const shared = (indices: Int32Array) => Array.from(indices).filter((i) => target.has(i)).length;
    expect(shared(inContext.hash('all wh173 trash').indices)).toBe(target.size); // "all white", "white trash" too
    expect(shared(added.hash('all wh173 trash').indices)).toBeLessThan(target.size);
    // The disguised word itself is gone: 'wh173' alone shares nothing but its readings' features.
    const raw = new Set(createFeatureHasher({ ...base, leetFallback: false }).hash('wh173').indices);
    expect(Array.from(inContext.hash('wh173').indices).filter((i) => raw.has(i) && !target.has(i))).toEqual([]);
    // Text without leetspeak hashes exactly as before, order included.
    for (const text of SAMPLES.filter((t) => !t.includes('f4990t'))) sameFeatures(inContext.hash(text), added.hash(text));
  });

  it('with leetShare, a leetspeak word\'s readings share one word\'s weight', () => {
    const base = { ...DEFAULT_FEATURE_CONFIG, leetFallback: true, leetContext: true, lightWordWeight: 0, lightCharWeight: 0, shapeWeight: 0 };
    const full = createFeatureHasher({ ...base, leetShare: false });
    const shared = createFeatureHasher({ ...base, leetShare: true });
    // Same features, and text without leetspeak hashes exactly as before.
    expect(Array.from(shared.hash('you k111 him').indices)).toEqual(Array.from(full.hash('you k111 him').indices));
    for (const text of SAMPLES.filter((t) => !t.includes('f4990t'))) sameFeatures(shared.hash(text), full.hash(text));
    // "k111" reads as "kil" and "kl": shared, each weighs less, so the plain words around it weigh more.
    const you = new Set(createFeatureHasher({ ...base, leetContext: false }).hash('you').indices);
    const weightOfYou = (h: ReturnType<typeof createFeatureHasher>) => {
      const { indices, values } = h.hash('you k111 him');
      return Math.max(...Array.from(indices, (i, k) => (you.has(i) ? Math.abs(values[k] as number) : 0)));
    };
    expect(weightOfYou(shared)).toBeGreaterThan(weightOfYou(full));
  });

  it('with leetSurface, reads leetspeak on the surface text, where 1 may stand for l', () => {
    const base = { ...DEFAULT_FEATURE_CONFIG, lightWordWeight: 0, lightCharWeight: 0, shapeWeight: 0 };
    const off = createFeatureHasher({ ...base, leetSurface: false });
    const on = createFeatureHasher({ ...base, leetSurface: true });
    for (const [disguised, clean] of [
      ['p30p13', 'people'], // normalizeText reads "peopie"
      ['11k3', 'like'], // normalizeText reads "lke"
      ['4nd', 'and'], // normalizeText keeps a number then a word
      ['wh173', 'white'], // also read by leetFallback: added once
    ] as const) {
      const target = new Set(off.hash(clean).indices);
      const shared = (indices: Int32Array) => Array.from(indices).filter((i) => target.has(i)).length;
      expect(shared(on.hash(disguised).indices)).toBe(target.size);
    }
    sameFeatures(on.hash('you wh173 f4990t'), off.hash('you wh173 f4990t')); // leetFallback's readings are not added twice
    // Text without letters mixed with leetspeak digits hashes exactly as before, order included.
    for (const text of ['call 09061701461 2day b8 gr8', 'see you at 10', 'people who like it']) sameFeatures(on.hash(text), off.hash(text));
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
    expect(config).toMatchObject({ shapeWeight: 0, lexiconWeight: 0, leetFallback: false, lightWordWeight: 0, lightCharWeight: 0, wordTrigrams: false });
    // The first model's features are the robust view alone.
    const robust = createFeatureHasher(config).hash('WIN £1000 now');
    const normalized = normalizeText('WIN £1000 now');
    sameFeatures(robust, createFeatureHasher(config).hashViews(normalized, ''));
  });

  it('bounds very long text to a head and tail window', () => {
    const hasher = createFeatureHasher({ maxChars: 64 });
    const long = `${'a'.repeat(10_000)} tail`;
    expect(hasher.hashViews(long, long).indices.length).toBeGreaterThan(0);
    expect(() => resolveFeatureConfig({ bucketBits: 40 })).toThrow(RangeError);
    expect(() => resolveFeatureConfig({ lightCharMin: 4, lightCharMax: 3 })).toThrow(RangeError);
  });
});

const PINNED_WIN_CASH: number[] = [203801, 210855, 184434, 51757, 253499, 55055];
