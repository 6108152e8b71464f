/**
 * ChatGuard's pattern detectors: explicit, explained rules for the signals that have no public
 * training data (modern scams, outgoing personal details, self-harm, sextortion, violent threats).
 */
import type { Detector } from '../../engine/detector.js';
import { PII_FAMILIES, createPiiDetector } from './pii.js';
import { createScamDetector } from './scam.js';
import { SCAM_FAMILIES } from './scam-rules.js';
import { SELF_HARM_FAMILIES, createSelfHarmDetector } from './self-harm.js';
import { SEXTORTION_FAMILIES, createSextortionDetector } from './sextortion.js';
import { createReader, withOtherReadings } from './second-reading.js';
import { createTextViewer } from './text-view.js';
import { THREAT_FAMILIES, createThreatDetector } from './threat.js';

export { createPiiDetector } from './pii.js';
export { createScamDetector } from './scam.js';
export { createSelfHarmDetector } from './self-harm.js';
export { createSextortionDetector } from './sextortion.js';
export { createThreatDetector } from './threat.js';

/**
 * Creates the five pattern detectors, sharing one text normalisation between them.
 * @returns `patterns-scam`, `patterns-pii`, `patterns-self-harm`, `patterns-sextortion` and `patterns-threat`, in that order.
 * @example
 * const engine = createEngine({ detectors: [...createPatternDetectors()] });
 */
export function createPatternDetectors(): Detector[] {
  const view = createTextViewer();
  const read = createReader();
  return [
    createScamDetector(view),
    createPiiDetector(view),
    createSelfHarmDetector(view),
    createSextortionDetector(view),
    createThreatDetector(view),
  ].map((detector) => withOtherReadings(detector, read));
}

/**
 * Every reason code the pattern detectors can produce, for an embedder's report allow-list
 * (`reports.allowedReasonCodes`).
 * @example new Set(PATTERN_REASON_CODES).has('scam.otp_request') // true
 */
export const PATTERN_REASON_CODES: readonly string[] = Object.freeze(
  [SCAM_FAMILIES, PII_FAMILIES, SELF_HARM_FAMILIES, SEXTORTION_FAMILIES, THREAT_FAMILIES].flatMap((families) =>
    Object.values(families).map((family) => family.code),
  ),
);
