/**
 * Makes a rule written in plain English match normalised text. {@link normalizeText} collapses every
 * run of a repeated letter ("freeee" and "free" both become "fre"), so a rule saying `kill myself`
 * would never see "k1lllll myself" once normalised. Rules stay readable as written; this derives
 * the collapsed twin that runs on the normalised form.
 *
 * Only literal letters are collapsed: escapes (`\b`, `\p{L}`, `\u{1F602}`, `\x41`) are copied as they
 * are. A doubled letter split by a group ("cut(?:ting)") is not seen; rules spell those `cut(?:t?ing)`.
 */

const LETTER = /^\p{L}$/u;
const folded = new WeakMap<RegExp, RegExp>();

/** Copies one escape sequence starting at `source[i]` (a backslash); returns the index after it. */
function escapeEnd(source: string, i: number): number {
  const kind = source[i + 1];
  if (kind === undefined) return i + 1;
  if ((kind === 'p' || kind === 'P' || kind === 'u' || kind === 'k') && (source[i + 2] === '{' || source[i + 2] === '<')) {
    const close = source.indexOf(source[i + 2] === '{' ? '}' : '>', i + 3);
    return close === -1 ? source.length : close + 1;
  }
  if (kind === 'u') return Math.min(i + 6, source.length);
  if (kind === 'x') return Math.min(i + 4, source.length);
  if (kind === 'c') return Math.min(i + 3, source.length);
  return i + 2;
}

/** The pattern's source with each run of one literal letter reduced to a single letter. */
export function foldRepeatedLetters(source: string): string {
  let out = '';
  let lastLetter = '';
  for (let i = 0; i < source.length; ) {
    if (source[i] === '\\') {
      const end = escapeEnd(source, i);
      out += source.slice(i, end);
      lastLetter = '';
      i = end;
      continue;
    }
    const cp = source.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(cp);
    const isLetter = LETTER.test(char);
    if (!(isLetter && char === lastLetter)) out += char;
    lastLetter = isLetter ? char : '';
    i += char.length;
  }
  return out;
}

/**
 * The collapsed twin of a rule, compiled once and remembered.
 * @example foldedPattern(/\bkill myself\b/u).source // '\\bkil myself\\b'
 */
export function foldedPattern(pattern: RegExp): RegExp {
  let twin = folded.get(pattern);
  if (!twin) {
    const source = foldRepeatedLetters(pattern.source);
    twin = source === pattern.source ? pattern : new RegExp(source, pattern.flags);
    folded.set(pattern, twin);
  }
  return twin;
}
