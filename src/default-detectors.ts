import type { Detector } from './engine/detector.js';

/** Where the built-in detectors find their models. Structured-cloneable, so it crosses the worker boundary. */
export interface DetectorConfig {
  /** Base URL of the `models/` folder, for the browser. @defaultValue the package's own `models/` folder in Node */
  readonly modelBaseUrl?: string;
}

/** ChatGuard's own detectors, in the order they run. */
export function defaultDetectors(_config: DetectorConfig = {}): Detector[] {
  return [];
}
