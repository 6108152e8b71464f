/**
 * The on-device nudity detector: nsfwjs's MobileNetV2 converted to ONNX
 * (`models/nsfw-mobilenet-v2-int8.onnx`, by `scripts/convert-nsfw.ts`), run with onnxruntime-web
 * on each image attachment of a message.
 */
import * as ort from '#onnxruntime';
import type { Detector, DetectorInput, DetectorResult, Reason } from '../engine/detector.js';
import { GuardError } from '../engine/errors.js';
import { readVerified } from '../runtime/integrity.js';
import { findModel, readManifest } from '../runtime/manifest.js';
import { createFetchModelSource, type ModelSource } from '../runtime/model-source.js';
import type { OrtEnvOptions } from '../runtime/ort-env.js';
import { createSerialSession, type SerialSession } from '../runtime/session.js';
import { readImagePixels } from './image-input.js';
import { NSFW_CLASSES, NSFW_INPUT_SIZE, SEXY_WEIGHT, nudityScore, toProbabilities, type NsfwProbabilities } from './nsfw-classes.js';
import { preprocessImage } from './preprocess.js';
import { isNode } from '../runtime/is-node.js';

/** The detector's id, in verdicts and reports. */
export const NUDITY_DETECTOR_ID = 'nsfw-mobilenet-v2';

/** Options for {@link createNudityDetector}. */
export interface NudityDetectorOptions {
  /**
   * Base URL of the `models/` folder, served by the host (browser). Ignored when `source` is given.
   * @defaultValue the package's own `models/` folder, read from disk (Node only)
   */
  readonly modelBaseUrl?: string;
  /** Where to read model files from; overrides `modelBaseUrl`. */
  readonly source?: ModelSource;
  /**
   * The manifest entry to load: `'nsfw-mobilenet-v2-int8'` (2.7 MB) or `'nsfw-mobilenet-v2'`
   * (float32, 10 MB). Both give nsfwjs's probabilities within 1e-5.
   * @defaultValue `'nsfw-mobilenet-v2-int8'`
   */
  readonly modelId?: string;
  /** onnxruntime-web settings (wasm paths, threads), applied once per worker or process. */
  readonly ort?: OrtEnvOptions;
  /**
   * Load the model in `load()` (so `engine.ready()` warms it up). Otherwise it loads on the first
   * message that has an image, and text-only use never pays for it.
   * @defaultValue false
   */
  readonly preload?: boolean;
  /**
   * The nudity score from which reasons are given, so that the most protective profiles, which
   * flag below 0.5, still get an explanation.
   * @defaultValue 0.3
   */
  readonly reasonFloor?: number;
}

/** What the model says about one image. */
export interface ImageScores {
  /** Softmax over nsfwjs's classes. */
  readonly probabilities: NsfwProbabilities;
  /** `min(1, Porn + Hentai + 0.4 · Sexy)`; see `nsfw-classes.ts`. */
  readonly nudity: number;
}

/** The nudity model as a {@link Detector}, plus direct scoring and disposal. */
export interface NudityDetector extends Detector {
  /** Model sha256 prefix once loaded, `'unloaded'` before. */
  readonly version: string;
  /**
   * Scores one image attachment (`{ type: 'image', data, width?, height? }`), loading the model first if needed.
   * @throws GuardError `INVALID_IMAGE`, `MODEL_LOAD_FAILED`, `MODEL_INTEGRITY`, `DISPOSED`.
   */
  scoreImage(attachment: unknown): Promise<ImageScores>;
  /** Releases the ORT session. Idempotent; later calls reject with `DISPOSED`. */
  dispose(): Promise<void>;
}

const REASONS = {
  Porn: { code: 'nudity.porn', message: 'This image looks sexually explicit, for example nudity or sex.' },
  Hentai: { code: 'nudity.hentai', message: 'This image looks like a sexually explicit drawing or cartoon.' },
  Sexy: { code: 'nudity.sexy', message: 'This image looks sexually suggestive, for example underwear or posing, though not explicit.' },
} as const;

interface Loaded {
  readonly session: SerialSession;
  readonly version: string;
}

async function defaultSource(options: NudityDetectorOptions): Promise<ModelSource> {
  if (options.source) return options.source;
  if (options.modelBaseUrl !== undefined) return createFetchModelSource(options.modelBaseUrl);
  if (isNode()) {
    const { createNodeModelSource } = await import('../runtime/node-model-source.js');
    return createNodeModelSource();
  }
  throw new GuardError('INVALID_OPTIONS', 'Expected modelBaseUrl (the URL of the served models/ folder) outside Node.');
}

/** The reasons behind a nudity score: each class that makes up at least a quarter of it, largest first. */
function reasonsFor(p: NsfwProbabilities, score: number): Reason[] {
  const parts = [
    ['Porn', p.Porn],
    ['Hentai', p.Hentai],
    ['Sexy', SEXY_WEIGHT * p.Sexy],
  ] as const;
  const top = [...parts].sort((a, b) => b[1] - a[1]);
  const chosen = top.filter(([, part]) => part >= score / 4);
  return (chosen.length > 0 ? chosen : top.slice(0, 1)).map(([name]) => ({ ...REASONS[name], label: 'nudity' as const }));
}

/**
 * Creates the nudity detector (id `nsfw-mobilenet-v2`, label `nudity`). For each image attachment
 * it decodes (Blob, ImageBitmap) or takes (RGBA, ImageData) the pixels, resizes them to 224×224
 * as nsfwjs does, runs the model and combines the class probabilities into `nudity` (the largest
 * over the message's images), with reasons `nudity.porn`, `nudity.hentai`, `nudity.sexy`.
 * Loading reads the manifest, verifies the model's sha256, creates the ORT session and makes one
 * warm-up run; it is memoised, and a failed load is retried on the next call.
 * @throws GuardError from `detect`/`scoreImage`: `INVALID_IMAGE` (not an image, truncated, over
 * 50 MP or 64 MiB, undecodable), `MODEL_LOAD_FAILED`, `MODEL_INTEGRITY`, `DISPOSED`.
 * @example
 * const detector = createNudityDetector();
 * const { nudity } = await detector.scoreImage({ type: 'image', data: rgba, width, height });
 */
export function createNudityDetector(options: NudityDetectorOptions = {}): NudityDetector {
  const modelId = options.modelId ?? 'nsfw-mobilenet-v2-int8';
  const reasonFloor = options.reasonFloor ?? 0.3;
  let loading: Promise<Loaded> | undefined;
  let loaded: Loaded | undefined;
  let disposed = false;

  async function loadOnce(): Promise<Loaded> {
    const source = await defaultSource(options);
    const entry = findModel(await readManifest(source), modelId);
    const bytes = await readVerified(source, entry.path, entry.sha256);
    const session = await createSerialSession(bytes, entry.path, options.ort);
    const result: Loaded = { session, version: entry.sha256.slice(0, 12) };
    try {
      await infer(result, new Float32Array(NSFW_INPUT_SIZE * NSFW_INPUT_SIZE * 3));
    } catch (error) {
      await session.dispose();
      throw error;
    }
    if (disposed) {
      await session.dispose();
      throw new GuardError('DISPOSED', 'The nudity detector was disposed while loading.');
    }
    return result;
  }

  function ensureLoaded(): Promise<Loaded> {
    if (disposed) return Promise.reject(new GuardError('DISPOSED', 'The nudity detector was disposed.'));
    if (loaded) return Promise.resolve(loaded);
    loading ??= loadOnce().then(
      (result) => (loaded = result),
      (error: unknown) => {
        loading = undefined; // forget the failure so the next call retries
        throw error;
      },
    );
    return loading;
  }

  async function infer(model: Loaded, input: Float32Array): Promise<NsfwProbabilities> {
    const outputs = await model.session.run({ input: new ort.Tensor('float32', input, [1, NSFW_INPUT_SIZE, NSFW_INPUT_SIZE, 3]) });
    const output = outputs['probabilities'];
    if (!output || !(output.data instanceof Float32Array) || output.data.length !== NSFW_CLASSES.length) {
      throw new GuardError('INTERNAL', 'The nudity model returned an unexpected output.');
    }
    return toProbabilities(output.data);
  }

  async function scoreImage(attachment: unknown, where?: string): Promise<ImageScores> {
    const pixels = await readImagePixels(attachment, where); // validate before loading anything
    const model = await ensureLoaded();
    const probabilities = await infer(model, preprocessImage(pixels));
    return { probabilities, nudity: nudityScore(probabilities) };
  }

  async function detect(input: DetectorInput): Promise<DetectorResult> {
    const attachments = input.message.attachments ?? [];
    if (attachments.length === 0) return { scores: {}, reasons: [] };
    let worst: ImageScores | undefined;
    for (const [index, attachment] of attachments.entries()) {
      const scores = await scoreImage(attachment, `message.attachments[${index}]`);
      if (!worst || scores.nudity > worst.nudity) worst = scores;
    }
    const nudity = worst?.nudity ?? 0;
    const reasons = worst && nudity >= reasonFloor ? reasonsFor(worst.probabilities, nudity) : [];
    return { scores: { nudity }, reasons };
  }

  return Object.freeze({
    id: NUDITY_DETECTOR_ID,
    get version() {
      return loaded?.version ?? 'unloaded';
    },
    labels: ['nudity'] as const,
    reasonCodes: Object.values(REASONS).map((reason) => reason.code),
    load: async () => {
      if (options.preload === true) await ensureLoaded();
    },
    detect,
    scoreImage: (attachment: unknown) => scoreImage(attachment),
    async dispose() {
      if (disposed) return;
      disposed = true;
      const current = loaded ?? (await loading?.catch(() => undefined));
      loaded = undefined;
      await current?.session.dispose();
    },
  });
}
