import { normalizeText, stripInvisible } from '../normalize.js';

/**
 * The two forms of one message that pattern rules read.
 *
 * `norm` is {@link normalizeText}'s output, so disguised spellings ("fr33 g1ft", "ｃｏｄｅ") match
 * like plain text. `raw` keeps digits, separators and case (card numbers, phone numbers, codes and
 * postcodes live there): it is only NFKC-folded (full-width digits become ASCII) and stripped of
 * invisible characters. `hay` joins both, so a word rule matches whichever form shows it; the
 * separator holds no space and no gap character the rules accept, so no match can straddle it.
 */
export interface TextView {
  readonly norm: string;
  readonly raw: string;
  readonly hay: string;
}

/** Curly and modifier apostrophes, so "don’t" and "don't" match the same rule. */
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032\u0060\u00B4]/gu;

/** Never matched by `\s`, `[^.!?\n]` or a word class: rules cannot run from one form into the other. */
const SEPARATOR = '\n.\u0001.\n';

/**
 * Returns a function that builds the {@link TextView} of a text, remembering the last one.
 *
 * The engine hands the same text to every pattern detector in turn; the memo lets them share one
 * normalisation, which costs more than all their rules together.
 */
export function createTextViewer(normalize: (text: string) => string = normalizeText): (text: string) => TextView {
  let lastText: string | undefined;
  let lastView: TextView | undefined;
  return (text) => {
    if (text === lastText && lastView) return lastView;
    const safe = typeof text === 'string' ? text : '';
    const raw = stripInvisible(safe.normalize('NFKC')).replace(APOSTROPHES, "'");
    const norm = normalize(safe).replace(APOSTROPHES, "'");
    const rawLower = raw.toLowerCase();
    const hay = rawLower === norm ? norm : `${norm}${SEPARATOR}${rawLower}`;
    lastText = text;
    lastView = { norm, raw, hay };
    return lastView;
  };
}
