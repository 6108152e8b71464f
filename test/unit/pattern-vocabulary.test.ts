import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { patternVocabulary, vocabularyModule, VOCABULARY_SIZE } from '../../scripts/build-pattern-vocabulary.js';
import { loadTextExamples } from '../../scripts/text-training/data.js';
import { PATTERN_VOCABULARY } from '../../src/text/patterns/vocabulary-data.js';
import { wordCost } from '../../src/text/patterns/vocabulary.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = `${ROOT}../shared/datasets`;

describe('the pattern vocabulary', () => {
  it('holds distinct lower-case words, the commonest first', () => {
    const words = PATTERN_VOCABULARY.split(' ');
    expect(words).toHaveLength(VOCABULARY_SIZE);
    expect(new Set(words).size).toBe(words.length);
    expect(words.every((word) => /^[a-z]+$/.test(word))).toBe(true);
    expect(wordCost('the')).toBeLessThan(wordCost('myself') as number);
    expect(wordCost('qzxv')).toBeUndefined();
  });

  // The committed file is what `npm run build:pattern-vocabulary` makes of the data sets.
  it.skipIf(!existsSync(DATA))('is rebuilt byte for byte from the training split', () => {
    const committed = readFileSync(`${ROOT}src/text/patterns/vocabulary-data.ts`, 'utf8');
    expect(vocabularyModule(patternVocabulary(loadTextExamples(DATA)))).toBe(committed);
  });
});
