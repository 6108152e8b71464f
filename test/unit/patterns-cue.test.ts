import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseRepeats } from '../../src/text/normalize.js';
import { allCues, armedCues, cue, cueMatches } from '../../src/text/patterns/cue.js';
import { foldRepeatedLetters, foldedPattern } from '../../src/text/patterns/fold-pattern.js';
import { createPatternDetectors } from '../../src/text/patterns/index.js';
import { createTextViewer } from '../../src/text/patterns/text-view.js';
import { ALL_FIXTURE_FILES, readFixtures } from './patterns-fixtures.js';

createPatternDetectors(); // loads every family, so every cue is declared

/**
 * A cue's pattern without `\b` and lookarounds, which fast-check's `stringMatching` cannot generate
 * from. The strings it yields are then checked against the real pattern, so nothing is assumed.
 */
function withoutAssertions(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; ) {
    if (source[i] === '\\') {
      if (source[i + 1] !== 'b') out += source.slice(i, i + 2);
      i += 2;
    } else if (/^\(\?<?[=!]/u.test(source.slice(i, i + 4))) {
      let depth = 0;
      let j = i;
      for (; j < source.length; j += 1) {
        if (source[j] === '\\') j += 1;
        else if (source[j] === '[') while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
        else if (source[j] === '(') depth += 1;
        else if (source[j] === ')' && --depth === 0) break;
      }
      i = j + 1;
    } else {
      out += source[i];
      i += 1;
    }
  }
  return out;
}

/** Ways chat text differs from the fixtures that could trip the word prefilter. */
const VARIANTS: readonly ((text: string) => string)[] = [
  (text) => text,
  (text) => text.toUpperCase(),
  (text) => text.replace(/\b(\w)/gu, '🔥$1'),
  (text) => text.replace(/ /gu, '\u00a0'),
  (text) => text.replace(/ /gu, '  \n '),
  (text) => text.replace(/'/gu, '\u2019'),
  (text) => `${text}!!! ${text.toLowerCase()}`,
];

describe('cue stems', () => {
  it('never skip a cue that would have matched (every fixture, in several spellings)', () => {
    const view = createTextViewer();
    let matched = 0;
    for (const name of ALL_FIXTURE_FILES) {
      for (const fixture of readFixtures(name)) {
        for (const variant of VARIANTS) {
          const textView = view(variant(fixture.text));
          const armed = armedCues(textView);
          for (const entry of allCues()) {
            if (!cueMatches(entry, textView)) continue;
            matched += 1;
            expect(armed[entry.id], `cue ${entry.pattern.source.slice(0, 60)} matched ${JSON.stringify(textView.norm)} unarmed`).toBe(1);
          }
        }
      }
    }
    expect(matched).toBeGreaterThan(1000);
  });

  it('never skip a cue that would have matched (text generated from each pattern, seeded)', () => {
    let matched = 0;
    for (const entry of allCues()) {
      if (entry.stems.length === 0) continue;
      const source = entry.on === 'raw' ? entry.pattern.source : foldedPattern(entry.pattern).source;
      const generator = new RegExp(`^(?:${withoutAssertions(source)})$`);
      for (const sample of fc.sample(fc.stringMatching(generator, { size: 'small' }), { numRuns: 150, seed: entry.id + 1 })) {
        for (const text of [` ${sample} `, `x ${sample}.`, `🔥${sample}`]) {
          const raw = entry.on === 'raw' ? text : text.toLowerCase();
          const view = { norm: collapseRepeats(raw.toLowerCase()), raw, digits: 99 };
          if (!cueMatches(entry, view)) continue;
          matched += 1;
          expect(armedCues(view)[entry.id], `cue ${entry.pattern.source.slice(0, 60)} matched ${JSON.stringify(raw)} unarmed`).toBe(1);
        }
      }
    }
    expect(matched).toBeGreaterThan(10_000);
  });

  it('are checked when declared', () => {
    expect(() => cue('a', /a/u)).toThrow(/two characters/u);
    expect(() => cue('ok', /ok/gu)).toThrow(/global/u);
  });
});

describe('foldRepeatedLetters', () => {
  it('collapses letters the way normalisation does, and leaves escapes alone', () => {
    expect(foldRepeatedLetters('\\bkill myself\\b')).toBe('\\bkil myself\\b');
    expect(foldRepeatedLetters('\\bbitcoin')).toBe('\\bbitcoin');
    expect(foldRepeatedLetters('\\p{Ll}\\u{1F602}\\uFFFD\\x41a')).toBe('\\p{Ll}\\u{1F602}\\uFFFD\\x41a');
    expect(foldRepeatedLetters('(?:too|soo+n)')).toBe('(?:to|so+n)');
  });
  it('keeps flags and memoises the twin', () => {
    const pattern = /\bfree\b/iu;
    expect(foldedPattern(pattern).flags).toBe('iu');
    expect(foldedPattern(pattern)).toBe(foldedPattern(pattern));
    expect(foldedPattern(/\bcat\b/u).source).toBe('\\bcat\\b');
  });
});
