import { describe, expect, it } from 'vitest';
import type { Detector, DetectorResult } from '../../src/engine/detector.js';
import { createPatternDetectors, createSelfHarmDetector } from '../../src/text/patterns/index.js';
import { wordEnds } from '../../src/text/patterns/vocabulary.js';
import { readings, withOtherReadings } from '../../src/text/patterns/second-reading.js';

const input = (text: string) => ({ text, direction: 'outgoing' as const, message: { text } });
const selfHarmOf = (detector: Detector, text: string) => ((detector.detect(input(text)) as DetectorResult).scores.self_harm ?? 0);

describe('readings', () => {
  it('give one reading that decodes leetspeak codes and rejoins spaced-out words, keeping a leading "i" apart', () => {
    expect(readings('i ju57 want to d13')).toEqual(['i just want to die']);
    expect(readings('i j u s t want to d i e')).toEqual(['i just want to die']);
    expect(readings("I d o n ' t want to be h e r e anymore")).toEqual(["I don't want to be here anymore"]);
    expect(readings('k1ll y0ur5elf')).toEqual(['kill yourself']);
    expect(readings('y0u 4nd m3')).toEqual(['you and me']); // "4nd" is no ordinal
  });

  it('give none for plain text, numbers, codes with 2, 6 or 8, links and addresses', () => {
    for (const text of ['see you at 6 for dinner', 'my code is 482913', 'gr8 m8, b2b', 'https://x.co/a1b3 and me@x4.com', 'a b', 'at 3pm on the 4th, 10k steps, 31st']) {
      expect(readings(text)).toEqual([]);
    }
  });
});

describe('wordEnds', () => {
  it('splits a run of common words and leaves a word, or a run with a word outside the vocabulary, alone', () => {
    expect(wordEnds('themall')).toEqual([4, 7]);
    expect(wordEnds('hurtmyselftonight')).toEqual([4, 10, 17]);
    expect(wordEnds('about')).toBeUndefined();
    expect(wordEnds('qzxv')).toBeUndefined();
  });
});

describe('readings of disguised words', () => {
  it('add a third reading with runs of spaced-out words split, apostrophes kept in place', () => {
    expect(readings('take t h e m a l l')).toEqual(['take themall', 'take them all']);
    expect(readings("i d o n ' t w a n t to")).toEqual(["i don'twant to", "i don't want to"]);
  });

  it('read a 1 as i or l, whichever makes a word, and digits standing alone only when they spell one', () => {
    expect(readings('k111 my531f')).toEqual(['kill myself']);
    expect(readings('end it 411 tonight')).toEqual(['end it all tonight']);
    expect(readings('pay £500 by 5:15, 1,500 people, 0345 7777')).toEqual([]);
  });

  it('read a look-alike of I as i or l, whichever makes a word, and leaves real words and other scripts alone', () => {
    expect(readings('end it \u{1D622}\u2111\u{1D408} tonight')).toEqual(['end it all tonight']); // 𝘢ℑ𝐈
    expect(readings('put you in hospita\u{1D75E}')).toEqual(['put you in hospital']); // 𝝞, bold Greek capital iota
    expect(readings('I wi\uFF29l find you')).toEqual(['I will find you']); // full-width I
    expect(readings('Instagram AI IRS iPhone')).toEqual([]);
    expect(readings('Γεια σου! Τι κάνεις;')).toEqual([]);
  });
});

describe('withOtherReadings', () => {
  it('lets the pattern rules see through leetspeak and spaced letters', () => {
    const [, , selfHarm] = createPatternDetectors();
    const plain = createSelfHarmDetector();
    for (const text of ['i ju57 want to d13', 'i j u s t want to d i e', 'I h u r t m y s e l f a g a i n b e c a u s e I deserve it']) {
      expect(selfHarmOf(plain, text)).toBeLessThan(0.5);
      expect(selfHarmOf(selfHarm as Detector, text)).toBeGreaterThanOrEqual(0.5);
    }
    // Synchronous like the detector it wraps, so the engine's fast path stays synchronous.
    expect((selfHarm as Detector).detect(input('i ju57 want to d13'))).not.toBeInstanceOf(Promise);
  });

  it('keeps per label the higher score and the reasons of the reading that gave it', () => {
    // A toy detector: scam 0.9 with reason "decoded" on the decoded text, 0.2 with "written" otherwise; harassment 0.4 always.
    const toy: Detector = {
      id: 'toy',
      version: '1',
      labels: ['scam', 'harassment'],
      detect: ({ text }) => ({
        scores: { scam: text.includes('code') ? 0.9 : 0.2, harassment: 0.4 },
        reasons: [
          { code: text.includes('code') ? 'decoded' : 'written', label: 'scam', message: 'm' },
          { code: 'always', label: 'harassment', message: 'm' },
        ],
      }),
    };
    const result = withOtherReadings(toy).detect(input('send the c0d3')) as DetectorResult;
    expect(result.scores).toEqual({ scam: 0.9, harassment: 0.4 });
    expect(result.reasons.map((r) => r.code).sort()).toEqual(['always', 'decoded']);
    const plain = withOtherReadings(toy).detect(input('send the code')) as DetectorResult;
    expect(plain.reasons.map((r) => r.code).sort()).toEqual(['always', 'decoded']);
  });
});
