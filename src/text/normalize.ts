/**
 * The one text normalisation shared by model training, inference and the pattern detectors, so
 * that disguised text ("ＦＲ３３", "frее" with a Cyrillic е, "f.r.e.e", "fuuuuck") scores like plain
 * text. Every step is a precompiled regex or a native string method; ASCII-only messages skip the
 * Unicode steps entirely, which is what keeps a typical chat message at a few microseconds.
 */
import { DECIMAL_DIGIT_ZEROS, SKELETON_TABLE } from './confusables-data.js';

// --- Unicode steps ---------------------------------------------------------------------------------

/** Anything but printable ASCII and ordinary whitespace: the message needs the Unicode steps. */
const NEEDS_UNICODE = /[^\t\n\r\x20-\x7E]/u;

/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Invisible characters used to split or disguise words: C0/C1 controls (not tab, line feed, carriage
 * return, form feed, vertical tab or NEL, which count as whitespace), soft hyphen, combining grapheme
 * joiner, Arabic letter mark, Hangul fillers, Khmer inherent vowels, Mongolian free variation
 * selectors and vowel separator, zero-width space/joiners and LRM/RLM, bidi embeddings, overrides
 * and isolates, word joiner and invisible operators, variation selectors (including emoji VS16),
 * BOM/ZWNBSP, interlinear annotation controls, musical formatting controls and tag characters.
 */
const INVISIBLE =
  /[\x00-\x08\x0E-\x1F\x7F-\x84\x86-\x9F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{1D173}-\u{1D17A}\u{E0000}-\u{E0FFF}]/gu;

/**
 * Combining marks to drop: every mark in the diacritic blocks, and any mark on an ASCII base or on
 * whitespace (after the skeleton step, Latin letters are ASCII). Marks on other scripts' letters
 * stay: Devanagari or Thai vowel signs are spelling, not decoration.
 */
const DIACRITIC = /(?<=[\x00-\x7F\s\x85])\p{M}+|[\u0300-\u036F\u0483-\u0489\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/gu;

/** Code point → ASCII letters or digit, from the generated table. */
const SKELETON = new Map<number, string>();
for (const group of SKELETON_TABLE.split('|')) {
  const [target = '', sources = ''] = group.split('=');
  for (const hex of sources.split(' ')) SKELETON.set(Number.parseInt(hex, 16), target);
}
const LETTER_SOURCES = [...SKELETON.keys()];
const DIGIT_SOURCES: number[] = [];
for (const hex of DECIMAL_DIGIT_ZEROS.split(' ')) {
  const zero = Number.parseInt(hex, 16);
  for (let digit = 0; digit < 10; digit += 1) {
    SKELETON.set(zero + digit, String(digit));
    DIGIT_SOURCES.push(zero + digit);
  }
}

/** A regex character-class body listing `codePoints`, with consecutive runs as ranges. */
function classOf(codePoints: readonly number[]): string {
  const sorted = [...codePoints].sort((a, b) => a - b);
  let body = '';
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j += 1;
    const from = `\\u{${(sorted[i] ?? 0).toString(16)}}`;
    body += j === i ? from : `${from}-\\u{${(sorted[j] ?? 0).toString(16)}}`;
    i = j + 1;
  }
  return body;
}

const SKELETON_CHAR = new RegExp(`[${classOf([...SKELETON.keys()])}]`, 'gu');
const HAS_SKELETON_CHAR = new RegExp(SKELETON_CHAR.source, 'u');
const DIGIT_CHAR = new RegExp(`[${classOf(DIGIT_SOURCES)}]`, 'gu');
/** A letter that is neither ASCII nor in the table: the word is written in another script. */
const FOREIGN_LETTER = new RegExp(`[^\\P{L}a-zA-Z${classOf(LETTER_SOURCES)}]`, 'u');
/** A word for the script check: a run of anything but whitespace and ASCII punctuation. */
const WORD = /[^\s\x85!-/:-@[-`{-~]+/gu;

const toSkeleton = (char: string): string => SKELETON.get(char.codePointAt(0) ?? 0) ?? char;
const mapWord = (word: string): string =>
  FOREIGN_LETTER.test(word) ? word.replace(DIGIT_CHAR, toSkeleton) : word.replace(SKELETON_CHAR, toSkeleton);

/**
 * Replaces look-alike letters with their Latin skeleton ("раураl" in Cyrillic → "paypal") and
 * decimal digits of any script with ASCII digits. A word that also holds a letter with no Latin
 * look-alike (most Russian, Greek or Arabic words) is genuine text in that script and keeps its
 * letters; only its digits change. Expects NFD input, as {@link normalizeText} provides.
 *
 * @example toLatinSkeleton('frее') // 'free' (the e's were Cyrillic)
 */
export function toLatinSkeleton(text: string): string {
  if (!HAS_SKELETON_CHAR.test(text)) return text;
  if (!FOREIGN_LETTER.test(text)) return text.replace(SKELETON_CHAR, toSkeleton);
  return text.replace(WORD, mapWord);
}

/**
 * Removes zero-width, bidi-control, variation-selector, tag and other invisible characters
 * (listed on `INVISIBLE` in the source), and C0/C1 control characters other than whitespace.
 *
 * @example stripInvisible('fr\u200Bee') // 'free'
 */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Lone surrogates, NFKC, invisibles, NFD, skeleton, diacritics, then NFC again. */
function foldUnicode(text: string): string {
  const wellFormed = text.replace(LONE_SURROGATE, '\uFFFD');
  const decomposed = stripInvisible(wellFormed.normalize('NFKC')).normalize('NFD');
  return toLatinSkeleton(decomposed).replace(DIACRITIC, '').normalize('NFC');
}

// --- Word-level steps ------------------------------------------------------------------------------

/** `\s` misses NEL, which INVISIBLE leaves in place as a line break. */
const WHITESPACE = /[\s\x85]+/gu;

/**
 * Spans kept verbatim by the word-level steps: URLs with a scheme or `www.`, e-mail addresses and
 * bare domains with a common top-level domain, whose digits and letters are exact data. A span must
 * not run on into a word (through leetspeak symbols, which the next step may turn into letters),
 * so that a second pass finds the same spans.
 */
const PROTECTED =
  /(?:https?:\/\/|www\.)\S+|(?:[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+|(?<![a-z0-9@._-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|xyz|top|site|online|live|app|link|click|shop|store|icu|cc|co|io|me|ly|gl|gd|to|us|uk|eu|de|fr|nl|vip|win|pw|tk|ml|ga|cf|gq|cn|ru|in|au|ca)(?:[/?#]\S*)?)(?![@$!|]*[a-z0-9_-])/gu;

/** Digits and symbols with a letter reading; 2, 6 and 8 are left out (too often "to", "six", "ate"). */
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l' };
const LEET_HINT = /[0-9@$!|]/u;
/** A run of ASCII letters, digits and leet symbols holding at least one digit or symbol. */
const LEET_RUN = /[a-z0-9@$!|]*[0-9@$!|][a-z0-9@$!|]*/gu;
const LEET_CHAR = /11+|[0-9@$!|]/gu;
const MONEY = /\$\d/u;
const isLeetSymbol = (char: string | undefined): boolean => char === '@' || char === '$' || char === '!' || char === '|';

/**
 * Decodes one run when it reads as a disguised word (see {@link normalizeText}). Leading and
 * trailing symbols are punctuation or a mention, except one `$` that starts a word ("$ex"); a `$`
 * before a digit is money and keeps the whole run ("$5k").
 */
function decodeLeetRun(run: string): string {
  if (MONEY.test(run)) return run;
  let start = 0;
  while (start < run.length && isLeetSymbol(run[start])) start += 1;
  if (start === 1 && run[0] === '$' && /[a-z]/u.test(run[1] ?? '')) start = 0;
  let end = run.length;
  while (end > start && isLeetSymbol(run[end - 1])) end -= 1;
  const core = run.slice(start, end);
  if (core.length < 3 || !/[a-z]/u.test(core) || !LEET_HINT.test(core)) return run;
  if (/[268]|\d{3}/u.test(core)) return run; // codes, years, counts
  if (/^\d+[a-z]+$/u.test(core)) return run; // "10am", "4th", "5g", "90s"
  const suffix = /^[a-z]+([0-9@$!|]+)$/u.exec(core)?.[1];
  // "mp3", "win10", "covid19" keep their number; "fr33", "a55", "ki11" are doubled letters.
  if (suffix !== undefined && (suffix.length < 2 || !/^(.)\1*$/u.test(suffix))) return run;
  const decoded = core.replace(LEET_CHAR, (c) => (c.length > 1 ? 'l'.repeat(c.length) : (LEET[c] ?? c)));
  return run.slice(0, start) + decoded + run.slice(end);
}

/**
 * Runs of at least three single letters (or runs of one repeated letter), each separated by one
 * space or one ASCII punctuation character other than an apostrophe or backtick: "f r e e",
 * "f.r.e.e", "f-r-e-e", "f_r_e_e". Initials with ". " between them, "e.g." and "i'm a" do not match.
 * A unit next to a digit or a leetspeak symbol is part of a word, not a single letter.
 * Conjoining Hangul jamo are not units: joining them would let NFKC compose a new syllable.
 */
const SPACED_LETTERS =
  /(?<![\p{L}\p{N}'’`@$!|])(?![\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF])(\p{L})\1*(?:[ !-&(-/:-@[-_{-~·•](?![\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF])(\p{L})\2*(?![\p{L}\p{N}'’`@$!|])){2,}/gu;
const SPACED_SEPARATOR = /[^\p{L}]/gu;
const joinLetters = (run: string): string => run.replace(SPACED_SEPARATOR, '');

/** Two or more of the same letter. */
const REPEATED_LETTER = /(\p{L})\1+/gu;

/**
 * Collapses every run of a repeated letter to one letter: "soooo" → "so", "fuuuuck" → "fuck", and
 * also "free" → "fre", "good" → "god". Digits and punctuation are left alone.
 *
 * @example collapseRepeats('heeeyyy') // 'hey'
 */
export function collapseRepeats(text: string): string {
  return text.replace(REPEATED_LETTER, '$1');
}

function rewriteWords(text: string): string {
  let out = text;
  if (LEET_HINT.test(out)) out = out.replace(LEET_RUN, decodeLeetRun);
  out = out.replace(SPACED_LETTERS, joinLetters);
  return collapseRepeats(out);
}

/** Applies the word-level steps everywhere except inside URLs, e-mail addresses and domains. */
function rewriteOutsideLinks(text: string): string {
  PROTECTED.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let match = PROTECTED.exec(text); match !== null; match = PROTECTED.exec(text)) {
    out += rewriteWords(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return last === 0 ? rewriteWords(text) : out + rewriteWords(text.slice(last));
}

// --- The pipeline --------------------------------------------------------------------------------

/**
 * Normalises chat text so that disguised spellings score and match like plain ones. The output is
 * a matching key, not display text. Steps, in order:
 *
 * 1. Lone surrogates become U+FFFD; Unicode NFKC (full-width, mathematical and circled letters,
 *    ligatures, superscripts become plain characters).
 * 2. Invisible characters are removed ({@link stripInvisible}): zero-width space/joiners, LRM/RLM,
 *    bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069), U+2060–U+206F, BOM, soft
 *    hyphen, combining grapheme joiner, variation selectors, tag characters, control characters.
 * 3. NFD, then confusable letters become their Latin skeleton (Cyrillic а → a, Greek ο → o, Cherokee
 *    Ꭺ → a) and decimal digits of any script become ASCII ({@link toLatinSkeleton}); words holding a
 *    letter with no Latin look-alike keep their letters, so real Russian or Greek text survives.
 * 4. Diacritics are dropped (the diacritic blocks, and any mark on an ASCII letter): "café" → "cafe";
 *    NFC recomposes the rest.
 * 5. Lower-casing.
 * 6. Whitespace runs become one space (before steps 7–9, so "f  r  e  e" joins like "f r e e").
 * 7. Leetspeak inside words: 0→o 1→i (11→ll) 3→e 4→a 5→s 7→t 9→g @→a $→s !→i |→l, in a run of
 *    letters, digits and those symbols that has at least 3 characters and a letter. Left alone:
 *    runs with 2, 6 or 8 or three digits in a row, a number followed by letters ("10am", "4th"),
 *    one trailing digit or a trailing mix of digits ("mp3", "covid19", but "fr33" → "free"); leading
 *    `@` (a mention) and trailing symbols ("free!"). Pure numbers, prices, times, phone numbers
 *    ("£3.50", "10:30", "0800 123 456") contain no letter and never change.
 * 8. Spaced-out letters are joined: three or more single letters separated by one space or one
 *    punctuation character ("f r e e", "f.r.e.e", "f-r-e-e", "f_r_e_e" → "free").
 * 9. Every run of a repeated letter collapses to one ({@link collapseRepeats}), so a stretched word
 *    and its plain form agree: "soooo" and "so" → "so"; "freeee" and "free" → "fre".
 * 10. Leading and trailing whitespace is trimmed.
 *
 * Steps 7–9 skip URLs, e-mail addresses and bare domains, which keep their letters and digits.
 * Deterministic and idempotent (`normalizeText(normalizeText(x)) === normalizeText(x)`); never
 * throws. The output can exceed the input only where NFKC or a skeleton expands a character.
 *
 * @example normalizeText('FR33 Ｍοnеу!! f.r.e.e') // 'fre money!! fre'
 */
export function normalizeText(text: string): string {
  const folded = NEEDS_UNICODE.test(text) ? foldUnicode(text) : text;
  return rewriteOutsideLinks(folded.toLowerCase().replace(WHITESPACE, ' ')).trim();
}
