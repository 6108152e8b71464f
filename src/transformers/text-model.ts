import * as ort from '#onnxruntime';
import { GuardError } from '../engine/errors.js';
import type { Label } from '../engine/labels.js';
import type { OrtEnvOptions } from '../runtime/ort-env.js';
import { runExclusive } from '../runtime/session.js';
import { transformersDevice } from './device.js';
import { calibrateScore, modelDetectorId, modelReasonCode, resolveTextModels, type ResolvedTextModelConfig, type TextModelConfig } from './config.js';
import type { ModelProgress, ProgressListener } from './model-files.js';
import { loadTransformers, sharesOrt, withModelFiles, type TransformersModule } from './runtime.js';

/** One label and score, as a transformers.js text-classification pipeline returns them. */
export interface ClassLabelScore {
  readonly label: string;
  readonly score: number;
}

/** A loaded text-classification pipeline, reduced to what ChatGuard calls: every label's score for one text. */
export type Classify = (text: string) => Promise<readonly ClassLabelScore[]>;

/** Options for {@link createHfTextModel}. */
export interface HfTextModelOptions {
  /** onnxruntime settings shared with ChatGuard's own models. @defaultValue see `OrtEnvOptions` */
  readonly ort?: OrtEnvOptions;
  /** Hears load progress. @defaultValue none */
  readonly onProgress?: ProgressListener;
  /**
   * Wraps the loaded pipeline, for instrumentation (counting calls, timing, adding latency in tests).
   * @defaultValue none
   */
  readonly wrap?: (classify: Classify) => Classify;
}

/** What a configured model is doing now. */
export type TextModelState = 'idle' | 'loading' | 'ready' | 'failed';

/** A configured Hugging Face model, loaded lazily, that scores ChatGuard labels. */
export interface HfTextModel {
  readonly config: ResolvedTextModelConfig;
  /** `hf:<id>`: the name in verdicts' `versions`, reasons and `skipped`. */
  readonly detectorId: string;
  /** The ChatGuard labels it scores. */
  readonly labels: readonly Label[];
  /** The reason codes it can produce: `<label>.hf_<id>` for each mapped label. */
  readonly reasonCodes: readonly string[];
  /** A version string for verdicts: the model file's sha256 prefix when configured, else `transformers.js`. */
  readonly version: string;
  state(): TextModelState;
  /** The last load failure, while `state()` is `failed`. */
  failure(): unknown;
  /**
   * Loads the model; concurrent callers share one load, and a failure is forgotten so a later call retries.
   * @throws GuardError `MODEL_LOAD_FAILED`, `MODEL_INTEGRITY`.
   */
  load(): Promise<void>;
  /** Scores one text: the highest probability of the model labels mapped to each ChatGuard label. @throws when not loaded. */
  classify(text: string): Promise<Partial<Record<Label, number>>>;
  dispose(): Promise<void>;
}

type Pipeline = ((text: string, options: { top_k: number | null }) => Promise<unknown>) & { dispose?: () => Promise<void> };

/**
 * A configured Hugging Face text-classification model. `createEngine({ textModels })` builds these itself;
 * build one directly to wrap its pipeline (`options.wrap`) or share it.
 * @throws GuardError `INVALID_OPTIONS` for a bad configuration.
 * @example
 * const model = createHfTextModel({ id: 'bag', from: 'models/transformers/chatguard-wordpiece-bag', task: 'text-classification', labels: { spam: 'spam' } });
 * await model.load();
 * await model.classify('WIN a FREE prize, reply now'); // { spam: 0.97 }
 */
export function createHfTextModel(config: TextModelConfig | ResolvedTextModelConfig, options: HfTextModelOptions = {}): HfTextModel {
  // A resolved configuration resolves to itself, so both forms take one path.
  const [resolved] = resolveTextModels([config]) as [ResolvedTextModelConfig];
  const labels = [...new Set(Object.values(resolved.labels))];
  const detectorId = modelDetectorId(resolved.id);
  const onnxSha = resolved.sha256?.[`onnx/${resolved.dtype === 'fp32' ? 'model' : `model_${resolved.dtype === 'q8' ? 'quantized' : resolved.dtype}`}.onnx`];
  let state: TextModelState = 'idle';
  let lastFailure: unknown;
  let loading: Promise<void> | undefined;
  let classifier: Classify | undefined;
  let pipe: Pipeline | undefined;

  const progress = (event: ModelProgress): void => {
    try {
      options.onProgress?.(event);
    } catch {
      // A broken listener must not break loading.
    }
  };

  async function doLoad(): Promise<void> {
    const transformers = await loadTransformers(options.ort);
    const exclusive = sharesOrt(transformers, ort.env);
    const device = await transformersDevice(resolved, exclusive);
    const loaded = (await withModelFiles(resolved, progress, (name) =>
      transformers.pipeline(resolved.task, name, {
        device: device as never,
        dtype: resolved.dtype,
        // transformers.js's own `progress` events re-read files already in memory; ChatGuard reports the real reads.
        progress_callback: (info: { status: string; file?: string }) => {
          if (info.status === 'initiate' || info.status === 'download' || info.status === 'done') {
            progress({ model: resolved.id, status: info.status, ...(info.file === undefined ? {} : { file: info.file }) });
          }
        },
      }),
    )) as unknown as Pipeline;
    pipe = loaded;
    const call: Classify = async (text) => {
      const run = () => loaded(text, { top_k: null }) as Promise<ClassLabelScore[]>;
      // On a shared wasm instance, runs must not overlap ChatGuard's own (the wasm backend rejects concurrent runs).
      return exclusive ? runExclusive(run) : run();
    };
    // One warm-up run, so the first real message does not pay for kernel set-up.
    await call('hello');
    classifier = options.wrap ? options.wrap(call) : call;
  }

  return {
    config: resolved,
    detectorId,
    labels,
    reasonCodes: labels.map((label) => modelReasonCode(label, resolved.id)),
    version: onnxSha ? `sha256:${onnxSha.slice(0, 12)}` : `transformers.js:${resolved.dtype}`,
    state: () => state,
    failure: () => lastFailure,
    load() {
      if (state === 'ready') return Promise.resolve();
      loading ??= (async () => {
        state = 'loading';
        try {
          await doLoad();
          state = 'ready';
          lastFailure = undefined;
          progress({ model: resolved.id, status: 'ready' });
        } catch (error) {
          state = 'failed';
          lastFailure = error;
          classifier = undefined;
          progress({ model: resolved.id, status: 'error' });
          throw error;
        } finally {
          loading = undefined;
        }
      })();
      return loading;
    },
    async classify(text) {
      if (!classifier) throw new GuardError('INTERNAL', `Model "${resolved.id}" was asked to classify before it loaded.`);
      const output = await classifier(text);
      if (!Array.isArray(output)) throw new GuardError('INTERNAL', `Model "${resolved.id}" returned no label scores.`);
      const scores: Partial<Record<Label, number>> = {};
      for (const { label, score } of output) {
        const mapped = resolved.labels[label];
        if (mapped === undefined || typeof score !== 'number' || !(score >= 0 && score <= 1)) continue;
        scores[mapped] = Math.max(scores[mapped] ?? 0, score);
      }
      for (const label of labels) {
        const score = scores[label];
        if (score !== undefined) scores[label] = calibrateScore(score, resolved.operatingPoints[label]);
      }
      return scores;
    },
    async dispose() {
      classifier = undefined;
      state = 'idle';
      await pipe?.dispose?.();
      pipe = undefined;
    },
  };
}

export type { TransformersModule };
