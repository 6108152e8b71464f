import { describe, expect, it } from 'vitest';
import { isLuhnValid } from '../../src/text/patterns/luhn.js';
import { PII_FAMILIES, createPiiDetector } from '../../src/text/patterns/pii.js';
import { findCardNumber, hasPhoneNumber } from '../../src/text/patterns/pii-numbers.js';
import { fixtureRateTests, readFixtures, run, scoreOf } from './patterns-fixtures.js';

const pii = createPiiDetector();
const out = (text: string): number => scoreOf(pii, 'pii', text, 'outgoing');
const inc = (text: string): number => scoreOf(pii, 'pii', text, 'incoming');
const codes = (text: string): string[] => run(pii, text, 'outgoing').reasons.map((reason) => reason.code);

describe('patterns-pii', () => {
  it('declares its id and label', () => {
    expect(pii.id).toBe('patterns-pii');
    expect(pii.labels).toEqual(['pii']);
  });

  fixtureRateTests(pii, 'pii', 'pii');

  it('has outgoing positives only, as the issue asks', () => {
    expect(readFixtures('pii.jsonl').every((fixture) => fixture.direction === 'outgoing')).toBe(true);
  });

  it('exercises every family on the positive fixtures', () => {
    const seen = new Set(readFixtures('pii.jsonl').flatMap((fixture) => codes(fixture.text)));
    for (const family of Object.values(PII_FAMILIES)) expect(seen, family.code).toContain(family.code);
  });

  describe('one-time codes and direction', () => {
    const service = 'Your verification code is 123456. Do not share it.';
    it('does not score a service code message arriving', () => {
      expect(inc(service)).toBeLessThan(0.5);
      expect(inc('G-482913 is your Google verification code.')).toBeLessThan(0.5);
    });
    it('scores the same message going out: someone is being talked into forwarding it', () => {
      expect(out(service)).toBeGreaterThanOrEqual(0.5);
    });
    it.each(['my code is 482913', 'the code is 4829', 'pin: 0372'])('scores %j going out', (text) => {
      expect(out(text)).toBeGreaterThanOrEqual(0.5);
      expect(codes(text)).toContain('pii.one_time_code');
    });
    it.each(['zip code 90210', 'use promo code 2024', 'error code 5003', 'the lobby code is 4821'])('ignores the harmless %j', (text) => {
      expect(out(text)).toBeLessThan(0.5);
    });
  });

  describe('cards', () => {
    it('implements Luhn', () => {
      expect(isLuhnValid('4111111111111111')).toBe(true);
      expect(isLuhnValid('4111111111111112')).toBe(false);
      expect(isLuhnValid('')).toBe(false);
      expect(isLuhnValid('41x1')).toBe(false);
    });
    it('reads card numbers as typed, with spaces or dashes, on the raw text', () => {
      expect(findCardNumber('4111 1111 1111 1111')).toBe('network');
      expect(findCardNumber('5555-5555-5555-4444')).toBe('network');
      expect(findCardNumber('3782 822463 10005')).toBe('network');
      expect(findCardNumber('4111 1111 1111 1112')).toBeNull();
      expect(findCardNumber('0000 0000 0000 0000')).toBeNull();
      expect(findCardNumber('the 1234567890123 order')).toBeNull();
    });
    it('reads a full-width card number through the NFKC view', () => {
      expect(out('ｃａｒｄ ４１１１ １１１１ １１１１ １１１１')).toBeGreaterThanOrEqual(0.5);
    });
  });

  describe('phone numbers', () => {
    it.each(['07700 900123', '+44 7700 900456', '(555) 123-4567', '555-123-4567', '+1 415 555 0198'])('finds %j', (text) => {
      expect(hasPhoneNumber(text)).toBe(true);
    });
    it.each(['2024-01-15', '10:30-11:45', '£1,250,000', 'score 3-2', '1234', '978-0-14-312755-0'])('ignores %j', (text) => {
      expect(hasPhoneNumber(text)).toBe(false);
    });
  });

  it('needs an address, a time or an invitation before "home alone" reaches 0.5', () => {
    expect(out("I'm home alone")).toBeLessThan(0.5);
    expect(out("I'm home alone till 9, come over")).toBeGreaterThanOrEqual(0.5);
    expect(out('watching Home Alone tonight')).toBeLessThan(0.3);
  });
});
