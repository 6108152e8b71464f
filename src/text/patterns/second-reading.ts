/**
 * Other readings of a message for the pattern rules, which match normalised phrases and are easy
 * to dodge on purpose: `normalizeText` keeps a word of letters then digits as a code ("d13", "ju57":
 * "mp3" and "covid19" must stay codes for every other reader), and joins spaced-out letters onto a
 * neighbouring single-letter word ("i j u s t" → "ijust", no longer first person) or into the next
 * spaced-out word ("t h e m a l l" → "themall").
 *
 * The second reading decodes the codes and rejoins spaced-out letters word by word as well as it can
 * without a vocabulary; where a run of spaced-out letters is several words, a third reading splits
 * it into them (`vocabulary.ts`). Either can be wrong about a run ("d i s a p p e a r e d" could be
 * split as "dis appeared"), so the rules run on the message as written and on each reading that
 * differs, and each label keeps the highest score and the reasons that gave it. A reading that only
 * adds chances to match cannot lower a verdict; `npm run eval:text` checks the benign fixtures for
 * new false alarms.
 */
import type { Detector, DetectorInput, DetectorResult, Reason } from '../../engine/detector.js';
import type { Label } from '../../engine/labels.js';
import { LEET, toLatinSkeleton } from '../normalize.js';
import { wordCost, wordEnds } from './vocabulary.js';

/** A letter next to a digit: the words the leetspeak step looks at hold one. */
const MIXED = /\p{L}[0-9]|[0-9]\p{L}/gu;
const LETTER = /\p{L}/u;
/** Times, ordinals and amounts with a unit ("3pm", "4th", "10k", "2hrs"): numbers, not leetspeak. */
const NUMBER_WITH_UNIT = /^(?:[0-9]{1,2}(?:am|pm)|[0-9]*(?:1st|2nd|3rd|[04-9]th|1[0-9]th)|[0-9]+(?:s|k|m|h|hr|hrs|min|mins|x|p|mb|gb|kb|kg|km|cm|mm|ml|yo|yr|yrs))$/i;
/**
 * Three or more digits standing alone ("end it 411"): leetspeak when they spell a vocabulary word.
 * Not next to a letter (those are mixed words), nor part of an amount, a time, a decimal or a
 * phone number ("£500", "1,500", "5:15", "+44 1457").
 */
const DIGIT_WORD = /(?<![\p{L}\p{N}£$€#+]|[0-9][.,:/])[0-9]{3,}(?![\p{L}\p{N}%]|[.,:/][0-9])/gu;
/** Digits that leetspeak uses for letters; a word with any other (2, 6, 8) is a code ("gr8", "b2b"). */
const LEET_SPELLING = /^[a-z0134579]+$/;
/** More 1s than this are not tried both ways (2^6 readings). */
const MAX_AMBIGUOUS_ONES = 6;
/** Text worth reading letter by letter: a non-ASCII character, or a capital I after a small letter ("alI"). */
const LOOK_ALIKE_HINT = /[^\x00-\x7F]|[a-z]I/;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Three letters or more: shorter words of other scripts fold to Latin too often ("Τι" → "ti"). */
const LATIN_WORD = /^[A-Za-z0-9]{3,}$/;
/** A chunk between spaces that is a link, an address or a domain: left as written. */
const LINK_LIKE = /[:/@]|\.\p{L}/u;
/** Two single letters in a row: the cheap test before looking for spaced-out words. */
const SPACED_HINT = /(?:^| )\p{L} \p{L}(?: |$)/u;
const SINGLE_LETTER = /^\p{L}$/u;
/** Single letters that are words of their own. */
const LETTER_WORDS = new Set(['i', 'a', 'u']);

/**
 * The commonest vocabulary word `word` spells with its digits read as letters, each 1 as i or as l
 * ("k111" → "kill", "p01n7" → "point", "411" → "all"); undefined when no reading is a word.
 */
function vocabularyReading(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (!LEET_SPELLING.test(lower)) return undefined;
  const base = lower.replace(/[034579]/g, (d) => LEET[d] ?? d);
  const ones: number[] = [];
  for (let i = 0; i < base.length; i++) if (base[i] === '1') ones.push(i);
  if (ones.length > MAX_AMBIGUOUS_ONES) return undefined;
  let best: string | undefined;
  let bestCost = Infinity;
  const letters = base.split('');
  for (let mask = 0; mask < 1 << ones.length; mask++) {
    ones.forEach((at, bit) => (letters[at] = mask & (1 << bit) ? 'l' : 'i'));
    const reading = letters.join('');
    const cost = wordCost(reading);
    if (cost !== undefined && cost < bestCost) {
      best = reading;
      bestCost = cost;
    }
  }
  return best;
}

/** Whether the chunk between spaces around `text[offset, offset + length)` is a link, an address or a domain. */
function inLink(text: string, offset: number, length: number): boolean {
  const chunkStart = text.lastIndexOf(' ', offset) + 1;
  const chunkEnd = text.indexOf(' ', offset + length);
  return LINK_LIKE.test(text.slice(chunkStart, chunkEnd === -1 ? text.length : chunkEnd));
}

/**
 * Reads the digits of `word` (at `offset` in `text`) as the letters they stand for, unless it is a
 * number, a code with 2, 6 or 8, or part of a link: as the vocabulary word it spells, else with every
 * 1 as i (11 as ll).
 */
function decodeLeet(text: string, word: string, offset: number): string {
  if (/[268]/.test(word) || NUMBER_WITH_UNIT.test(word) || inLink(text, offset, word.length)) return word;
  return vocabularyReading(word) ?? word.replace(/11/g, 'll').replace(/[0134579]/g, (d) => LEET[d] ?? d);
}

/** Digits standing alone ({@link DIGIT_WORD}) that spell a vocabulary word, read as it. */
function decodeDigitWords(text: string): string {
  if (!/[0-9]{3}/.test(text)) return text;
  return text.replace(DIGIT_WORD, (digits: string, offset: number) =>
    /[268]/.test(digits) || inLink(text, offset, digits.length) ? digits : (vocabularyReading(digits) ?? digits),
  );
}

function isWordChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return LETTER.test(text.charAt(at));
}

/**
 * The vocabulary word a word of look-alike letters spells when each letter that looks like I or l
 * (a capital I, `𝐈`, `ℑ`, `Ӏ`, `Ɩ`, a digit one) may be either; undefined when the word already
 * reads as a word, is not Latin once folded, is shorter than three letters, or no reading is a
 * word. The fold (`toLatinSkeleton`) turns every such letter into a capital or small i, so "al𝐈"
 * reads as "ali" everywhere else.
 * @example lookAlikeReading('hospita𝝞') // 'hospital'
 */
function lookAlikeReading(word: string): string | undefined {
  const folded = toLatinSkeleton(word);
  if (!LATIN_WORD.test(folded) || wordCost(folded.toLowerCase()) !== undefined) return undefined;
  let spelling = '';
  for (const char of word) {
    const letter = char === 'i' || char === 'l' ? char : toLatinSkeleton(char);
    // '1' marks a letter that may be i or l: vocabularyReading tries both.
    spelling += letter === 'I' || (char !== letter && (letter === 'i' || letter === 'l')) ? '1' : letter.toLowerCase();
  }
  return spelling.includes('1') ? vocabularyReading(spelling) : undefined;
}

/** Every word of look-alike letters ({@link LOOK_ALIKE_HINT}) that spells a vocabulary word ({@link lookAlikeReading}), read as it. */
function decodeLookAlikes(text: string): string {
  if (!LOOK_ALIKE_HINT.test(text)) return text;
  return text.replace(WORD, (word: string) => (LOOK_ALIKE_HINT.test(word) ? (lookAlikeReading(word) ?? word) : word));
}

/** Disguised words read as the words they stand for: {@link decodeMixedWords}, {@link decodeDigitWords}, {@link decodeLookAlikes}. */
function decodeDisguises(text: string): string {
  return decodeLookAlikes(decodeDigitWords(decodeMixedWords(text)));
}

/** {@link decodeLeet} on every word (letters and digits) that has a letter next to a digit. */
function decodeMixedWords(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(MIXED)) {
    if (match.index < last) continue; // inside the word just decoded
    let start = match.index;
    while (start > last && isWordChar(text, start - 1)) start -= 1;
    let end = match.index + match[0].length;
    while (end < text.length && isWordChar(text, end)) end += 1;
    out += text.slice(last, start) + decodeLeet(text, text.slice(start, end), start);
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** How a run of spaced-out letters is read: as one word, or as the vocabulary words inside it where it holds several. */
type SpacedRuns = 'join' | 'split';

/**
 * The run's letters grouped into the words {@link wordEnds} finds in it, each apostrophe kept in
 * place ("i d o n ' t" → "i", "don't"); undefined when the run is one word or not made of known ones.
 */
function wordsInside(run: readonly string[]): string[] | undefined {
  const letters = run.filter((chunk) => chunk !== "'").join('').toLowerCase();
  if (!/^[a-z]+$/.test(letters)) return undefined;
  const ends = wordEnds(letters);
  if (!ends) return undefined;
  const words: string[] = [];
  let word = '';
  let count = 0;
  for (const chunk of run) {
    word += chunk;
    if (chunk !== "'") count += 1;
    if (count === ends[words.length]) {
      words.push(word);
      word = '';
    }
  }
  if (word !== '') words[words.length - 1] += word; // a trailing apostrophe
  return words;
}

/**
 * Rewrites each run of three or more single letters between spaces (an apostrophe may sit in it:
 * "d o n ' t"). `join` makes it one word, keeping a leading "i", "a" or "u" apart when four or more
 * letters follow it; `split` makes it the words inside it where it holds several, else as `join`.
 */
function joinSpacedLetters(chunks: readonly string[], runs: SpacedRuns): string[] {
  const out: string[] = [];
  for (let i = 0; i < chunks.length; ) {
    let end = i;
    let letters = 0;
    while (end < chunks.length && (SINGLE_LETTER.test(chunks[end] as string) || (chunks[end] === "'" && letters > 0))) {
      if (chunks[end] !== "'") letters += 1;
      end += 1;
    }
    if (letters < 3) {
      out.push(chunks[i] as string);
      i += 1;
      continue;
    }
    const run = chunks.slice(i, end);
    const first = (run[0] as string).toLowerCase();
    const words = runs === 'split' ? wordsInside(run) : undefined;
    if (words) out.push(...words);
    else if (LETTER_WORDS.has(first) && letters >= 5) out.push(run[0] as string, run.slice(1).join(''));
    else out.push(run.join(''));
    i = end;
  }
  return out;
}

/**
 * The readings of `text` that differ from it: the second reading (disguised words decoded,
 * spaced-out words rejoined) and, where runs of spaced-out letters hold several words, the third,
 * with those runs split into them.
 * @example readings('t h e m a l l') // ['themall', 'them all']
 */
export function readings(text: string): readonly string[] {
  const decoded = decodeDisguises(text);
  if (!SPACED_HINT.test(decoded)) return decoded === text ? [] : [decoded];
  const chunks = decoded.split(' ');
  const joined = joinSpacedLetters(chunks, 'join').join(' ');
  const split = joinSpacedLetters(chunks, 'split').join(' ');
  return [...new Set([joined, split])].filter((reading) => reading !== text);
}

/** Per label, the highest score of the results and the reasons that gave it; conversation signals come from the text as written (the first). */
function merge(results: readonly DetectorResult[]): DetectorResult {
  const first = results[0] as DetectorResult;
  const scores: Partial<Record<Label, number>> = { ...first.scores };
  const source = new Map<Label, DetectorResult>();
  for (const result of results.slice(1)) {
    for (const [label, score] of Object.entries(result.scores) as [Label, number][]) {
      if (score > (scores[label] ?? 0)) {
        scores[label] = score;
        source.set(label, result);
      }
    }
  }
  if (source.size === 0) return first;
  const reasons: Reason[] = [
    ...first.reasons.filter((reason) => !reason.label || !source.has(reason.label)),
    ...results.slice(1).flatMap((result) => result.reasons.filter((reason) => reason.label && source.get(reason.label) === result)),
  ];
  return { ...first, scores, reasons };
}

/** {@link readings}, remembering the last text: the pattern detectors read the same message in turn. */
export function createReader(): (text: string) => readonly string[] {
  let lastText: string | undefined;
  let lastReadings: readonly string[] = [];
  return (text) => {
    if (text !== lastText) {
      lastReadings = readings(text);
      lastText = text;
    }
    return lastReadings;
  };
}

/** `detector`, also run on each of the {@link readings} of a message. */
export function withOtherReadings(detector: Detector, read: (text: string) => readonly string[] = readings): Detector {
  return {
    ...detector,
    // Synchronous when the detector is: the pattern detectors are, and the engine keeps them so.
    detect(input: DetectorInput): DetectorResult | Promise<DetectorResult> {
      const first = detector.detect(input);
      const others = read(input.text);
      if (others.length === 0) return first;
      const results = [first, ...others.map((text) => detector.detect({ ...input, text }))];
      if (results.some((result) => result instanceof Promise)) return Promise.all(results).then(merge);
      return merge(results as DetectorResult[]);
    },
  };
}
