/**
 * The benchmark page: ChatGuard through its public entry, `createGuard({ modelBaseUrl, ort: { wasmPaths } })`,
 * in a real module worker, plus a second module worker (`model-worker.ts`) that times each model
 * on its own. `bench/lib/chromium.ts` drives the functions on `window.bench` through playwright-core;
 * every timing is taken here, in the page or the worker, with `performance.now()`.
 *
 * `?threads=2` asks onnxruntime-web for 2 threads, which it only gets when the page is
 * cross-origin isolated (the server sends COOP/COEP for that run).
 */
import { wrap, type Remote } from 'comlink';
import { createGuard, type Guard, type ImageAttachment, type Verdict } from '../../src/index.js';
import { drawLandscape, IMAGE_SIZES, type BenchImage } from '../lib/images.js';
import { TEXTS, type Bucket } from '../lib/inputs.js';
import { timeSeries } from '../lib/stats.js';
import type { ImageSize, ModelId, ModelWorkerApi, ModelWorkerConfig } from './model-worker.js';
import { CASCADE_CANDIDATES, inBand, streamMessage, wordpieceConfig } from '../lib/hf-bench.js';
import { interleave } from '../lib/stats.js';

const threads = Number(new URLSearchParams(location.search).get('threads') ?? '1');
const config: ModelWorkerConfig = {
  modelBaseUrl: new URL('/models/', location.href).href,
  ort: { wasmPaths: new URL('/ort/', location.href).href, numThreads: threads },
};

/** The image inputs of the guard's image path: raw RGBA (moved to the worker) or encoded files (decoded there). */
export type ImageKind = 'rgba-small' | 'rgba-photo12mp' | 'png-small' | 'jpeg-small' | 'jpeg-photo12mp';

let guard: Guard | undefined;
/** Verdicts that came back degraded (a detector failed): a benchmark of failures would be meaningless, so the driver checks this. */
const degraded: Record<string, number> = {};
function checked(kind: string, verdict: Verdict): Verdict {
  if (verdict.degraded) degraded[kind] = (degraded[kind] ?? 0) + 1;
  return verdict;
}
const drawn = new Map<ImageSize, BenchImage>();
const blobs = new Map<ImageKind, Blob>();
let models: { worker: Worker; api: Remote<ModelWorkerApi> } | undefined;
let cascadeGuards: Promise<{ fast: Guard; withModel: Guard; uncertain: string[]; sure: string[] }> | undefined;

function draw(size: ImageSize): BenchImage {
  let image = drawn.get(size);
  if (!image) {
    image = drawLandscape(IMAGE_SIZES[size].width, IMAGE_SIZES[size].height);
    drawn.set(size, image);
  }
  return image;
}

/** A fresh copy each call: the guard moves (transfers) the pixel buffer to its worker. */
function rgbaAttachment(size: ImageSize): ImageAttachment {
  const image = draw(size);
  return { type: 'image', data: image.data.slice(), width: image.width, height: image.height };
}

async function blobFor(kind: ImageKind): Promise<Blob> {
  let blob = blobs.get(kind);
  if (blob) return blob;
  if (kind === 'png-small' || kind === 'jpeg-small') {
    const response = await fetch(`/inputs/photo-224.${kind === 'png-small' ? 'png' : 'jpg'}`);
    if (!response.ok) throw new Error(`could not fetch the ${kind} input: HTTP ${response.status}`);
    blob = await response.blob();
  } else {
    const image = draw('photo12mp');
    const canvas = new OffscreenCanvas(image.width, image.height);
    canvas.getContext('2d')?.putImageData(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height), 0, 0);
    blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  }
  blobs.set(kind, blob);
  return blob;
}

function requireGuard(): Guard {
  if (!guard) throw new Error('call coldGuard() first');
  return guard;
}

function startModelWorker(): { worker: Worker; api: Remote<ModelWorkerApi> } {
  const worker = new Worker(new URL('./model-worker.ts', import.meta.url), { type: 'module', name: 'chatguard-bench-models' });
  return { worker, api: wrap<ModelWorkerApi>(worker) };
}

const bench = {
  info: () => ({
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    threads,
  }),
  /** Creates the guard and times its first verdict: worker start, ORT init, text and link models loaded, one check. */
  async coldGuard(): Promise<{ worker_ready_ms: number; first_verdict_ms: number }> {
    guard?.dispose();
    const start = performance.now();
    guard = createGuard(config);
    await guard.setProfile('adult'); // needs the worker started and initialised, but no model
    const worker_ready_ms = performance.now() - start;
    const verdict = await guard.checkIncoming({ text: TEXTS.typical[0] as string });
    const first_verdict_ms = performance.now() - start;
    if (!Array.isArray(verdict.flags)) throw new Error('no verdict');
    return { worker_ready_ms, first_verdict_ms };
  },
  /** Times the guard's first image check, which loads the nudity model. */
  async firstImage(): Promise<{ first_image_ms: number }> {
    const current = requireGuard();
    const attachment = rgbaAttachment('small');
    const start = performance.now();
    await current.checkImage(attachment);
    return { first_image_ms: performance.now() - start };
  },
  /** Whole checkIncoming / checkOutgoing round trips on one bucket's messages, in turn. */
  async guardText(direction: 'incoming' | 'outgoing', bucket: Bucket, iterations: number, warmup: number): Promise<number[]> {
    const current = requireGuard();
    const texts = TEXTS[bucket];
    const check = direction === 'incoming' ? current.checkIncoming : current.checkOutgoing;
    return timeSeries(async (i) => checked(`text ${bucket}`, await check({ text: texts[i % texts.length] as string })).scores.scam, iterations, warmup);
  },
  /** Whole checkImage round trips: RGBA moved to the worker (resized there), or PNG/JPEG Blobs decoded there. */
  async guardImage(kind: ImageKind, iterations: number, warmup: number): Promise<number[]> {
    const current = requireGuard();
    if (kind === 'rgba-small' || kind === 'rgba-photo12mp') {
      const size: ImageSize = kind === 'rgba-small' ? 'small' : 'photo12mp';
      return timeSeries(
        async (_i, attachment) => checked(kind, await current.checkImage(attachment as ImageAttachment)).scores.nudity,
        iterations,
        warmup,
        () => rgbaAttachment(size),
      );
    }
    const blob = await blobFor(kind);
    return timeSeries(async () => checked(kind, await current.checkImage({ type: 'image', data: blob })).scores.nudity, iterations, warmup);
  },
  /** Loads one model in a fresh worker (nothing cached: the server sends no-store) and runs it once. */
  async coldModel(modelId: ModelId): Promise<{ load_ms: number; first_run_ms: number }> {
    const fresh = startModelWorker();
    try {
      await fresh.api.init(config);
      return await fresh.api.coldLoad(modelId, TEXTS.typical[0] as string);
    } finally {
      fresh.worker.terminate();
    }
  },
  /** Per-model timings inside the model worker. */
  async modelText(bucket: Bucket, iterations: number, warmup: number): Promise<number[]> {
    models ??= startModelWorker();
    await models.api.init(config);
    return models.api.textScore(bucket, iterations, warmup);
  },
  async modelUrl(iterations: number, warmup: number): Promise<number[]> {
    models ??= startModelWorker();
    await models.api.init(config);
    return models.api.checkUrl(iterations, warmup);
  },
  async modelNudity(size: ImageSize, iterations: number, warmup: number): Promise<Record<string, number[]>> {
    models ??= startModelWorker();
    await models.api.init(config);
    return models.api.nudityPair(size, iterations, warmup);
  },
  /** Prepares the encoded inputs outside any timing. */
  async prepare(kinds: readonly ImageKind[]): Promise<void> {
    for (const kind of kinds) if (!kind.startsWith('rgba')) await blobFor(kind);
  },
  /** JS memory per realm (cross-origin isolated pages only; wasm memory is not included). */
  async jsMemory(): Promise<{ bytes: number; worker_bytes: number; breakdown: { bytes: number; scope: string }[] } | null> {
    const measure = (performance as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number; breakdown: { bytes: number; attribution: { scope: string }[] }[] }> })
      .measureUserAgentSpecificMemory;
    if (!globalThis.crossOriginIsolated || !measure) return null;
    const result = await measure.call(performance);
    const breakdown = result.breakdown.map((entry) => ({ bytes: entry.bytes, scope: entry.attribution.map((a) => a.scope).join(',') || 'shared' }));
    const worker_bytes = breakdown.filter((entry) => entry.scope.includes('DedicatedWorker')).reduce((sum, entry) => sum + entry.bytes, 0);
    return { bytes: result.bytes, worker_bytes, breakdown };
  },
  /** The transformers.js pipeline vs a direct onnxruntime-web session on the same model, in the model worker. */
  async hfPipelineVsSession(iterations: number, warmup: number): Promise<Record<string, number[]>> {
    models ??= startModelWorker();
    await models.api.init(config);
    return models.api.hfPipelineVsSession(iterations, warmup);
  },
  /**
   * The cascade's added latency: whole checkIncoming round trips with the fast detectors only (one guard) and with
   * the wordpiece-bag model configured when-uncertain (another guard), interleaved call by call, on a stream where
   * `rate` of the messages have a fast score in the band.
   */
  async hfCascade(rate: number, iterations: number, warmup: number): Promise<{ fast: number[]; cascade: number[]; model_calls: number; skipped: number; in_band: number; out_of_band: number }> {
    cascadeGuards ??= (async () => {
      const fast = createGuard(config);
      const withModel = createGuard({ ...config, textModels: [wordpieceConfig(new URL('/models/transformers/chatguard-wordpiece-bag/', location.href).href)] });
      await Promise.all([fast.ready(), withModel.ready()]);
      const uncertain: string[] = [];
      const sure: string[] = [];
      for (const text of CASCADE_CANDIDATES) (inBand((await fast.checkIncoming({ text })).scores) ? uncertain : sure).push(text);
      // Untimed warm-up of both workers on every input, so the first rate measured does not pay for JIT and first runs.
      for (let round = 0; round < 3; round++) {
        for (const text of CASCADE_CANDIDATES) await Promise.all([fast.checkIncoming({ text }), withModel.checkIncoming({ text })]);
      }
      return { fast, withModel, uncertain, sure };
    })();
    const { fast, withModel, uncertain, sure } = await cascadeGuards;
    let model_calls = 0;
    let skipped = 0;
    const samples = await interleave(
      [
        { id: 'fast', run: async (i) => (await fast.checkIncoming({ text: streamMessage(i, rate, uncertain, sure) })).scores.harassment },
        {
          id: 'cascade',
          run: async (i) => {
            const verdict = await withModel.checkIncoming({ text: streamMessage(i, rate, uncertain, sure) });
            if (i >= warmup) {
              if (verdict.versions['hf:chatguard-wordpiece-bag']) model_calls += 1;
              skipped += verdict.skipped?.length ?? 0;
            }
            return verdict.scores.harassment;
          },
        },
      ],
      iterations,
      warmup,
    );
    return { fast: samples['fast'] ?? [], cascade: samples['cascade'] ?? [], model_calls, skipped, in_band: uncertain.length, out_of_band: sure.length };
  },
  /** Degraded verdicts seen so far, by input kind. */
  degraded: () => ({ ...degraded }),
  dispose(): void {
    guard?.dispose();
    guard = undefined;
    void cascadeGuards?.then(({ fast, withModel }) => {
      fast.dispose();
      withModel.dispose();
    });
    cascadeGuards = undefined;
    models?.worker.terminate();
    models = undefined;
  },
};

/** What `window.bench` offers the driver. */
export type BenchPage = typeof bench;
(globalThis as unknown as { bench: BenchPage }).bench = bench;
document.title = 'ChatGuard benchmark page (ready)';
