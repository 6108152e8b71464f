import type { Detector } from '../../engine/detector.js';
import { createCueReader } from './cue.js';
import { LINK, URGENCY } from './cues.js';
import { SCAM_FAMILIES, SCAM_RULES } from './scam-rules.js';
import { isScamWarning } from './scam-warning.js';
import { buildResult, familyCodes, noisyOr, type FamilyScore } from './scoring.js';
import { createTextViewer, type TextView } from './text-view.js';

/** Families scoring at least this get the link and urgency boosts; below it those cues prove nothing. */
const BOOST_FLOOR = 0.2;
/** A link is how most smishing collects money or logins. */
const LINK_WEIGHT = 0.3;
/** Deadlines and threats of loss are there to stop the reader from checking. */
const URGENCY_WEIGHT = 0.25;
/**
 * A bank's "we will never ask you to move money; if someone does, hang up" names every step of the
 * scam it warns about. Such advice keeps a third of its score: enough for a reason at the lowest
 * threshold if it also carries strong scam cues, not enough to flag on its own.
 */
const WARNING_FACTOR = 0.3;

/**
 * Creates the modern-scam pattern detector (`patterns-scam`, label `scam`): parcel, toll and tax
 * smishing, OTP and login theft, "hi mum" impersonation, gift cards, crypto "investment" and money
 * flipping, wrong-number openers, task jobs, romance money requests, tech support and fake account
 * notices, fake prizes, overpayments and unseen-rental deposits, up-front fees (loans, "withdrawal
 * tax", recovery services) and account take-over lures.
 *
 * Each family needs its core combination to reach 0.5; a link or urgency then raises a family that
 * already has some evidence, never one that has none. Works on normalised and raw text.
 *
 * @param view - shares one normalisation between the pattern detectors. @defaultValue a fresh viewer
 * @example
 * const scam = createScamDetector();
 * scam.detect({ message, text: 'Send me the 6-digit code you just got', direction: 'incoming' });
 */
export function createScamDetector(view: (text: string) => TextView = createTextViewer()): Detector {
  return {
    id: 'patterns-scam',
    version: '1.0.0',
    labels: ['scam'],
    reasonCodes: familyCodes(SCAM_FAMILIES),
    detect({ text, direction }) {
      const read = createCueReader(view(text));
      const damping = isScamWarning(read) ? WARNING_FACTOR : 1;
      const scored: FamilyScore[] = SCAM_RULES.map((rule) => {
        const base = rule.score(read);
        if (base < BOOST_FLOOR) return { family: rule.family, score: base * damping };
        const boosted = noisyOr(base, read(LINK) ? LINK_WEIGHT : 0, read(URGENCY) ? URGENCY_WEIGHT : 0);
        return { family: rule.family, score: boosted * damping };
      });
      return buildResult('scam', scored, direction);
    },
  };
}
