import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NSFW_INPUT_SIZE } from '../../src/image/nsfw-classes.js';
import { preprocessImage } from '../../src/image/preprocess.js';
import { testImages } from '../fixtures/images/generate.js';

/** nsfwjs's `infer()` preprocessing, verbatim, on tfjs's CPU backend. */
function nsfwjsPreprocess(data: Uint8ClampedArray, width: number, height: number): Float32Array {
  return tf.tidy(() => {
    const pixels = tf.browser.fromPixels({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height });
    const normalized = pixels.toFloat().div(tf.scalar(255));
    const size = NSFW_INPUT_SIZE;
    const resized = height !== size || width !== size ? tf.image.resizeBilinear(normalized as tf.Tensor3D, [size, size], true) : normalized;
    return resized.dataSync() as Float32Array;
  });
}

describe('preprocessImage', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives the very floats nsfwjs feeds its model, for every generated image', () => {
    for (const image of testImages()) {
      const ours = preprocessImage(image);
      const theirs = nsfwjsPreprocess(image.data, image.width, image.height);
      expect(ours.length, image.id).toBe(NSFW_INPUT_SIZE * NSFW_INPUT_SIZE * 3);
      let worst = 0;
      for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs((ours[i] as number) - (theirs[i] as number)));
      expect(worst, image.id).toBe(0);
    }
  });

  it('drops alpha, divides by 255 and keeps a 224×224 image as it is', () => {
    const size = NSFW_INPUT_SIZE;
    const data = new Uint8ClampedArray(size * size * 4);
    for (let i = 0; i < data.length; i += 4) data.set([255, 51, 0, i % 8 === 0 ? 0 : 255], i);
    const out = preprocessImage({ data, width: size, height: size });
    expect(Array.from(out.subarray(0, 6))).toEqual([1, Math.fround(0.2), 0, 1, Math.fround(0.2), 0]);
  });

  it('handles 1×1 and extreme aspect ratios', () => {
    const one = preprocessImage({ data: new Uint8Array([255, 0, 255, 255]), width: 1, height: 1 });
    expect(new Set(Array.from(one.filter((_, i) => i % 3 === 0)))).toEqual(new Set([1]));
    const strip = preprocessImage({ data: new Uint8Array(5000 * 1 * 4).fill(128), width: 5000, height: 1 });
    expect(strip.every((v) => v === Math.fround(128 / 255))).toBe(true);
  });
});
