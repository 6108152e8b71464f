import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG, createFeatureHasher, resolveFeatureConfig } from '../../src/text/features.js';
import { normalizeText } from '../../src/text/normalize.js';
import { trainingFeatures } from '../../scripts/train-text.js';

const SAMPLES = [
  'see you at 6 for dinner',
  'URGENT! You have WON a £1000 prize. Call 09061701461 now',
  "don't @ me 😂😂 lol",
  'Ｆｒｅｅ  c\u200Ba\u200Bs\u200Bh',
  'Привет, как дела?',
  '',
  '!!! ??? ...',
];

describe('createFeatureHasher', () => {
  it('gives the training path and the inference path identical features, bit for bit', () => {
    const training = createFeatureHasher(DEFAULT_FEATURE_CONFIG);
    const inference = createFeatureHasher(DEFAULT_FEATURE_CONFIG);
    const check = (text: string) => {
      const a = trainingFeatures(training, text);
      const b = inference.hash(text);
      expect(Array.from(b.indices)).toEqual(Array.from(a.indices));
      expect(Array.from(b.values)).toEqual(Array.from(a.values));
    };
    SAMPLES.forEach(check);
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (text) => check(text)), { seed: 42, numRuns: 200 });
  });

  it('returns unique in-range buckets with a unit L2 norm', () => {
    const hasher = createFeatureHasher();
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
    const hasher = createFeatureHasher();
    const first = hasher.hash(SAMPLES[1] as string);
    for (const text of SAMPLES) hasher.hash(text.repeat(20));
    const again = hasher.hash(SAMPLES[1] as string);
    expect(Array.from(again.indices)).toEqual(Array.from(first.indices));
    expect(Array.from(again.values)).toEqual(Array.from(first.values));
  });

  it('pins the hash function: fixed buckets for a fixed text', () => {
    // If this fails, hashing changed and the shipped model no longer matches it: retrain (npm run train:text).
    const { indices } = createFeatureHasher().hashNormalized('win cash');
    expect(Array.from(indices.slice(0, 6))).toEqual(PINNED_WIN_CASH);
  });

  it('bounds very long text to a head and tail window', () => {
    const hasher = createFeatureHasher({ maxChars: 64 });
    const long = `${'a'.repeat(10_000)} tail`;
    expect(hasher.hashNormalized(long).indices.length).toBeGreaterThan(0);
    expect(() => resolveFeatureConfig({ bucketBits: 40 })).toThrow(RangeError);
  });

  it('treats normalised and raw input alike through hash()', () => {
    const hasher = createFeatureHasher();
    const text = 'Héllo   WORLD';
    expect(Array.from(hasher.hash(text).indices)).toEqual(Array.from(hasher.hashNormalized(normalizeText(text)).indices));
  });
});

const PINNED_WIN_CASH: number[] = [203801, 210855, 184434, 51757, 253499, 55055];
