import { foldedPattern } from './fold-pattern.js';
import type { CueReader } from './scoring.js';
import type { TextView } from './text-view.js';

/**
 * Cues several families share. Each is a precompiled, non-global regex (no `lastIndex` state) that
 * is safe on any input: bounded repetition only, so a 64 KiB message cannot make one backtrack.
 *
 * Rules are written in plain lower-case English. Gaps between words use `[^.!?\n]{0,N}`, which keeps
 * a combination inside one sentence.
 */

/** A link: scheme, `www.`, or a bare domain with a common or commonly abused top-level domain. */
export const LINK =
  /(?:https?:\/\/|www\.)\S|\b[a-z0-9][a-z0-9-]{0,62}\.(?:com|net|org|info|biz|xyz|top|site|online|live|app|link|click|shop|store|icu|cc|co|io|me|ly|gl|gd|to|us|uk|eu|de|fr|nl|vip|win|pw|tk|ml|ga|cf|gq|cn|ru)\b(?:\/\S*)?/u;

/** Pressure to act before thinking: deadlines, threats of loss, "final notice". */
export const URGENCY =
  /\b(?:urgent(?:ly)?|asap|immediately|right (?:now|away)|within (?:\d{1,3}|twenty[- ]four|one|two|a few) ?(?:hours?|hrs?|h|days?|minutes?|mins?)\b|(?:today|tonight) only|final (?:notice|reminder|warning)|last (?:chance|reminder|warning)|act now|expires? (?:today|tonight|soon|in)|before it(?:'s| is) too late|will be (?:returned|cancell?ed|closed|suspended|deleted|destroyed|disposed)|(?:avoid|to avoid) (?:a )?(?:penalt|fine|late fee|additional|suspension|surcharge)|don'?t delay|hurry)/u;

/** A sum of money: currency sign or word next to a number. */
export const MONEY_AMOUNT =
  /(?:[£$€₹]\s?\d|\b\d[\d,.]*\s?(?:k\b|usd|gbp|eur|usdt|btc|dollars?|pounds?|quid|euros?|bucks)\b)/u;

/** Asking someone to pay or move money. */
export const PAYMENT_REQUEST =
  /\b(?:pay(?:ment)?|fee|charge|transfer|wire|send (?:me |us )?(?:the )?(?:money|funds|cash|it via|via)|deposit|settle|top[- ]?up|western union|moneygram|bank details|card details|cash ?app|venmo|zelle|paypal)\b/u;

/** Asking for secrecy, which isolates the target from someone who would spot the trick. */
export const SECRECY =
  /\b(?:don'?t|do not|dont|never) (?:tell|mention|say (?:anything|a word)|let (?:anyone|mum|mom|dad|them) know)\b|\b(?:keep (?:this|it) (?:between us|a secret|quiet|secret|confidential))|\bour (?:little )?secret\b/u;

/**
 * Evaluates cues on demand and remembers the answer: most messages leave after the first gate of
 * every family, so shared cues are tested at most once and often never. A cue matches when its
 * letter-collapsed twin matches the normalised text, or the rule as written matches the raw text.
 */
export function createCueReader(view: TextView): CueReader {
  const seen = new Map<RegExp, boolean>();
  return (cue) => {
    let hit = seen.get(cue);
    if (hit === undefined) {
      hit = foldedPattern(cue).test(view.norm) || cue.test(view.lower);
      seen.set(cue, hit);
    }
    return hit;
  };
}
