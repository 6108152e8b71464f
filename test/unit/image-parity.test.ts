/**
 * The converted ONNX models under onnxruntime-web against nsfwjs itself under tfjs, on the same
 * RGBA images (30 generated ones, 1×1 to 640×480): pixels in, class probabilities out, so the
 * preprocessing is compared as well as the network. nsfwjs on tfjs's CPU backend takes about a
 * second per image in Node, so its outputs for all 30 are cached in
 * `test/fixtures/images/nsfw-golden.json` (`npx tsx scripts/convert-nsfw.ts --golden`), and one
 * test runs nsfwjs live on three of them (no resize, a Porn-scored texture, a 1000×50 strip) to check the cache still holds.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { load, type NSFWJS } from 'nsfwjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NSFW_CLASSES } from '../../src/image/nsfw-classes.js';
import { createNudityDetector, type NudityDetector } from '../../src/image/nudity-detector.js';
import { pixelDigest, testImages, type TestImage } from '../fixtures/images/generate.js';

interface Golden {
  readonly classes: readonly string[];
  readonly images: readonly { id: string; pixels_sha256: string; probabilities: number[] }[];
}

const golden = JSON.parse(readFileSync(new URL('../fixtures/images/nsfw-golden.json', import.meta.url), 'utf8')) as Golden;
const images = testImages();
const TOLERANCE = { 'nsfw-mobilenet-v2': 1e-4, 'nsfw-mobilenet-v2-int8': 0.02 } as const;
const LIVE_IDS = ['noise-224', 'skin-tone-texture', 'stripes-wide'];

const argmax = (values: readonly number[]) => values.reduce((best, v, k) => (v > (values[best] as number) ? k : best), 0);
const maxAbsDiff = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, k) => Math.abs(v - (b[k] as number))));
const attachment = (image: TestImage) => ({ type: 'image' as const, data: image.data, width: image.width, height: image.height });

function goldenFor(id: string): number[] {
  const entry = golden.images.find((image) => image.id === id);
  if (!entry) throw new Error(`No golden output for ${id}; run npx tsx scripts/convert-nsfw.ts --golden`);
  return entry.probabilities;
}

describe('nudity model parity with nsfwjs', () => {
  const detectors = new Map<keyof typeof TOLERANCE, NudityDetector>();
  const onnxOutputs = new Map<string, number[]>(); // float32 model, by image id
  beforeAll(async () => {
    for (const modelId of Object.keys(TOLERANCE) as (keyof typeof TOLERANCE)[]) detectors.set(modelId, createNudityDetector({ modelId }));
  });
  afterAll(async () => {
    for (const detector of detectors.values()) await detector.dispose();
  });

  it('has a golden output for every generated image, from the same pixels', () => {
    expect(images.length).toBeGreaterThanOrEqual(20);
    expect(golden.classes).toEqual(NSFW_CLASSES);
    for (const image of images) {
      const entry = golden.images.find((g) => g.id === image.id);
      expect(entry?.pixels_sha256, image.id).toBe(pixelDigest(image));
    }
  });

  it.each(Object.entries(TOLERANCE))('%s matches nsfwjs within %s with the same top class', async (modelId, tolerance) => {
    const detector = detectors.get(modelId as keyof typeof TOLERANCE) as NudityDetector;
    let worst = 0;
    for (const image of images) {
      const { probabilities } = await detector.scoreImage(attachment(image));
      const onnx = NSFW_CLASSES.map((name) => probabilities[name]);
      const reference = goldenFor(image.id);
      const diff = maxAbsDiff(onnx, reference);
      worst = Math.max(worst, diff);
      expect(diff, image.id).toBeLessThanOrEqual(tolerance);
      expect(NSFW_CLASSES[argmax(onnx)], image.id).toBe(NSFW_CLASSES[argmax(reference)]);
      if (modelId === 'nsfw-mobilenet-v2') onnxOutputs.set(image.id, onnx);
    }
    console.info(`${modelId}: max |Δp| over ${images.length} images = ${worst.toExponential(2)}`);
  });

  it('covers more than one top class', () => {
    const tops = new Set(golden.images.map((image) => NSFW_CLASSES[argmax(image.probabilities)]));
    expect(tops.size).toBeGreaterThanOrEqual(3); // Drawing, Neutral and Porn among the generated set
  });

  describe('live nsfwjs (tfjs CPU backend)', () => {
    let nsfw: NSFWJS;
    beforeAll(async () => {
      await tf.setBackend('cpu');
      nsfw = await load('MobileNetV2');
    }, 60_000);
    afterAll(() => nsfw?.dispose());

    it('still gives the cached outputs, and the ONNX model matches it', async () => {
      for (const id of LIVE_IDS) {
        const image = images.find((candidate) => candidate.id === id) as TestImage;
        const pixels = { data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length), width: image.width, height: image.height };
        const output = nsfw.infer(pixels as unknown as ImageData);
        const live = Array.from(await output.data());
        output.dispose();
        expect(maxAbsDiff(live, goldenFor(id)), id).toBeLessThanOrEqual(1e-6);
        const onnx = onnxOutputs.get(id) ?? NSFW_CLASSES.map(() => Number.NaN);
        expect(maxAbsDiff(onnx, live), id).toBeLessThanOrEqual(TOLERANCE['nsfw-mobilenet-v2']);
      }
    }, 60_000);
  });
});
