import { describe, expect, it } from 'vitest';
import type { TextExample } from '../../scripts/text-training/data.js';
import { VOCABULARY_MIN_COUNT, segmentationVocabulary } from '../../scripts/text-training/vocabulary.js';

const example = (text: string, n: number): TextExample => ({ id: `t${n}`, source: 'sms', text, split: 'train', targets: new Int8Array(6) });

describe('segmentationVocabulary', () => {
  it('keeps words seen often enough, most frequent first, ties alphabetical, in normalizeText form', () => {
    const texts = [
      ...Array.from({ length: 5 }, () => 'FREE cash, don’t wait'),
      ...Array.from({ length: 3 }, () => 'Ｂig w1n 4 u @ 10:30 https://x.co/abc'),
      'rare words once',
    ];
    const { words } = segmentationVocabulary(texts.map(example));
    expect(VOCABULARY_MIN_COUNT).toBe(3);
    // "free" collapses to "fre", "don’t" loses its apostrophe, "w1n" reads as "win"; 10:30 holds no letter.
    expect(words.slice(0, 4)).toEqual(['cash', 'dont', 'fre', 'wait']);
    expect(words).toEqual(expect.arrayContaining(['big', 'win', 'u']));
    expect(words).not.toContain('rare');
    for (const word of words) expect(word).toMatch(/^[a-z]{1,20}$/);
  });

  it('is the same list whatever the order of the examples', () => {
    const texts = ['no yes', 'yes no', 'ok yes no', 'ok ok', 'no no yes ok'].flatMap((t) => [t, t, t]);
    const forward = segmentationVocabulary(texts.map(example)).words;
    const backward = segmentationVocabulary([...texts].reverse().map(example)).words;
    expect(forward).toEqual(backward);
    expect(forward).toEqual(['no', 'ok', 'yes']); // 15, 12 and 12 times
  });
});
