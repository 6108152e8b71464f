import { describe, expect, it } from 'vitest';
import { createScamDetector } from '../../src/text/patterns/scam.js';
import { SCAM_FAMILIES } from '../../src/text/patterns/scam-rules.js';
import { fixtureRateTests, readFixtures, run, scoreOf } from './patterns-fixtures.js';

const scam = createScamDetector();
const score = (text: string): number => scoreOf(scam, 'scam', text, 'incoming');
const codes = (text: string): string[] => run(scam, text, 'incoming').reasons.map((reason) => reason.code);

describe('patterns-scam', () => {
  it('declares its id and label', () => {
    expect(scam.id).toBe('patterns-scam');
    expect(scam.labels).toEqual(['scam']);
  });

  fixtureRateTests(scam, 'scam', 'scam');

  it('exercises every family on the positive fixtures', () => {
    const seen = new Set(readFixtures('scam.jsonl').flatMap((fixture) => codes(fixture.text)));
    for (const family of Object.values(SCAM_FAMILIES)) expect(seen, family.code).toContain(family.code);
  });

  it.each([
    ['Please read me the 6-digit code we just sent to your phone', 'scam.otp_request'],
    ['Your parcel could not be delivered, a £1.99 redelivery fee is due: parcel-help.top', 'scam.parcel_fee'],
    ['hi mum, this is my new number. can you transfer me £300 today?', 'scam.family_impersonation'],
    ['Buy 3 Apple gift cards and send me photos of the back, I am in a meeting', 'scam.gift_card'],
    ['Guaranteed 8% daily profit with our bitcoin platform, my mentor will guide you', 'scam.crypto_investment'],
    ['Oh sorry, wrong number! Nice to meet you though, where are you from?', 'scam.wrong_number_opener'],
    ['Earn £400 a day liking TikTok videos, message us on Telegram', 'scam.job_task'],
    ['My love, I am stuck at the airport and need $900 by Western Union for customs', 'scam.romance_money'],
    ['Microsoft: your PC is infected with a virus. Call 0800 555 0100 immediately', 'scam.tech_support'],
    ['Congratulations, you have won an iPhone! Just pay the £2 shipping fee to claim it', 'scam.prize'],
  ])('explains %j with %s', (text, code) => {
    expect(score(text)).toBeGreaterThanOrEqual(0.5);
    expect(codes(text)[0]).toBe(code);
  });

  it.each([
    'you have won',
    'bitcoin',
    'gift card',
    'your parcel',
    'new phone, who dis',
    'click here: example.com',
    'URGENT',
    'send me the code',
    'part-time job, message me',
    'wrong number sorry',
    'my love, can you send me £10',
  ])('keeps the single weak cue %j under 0.5', (text) => {
    expect(score(text)).toBeLessThan(0.5);
  });

  it('never lets a link or urgency alone raise a family with no evidence', () => {
    expect(score('URGENT!!! act now, last chance: https://example.com')).toBeLessThan(0.2);
  });

  it('combines cues: a parcel fee scores higher with a link, and higher again with urgency', () => {
    const plain = score('Your parcel is on hold, pay the £1.45 fee to rearrange delivery');
    const linked = score('Your parcel is on hold, pay the £1.45 fee to rearrange delivery: parcel-help.top');
    const urgent = score('Your parcel is on hold, pay the £1.45 fee within 24 hours to rearrange delivery: parcel-help.top');
    expect(plain).toBeLessThan(linked);
    expect(linked).toBeLessThan(urgent);
  });

  it('does not flag a service sending its own code', () => {
    expect(score('Your WhatsApp code: 123-456. Do not share this code with anyone.')).toBeLessThan(0.3);
  });

  it('scores outgoing the same way, so forwarding a scam is explained too', () => {
    const text = 'Congratulations, you have won an iPhone! Just pay the £2 shipping fee to claim it';
    expect(scoreOf(scam, 'scam', text, 'outgoing')).toBe(score(text));
  });
});
