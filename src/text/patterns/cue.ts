/**
 * A cue is one precompiled rule plus the word stems it cannot match without. Testing 150 regexes on
 * every message costs about 100 µs; looking the message's words up once and testing only the rules
 * whose words are present costs a few. The stems are a prefilter, never a second rule: a stem must
 * start a word that every match of the pattern contains (a test checks this on every fixture and on
 * generated text), so skipping a cue never changes a score.
 */
import { collapseRepeats } from '../normalize.js';
import { foldedPattern } from './fold-pattern.js';
import type { TextView } from './text-view.js';

/** One rule. Read it with a {@link CueReader}. */
export interface Cue {
  readonly id: number;
  /** The rule as written, in plain lower-case English (or case-sensitive for `on: 'raw'`). */
  readonly pattern: RegExp;
  /**
   * Where it runs: `text`, the normalised text (through its letter-collapsed twin); `raw`, the text as
   * typed; `both`, for rules about numbers that must also see digits and separators as typed.
   */
  readonly on: 'text' | 'raw' | 'both';
  /** Stems, letter-collapsed like the text; empty means the cue is always tested. */
  readonly stems: readonly string[];
}

/** Answers "does this cue occur in the message?", memoised per message. */
export type CueReader = (cue: Cue) => boolean;

const CUES: Cue[] = [];
/** Cues that are tested on every message. */
const ALWAYS: number[] = [];
/** `a`–`z`, `0`–`9` and `_` as 0–36, or -1: the units a lower-case word is made of, as for `\b`. */
function unitIndex(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 22;
  return code === 95 ? 36 : -1;
}

const UNITS = 37;
/**
 * The stems as a trie: `CHILD[node * UNITS + unit]` is the next node (0: none), `ENDS[node]` the
 * cues whose stem ends there. Walking each word of a message through it arms every cue whose stem
 * starts the word, in one pass over the text.
 */
const CHILD: number[] = new Array<number>(UNITS).fill(0);
const ENDS: (number[] | undefined)[] = [undefined];

function addStem(stem: string, id: number): void {
  let node = 0;
  for (let i = 0; i < stem.length; i += 1) {
    const slot = node * UNITS + unitIndex(stem.charCodeAt(i));
    let next = CHILD[slot] ?? 0;
    if (next === 0) {
      next = ENDS.length;
      ENDS.push(undefined);
      for (let u = 0; u < UNITS; u += 1) CHILD.push(0);
      CHILD[slot] = next;
    }
    node = next;
  }
  const ends = ENDS[node];
  if (ends) ends.push(id);
  else ENDS[node] = [id];
}

/**
 * Declares a cue. Module-level, at load time: the registry is a table built once, like the regexes.
 * @param stems - space-separated word starts, at least two characters each; `''` to always test.
 * @example const OTP = cue('otp code', /\b(?:otp|one-time code)\b/u);
 */
export function cue(stems: string, pattern: RegExp, options: { readonly on?: Cue['on'] } = {}): Cue {
  if (pattern.global || pattern.sticky) throw new Error(`cue ${pattern.source}: a global or sticky regex keeps state between calls`);
  const folded = stems
    .split(' ')
    .filter((stem) => stem !== '')
    .map((stem) => collapseRepeats(stem.toLowerCase()));
  if (folded.some((stem) => stem.length < 2 || [...stem].some((char) => unitIndex(char.charCodeAt(0)) < 0))) {
    throw new Error(`cue ${pattern.source}: stems need two characters from a-z, 0-9 and _`);
  }
  const entry: Cue = { id: CUES.length, pattern, on: options.on ?? 'text', stems: [...new Set(folded)] };
  CUES.push(entry);
  if (entry.stems.length === 0) ALWAYS.push(entry.id);
  for (const stem of entry.stems) addStem(stem, entry.id);
  return entry;
}

/** Marks the cues whose stems start a word of `text` (a word: a run of `[a-z0-9_]`, as for `\b`). */
function armFrom(text: string, armed: Uint8Array): void {
  let node = 0; // trie node of the current word so far; -1 once the word left the trie
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const unit = unitIndex(code);
    if (unit < 0) {
      // Upper-case letters never occur in normalised text; they end the walk but not the word.
      const wordUnit = code >= 65 && code <= 90;
      if (!wordUnit) inWord = false;
      else node = -1;
      continue;
    }
    if (!inWord) {
      inWord = true;
      node = 0;
    }
    if (node < 0) continue;
    node = CHILD[node * UNITS + unit] ?? 0;
    if (node === 0) {
      node = -1;
      continue;
    }
    const ends = ENDS[node];
    if (ends) for (const id of ends) armed[id] = 1;
  }
}

/** The pattern detectors read the same view in turn: arm once per view, not once per detector. */
const ARMED = new WeakMap<TextView, Uint8Array>();

/** Which cues can match this message: a byte per cue, 1 when any of its stems starts a word. */
export function armedCues(view: TextView): Uint8Array {
  const cached = ARMED.get(view);
  if (cached && cached.length === CUES.length) return cached;
  const armed = new Uint8Array(CUES.length);
  for (const id of ALWAYS) armed[id] = 1;
  // Normalisation keeps plain words, so a word present as typed is present in `norm` as well.
  armFrom(view.norm, armed);
  ARMED.set(view, armed);
  return armed;
}

/** Tests a cue with no prefilter. For the test that checks the stems. */
export function cueMatches(entry: Cue, view: TextView): boolean {
  if (entry.on === 'raw') return entry.pattern.test(view.raw);
  return foldedPattern(entry.pattern).test(view.norm) || (entry.on === 'both' && entry.pattern.test(view.raw));
}

/** Every declared cue, in declaration order. For tests. */
export function allCues(): readonly Cue[] {
  return CUES;
}

/**
 * Creates the reader for one message: a cue whose stems are absent is false without running it;
 * otherwise its answer is computed once and remembered.
 */
export function createCueReader(view: TextView): CueReader {
  const armed = armedCues(view);
  const seen = new Map<number, boolean>();
  return (entry) => {
    if (armed[entry.id] === 0) return false;
    let hit = seen.get(entry.id);
    if (hit === undefined) {
      hit = cueMatches(entry, view);
      seen.set(entry.id, hit);
    }
    return hit;
  };
}
