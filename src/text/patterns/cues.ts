/**
 * Cues several families share. Each is a precompiled, non-global regex (no `lastIndex` state) that
 * is safe on any input: bounded repetition only, so a 64 KiB message cannot make one backtrack.
 *
 * Rules are written in plain lower-case English. Gaps between words use `[^.!?\n]{0,N}`, which keeps
 * a combination inside one sentence.
 */
import { cue } from './cue.js';

/**
 * A link: scheme, `www.`, or a bare domain with a common or commonly abused top-level domain. Read
 * as typed: normalisation leaves links alone, and collapsing letters would turn `www` into `w`.
 */
export const LINK = cue(
  '',
  /(?:https?:\/\/|www\.)\S|\b[a-z0-9][a-z0-9-]{0,62}\.(?:com|net|org|info|biz|xyz|top|site|online|live|app|link|click|shop|store|icu|cc|co|io|me|ly|gl|gd|to|us|uk|eu|de|fr|nl|vip|win|pw|tk|ml|ga|cf|gq|cn|ru)\b(?:\/\S*)?/iu,
  { on: 'raw' },
);

/** Pressure to act before thinking: deadlines, threats of loss, "final notice". */
export const URGENCY = cue(
  '',
  /\b(?:urgent(?:ly)?|asap|immediately|right (?:now|away)|within (?:\d{1,3}|twenty[- ]four|one|two|a few) ?(?:hours?|hrs?|h|days?|minutes?|mins?)\b|(?:today|tonight) only|final (?:notice|reminder|warning)|last (?:chance|reminder|warning)|act now|expires? (?:today|tonight|soon|in)|before it(?:'s| is) too late|will be (?:returned|cancell?ed|closed|suspended|deleted|destroyed|disposed)|(?:avoid|to avoid) (?:a )?(?:penalt|fine|late fee|additional|suspension|surcharge)|don'?t delay|hurry)/u,
);

/** A sum of money: currency sign or word next to a number. */
export const MONEY_AMOUNT = cue(
  '',
  /(?:[£$€₹]\s?\d|\b\d[\d,.]*\s?(?:k\b|usd|gbp|eur|usdt|btc|dollars?|pounds?|quid|euros?|bucks)\b)/u,
);

/** Asking for secrecy, which isolates the target from someone who would spot the trick. */
export const SECRECY = cue(
  '',
  /\b(?:don'?t|do not|dont|never) (?:tell|mention|say (?:anything|a word)|let (?:anyone|mum|mom|dad|them) know)\b|\b(?:keep (?:this|it) (?:between us|a secret|quiet|secret|confidential))|\bour (?:little )?secret\b/u,
);
