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

/** What follows a card number when the whole card is typed out: an expiry `MM/YY` or a 3–4 digit CVV. */
const CARD_TRAILER = /^[ ,;:-]{1,3}(?:(?:0?[1-9]|1[0-2]) ?\/ ?(?:\d{2}|20\d{2})(?![\d/])|\d{3,4}(?![\d/.,]))/u;
/** A first or last group of 1–4 digits: an expiry or a CVV typed right next to a card number. */
const SHORT_LAST_GROUP = /[ -]\d{1,4}$/u;
const SHORT_FIRST_GROUP = /^\d{1,4}[ -]/u;

/** The most convincing card in a message, and whether an expiry or CVV sits right after it. */
export interface CardDetails {
  readonly card: CardMatch;
  readonly trailer: boolean;
}

/** Grades one run of digits as typed: a card by issuer prefix, by checksum only, or not a card. */
function gradeCard(typed: string): CardMatch {
  if (!CARD_GROUPING.test(typed)) return null;
  const digits = typed.replace(/[ -]/gu, '');
  if (digits.length < 13 || /^(\d)\1+$/u.test(digits) || !isLuhnValid(digits)) return null;
  return NETWORK.test(digits) ? 'network' : 'checksum';
}

/**
 * Finds the most convincing payment card number in `raw`, and whether an expiry or CVV follows it.
 * A card typed with its expiry or CVV right next to it ("4111111111111111 12/26 737") reads as one
 * run that swallowed a short group; when the run is not a card, it is graded again without that
 * group. A run cut from a longer number (a 22-digit tracking code) is not trimmed.
 * @example findCardDetails('4111111111111111 12/26 737') // { card: 'network', trailer: true }
 */
export function findCardDetails(raw: string): CardDetails {
  let best: CardDetails = { card: null, trailer: false };
  let seen = 0;
  for (const match of raw.matchAll(CARD_CANDIDATE)) {
    if ((seen += 1) > MAX_CANDIDATES) break;
    const run = match[0];
    const start = match.index;
    const end = start + run.length;
    const standsAlone = !/^[ -]\d/u.test(raw.slice(end, end + 2)) && !/\d[ -]$/u.test(raw.slice(Math.max(0, start - 2), start));
    let typed = run;
    let from = start;
    let card = gradeCard(typed);
    if (!card && standsAlone && SHORT_LAST_GROUP.test(run)) {
      typed = run.replace(SHORT_LAST_GROUP, '');
      card = gradeCard(typed);
    }
    if (!card && standsAlone && SHORT_FIRST_GROUP.test(run)) {
      typed = run.replace(SHORT_FIRST_GROUP, '');
      from = end - typed.length;
      card = gradeCard(typed);
    }
    if (!card) continue;
    const after = from + typed.length;
    const found = { card, trailer: CARD_TRAILER.test(raw.slice(after, after + 12)) };
    if (card === 'network') return found;
    if (!best.card || (found.trailer && !best.trailer)) best = found;
  }
  return best;
}

/**
 * Finds the most convincing payment card number in `raw`.
 * @example findCardNumber('it is 4111 1111 1111 1111') // 'network'
 */
export function findCardNumber(raw: string): CardMatch {
  return findCardDetails(raw).card;
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

/**
 * IBANs as typed, in fours or run together: a country, two check digits and an 11–30 character
 * account part. The check digits (ISO 13616, mod 97) let one random string in 97 through, and chat
 * rarely holds anything of this shape to begin with.
 */
const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])/gu;

/** ISO 13616's check: the IBAN read as a number, country and check digits moved to the end, is 1 mod 97. */
function isIbanValid(iban: string): boolean {
  let rest = 0;
  for (const char of iban.slice(4) + iban.slice(0, 4)) {
    const value = Number.parseInt(char, 36); // 0–9 stay, A–Z become 10–35
    rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97;
  }
  return rest === 1;
}

/**
 * True when `raw` holds a checksum-valid IBAN whose account part is mostly digits (not words).
 * @example hasIban('GB82 WEST 1234 5698 7654 32') // true
 */
export function hasIban(raw: string): boolean {
  let seen = 0;
  for (const match of raw.matchAll(IBAN_CANDIDATE)) {
    if ((seen += 1) > MAX_CANDIDATES) break;
    const iban = match[0].replace(/ /gu, '').toUpperCase();
    const accountDigits = iban.slice(4).replace(/\D/gu, '').length;
    if (iban.length >= 15 && iban.length <= 34 && accountDigits >= 6 && isIbanValid(iban)) return true;
  }
  return false;
}
