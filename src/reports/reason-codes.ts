/**
 * Which reason codes may go into a report. Codes are the only report strings a detector chooses,
 * so after the code pattern (`family.snake_case`, which no URL or hostname matches) they pass one of:
 *
 * - an allow-list, when the embedder gives one (`reports.allowedReasonCodes`): exactly those codes
 *   and `system.*`. This is exact and loses nothing, and is the recommended setting.
 * - otherwise an echo check against the message: a code is dropped when any 6-character piece of
 *   its name occurs in the message, compared after both are lower-cased and every run of characters
 *   outside `a–z0–9` is folded to `_`. It catches a careless detector that builds codes from the
 *   text (`spam.${word}`), at a price: a legitimate code whose words the message happens to contain
 *   (`self_harm.goodbye` on "goodbye…") is dropped too; the label and its bucket stay. Pieces under
 *   6 characters from such a detector can still slip through.
 */
import { REPORT_PATTERNS } from './schema.js';

/** What a code is checked against. */
export interface CodeFilter {
  /** The message text; codes echoing it are dropped. */
  readonly text?: string;
  /** When given, only these codes (and `system.*` ones) are kept, and the echo check is skipped. */
  readonly allowed?: ReadonlySet<string>;
}

const PIECE = 6;

/** The text as codes are compared with it. */
function fold(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/** True when a piece of `code`'s name (after the family) occurs in the folded text. */
function echoes(code: string, folded: string): boolean {
  const name = code.slice(code.indexOf('.') + 1);
  for (let i = 0; i + PIECE <= name.length; i += 1) if (folded.includes(name.slice(i, i + PIECE))) return true;
  return false;
}

/** Distinct codes that pass every filter, at most `max`, in first-seen order. Rejected codes are dropped, never escaped. */
export function keptCodes(candidates: Iterable<unknown>, max: number, filter: CodeFilter = {}): string[] {
  const folded = filter.text === undefined ? undefined : fold(filter.text);
  const kept = new Set<string>();
  for (const code of candidates) {
    if (kept.size >= max) break;
    if (typeof code !== 'string' || !REPORT_PATTERNS.reasonCode.test(code)) continue;
    if (filter.allowed) {
      if (!filter.allowed.has(code) && !code.startsWith('system.')) continue;
    } else if (folded !== undefined && echoes(code, folded)) {
      continue;
    }
    kept.add(code);
  }
  return [...kept];
}
