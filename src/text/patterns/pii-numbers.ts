/**
 * Number-shaped personal data, read on the raw text: normalisation is free to touch digits and
 * separators, but a card or phone number is only recognisable with them as typed.
 */
import { isLuhnValid } from './luhn.js';

/** How sure a card match is: `network` has a known issuer prefix and length, `checksum` only passes Luhn. */
export type CardMatch = 'network' | 'checksum' | null;

/** 13–19 digits with optional single spaces or dashes between them, not inside a longer number. */
const CARD_CANDIDATE = /(?<![\d.,])\d(?:[ -]?\d){12,18}(?![\d]|[.,]\d)/gu;
/** Groups typed the way cards are printed: fours (Visa, Mastercard…) or 4-6-5 (Amex) or 4-6-4 (Diners). */
const CARD_GROUPING = /^(?:\d+|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?|\d{4}[ -]\d{6}[ -]\d{4,5})$/u;
/** Issuer prefixes with their lengths (ISO/IEC 7812 IINs of the big networks). */
const NETWORK =
  /^(?:4\d{12}(?:\d{3}){0,2}|5[1-5]\d{14}|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d{2}|7[01]\d|720)\d{12}|3[47]\d{13}|6(?:011|5\d{2}|4[4-9]\d)\d{12,15}|35(?:2[89]|[3-8]\d)\d{12,15}|3(?:0[0-5]|[68]\d)\d{11,16}|62\d{14,17})$/u;
/** Bounds the work on hostile input: nobody types more numbers than this in one message. */
const MAX_CANDIDATES = 64;

/**
 * Finds the most convincing payment card number in `raw`.
 * @example findCardNumber('it is 4111 1111 1111 1111') // 'network'
 */
export function findCardNumber(raw: string): CardMatch {
  let best: CardMatch = null;
  let seen = 0;
  for (const match of raw.matchAll(CARD_CANDIDATE)) {
    if ((seen += 1) > MAX_CANDIDATES) break;
    const typed = match[0];
    if (!CARD_GROUPING.test(typed)) continue;
    const digits = typed.replace(/[ -]/gu, '');
    if (/^(\d)\1+$/u.test(digits) || !isLuhnValid(digits)) continue;
    if (NETWORK.test(digits)) return 'network';
    best = 'checksum';
  }
  return best;
}

/**
 * Phone numbers: international with `+`, national with a leading 0 (UK and most of Europe), and
 * North American 3-3-4 with separators or brackets. Dates, times, prices and scores have other
 * shapes (fewer digits, a colon, a currency sign) and do not match.
 */
const PHONE_PATTERNS: readonly RegExp[] = [
  /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){2,5}(?![\d])/gu,
  /(?<![\d.,:/-])0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}(?![\d]|[.,:/]\d)/gu,
  /(?<![\d.,:/-])(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\d]|[.,:/]\d)/gu,
];

/**
 * True when `raw` holds something dialable with 10–15 digits.
 * @example hasPhoneNumber('text me on 07700 900123') // true
 */
export function hasPhoneNumber(raw: string): boolean {
  for (const pattern of PHONE_PATTERNS) {
    let seen = 0;
    for (const match of raw.matchAll(pattern)) {
      if ((seen += 1) > MAX_CANDIDATES) break;
      const digits = match[0].replace(/\D/gu, '');
      if (digits.length >= 10 && digits.length <= 15 && !/^(\d)\1+$/u.test(digits)) return true;
    }
  }
  return false;
}
