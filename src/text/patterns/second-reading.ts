/**
 * A second reading of a message for the pattern rules, which match normalised phrases and are easy
 * to dodge on purpose: `normalizeText` keeps a word of letters then digits as a code ("d13", "ju57":
 * "mp3" and "covid19" must stay codes for every other reader), and joins spaced-out letters onto a
 * neighbouring single-letter word ("i j u s t" → "ijust", no longer first person).
 *
 * The rules run on the message as written and, when it differs, on this reading; each label keeps
 * the higher score and the reasons that gave it. A reading that only adds chances to match cannot
 * lower a verdict; `npm run eval:text` checks the benign fixtures for new false alarms.
 */
import type { Detector, DetectorInput, DetectorResult, Reason } from '../../engine/detector.js';
import type { Label } from '../../engine/labels.js';
import { LEET } from '../normalize.js';

/** A letter next to a digit: the words the leetspeak step looks at hold one. */
const MIXED = /\p{L}[0-9]|[0-9]\p{L}/gu;
const LETTER = /\p{L}/u;
/** Times, ordinals and amounts with a unit ("3pm", "4th", "10k", "2hrs"): numbers, not leetspeak. */
const NUMBER_WITH_UNIT = /^(?:[0-9]{1,2}(?:am|pm)|[0-9]*(?:1st|2nd|3rd|[04-9]th|1[0-9]th)|[0-9]+(?:s|k|m|h|hr|hrs|min|mins|x|p|mb|gb|kb|kg|km|cm|mm|ml|yo|yr|yrs))$/i;
/** A chunk between spaces that is a link, an address or a domain: left as written. */
const LINK_LIKE = /[:/@]|\.\p{L}/u;
/** Two single letters in a row: the cheap test before looking for spaced-out words. */
const SPACED_HINT = /(?:^| )\p{L} \p{L}(?: |$)/u;
const SINGLE_LETTER = /^\p{L}$/u;
/** Single letters that are words of their own. */
const LETTER_WORDS = new Set(['i', 'a', 'u']);

/** Reads the digits of `word` (at `offset` in `text`) as the letters they stand for, unless it is a number, a code with 2, 6 or 8, or part of a link. */
function decodeLeet(text: string, word: string, offset: number): string {
  if (/[268]/.test(word) || NUMBER_WITH_UNIT.test(word)) return word;
  const chunkStart = text.lastIndexOf(' ', offset) + 1;
  const chunkEnd = text.indexOf(' ', offset + word.length);
  if (LINK_LIKE.test(text.slice(chunkStart, chunkEnd === -1 ? text.length : chunkEnd))) return word;
  return word.replace(/11/g, 'll').replace(/[0134579]/g, (d) => LEET[d] ?? d);
}

function isWordChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return LETTER.test(text.charAt(at));
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

/**
 * Joins each run of three or more single letters between spaces (an apostrophe may sit in it:
 * "d o n ' t"), keeping a leading "i", "a" or "u" apart when four or more letters follow it.
 */
function joinSpacedLetters(chunks: readonly string[]): string[] {
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
    if (LETTER_WORDS.has(first) && letters >= 5) out.push(run[0] as string, run.slice(1).join(''));
    else out.push(run.join(''));
    i = end;
  }
  return out;
}

/** The second reading of `text`: leetspeak codes decoded and spaced-out words rejoined; `text` itself when neither applies. */
export function secondReading(text: string): string {
  let out = decodeMixedWords(text);
  if (SPACED_HINT.test(out)) out = joinSpacedLetters(out.split(' ')).join(' ');
  return out;
}

/** Per label, the higher score of the two readings and the reasons that gave it; conversation signals come from the text as written. */
function merge(first: DetectorResult, second: DetectorResult): DetectorResult {
  const scores: Partial<Record<Label, number>> = { ...first.scores };
  const fromSecond = new Set<Label>();
  for (const [label, score] of Object.entries(second.scores) as [Label, number][]) {
    if (score > (scores[label] ?? 0)) {
      scores[label] = score;
      fromSecond.add(label);
    }
  }
  if (fromSecond.size === 0) return first;
  const reasons: Reason[] = [
    ...first.reasons.filter((reason) => !reason.label || !fromSecond.has(reason.label)),
    ...second.reasons.filter((reason) => reason.label && fromSecond.has(reason.label)),
  ];
  return { ...first, scores, reasons };
}

/** {@link secondReading}, remembering the last text: the pattern detectors read the same message in turn. */
export function createSecondReader(): (text: string) => string {
  let lastText: string | undefined;
  let lastReading = '';
  return (text) => {
    if (text !== lastText) {
      lastReading = secondReading(text);
      lastText = text;
    }
    return lastReading;
  };
}

/** `detector`, also run on the {@link secondReading} of each message when it differs from the text. */
export function withSecondReading(detector: Detector, read: (text: string) => string = secondReading): Detector {
  return {
    ...detector,
    // Synchronous when the detector is: the pattern detectors are, and the engine keeps them so.
    detect(input: DetectorInput): DetectorResult | Promise<DetectorResult> {
      const first = detector.detect(input);
      const text = read(input.text);
      if (text === input.text) return first;
      const second = detector.detect({ ...input, text });
      if (first instanceof Promise || second instanceof Promise) return Promise.all([first, second]).then(([a, b]) => merge(a, b));
      return merge(first, second);
    },
  };
}
