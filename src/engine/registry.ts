import { isLabel } from './labels.js';
import { GuardError, describeType } from './errors.js';
import type { Detector } from './detector.js';

/** A detector with its load memoised: concurrent callers share one load, and a failed load is retried next time. */
export interface RegisteredDetector {
  readonly detector: Detector;
  ensureLoaded(): Promise<void>;
}

/**
 * Checks detectors' declarations and wraps each with a memoised loader.
 * @throws GuardError `INVALID_DETECTOR` for a missing id, a duplicate id, an unknown label or no `detect` function.
 */
export function registerDetectors(detectors: readonly Detector[]): readonly RegisteredDetector[] {
  const seen = new Set<string>();
  return detectors.map((detector, index) => {
    assertDetectorShape(detector, index);
    if (seen.has(detector.id)) throw new GuardError('INVALID_DETECTOR', `Detector id "${detector.id}" is registered twice.`);
    seen.add(detector.id);
    return { detector, ensureLoaded: memoiseLoad(detector) };
  });
}

function assertDetectorShape(detector: Detector, index: number): void {
  const where = `detectors[${index}]`;
  if (typeof detector !== 'object' || detector === null) {
    throw new GuardError('INVALID_DETECTOR', `Expected ${where} to be a detector object, got ${describeType(detector)}.`);
  }
  if (typeof detector.id !== 'string' || detector.id === '') {
    throw new GuardError('INVALID_DETECTOR', `Expected ${where}.id to be a non-empty string.`);
  }
  if (typeof detector.detect !== 'function') {
    throw new GuardError('INVALID_DETECTOR', `Expected ${where}.detect to be a function.`);
  }
  if (!Array.isArray(detector.labels) || detector.labels.length === 0 || !detector.labels.every(isLabel)) {
    throw new GuardError('INVALID_DETECTOR', `Expected ${where}.labels to be a non-empty list of ChatGuard labels.`);
  }
}

function memoiseLoad(detector: Detector): () => Promise<void> {
  let loading: Promise<void> | undefined;
  return () => {
    if (!detector.load) return Promise.resolve();
    loading ??= detector.load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
