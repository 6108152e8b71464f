/**
 * The browser half of image input, which Node cannot run: Blobs decoded with createImageBitmap,
 * ImageBitmaps and real ImageData read through OffscreenCanvas. `src/image/image-input.ts` is
 * bundled with esbuild and run in headless Chromium (skipped where Chromium is missing).
 */
import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchChromium, type LaunchedBrowser } from '../browser/launch.js';
import { testImages } from '../fixtures/images/generate.js';

const source = testImages().find((image) => image.id === 'shapes-b');
if (!source) throw new Error('fixture shapes-b missing');

describe.skipIf(!existsSync(CHROMIUM_PATH))('image input in Chromium', () => {
  let browser: LaunchedBrowser;
  let results: Record<string, unknown>;
  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [new URL('../../src/image/image-input.ts', import.meta.url).pathname],
      bundle: true,
      format: 'iife',
      globalName: 'imageInput',
      write: false,
      target: 'es2022',
    });
    browser = await launchChromium();
    const page = await browser.context.newPage();
    await page.setContent('<!doctype html><title>image input</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    results = await page.evaluate(
      async ({ rgba, width, height }) => {
        const { readImagePixels } = (globalThis as unknown as { imageInput: typeof import('../../src/image/image-input.js') }).imageInput;
        const original = new Uint8ClampedArray(rgba);
        const imageData = new ImageData(original, width, height);
        const canvas = new OffscreenCanvas(width, height);
        canvas.getContext('2d')?.putImageData(imageData, 0, 0);
        const png = await canvas.convertToBlob({ type: 'image/png' });
        const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
        const diff = (pixels: { data: ArrayLike<number>; width: number; height: number }) => {
          let max = 0;
          let sum = 0;
          for (let i = 0; i < original.length; i++) {
            const d = Math.abs((pixels.data[i] as number) - (original[i] as number));
            max = Math.max(max, d);
            sum += d;
          }
          return { width: pixels.width, height: pixels.height, max, mean: sum / original.length };
        };
        const errorOf = async (attachment: unknown) => {
          try {
            await readImagePixels(attachment);
            return null;
          } catch (error) {
            return { code: (error as { code?: string }).code, message: (error as Error).message };
          }
        };
        return {
          imageData: diff(await readImagePixels({ type: 'image', data: imageData })),
          png: diff(await readImagePixels({ type: 'image', data: png })),
          jpeg: diff(await readImagePixels({ type: 'image', data: jpeg })),
          bitmap: diff(await readImagePixels({ type: 'image', data: await createImageBitmap(imageData) })),
          corrupt: await errorOf({ type: 'image', data: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: 'image/png' }) }),
          closed: await errorOf({ type: 'image', data: await createImageBitmap(imageData).then((b) => (b.close(), b)) }),
        };
      },
      { rgba: Array.from(source.data), width: source.width, height: source.height },
    );
  }, 60_000);
  afterAll(() => browser?.close());

  it('reads an ImageData and an ImageBitmap pixel for pixel', () => {
    expect(results['imageData']).toEqual({ width: source.width, height: source.height, max: 0, mean: 0 });
    expect(results['bitmap']).toMatchObject({ width: source.width, height: source.height, max: 0 });
  });

  it('decodes a PNG Blob losslessly and a JPEG Blob closely', () => {
    expect(results['png']).toMatchObject({ width: source.width, height: source.height, max: 0 });
    expect(results['jpeg']).toMatchObject({ width: source.width, height: source.height });
    expect((results['jpeg'] as { mean: number }).mean).toBeLessThan(4);
  });

  it('rejects an undecodable Blob and a closed ImageBitmap with INVALID_IMAGE', () => {
    expect(results['corrupt']).toMatchObject({ code: 'INVALID_IMAGE', message: expect.stringContaining('Could not decode') });
    expect(results['closed']).toMatchObject({ code: 'INVALID_IMAGE', message: expect.stringContaining('closed') });
  });
});
