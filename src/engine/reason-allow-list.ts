import { LABELS } from './labels.js';
import type { Detector } from './detector.js';
import { CONVERSATION_REASON_CODES } from '../conversation/explain.js';

/** Codes the engine itself writes: a flag's plain explanation and the conversation model's reasons. */
const ENGINE_CODES: readonly string[] = [
  ...LABELS.map((label) => `${label}.flagged`),
  ...Object.values(CONVERSATION_REASON_CODES).flatMap((byDirection) => Object.values(byDirection)),
];

/**
 * The exact reason codes these detectors and the engine can produce, when every detector declares
 * its own; `undefined` when one does not, so reports fall back to filtering codes against the text.
 */
export function declaredReasonCodes(detectors: readonly Detector[]): string[] | undefined {
  if (!detectors.every((detector) => Array.isArray(detector.reasonCodes))) return undefined;
  return [...new Set([...ENGINE_CODES, ...detectors.flatMap((detector) => detector.reasonCodes ?? [])])];
}
