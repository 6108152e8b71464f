/**
 * A module worker that times each shipped model on its own, inside the worker (no round trip),
 * through the public entry's detector factories — as ChatGuard's own worker runs them.
 * Driven by `main.ts` over comlink.
 */
import { expose } from 'comlink';
import {
  createLinkDetector,
  createNudityDetector,
  createTextModelDetector,
  type LinkDetector,
  type NudityDetector,
  type OrtEnvOptions,
  type TextModelDetector,
} from '../../src/index.js';
import { drawLandscape, IMAGE_SIZES, type BenchImage } from '../lib/images.js';
import { TEXTS, URLS, type Bucket } from '../lib/inputs.js';
import { consume, interleave, timeSeries } from '../lib/stats.js';
import * as ort from '#onnxruntime';
import { createSerialSession } from '../../src/runtime/session.js';
import { loadHfParts, wordpieceConfig } from '../lib/hf-bench.js';

/** Where the worker finds models and the ORT files. */
export interface ModelWorkerConfig {
  readonly modelBaseUrl: string;
  readonly ort: OrtEnvOptions;
}

/** Which model to load cold. */
export type ModelId = 'text-linear' | 'url-linear' | 'nsfw-mobilenet-v2-int8' | 'nsfw-mobilenet-v2';
/** Image sizes the worker draws itself. */
export type ImageSize = keyof typeof IMAGE_SIZES;

let config: ModelWorkerConfig | undefined;
let text: TextModelDetector | undefined;
let links: LinkDetector | undefined;
const nudity = new Map<string, NudityDetector>();
const images = new Map<ImageSize, BenchImage>();

function options(): ModelWorkerConfig {
  if (!config) throw new Error('call init() first');
  return config;
}

function image(size: ImageSize): BenchImage {
  let found = images.get(size);
  if (!found) {
    found = drawLandscape(IMAGE_SIZES[size].width, IMAGE_SIZES[size].height);
    images.set(size, found);
  }
  return found;
}

function nudityDetector(modelId: string): NudityDetector {
  let detector = nudity.get(modelId);
  if (!detector) {
    detector = createNudityDetector({ ...options(), modelId, preload: true });
    nudity.set(modelId, detector);
  }
  return detector;
}

const api = {
  init(next: ModelWorkerConfig): void {
    config = next;
  },
  /** Loads one model (file fetch, sha256 check, session, warm-up run), then runs it once. */
  async coldLoad(modelId: ModelId, sample: string): Promise<{ load_ms: number; first_run_ms: number }> {
    let start = performance.now();
    let run: () => Promise<number>;
    if (modelId === 'text-linear') {
      text = createTextModelDetector(options());
      await text.load();
      const loaded = text;
      run = async () => (await loaded.score(sample)).scores.spam;
    } else if (modelId === 'url-linear') {
      links = createLinkDetector(options());
      await links.load();
      const loaded = links;
      run = async () => (await loaded.checkUrl(URLS[0] as string)).score;
    } else {
      const detector = nudityDetector(modelId);
      await detector.load?.();
      const pixels = image('small');
      run = async () => (await detector.scoreImage({ type: 'image', ...pixels })).nudity;
    }
    const load_ms = performance.now() - start;
    start = performance.now();
    consume(await run());
    return { load_ms, first_run_ms: performance.now() - start };
  },
  /** text-linear `score()` on one bucket's messages, in turn. */
  async textScore(bucket: Bucket, iterations: number, warmup: number): Promise<number[]> {
    text ??= createTextModelDetector(options());
    const detector = text;
    const texts = TEXTS[bucket];
    return timeSeries(async (i) => (await detector.score(texts[i % texts.length] as string)).scores.spam, iterations, warmup);
  },
  /** The link checker's `checkUrl()` (blocklist lookup, heuristics, url-linear) on the fixed URLs. */
  async checkUrl(iterations: number, warmup: number): Promise<number[]> {
    links ??= createLinkDetector(options());
    const detector = links;
    return timeSeries(async (i) => (await detector.checkUrl(URLS[i % URLS.length] as string)).score, iterations, warmup);
  },
  /** int8 and float32 nudity models interleaved on one drawn image (RGBA → probabilities, resize included). */
  async nudityPair(size: ImageSize, iterations: number, warmup: number): Promise<Record<string, number[]>> {
    const pixels = image(size);
    const variants = ['nsfw-mobilenet-v2-int8', 'nsfw-mobilenet-v2'].map((modelId) => {
      const detector = nudityDetector(modelId);
      return { id: modelId, run: async () => (await detector.scoreImage({ type: 'image', ...pixels })).nudity };
    });
    return interleave(variants, iterations, warmup);
  },
  /**
   * The transformers.js pipeline against a direct onnxruntime-web session on the same model (this worker's one
   * onnxruntime instance: the page's build aliases transformers.js's `onnxruntime-web/webgpu` to it), interleaved:
   * the whole pipeline call, its tokenizer alone, tokenizer + session.run, session.run on pre-tokenized input.
   */
  async hfPipelineVsSession(iterations: number, warmup: number): Promise<Record<string, number[]>> {
    const folder = new URL('transformers/chatguard-wordpiece-bag/', options().modelBaseUrl).href;
    const parts = await loadHfParts(wordpieceConfig(folder), 'wasm', options().ort);
    const response = await fetch(new URL('onnx/model.onnx', folder));
    const session = await createSerialSession(new Uint8Array(await response.arrayBuffer()), 'chatguard-wordpiece-bag onnx/model.onnx', options().ort);
    const texts = [...TEXTS.short, ...TEXTS.typical];
    const feeds = (text: string) => {
      const t = parts.tokenize(text);
      return { input_ids: new ort.Tensor('int64', t.input_ids.data, [...t.input_ids.dims]), attention_mask: new ort.Tensor('int64', t.attention_mask.data, [...t.attention_mask.dims]) };
    };
    const prepared = texts.map(feeds);
    const at = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
    const first = (output: Record<string, ort.Tensor>) => Number((output['logits']?.data as Float32Array | undefined)?.[0] ?? 0);
    try {
      return await interleave(
        [
          { id: 'pipeline', run: async (i) => ((await parts.pipeline(at(texts, i))) as unknown[]).length },
          { id: 'tokenize', run: (i) => parts.tokenize(at(texts, i)).input_ids.dims[1] ?? 0 },
          { id: 'tokenize-run', run: async (i) => first(await session.run(feeds(at(texts, i)))) },
          { id: 'run', run: async (i) => first(await session.run(at(prepared, i))) },
        ],
        iterations,
        warmup,
      );
    } finally {
      await session.dispose();
    }
  },
};

/** The worker's API, for `wrap<ModelWorkerApi>()` on the page. */
export type ModelWorkerApi = typeof api;

expose(Object.freeze(api));
