import { describe, expect, it } from 'vitest';
import type { Detector, DetectorResult } from '../../src/engine/detector.js';
import { createPatternDetectors, createSelfHarmDetector } from '../../src/text/patterns/index.js';
import { secondReading, withSecondReading } from '../../src/text/patterns/second-reading.js';

const input = (text: string) => ({ text, direction: 'outgoing' as const, message: { text } });
const selfHarmOf = (detector: Detector, text: string) => ((detector.detect(input(text)) as DetectorResult).scores.self_harm ?? 0);

describe('secondReading', () => {
  it('decodes leetspeak codes and rejoins spaced-out words, keeping a leading "i" apart', () => {
    expect(secondReading('i ju57 want to d13')).toBe('i just want to die');
    expect(secondReading('i j u s t want to d i e')).toBe('i just want to die');
    expect(secondReading("I d o n ' t want to be h e r e anymore")).toBe("I don't want to be here anymore");
    expect(secondReading('k1ll y0ur5elf')).toBe('kill yourself');
    expect(secondReading('y0u 4nd m3')).toBe('you and me'); // "4nd" is no ordinal
  });

  it('leaves plain text, numbers, codes with 2, 6 or 8, links and addresses as written', () => {
    for (const text of ['see you at 6 for dinner', 'my code is 482913', 'gr8 m8, b2b', 'https://x.co/a1b3 and me@x4.com', 'a b', 'at 3pm on the 4th, 10k steps, 31st']) {
      expect(secondReading(text)).toBe(text);
    }
  });
});

describe('withSecondReading', () => {
  it('lets the pattern rules see through leetspeak and spaced letters', () => {
    const [, , selfHarm] = createPatternDetectors();
    const plain = createSelfHarmDetector();
    for (const text of ['i ju57 want to d13', 'i j u s t want to d i e']) {
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
    const result = withSecondReading(toy).detect(input('send the c0d3')) as DetectorResult;
    expect(result.scores).toEqual({ scam: 0.9, harassment: 0.4 });
    expect(result.reasons.map((r) => r.code).sort()).toEqual(['always', 'decoded']);
    const plain = withSecondReading(toy).detect(input('send the code')) as DetectorResult;
    expect(plain.reasons.map((r) => r.code).sort()).toEqual(['always', 'decoded']);
  });
});
