import { describe, expect, it } from 'vitest';
import { MAX_SEGMENTED_LENGTH, createWordSegmenter } from '../../src/text/word-segmenter.js';

// Any hash works: the segmenter only needs the same one for vocabulary words and runs.
const step = (hash: number, code: number) => Math.imul(hash ^ code, 0x01000193) >>> 0;
const BASE = 0x811c9dc5;
const hashOf = (word: string) => [...word].reduce((h, c) => step(h, c.charCodeAt(0)), BASE);

/** The words `split` finds in `run`, or [] when it finds none. */
function wordsIn(words: readonly string[], run: string): string[] {
  const units = Uint16Array.from(run, (c) => c.charCodeAt(0));
  const { ends, count } = createWordSegmenter(words, BASE, step).split(units, 0, units.length);
  const found: string[] = [];
  for (let k = 0, start = 0; k < count; start = ends[k] as number, k++) found.push(run.slice(start, ends[k]));
  return found;
}

describe('createWordSegmenter', () => {
  const VOCABULARY = ['the', 'you', 'a', 'to', 'are', 'i', 'me', 'send', 'code', 'kil', 'yourself', 'your', 'self', 'stupid', 'cash', 'fre', 'prize'];

  it('splits joined words back into the words', () => {
    expect(wordsIn(VOCABULARY, 'sendmethecode')).toEqual(['send', 'me', 'the', 'code']);
    expect(wordsIn(VOCABULARY, 'astupid')).toEqual(['a', 'stupid']);
    expect(wordsIn(VOCABULARY, 'frecashprize')).toEqual(['fre', 'cash', 'prize']);
  });

  it('prefers fewer, more frequent words', () => {
    // "yourself" (rank 11) beats "your" + "self" (ranks 12 and 13).
    expect(wordsIn(VOCABULARY, 'kilyourself')).toEqual(['kil', 'yourself']);
    // With "yourself" rare and "your", "self" common, two common words win.
    expect(wordsIn(['your', 'self', 'kil', ...Array.from({ length: 5000 }, (_, i) => `w${i}`), 'yourself'], 'kilyourself')).toEqual(['kil', 'your', 'self']);
  });

  it('finds nothing when a run has no split into vocabulary words, or is one word', () => {
    expect(wordsIn(VOCABULARY, 'jessica')).toEqual([]);
    expect(wordsIn(VOCABULARY, 'stupid')).toEqual([]);
    expect(wordsIn(VOCABULARY, '')).toEqual([]);
    expect(wordsIn(VOCABULARY, 'a'.repeat(MAX_SEGMENTED_LENGTH + 1))).toEqual([]);
    expect(wordsIn(VOCABULARY, 'a'.repeat(MAX_SEGMENTED_LENGTH)).length).toBe(MAX_SEGMENTED_LENGTH);
  });

  it('knows the vocabulary by hash and skips entries that are not lower-case a–z words', () => {
    const segmenter = createWordSegmenter(['you', 'Caps', 'two words', 'é', ''], BASE, step);
    expect(segmenter.knows(hashOf('you'))).toBe(true);
    for (const word of ['Caps', 'two words', 'é', '', 'me']) expect(segmenter.knows(hashOf(word))).toBe(false);
  });

  it('finds words inside a slice of a longer buffer, with absolute ends', () => {
    const units = Uint16Array.from('xxsendmexx', (c) => c.charCodeAt(0));
    const { ends, count } = createWordSegmenter(VOCABULARY, BASE, step).split(units, 2, 8);
    expect(Array.from(ends.subarray(0, count))).toEqual([6, 8]);
  });
});
