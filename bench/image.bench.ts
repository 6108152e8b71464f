/**
 * Benchmark of the nudity model: ChatGuard's ONNX path (onnxruntime-web, wasm, 1 thread; int8
 * and float32 models) against nsfwjs's own tfjs path (`load("MobileNetV2")` from the package's
 * bundled files, then `classify()`), end to end from RGBA pixels to class probabilities, on the
 * same generated images (224×224 to 1280×960). Variants are interleaved image by image, their
 * order rotating, after a warm-up. Model load time (cold: first load in a fresh process,
 * including runtime start-up; then a second load) and RSS are measured in a fresh child process
 * per variant so that one variant's memory does not count against another. Every output feeds a
 * printed checksum so the work cannot be optimised away.
 *
 * tfjs runs on its pure-JS CPU backend here (tfjs-node is not installed; in a browser nsfwjs
 * would use WebGL or wasm), so the ratio is for Node, CPU, one thread on both sides.
 *
 * Usage: `npm run bench:image -- [--iterations N]`. Writes `bench/results/image.json`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { load, type NSFWJS } from 'nsfwjs';
import * as ort from 'onnxruntime-web';
import { NSFW_CLASSES } from '../src/image/nsfw-classes.js';
import { createNudityDetector, type NudityDetector } from '../src/image/nudity-detector.js';
import { benchImages, testImages, type TestImage } from '../test/fixtures/images/generate.js';

const VARIANTS = ['onnx-int8', 'onnx-fp32', 'nsfwjs-tfjs'] as const;
type Variant = (typeof VARIANTS)[number];
const MODEL_IDS = { 'onnx-int8': 'nsfw-mobilenet-v2-int8', 'onnx-fp32': 'nsfw-mobilenet-v2' } as const;

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '5' },
    'measure-load': { type: 'string' },
  },
});

/** A loaded variant: classify RGBA pixels, return the probability vector. */
interface Runner {
  classify(image: TestImage): Promise<number[]>;
  dispose(): Promise<void> | void;
}

async function loadVariant(variant: Variant): Promise<Runner> {
  if (variant === 'nsfwjs-tfjs') {
    await tf.setBackend('cpu');
    const nsfw: NSFWJS = await load('MobileNetV2'); // includes nsfwjs's own warm-up prediction
    return {
      async classify(image) {
        const pixels = { data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length), width: image.width, height: image.height };
        const top = await nsfw.classify(pixels as unknown as ImageData, NSFW_CLASSES.length);
        return NSFW_CLASSES.map((name) => top.find((p) => p.className === name)?.probability ?? Number.NaN);
      },
      dispose: () => nsfw.dispose(),
    };
  }
  const detector: NudityDetector = createNudityDetector({ modelId: MODEL_IDS[variant], preload: true });
  await detector.load?.(); // includes one warm-up run
  return {
    async classify(image) {
      const { probabilities } = await detector.scoreImage({ type: 'image', data: image.data, width: image.width, height: image.height });
      return NSFW_CLASSES.map((name) => probabilities[name]);
    },
    dispose: () => detector.dispose(),
  };
}

/** Child mode: load one variant in a fresh process, report load time and memory as JSON. */
async function measureLoad(variant: Variant): Promise<void> {
  const mib = (bytes: number) => bytes / 2 ** 20;
  global.gc?.();
  const before = process.memoryUsage();
  const start = performance.now();
  const runner = await loadVariant(variant);
  const loadMs = performance.now() - start;
  const afterLoad = process.memoryUsage();
  let checksum = 0;
  for (const image of testImages().slice(0, 5)) checksum += (await runner.classify(image))[3] as number;
  const afterRuns = process.memoryUsage();
  await runner.dispose();
  // A second load in the same process: the runtime (ORT wasm, tfjs backend) is already initialised.
  const again = performance.now();
  const second = await loadVariant(variant);
  const warmLoadMs = performance.now() - again;
  await second.dispose();
  console.log(
    JSON.stringify({
      load_ms: loadMs,
      second_load_ms: warmLoadMs,
      rss_mib: { before_load: mib(before.rss), after_load: mib(afterLoad.rss), after_5_images: mib(afterRuns.rss) },
      rss_growth_mib: mib(afterRuns.rss - before.rss),
      checksum,
    }),
  );
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}
const summary = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50_ms: percentile(sorted, 0.5), p95_ms: percentile(sorted, 0.95), mean_ms: samples.reduce((a, b) => a + b, 0) / samples.length, n: samples.length };
};

async function main(): Promise<void> {
  const iterations = Number(values.iterations);
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`--iterations must be a positive integer, got ${values.iterations}`);
  const loadAtStart = loadavg()[0] as number; // the machine may be shared: recorded with the results
  const self = fileURLToPath(import.meta.url);
  const loads = {} as Record<Variant, unknown>;
  for (const variant of VARIANTS) {
    const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', self, '--measure-load', variant], { encoding: 'utf8' });
    const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
    if (child.status !== 0 || !line) throw new Error(`load measurement for ${variant} failed: ${child.stderr}`);
    loads[variant] = JSON.parse(line);
  }

  const images = [
    ...['shapes-b', 'skin-tone-texture', 'landscape', 'sunset', 'document', 'noise-640x480'].map((id) => testImages().find((image) => image.id === id) as TestImage),
    ...benchImages(),
  ];
  const runners = {} as Record<Variant, Runner>;
  for (const variant of VARIANTS) runners[variant] = await loadVariant(variant);
  let checksum = 0;
  for (const variant of VARIANTS) for (const image of images.slice(0, 2)) checksum += (await runners[variant].classify(image))[2] as number; // warm-up

  const samples = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  let round = 0;
  for (let i = 0; i < iterations; i++) {
    for (const image of images) {
      for (let k = 0; k < VARIANTS.length; k++) {
        const variant = VARIANTS[(k + round) % VARIANTS.length] as Variant; // rotate who goes first
        const start = performance.now();
        const probabilities = await runners[variant].classify(image);
        samples[variant].push(performance.now() - start);
        checksum += (probabilities[3] as number) + (probabilities[1] as number);
      }
      round++;
    }
  }
  for (const variant of VARIANTS) await runners[variant].dispose();

  const perCall = Object.fromEntries(VARIANTS.map((v) => [v, summary(samples[v])])) as Record<Variant, ReturnType<typeof summary>>;
  const ratio = (v: Variant) => perCall['nsfwjs-tfjs'].p50_ms / perCall[v].p50_ms;
  const bytes = (file: string) => statSync(new URL(`../models/${file}`, import.meta.url)).size;
  const version = (pkg: string) => (JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    onnxruntime_web: ort.env.versions.web ?? version('onnxruntime-web'),
    wasm_threads: ort.env.wasm.numThreads,
    tfjs: tf.version.tfjs,
    tfjs_backend: 'cpu (pure JS; tfjs-node not installed)',
    nsfwjs: version('nsfwjs'),
    load_average_1m: { start: loadAtStart, end: loadavg()[0] as number },
  };
  const results = {
    comment: 'Auto-generated by bench/image.bench.ts (npm run bench:image). Do not edit.',
    machine,
    images: images.map((image) => `${image.id} ${image.width}×${image.height}`),
    iterations,
    per_call_end_to_end: perCall,
    p50_speedup_vs_nsfwjs: { 'onnx-int8': ratio('onnx-int8'), 'onnx-fp32': ratio('onnx-fp32') },
    load_and_memory_fresh_process: loads,
    model_bytes: { 'onnx-int8': bytes('nsfw-mobilenet-v2-int8.onnx'), 'onnx-fp32': bytes('nsfw-mobilenet-v2.onnx'), 'nsfwjs (base64 .min.js bundle)': statSync(new URL('../node_modules/nsfwjs/dist/models/mobilenet_v2/group1-shard1of1.min.js', import.meta.url)).size },
    checksum,
  };

  console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, onnxruntime-web ${machine.onnxruntime_web} (${machine.wasm_threads} thread), tfjs ${machine.tfjs} cpu, nsfwjs ${machine.nsfwjs}`);
  console.log(`${images.length} images × ${iterations} iterations, interleaved`);
  console.log('variant         p50 ms   p95 ms  mean ms  cold load ms  2nd load ms  RSS growth MiB');
  for (const v of VARIANTS) {
    const r = perCall[v];
    const l = loads[v] as { load_ms: number; second_load_ms: number; rss_growth_mib: number };
    console.log(
      `${v.padEnd(14)} ${r.p50_ms.toFixed(1).padStart(7)} ${r.p95_ms.toFixed(1).padStart(8)} ${r.mean_ms.toFixed(1).padStart(8)} ${l.load_ms.toFixed(0).padStart(13)} ${l.second_load_ms.toFixed(0).padStart(12)} ${l.rss_growth_mib.toFixed(0).padStart(15)}`,
    );
  }
  console.log(`p50 speed-up over nsfwjs: int8 ${ratio('onnx-int8').toFixed(1)}×, fp32 ${ratio('onnx-fp32').toFixed(1)}×`);
  console.log(`checksum ${checksum.toFixed(4)}`);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('./results/image.json', import.meta.url),
    `${JSON.stringify(results, (_key, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(3)) : v), 2)}\n`,
  );
}

if (values['measure-load'] !== undefined) {
  const variant = values['measure-load'] as Variant;
  if (!VARIANTS.includes(variant)) throw new Error(`--measure-load expects one of ${VARIANTS.join(', ')}`);
  await measureLoad(variant);
} else {
  await main();
}
