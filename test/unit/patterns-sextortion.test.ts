import { describe, expect, it } from 'vitest';
import { SEXTORTION_FAMILIES, createSextortionDetector } from '../../src/text/patterns/sextortion.js';
import { fixtureRateTests, readFixtures, run, scoreOf } from './patterns-fixtures.js';

const sextortion = createSextortionDetector();
const score = (text: string): number => scoreOf(sextortion, 'sextortion', text, 'incoming');
const codes = (text: string): string[] => run(sextortion, text, 'incoming').reasons.map((reason) => reason.code);

describe('patterns-sextortion', () => {
  it('declares its id and label', () => {
    expect(sextortion.id).toBe('patterns-sextortion');
    expect(sextortion.labels).toEqual(['sextortion']);
  });

  fixtureRateTests(sextortion, 'sextortion', 'sextortion');

  it('exercises every family on the positive fixtures', () => {
    const seen = new Set(readFixtures('sextortion.jsonl').flatMap((fixture) => codes(fixture.text)));
    for (const family of Object.values(SEXTORTION_FAMILIES)) expect(seen, family.code).toContain(family.code);
  });

  it('explains a threat with a payment demand and a countdown', () => {
    const text = 'You have 2 hours. Pay $200 or I send your nudes to all your followers';
    expect(score(text)).toBeGreaterThanOrEqual(0.9);
    expect(codes(text)).toEqual(
      expect.arrayContaining(['sextortion.threat_to_share', 'sextortion.payment_demand', 'sextortion.countdown']),
    );
  });

  it.each([
    'I have your pics',
    'send me more pics of the beach',
    'pay me back the tenner or else',
    'you have 10 minutes to get ready',
    "I'll send the pics to everyone in the group",
  ])('keeps %j under 0.5', (text) => {
    expect(score(text)).toBeLessThan(0.5);
  });

  it('ignores a deadline or a demand that comes with no images', () => {
    expect(run(sextortion, 'Pay £50 by midnight or I tell your mum', 'incoming').reasons).toEqual([]);
  });
});
