import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Detector, Reason } from '../../src/engine/detector.js';
import { createEngine } from '../../src/engine/engine.js';
import type { Direction } from '../../src/engine/message.js';
import { PATTERN_REASON_CODES, createPatternDetectors } from '../../src/text/patterns/index.js';
import { PII_FAMILIES } from '../../src/text/patterns/pii.js';
import { SCAM_FAMILIES } from '../../src/text/patterns/scam-rules.js';
import { reasonMessage, type Family } from '../../src/text/patterns/scoring.js';
import { SELF_HARM_FAMILIES } from '../../src/text/patterns/self-harm.js';
import { SEXTORTION_FAMILIES } from '../../src/text/patterns/sextortion.js';
import { THREAT_FAMILIES } from '../../src/text/patterns/threat.js';
import { ALL_FIXTURE_FILES, readFixtures, run } from './patterns-fixtures.js';

const detectors = createPatternDetectors();
const DIRECTIONS: readonly Direction[] = ['incoming', 'outgoing'];
const CATALOGUE = new Map<string, Family>(
  [SCAM_FAMILIES, PII_FAMILIES, SELF_HARM_FAMILIES, SEXTORTION_FAMILIES, THREAT_FAMILIES].flatMap((families) =>
    Object.values(families).map((family): [string, Family] => [family.code, family]),
  ),
);

function runAll(text: string, direction: Direction): { detector: Detector; scores: Record<string, number>; reasons: readonly Reason[] }[] {
  return detectors.map((detector) => {
    const result = run(detector, text, direction);
    return { detector, scores: result.scores as Record<string, number>, reasons: result.reasons };
  });
}

/** Windows of the input that can carry personal data: anything with a digit, a symbol or non-ASCII. */
function distinctiveWindows(text: string): string[] {
  const windows: string[] = [];
  for (let i = 0; i + 6 <= text.length; i += 1) {
    const window = text.slice(i, i + 6);
    if (/[^A-Za-z ,.'!?"-]/u.test(window)) windows.push(window);
  }
  return windows;
}

describe('createPatternDetectors', () => {
  it('returns the five pattern detectors, each with its own label', () => {
    expect(detectors.map((d) => [d.id, d.labels])).toEqual([
      ['patterns-scam', ['scam']],
      ['patterns-pii', ['pii']],
      ['patterns-self-harm', ['self_harm']],
      ['patterns-sextortion', ['sextortion']],
      ['patterns-threat', ['threat']],
    ]);
    expect(detectors.every((d) => typeof d.version === 'string' && d.version.length > 0)).toBe(true);
  });

  it('lists every reason code, each matching the report format', () => {
    expect([...CATALOGUE.keys()].sort()).toEqual([...PATTERN_REASON_CODES].sort());
    for (const code of PATTERN_REASON_CODES) expect(code).toMatch(/^(?:scam|pii|self_harm|sextortion|threat)\.[a-z][a-z0-9_]{0,47}$/u);
  });

  it('returns fresh detectors on every call', () => {
    expect(createPatternDetectors()[0]).not.toBe(createPatternDetectors()[0]);
  });

  it('plugs into the engine: an outgoing card number asks to confirm, with the pattern reason', async () => {
    const engine = createEngine({ profile: 'adult', detectors: createPatternDetectors() });
    const verdict = await engine.checkOutgoing({ text: 'my card is 4111 1111 1111 1111 exp 09/27' });
    expect(verdict.flags).toContain('pii');
    expect(verdict.action).toBe('confirm');
    expect(verdict.reasons.map((reason) => reason.code)).toContain('pii.card_number');
    expect(verdict.reasons.find((reason) => reason.code === 'pii.card_number')?.detector).toBe('patterns-pii');
  });
});

describe('reasons never quote the message', () => {
  const fixtures = ALL_FIXTURE_FILES.flatMap((name) => readFixtures(name));

  it('every reason is its family\'s fixed sentence for the direction, the same for every input', () => {
    let checked = 0;
    for (const fixture of fixtures) {
      for (const direction of DIRECTIONS) {
        for (const { detector, reasons } of runAll(fixture.text, direction)) {
          for (const reason of reasons) {
            const family = CATALOGUE.get(reason.code);
            expect(family, `${detector.id} gave an unknown reason code ${reason.code}`).toBeDefined();
            expect(reason.message).toBe(reasonMessage(family!.text, direction));
            expect(reason.label).toBe(detector.labels[0]);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('no reason contains a 6-character piece of the input holding a digit, symbol or non-ASCII character', () => {
    for (const fixture of fixtures) {
      const windows = distinctiveWindows(fixture.text);
      for (const direction of DIRECTIONS) {
        for (const { reasons } of runAll(fixture.text, direction)) {
          for (const reason of reasons) {
            const echoed = windows.find((window) => reason.message.includes(window));
            expect(echoed, `reason ${reason.code} echoes ${JSON.stringify(echoed)}`).toBeUndefined();
          }
        }
      }
    }
  });

  it('no reason contains a made-up word planted in a flagged message', () => {
    const canary = 'Zorbaxquil';
    for (const name of ['scam.jsonl', 'pii.jsonl', 'self_harm.jsonl', 'sextortion.jsonl', 'threat.jsonl']) {
      for (const fixture of readFixtures(name)) {
        const text = `${canary}: ${fixture.text} ${canary}`;
        for (const { reasons } of runAll(text, fixture.direction ?? 'incoming')) {
          for (const reason of reasons) {
            for (let i = 0; i + 6 <= canary.length; i += 1) expect(reason.message).not.toContain(canary.slice(i, i + 6));
          }
        }
      }
    }
  });
});

describe('odd input', () => {
  const cases: readonly [string, string][] = [
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['emoji only', '😂😂🔥💀👍🏽👨‍👩‍👧'],
    ['control characters', '\u0000\u0001\u0007\u001b[31m\u007f\u0085'],
    ['lone surrogates', '\ud800 send me the code \udc00 you just got \ud83d'],
    ['bidi and zero-width', '\u202ehi\u202c\u200b\u200d\ufeff'],
    ['64 KiB of digits', '4'.repeat(65_536)],
    ['64 KiB of text', 'send me the code you just got and your password is '.repeat(1_300).slice(0, 65_536)],
    ['64 KiB of separators', '1 '.repeat(32_768)],
    ['64 KiB of one letter', 'a'.repeat(65_536)],
  ];
  it.each(cases)('%s: never throws, scores stay in 0..1', (_name, text) => {
    for (const direction of DIRECTIONS) {
      for (const { detector, scores } of runAll(text, direction)) {
        const value = scores[detector.labels[0]!];
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is total and deterministic on arbitrary strings (seeded)', () => {
    const fresh = createPatternDetectors();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom<Direction>('incoming', 'outgoing'), (text, direction) => {
        const first = detectors.map((d) => run(d, text, direction));
        const second = fresh.map((d) => run(d, text, direction));
        expect(second).toEqual(first);
        for (const [index, result] of first.entries()) {
          const value = result.scores[detectors[index]!.labels[0]!] ?? 0;
          expect(value >= 0 && value <= 1).toBe(true);
        }
      }),
      { seed: 20_260_123, numRuns: 300 },
    );
  });

  it('handles 64 KiB of hostile text quickly (no catastrophic backtracking)', () => {
    const hostile = `${'i '.repeat(10_000)}${'pay 1 '.repeat(4_000)}${'your '.repeat(3_000)}`.slice(0, 65_536);
    const start = performance.now();
    for (const direction of DIRECTIONS) runAll(hostile, direction);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('speed', () => {
  it('runs all five detectors on a 280-character message in well under a millisecond on average', () => {
    const texts = readFixtures('benign-chat.jsonl')
      .concat(readFixtures('scam.jsonl'))
      .map((fixture) => `${fixture.text} `.repeat(Math.ceil(280 / (fixture.text.length + 1))).slice(0, 280));
    for (const text of texts) runAll(text, 'incoming'); // warm up the JIT
    const rounds = 5;
    const start = performance.now();
    for (let round = 0; round < rounds; round += 1) for (const text of texts) runAll(`${text}${round}`, 'incoming');
    const perMessageUs = ((performance.now() - start) * 1000) / (rounds * texts.length);
    console.info(`[patterns] ${perMessageUs.toFixed(1)} µs per 280-char message, all five detectors, normalisation included`);
    // A loose bound keeps CI stable; the measured figure is printed above and reported in the README.
    expect(perMessageUs).toBeLessThan(1000);
  });
});
