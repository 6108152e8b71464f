/**
 * ChatGuard's ONNX image path against nsfwjs's own tfjs path, in a child process of
 * `bench/run.ts`: the same drawn images, RGBA pixels in, class probabilities out (each side
 * resizes with its own code), interleaved call by call with the order rotating. tfjs runs on its
 * pure-JS CPU backend (tfjs-node is not installed), one thread like onnxruntime-web here.
 *
 * Usage (from run.ts): `tsx bench/lib/node-nsfwjs.ts <out.json> <plan json>`.
 */
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { load } from 'nsfwjs';
import { drawLandscape, IMAGE_SIZES } from './images.js';
import type { Plan } from './plan.js';
import { BACKENDS, coldResult, compare, resultFrom, type Comparison, type Result } from './results.js';
import { interleave, sink } from './stats.js';

const [out = '', planJson = '{}'] = process.argv.slice(2);
const plan = JSON.parse(planJson) as Plan;
const lib = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof import('../../src/index.js');

const results: Result[] = [];
const comparisons: Comparison[] = [];

await tf.setBackend('cpu');
let start = performance.now();
const nsfw = await load('MobileNetV2'); // nsfwjs's bundled model files; includes its own warm-up prediction
const nsfwLoad = performance.now() - start;
results.push(coldResult('cold: load nsfwjs MobileNetV2 (first load in the process)', 'node', BACKENDS.tfjsCpu, [nsfwLoad]));
const onnx = ['nsfw-mobilenet-v2-int8', 'nsfw-mobilenet-v2'].map((modelId) => ({ modelId, detector: lib.createNudityDetector({ modelId, preload: true }) }));
for (const { detector } of onnx) await detector.load?.();

const sizes = [
  { size: 'small' as const, label: '224×224', iterations: plan.tfjsIterations },
  ...(plan.bigImage ? [{ size: 'photo12mp' as const, label: '12 MP (incl. resize)', iterations: plan.tfjsBigIterations }] : []),
];
for (const { size, label, iterations } of sizes) {
  const image = drawLandscape(IMAGE_SIZES[size].width, IMAGE_SIZES[size].height);
  const pixels = { data: new Uint8Array(image.data.buffer), width: image.width, height: image.height };
  const samples = await interleave(
    [
      { id: 'nsfwjs', run: async () => (await nsfw.classify(pixels as unknown as ImageData, 5)).find((p) => p.className === 'Porn')?.probability ?? 0 },
      ...onnx.map(({ modelId, detector }) => ({ id: modelId, run: async () => (await detector.scoreImage({ type: 'image', ...image })).probabilities.Porn })),
    ],
    iterations,
    1,
  );
  const peer = resultFrom(`image path ${label}: nsfwjs classify (RGBA → classes)`, 'node', BACKENDS.tfjsCpu, samples['nsfwjs'] ?? []);
  const int8 = resultFrom(`image path ${label}: ChatGuard int8 scoreImage (RGBA → classes)`, 'node', BACKENDS.ortWeb1, samples['nsfw-mobilenet-v2-int8'] ?? []);
  const fp32 = resultFrom(`image path ${label}: ChatGuard fp32 scoreImage (RGBA → classes)`, 'node', BACKENDS.ortWeb1, samples['nsfw-mobilenet-v2'] ?? []);
  results.push(peer, int8, fp32);
  comparisons.push(compare(`image path, nsfwjs/tfjs vs ChatGuard ONNX int8, ${label}`, peer, int8));
  comparisons.push(compare(`image path, nsfwjs/tfjs vs ChatGuard ONNX fp32, ${label}`, peer, fp32));
  console.log(`  nsfwjs: ${label} done`);
}
for (const { detector } of onnx) await detector.dispose();
nsfw.dispose();
writeFileSync(
  out,
  JSON.stringify({
    results,
    comparisons,
    details: { tfjs: tf.version.tfjs, backend: tf.getBackend(), note: 'tfjs pure-JS CPU backend in Node; in a browser nsfwjs would normally use WebGL, which headless Chromium with --disable-gpu lacks' },
    checksum: sink.value,
  }),
);
process.exit(0);
