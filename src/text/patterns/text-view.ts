import { normalizeText, stripInvisible } from '../normalize.js';

/**
 * The forms of one message that pattern rules read.
 *
 * `norm` is {@link normalizeText}'s output, so disguised spellings ("fr33 g1ft", "ｃｏｄｅ", "k.i.l.l")
 * match like plain text; rules run on it through their letter-collapsed twin (see `foldedPattern`).
 * `raw` keeps digits, separators and case (card numbers, phone numbers, codes and postcodes live
 * there): it is only NFKC-folded (full-width digits become ASCII) and stripped of invisible
 * characters. `lower` is `raw` lower-cased, the fallback for a rule that normalisation got in the way of.
 */
export interface TextView {
  readonly norm: string;
  readonly raw: string;
  readonly lower: string;
}

/** Curly and modifier apostrophes, so "don’t" and "don't" match the same rule. */
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032\u0060\u00B4]/gu;

/**
 * Returns a function that builds the {@link TextView} of a text, remembering the last one.
 *
 * The engine hands the same text to every pattern detector in turn; the memo lets them share one
 * normalisation instead of repeating it four times.
 */
export function createTextViewer(normalize: (text: string) => string = normalizeText): (text: string) => TextView {
  let lastText: string | undefined;
  let lastView: TextView | undefined;
  return (text) => {
    if (text === lastText && lastView) return lastView;
    const safe = typeof text === 'string' ? text : '';
    const raw = stripInvisible(safe.normalize('NFKC')).replace(APOSTROPHES, "'");
    const norm = normalize(safe).replace(APOSTROPHES, "'");
    lastText = text;
    lastView = { norm, raw, lower: raw.toLowerCase() };
    return lastView;
  };
}
