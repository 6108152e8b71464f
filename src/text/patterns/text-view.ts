import { normalizeText, stripInvisible } from '../normalize.js';

/**
 * The forms of one message that pattern rules read.
 *
 * `norm` is {@link normalizeText}'s output, so disguised spellings ("fr33 g1ft", "ｃｏｄｅ", "k.i.l.l")
 * match like plain text; rules run on it through their letter-collapsed twin (see `foldedPattern`).
 * `raw` keeps digits, separators and case (card numbers, phone numbers and postcodes live there): it
 * is only NFKC-folded (full-width digits become ASCII) and stripped of invisible characters.
 * Normalisation never turns a plain word into another, so word rules need only `norm`; rules about
 * numbers also read `raw`, because digits and their separators are what they are about.
 */
export interface TextView {
  readonly norm: string;
  readonly raw: string;
  /** ASCII digits in `raw`: number rules need a few before they are worth running. */
  readonly digits: number;
}

/** Curly and modifier apostrophes, so "don’t" and "don't" match the same rule. */
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032\u0060\u00B4]/gu;

function countDigits(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += 1;
  }
  return digits;
}

/** Texts the memo of {@link createTextViewer} holds: a message and its two other readings. */
const REMEMBERED = 3;

/**
 * Returns a function that builds the {@link TextView} of a text, remembering the last three.
 *
 * The engine hands the same text to every pattern detector in turn, and each also reads the
 * message's other readings (`second-reading.ts`); the memo lets them share one normalisation of
 * each instead of repeating it fifteen times.
 */
export function createTextViewer(normalize: (text: string) => string = normalizeText): (text: string) => TextView {
  const texts: (string | undefined)[] = new Array<string | undefined>(REMEMBERED).fill(undefined);
  const views: (TextView | undefined)[] = new Array<TextView | undefined>(REMEMBERED).fill(undefined);
  let next = 0;
  return (text) => {
    for (let k = 0; k < REMEMBERED; k++) if (text === texts[k] && views[k]) return views[k] as TextView;
    const safe = typeof text === 'string' ? text : '';
    const raw = stripInvisible(safe.normalize('NFKC')).replace(APOSTROPHES, "'");
    const norm = normalize(safe).replace(APOSTROPHES, "'");
    const view = { norm, raw, digits: countDigits(raw) };
    texts[next] = text;
    views[next] = view;
    next = (next + 1) % REMEMBERED;
    return view;
  };
}
