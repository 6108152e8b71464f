/**
 * Account take-over lures: bait about a video of you with a link, and the "I reported your account by
 * mistake, contact this mod" script. Both want a login, not money.
 */
import { LINK } from './cues.js';
import { cue, type CueReader } from './cue.js';
import { noisyOr } from './scoring.js';

// --- Account take-over lures ---------------------------------------------------------------------

/** "Is this you in this video?", "look what they posted about you": bait to open a login page. */
const BAIT_ABOUT_YOU = cue(
  'vid clip photo pic about',
  /\b(?:is (?:this|that|it) (?:you|u) in (?:this|the|that) (?:video|vid|clip|photo|pic)|(?:you'?re|you are|ur|u r) in (?:this|the|that) (?:video|vid|clip)|(?:look|see) (?:at )?what (?:they|someone|people|he|she) (?:posted|said|wrote|put up) about (?:you|u)|who (?:posted|uploaded|made) (?:this|that) (?:video|vid|clip|photo|pic) of (?:you|u))\b/u,
);
/** "I reported your account by accident": the setup for a fake "mod" who wants your login. */
const REPORTED_BY_MISTAKE = cue(
  'reported',
  /\b(?:(?:accidentally|mistakenly) reported (?:your|ur) (?:\w+ )?(?:account|profile|acc)|reported (?:your|ur) (?:\w+ )?(?:account|profile|acc) by (?:mistake|accident))\b/u,
);
/** "Contact this mod", "message the admin": a named helper outside the app's own support. */
const CONTACT_MOD = cue(
  'mod admin staff support',
  /\b(?:(?:contact|message|dm|add|talk to|reach out to) (?:this|the|that|a|our|their) (?:mod|moderator|admin|staff|staff member|support agent)|(?:mod|moderator|admin)s? (?:called|named|@))\b/u,
);

/** Account take-over lures (`scam.account_lure`). */
export function scoreAccountLure(read: CueReader): number {
  // Only the link makes the bait a trap; the detector's link boost then takes it over 0.5.
  const bait = read(BAIT_ABOUT_YOU) && read(LINK) ? 0.35 : 0;
  if (!read(REPORTED_BY_MISTAKE)) return bait;
  return noisyOr(bait, read(CONTACT_MOD) ? 0.75 : 0.35);
}
