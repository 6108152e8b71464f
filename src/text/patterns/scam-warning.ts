/**
 * Messages that warn about scams, such as a bank's "we will never ask you to move money; if someone
 * does, hang up". They name every step of the scam they describe, so the scam detector damps them.
 */
import { cue, type CueReader } from './cue.js';

// --- Warnings about scams ------------------------------------------------------------------------

/** "We will never ask you to...": said by real services and copied by scammers, so not enough alone. */
const NEVER_ASKS = cue('never', /\bnever (?:ask|call|phone|text|message|email|contact)s?\b/u);
/** What to do when a scammer asks: only a warning says "if someone does, hang up". */
const IF_SOMEONE_ASKS = cue(
  'if hang scam report',
  /\b(?:if (?:someone|anyone|somebody|a caller|a stranger)(?: ever)? (?:does|do|asks?|calls?|texts?|messages?|tells? you|contacts? you)|hang up|(?:it'?s|it is|that'?s|that is) (?:a |always a )?scam|report (?:it|them|the (?:call|text|message)))\b/u,
);

/** A message that warns about scams names the scam's steps; it is advice, not the scam. */
export function isScamWarning(read: CueReader): boolean {
  return read(NEVER_ASKS) && read(IF_SOMEONE_ASKS);
}
