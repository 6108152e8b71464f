import type { Detector } from './engine/detector.js';
import type { OrtEnvOptions } from './runtime/ort-env.js';
import { createTextModelDetector, type TextModelDetectorOptions } from './text/text-model-detector.js';
import { createPatternDetectors } from './text/patterns/index.js';
import { createNudityDetector } from './image/nudity-detector.js';
import { createLinkDetector } from './links/link-detector.js';
import { createStageDetector } from './conversation/stage-detector.js';

/** Where the built-in detectors find their models. Structured-cloneable, so it crosses the worker boundary. */
export interface DetectorConfig {
  /** Base URL of the `models/` folder, for the browser. @defaultValue the package's own `models/` folder in Node */
  readonly modelBaseUrl?: string;
  /** onnxruntime-web settings: self-hosted wasm paths and threads. @defaultValue onnxruntime-web's own files, one thread */
  readonly ort?: OrtEnvOptions;
}

/** The model options shared by every model-backed detector. */
function modelOptions(config: DetectorConfig): TextModelDetectorOptions {
  return {
    ...(config.modelBaseUrl === undefined ? {} : { modelBaseUrl: config.modelBaseUrl }),
    ...(config.ort === undefined ? {} : { ort: config.ort }),
  };
}

/**
 * ChatGuard's own detectors, in the order they run: the trained text model, then the
 * explained pattern families for signals without public training data, the conversation stage
 * signals (read by the engine's conversation model), the link checker
 * (blocklist, look-alike heuristics, URL model), then the image nudity model (loaded on the
 * first message with an image attachment).
 * @example
 * const engine = createEngine({ profile: 'teen', detectors: defaultDetectors() });
 */
export function defaultDetectors(config: DetectorConfig = {}): Detector[] {
  const models = modelOptions(config);
  return [
    createTextModelDetector(models),
    ...createPatternDetectors(),
    createStageDetector(),
    createLinkDetector(models),
    createNudityDetector(models),
  ];
}
