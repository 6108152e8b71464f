/**
 * ChatGuard's pattern detectors: explicit, explained rules for the signals that have no public
 * training data (modern scams, outgoing personal details, self-harm, sextortion).
 */
import type { Detector } from '../../engine/detector.js';
import { createPiiDetector } from './pii.js';
import { createScamDetector } from './scam.js';
import { createSelfHarmDetector } from './self-harm.js';
import { createSextortionDetector } from './sextortion.js';
import { createTextViewer } from './text-view.js';

export { createPiiDetector } from './pii.js';
export { createScamDetector } from './scam.js';
export { createSelfHarmDetector } from './self-harm.js';
export { createSextortionDetector } from './sextortion.js';

/**
 * Creates the four pattern detectors, sharing one text normalisation between them.
 * @returns `patterns-scam`, `patterns-pii`, `patterns-self-harm` and `patterns-sextortion`, in that order.
 * @example
 * const engine = createEngine({ detectors: [...createPatternDetectors()] });
 */
export function createPatternDetectors(): Detector[] {
  const view = createTextViewer();
  return [createScamDetector(view), createPiiDetector(view), createSelfHarmDetector(view), createSextortionDetector(view)];
}
