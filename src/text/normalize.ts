/**
 * The one text normalisation shared by model training, inference and the pattern detectors, so
 * that disguised text ("ＦＲ３３", "frее" with a Cyrillic е, "f.r.e.e", "fuuuuck") scores like plain
 * text. Every step is a precompiled regex, a native string method or one scan over char codes;
 * ASCII-only messages skip the Unicode steps entirely. A typical chat message takes 3–9 µs.
 */
import { DECIMAL_DIGIT_ZEROS, SKELETON_TABLE } from './confusables-data.js';

// --- Unicode steps ---------------------------------------------------------------------------------

/** Anything but printable ASCII and ordinary whitespace: the message needs the Unicode steps. */
const NEEDS_UNICODE = /[^\t\n\r\x20-\x7E]/u;

/**
 * Invisible characters used to split or disguise words: C0/C1 controls (not tab, line feed, carriage
 * return, form feed, vertical tab or NEL, which count as whitespace), soft hyphen, combining grapheme
 * joiner, Arabic letter mark, Hangul fillers, Khmer inherent vowels, Mongolian free variation
 * selectors and vowel separator, zero-width space/joiners and LRM/RLM, bidi embeddings, overrides
 * and isolates, word joiner and invisible operators, variation selectors (including emoji VS16),
 * BOM/ZWNBSP, interlinear annotation controls, musical formatting controls and tag characters.
 */
const INVISIBLE_CLASS =
  '[\\x00-\\x08\\x0E-\\x1F\\x7F-\\x84\\x86-\\x9F\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF9-\\uFFFB\\u{1D173}-\\u{1D17A}\\u{E0000}-\\u{E0FFF}]';
const INVISIBLE = new RegExp(INVISIBLE_CLASS, 'gu');
const IS_INVISIBLE = new RegExp(`^${INVISIBLE_CLASS}$`, 'u');

/** Combining marks that are always decoration: the combining diacritical mark blocks. */
const IS_DIACRITIC = /^[\u0300-\u036F\u0483-\u0489\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]$/u;
const IS_MARK = /^\p{M}$/u;
const IS_LETTER = /^\p{L}$/u;
const IS_SPACE = /^[\s\x85]$/u;
const IS_ASCII_ALNUM = /^[A-Za-z0-9]$/u;

/** Code point → lower-case ASCII letters (or a digit) it looks like, from the generated table. */
const LOOKALIKES = new Map<number, string>();
for (const group of SKELETON_TABLE.split('|')) {
  const [target = '', sources = ''] = group.split('=');
  for (const hex of sources.split(' ')) LOOKALIKES.set(Number.parseInt(hex, 16), target);
}
/** Decimal digit of any script → its ASCII digit. */
const DIGITS = new Map<number, string>();
for (const hex of DECIMAL_DIGIT_ZEROS.split(' ')) {
  const zero = Number.parseInt(hex, 16);
  for (let digit = 0; digit < 10; digit += 1) DIGITS.set(zero + digit, String(digit));
}

// How the script fold treats a code point. Plain numbers, not an enum, for a typed-array cache.
/** Copied as is: ASCII letters and digits. */
const ASCII = 1;
/** Ends a word: whitespace (with NEL) and ASCII punctuation. */
const BREAK = 2;
/** Removed: see INVISIBLE_CLASS. */
const INVISIBLE_KIND = 3;
/** A letter with no Latin look-alike: its word is genuine text in another script. */
const FOREIGN = 4;
/** A letter with a Latin look-alike in the table. */
const LOOKALIKE = 5;
/** A decimal digit of another script. */
const DIGIT = 6;
/** A combining mark in a diacritic block: removed. */
const DIACRITIC = 7;
/** Another combining mark: removed after a Latin letter or a break, kept after another script. */
const MARK = 8;
/** Anything else outside ASCII (emoji, symbols, other punctuation): copied, not a letter. */
const OTHER = 9;
/** Half of a surrogate pair without the other half: becomes U+FFFD. */
const LONE_SURROGATE = 10;

function classify(cp: number): number {
  if (cp >= 0xd800 && cp <= 0xdfff) return LONE_SURROGATE;
  const char = String.fromCodePoint(cp);
  if (IS_INVISIBLE.test(char)) return INVISIBLE_KIND;
  if (IS_SPACE.test(char)) return BREAK;
  if (cp < 0x80) return IS_ASCII_ALNUM.test(char) ? ASCII : BREAK;
  if (DIGITS.has(cp)) return DIGIT;
  if (LOOKALIKES.has(cp)) return LOOKALIKE;
  if (IS_DIACRITIC.test(char)) return DIACRITIC;
  if (IS_MARK.test(char)) return MARK;
  return IS_LETTER.test(char) ? FOREIGN : OTHER;
}

/**
 * Kinds of BMP code points, classified on first sight (0 = not yet). Astral ones go to a small map,
 * capped so that a stream of distinct astral characters cannot grow it without bound.
 */
const BMP_KINDS = new Uint8Array(0x10000);
const ASTRAL_KINDS = new Map<number, number>();
const ASTRAL_CACHE_LIMIT = 4096;

function kindOf(cp: number): number {
  if (cp < 0x10000) {
    let kind = BMP_KINDS[cp] ?? 0;
    if (kind === 0) {
      kind = classify(cp);
      BMP_KINDS[cp] = kind;
    }
    return kind;
  }
  let kind = ASTRAL_KINDS.get(cp);
  if (kind === undefined) {
    kind = classify(cp);
    if (ASTRAL_KINDS.size < ASTRAL_CACHE_LIMIT) ASTRAL_KINDS.set(cp, kind);
  }
  return kind;
}

/** The code point at `i`; a lone surrogate comes back as itself. */
function codePointAt(text: string, i: number): number {
  const high = text.charCodeAt(i);
  if (high >= 0xd800 && high <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return high;
}

/**
 * One scan over NFD text, word by word (words end at whitespace and ASCII punctuation): removes
 * invisible characters and diacritics, replaces lone surrogates, digits of other scripts and, in
 * words with no foreign letter, look-alike letters. Unchanged stretches are copied as slices.
 */
function foldScripts(text: string): string {
  const length = text.length;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < length) {
    const start = i;
    let foreign = false;
    let lookalike = false;
    let work = false;
    while (i < length) {
      const cp = codePointAt(text, i);
      const kind = kindOf(cp);
      if (kind === BREAK) break;
      if (kind === FOREIGN) foreign = true;
      else if (kind === LOOKALIKE) lookalike = true;
      else if (kind !== ASCII && kind !== OTHER) work = true;
      i += cp > 0xffff ? 2 : 1;
    }
    if (work || (lookalike && !foreign)) {
      out += text.slice(copied, start) + foldWord(text, start, i, foreign);
      copied = i;
    }
    i += 1; // the break: one UTF-16 unit
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Folds the word `text[start, end)`; `foreign` keeps its look-alike letters. */
function foldWord(text: string, start: number, end: number, foreign: boolean): string {
  let out = '';
  let keep = start; // start of the stretch still to be copied verbatim
  let latin = true; // the last kept character was a Latin letter, a digit or the word start
  for (let j = start; j < end; ) {
    const cp = codePointAt(text, j);
    const width = cp > 0xffff ? 2 : 1;
    const kind = kindOf(cp);
    let replacement: string | undefined;
    if (kind === ASCII) latin = true;
    else if (kind === DIGIT) {
      replacement = DIGITS.get(cp);
      latin = true;
    } else if (kind === LOOKALIKE && !foreign) {
      replacement = LOOKALIKES.get(cp);
      latin = true;
    } else if (kind === INVISIBLE_KIND || kind === DIACRITIC || (kind === MARK && latin)) replacement = '';
    else if (kind === LONE_SURROGATE) {
      replacement = '\uFFFD';
      latin = false;
    } else if (kind !== MARK) latin = false;
    if (replacement !== undefined) {
      out += text.slice(keep, j) + replacement;
      keep = j + width;
    }
    j += width;
  }
  return out + text.slice(keep, end);
}

/**
 * Steps 1–4 of {@link normalizeText}: NFKC; invisible characters removed; look-alike letters
 * replaced by their Latin skeleton ("раураl" in Cyrillic → "paypal") and digits of any script by
 * ASCII digits; diacritics dropped; NFC. A word that also holds a letter with no Latin look-alike
 * (most Russian, Greek or Arabic words) is genuine text in that script and keeps its letters. Case
 * and everything else are left alone; useful where a skeleton of a domain or a name is wanted.
 *
 * @example toLatinSkeleton('Frее Café') // 'Free Cafe' (the e's of "Frее" were Cyrillic)
 */
export function toLatinSkeleton(text: string): string {
  if (!NEEDS_UNICODE.test(text)) return text;
  return foldScripts(text.normalize('NFKC').normalize('NFD')).normalize('NFC');
}

/**
 * Removes zero-width, bidi-control, variation-selector, tag and other invisible characters
 * (listed on `INVISIBLE_CLASS` in the source), and C0/C1 control characters other than whitespace.
 *
 * @example stripInvisible('fr\u200Bee') // 'free'
 */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

// --- Word-level steps ------------------------------------------------------------------------------
// The text is lower-cased here. Each regex with `\p{L}` has an ASCII twin: V8 matches a Unicode
// property several times slower, and most messages are ASCII once folded.

/** Whitespace that is not a single space: runs, tabs, line breaks, NEL, other Unicode spaces. */
const IRREGULAR_SPACE = /[\s\x85]{2,}|[^\S ]|\x85/g;
const NON_ASCII = /[^\x00-\x7F]/;

/**
 * Spans kept verbatim by the word-level steps: URLs with a scheme or `www.`, e-mail addresses and
 * bare domains with a common top-level domain, whose digits and letters are exact data. A span must
 * neither start nor end next to a word or a leetspeak symbol (which the next step may turn into a
 * letter), so that a second pass finds the same spans.
 */
const PROTECTED =
  /(?<![a-z0-9@$!|._%+-])(?:(?:https?:\/\/|www\.)\S+|(?:[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|xyz|top|site|online|live|app|link|click|shop|store|icu|cc|co|io|me|ly|gl|gd|to|us|uk|eu|de|fr|nl|vip|win|pw|tk|ml|ga|cf|gq|cn|ru|in|au|ca)(?:[/?#]\S*)?)(?![@$!|]*[a-z0-9_-]))/g;
/** Every protected span contains one of these; most messages contain none. */
const LINK_HINT = /\.[a-z0-9]|@|:\/\/|www\./;

/** Digits and symbols with a letter reading; 2, 6 and 8 are left out (too often "to", "six", "ate"). */
export const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l' };
const LEET_HINT = /[0-9@$!|]/;
/** A whole run of ASCII letters, digits and leet symbols holding at least one digit or symbol. */
const LEET_RUN = /(?<![a-z0-9@$!|])[a-z0-9@$!|]*[0-9@$!|][a-z0-9@$!|]*/g;

const isLower = (c: number): boolean => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLeetSymbol = (c: number): boolean => c === 0x40 || c === 0x24 || c === 0x21 || c === 0x7c;

/**
 * Decodes one run when it reads as a disguised word (see {@link normalizeText}). Leading symbols
 * are punctuation or a mention, except one `$` that starts a word ("$ex"); trailing `!`, `|` and
 * `@` are punctuation, trailing `$` is a letter ("a$$"); a `$` before a digit is money and keeps
 * the whole run ("$5k"). Written as loops over char codes: this
 * runs for every word with a digit, and a chain of regex tests cost microseconds per message.
 */
function decodeLeetRun(run: string): string {
  const length = run.length;
  let start = 0;
  while (start < length && isLeetSymbol(run.charCodeAt(start))) start += 1;
  if (start === 1 && run.charCodeAt(0) === 0x24 && isLower(run.charCodeAt(1))) start = 0;
  let end = length;
  while (end > start && isLeetSymbol(run.charCodeAt(end - 1)) && run.charCodeAt(end - 1) !== 0x24) end -= 1;
  if (end - start < 3) return run;
  let firstLetter = -1;
  let lastLetter = -1;
  let digitRun = 0;
  let symbolAfterLetter = false;
  for (let i = 0; i < length; i += 1) {
    const c = run.charCodeAt(i);
    if (c === 0x24 && isDigit(run.charCodeAt(i + 1))) return run; // money, anywhere in the run
    if (i < start || i >= end) continue;
    if (isLower(c)) {
      if (firstLetter < 0) firstLetter = i;
      lastLetter = i;
      digitRun = 0;
    } else if (isDigit(c)) {
      if (c === 0x32 || c === 0x36 || c === 0x38) return run; // 2, 6, 8: a code or a word like "2day"
      digitRun += 1;
      if (digitRun >= 3) return run; // a code, a year, a count
    } else {
      digitRun = 0;
      if (firstLetter >= 0) symbolAfterLetter = true;
    }
  }
  if (firstLetter < 0) return run;
  // A number then a word: "10am", "4th", "5g", "90s". Leet chars only before the first letter, all digits.
  const lettersOnlyAfter = isLettersOnly(run, firstLetter, end);
  if (firstLetter > start && lettersOnlyAfter && !symbolAfterLetter && isDigitsOnly(run, start, firstLetter)) return run;
  // A word then a number: "mp3", "win10", "covid19" keep it; "fr33", "a55", "ki11" are doubled letters.
  if (firstLetter === start && isLettersOnly(run, start, lastLetter + 1)) {
    const suffixLength = end - lastLetter - 1;
    if (suffixLength < 2 || !isOneChar(run, lastLetter + 1, end)) return run;
  }
  return run.slice(0, start) + decodeLeet(run, start, end) + run.slice(end);
}

function isLettersOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) if (!isLower(text.charCodeAt(i))) return false;
  return true;
}

function isDigitsOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

function isOneChar(text: string, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i += 1) if (text.charCodeAt(i) !== text.charCodeAt(from)) return false;
  return true;
}

/** `text[from, to)` with every leet character replaced; a run of two or more 1s reads as "ll". */
function decodeLeet(text: string, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i += 1) {
    const char = text.charAt(i);
    const doubleOne = char === '1' && (text.charAt(i - 1) === '1' || text.charAt(i + 1) === '1');
    out += doubleOne ? 'l' : (LEET[char] ?? char);
  }
  return out;
}

/**
 * Runs of at least three single letters (or runs of one repeated letter), each separated by one
 * space or one ASCII punctuation character other than an apostrophe or backtick: "f r e e",
 * "f.r.e.e", "f-r-e-e", "f_r_e_e". Initials with ". " between them, "e.g." and "i'm a" do not match.
 * A unit next to a digit or a leetspeak symbol is part of a word, not a single letter.
 * Conjoining Hangul jamo are not units: joining them would let NFKC compose a new syllable.
 * Group 1 is the character before the run (kept), group 2 the run.
 */
const SPACED_LETTERS =
  /(^|[^\p{L}\p{N}'’`@$!|])((?![\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF])(\p{L})\3*(?:[ !-&(-/:-@[-_{-~·•](?![\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF])(\p{L})\4*(?![\p{L}\p{N}'’`@$!|])){2,})/gu;
/** {@link SPACED_LETTERS} for ASCII text, where `\p{L}` is `[a-z]` after lower-casing. */
const SPACED_LETTERS_ASCII = /(^|[^a-z0-9'`@$!|])(([a-z])\3*(?:[ !-&(-/:-@[-_{-~]([a-z])\4*(?![a-z0-9'`@$!|])){2,})/g;
const NOT_LETTER = /[^\p{L}]/gu;
const joinLetters = (_match: string, before: string, run: string): string => before + run.replace(NOT_LETTER, '');

/** Two or more of the same letter: ASCII letters directly, anything else checked in the callback. */
const REPEATED_CHAR = /([A-Za-z])\1+|([^\x00-\x7F])\2+/gu;
const REPEATED_ASCII_LETTER = /([a-z])\1+/g;
const collapseRun = (run: string, ascii: string | undefined, other: string | undefined): string =>
  ascii ?? (other !== undefined && IS_LETTER.test(other) ? other : run);

/**
 * Collapses every run of a repeated letter to one letter: "soooo" → "so", "fuuuuck" → "fuck", and
 * also "free" → "fre", "good" → "god". Digits, punctuation and emoji are left alone.
 *
 * @example collapseRepeats('heeeyyy') // 'hey'
 */
export function collapseRepeats(text: string): string {
  return text.replace(REPEATED_CHAR, collapseRun);
}

/** Steps 7–9 on lower-cased text outside protected spans. */
function rewriteWords(text: string, ascii: boolean): string {
  let out = text;
  if (LEET_HINT.test(out)) out = out.replace(LEET_RUN, decodeLeetRun);
  if (ascii) return out.replace(SPACED_LETTERS_ASCII, joinLetters).replace(REPEATED_ASCII_LETTER, '$1');
  return collapseRepeats(out.replace(SPACED_LETTERS, joinLetters));
}

/** Applies the word-level steps everywhere except inside URLs, e-mail addresses and domains. */
function rewriteOutsideLinks(text: string): string {
  const ascii = !NON_ASCII.test(text);
  if (!LINK_HINT.test(text)) return rewriteWords(text, ascii);
  PROTECTED.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let match = PROTECTED.exec(text); match !== null; match = PROTECTED.exec(text)) {
    out += rewriteWords(text.slice(last, match.index), ascii) + match[0];
    last = match.index + match[0].length;
  }
  return last === 0 ? rewriteWords(text, ascii) : out + rewriteWords(text.slice(last), ascii);
}

// --- The pipeline --------------------------------------------------------------------------------

/**
 * Normalises chat text so that disguised spellings score and match like plain ones: the one
 * pipeline for model training, inference and pattern rules. The output is a matching key, not
 * display text ("free" becomes "fre"); write rule keywords in this form, or pass them through here.
 *
 * 1. Unicode NFKC: full-width, mathematical, circled letters, ligatures, superscripts → plain.
 * 2. Invisible characters removed (see {@link stripInvisible}): U+200B–U+200F, U+202A–U+202E,
 *    U+2060–U+206F, BOM, soft hyphen, combining grapheme joiner, variation selectors, tags, controls.
 *    Lone surrogates become U+FFFD.
 * 3. Confusable skeleton (see {@link toLatinSkeleton}), looked up on the NFD form: a letter with a
 *    Latin look-alike in Unicode's confusables.txt becomes it (Cyrillic а → a, Greek ο → o), unless
 *    its word (text between whitespace and ASCII punctuation) holds a letter with no look-alike,
 *    which makes it real Russian, Greek or Arabic text. Digits of any script become ASCII digits.
 * 4. Diacritics dropped: the combining diacritical mark blocks anywhere, any mark on a Latin letter;
 *    "café" → "cafe". Other scripts' vowel signs stay. NFC recomposes what is left.
 * 5. Lower-casing.
 * 6. Whitespace: any run becomes one space. Done here rather than last, so that "f  r  e  e" joins.
 * 7. Leetspeak, in each run of ASCII letters, digits and `@$!|` that holds a digit or one of those
 *    symbols: 0→o 1→i 3→e 4→a 5→s 7→t 9→g @→a $→s !→i |→l, and 11→ll ("fr33" → free, "b!tch",
 *    "h4ck", "$ex", "b@d", "ki11" → kill). Leading symbols are kept as punctuation or a mention,
 *    except one `$` before a letter; trailing `!|@` are kept as punctuation. The rest is decoded
 *    only when it has 3+ characters and a letter, and is not: money (`$` before a digit), a code or
 *    count (a 2, 6 or 8, or three digits in a row), a number then a word ("10am", "4th", "90s"), a
 *    word then one digit or a mix of digits ("mp3", "win10", "covid19"). Numbers, prices, times and
 *    phone numbers hold no letter and never change ("£3.50", "10:30", "0800 123 456").
 * 8. Spaced letters joined: 3+ single letters, each separated by one space or one ASCII punctuation
 *    character other than an apostrophe or backtick ("f r e e", "f.r.e.e", "f-r-e-e", "f_r_e_e").
 *    A letter next to another letter, a digit, an apostrophe or `@$!|` is not single ("i'm a b").
 * 9. Stretching: every run of one repeated letter becomes one letter ({@link collapseRepeats}), so a
 *    stretched word and its plain form agree: "soooo" and "so" → "so", "freeee" and "free" → "fre".
 *    After step 8 because joining can make a run ("f r e e" → "free" → "fre", like "free").
 * 10. Leading and trailing whitespace trimmed.
 *
 * Steps 7–9 skip URLs (`http://`, `https://`, `www.`), e-mail addresses and bare domains with a
 * common top-level domain, which keep their letters and digits ("https://x.co/a1").
 *
 * Deterministic, idempotent (`normalizeText(normalizeText(x)) === normalizeText(x)`) and total: it
 * never throws, whatever the string. Only NFKC and multi-letter skeletons (æ → ae) lengthen text.
 *
 * @param text - any string, including lone surrogates and control characters.
 * @returns the normalised text; `''` for empty or invisible-only input.
 * @example normalizeText('FR33 Ｍοnеу!! f.r.e.e') // 'fre money!! fre'
 */
export function normalizeText(text: string): string {
  const folded = toLatinSkeleton(text);
  return rewriteOutsideLinks(folded.toLowerCase().replace(IRREGULAR_SPACE, ' ')).trim();
}
