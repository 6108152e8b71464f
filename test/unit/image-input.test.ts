import { describe, expect, it } from 'vitest';
import { isGuardError } from '../../src/engine/errors.js';
import { validateMessage } from '../../src/engine/message.js';
import { MAX_IMAGE_BYTES, checkImageAttachment, readImagePixels } from '../../src/image/image-input.js';

function errorOf(run: () => unknown): { code?: string; message: string } {
  try {
    run();
  } catch (error) {
    return { ...(isGuardError(error) ? { code: error.code } : {}), message: (error as Error).message };
  }
  throw new Error('expected a throw');
}

const rgba = (width: number, height: number) => new Uint8ClampedArray(width * height * 4);

describe('checkImageAttachment', () => {
  it('accepts raw RGBA (Uint8Array or Uint8ClampedArray) and ImageData-like objects', () => {
    expect(checkImageAttachment({ type: 'image', data: rgba(3, 2), width: 3, height: 2 }).kind).toBe('pixels');
    expect(checkImageAttachment({ type: 'image', data: new Uint8Array(24), width: 2, height: 3 }).kind).toBe('pixels');
    const imageData = { data: rgba(4, 4), width: 4, height: 4, colorSpace: 'srgb' };
    const source = checkImageAttachment({ type: 'image', data: imageData });
    expect(source.kind === 'pixels' && source.pixels.width).toBe(4);
  });

  it('accepts an image Blob without decoding it', () => {
    expect(checkImageAttachment({ type: 'image', data: new Blob([new Uint8Array(8)], { type: 'image/png' }) }).kind).toBe('blob');
  });

  it.each([
    ['truncated RGBA', { type: 'image', data: rgba(10, 10).subarray(0, 399), width: 10, height: 10 }, /10×10×4 = 400 bytes, got 399 bytes \(truncated\?\)/],
    ['too long RGBA', { type: 'image', data: rgba(10, 11), width: 10, height: 10 }, /= 400 bytes, got 440 bytes/],
    ['a detached buffer', { type: 'image', data: new Uint8Array(0), width: 10, height: 10 }, /transferred away/],
    ['missing width', { type: 'image', data: rgba(2, 2), height: 2 }, /width and height as positive integers, got none and a number/],
    ['fractional height', { type: 'image', data: rgba(2, 2), width: 2, height: 2.5 }, /positive integers/],
    ['over 50 megapixels', { type: 'image', data: new Uint8Array(4), width: 10_000, height: 5_001 }, /at most 50 megapixels, got 10000×5001/],
    ['a string', { type: 'image', data: 'photo.png' }, /raw RGBA pixels .* an ImageData, an ImageBitmap or a Blob.*got a string/],
    ['an array of numbers', { type: 'image', data: [255, 0, 0, 255], width: 1, height: 1 }, /got an array/],
    ['a Float32Array', { type: 'image', data: new Float32Array(4), width: 1, height: 1 }, /got an object/],
    ['an empty Blob', { type: 'image', data: new Blob([]) }, /empty Blob/],
    ['a text Blob', { type: 'image', data: new Blob(['hi'], { type: 'text/plain' }) }, /image Blob, got one of type "text\/plain"/],
  ])('rejects %s with INVALID_IMAGE saying what was expected', (_name, attachment, expected) => {
    const error = errorOf(() => checkImageAttachment(attachment));
    expect(error.code).toBe('INVALID_IMAGE');
    expect(error.message).toMatch(expected);
  });

  it('rejects more than 64 MiB of RGBA even under 50 megapixels', () => {
    const side = 4097; // 4097² × 4 bytes > 64 MiB, 16.8 MP
    const error = errorOf(() => checkImageAttachment({ type: 'image', data: new Uint8Array(side * side * 4), width: side, height: side }));
    expect(error.code).toBe('INVALID_IMAGE');
    expect(error.message).toContain(`at most ${MAX_IMAGE_BYTES / 2 ** 20} MiB`);
  });

  it('is applied by validateMessage, naming the attachment', () => {
    const error = errorOf(() => validateMessage({ text: 'look', attachments: [{ type: 'image', data: rgba(1, 1), width: 1, height: 1 }, { type: 'image', data: rgba(2, 1), width: 2, height: 2 }] }));
    expect(error.code).toBe('INVALID_IMAGE');
    expect(error.message).toContain('message.attachments[1]');
  });
});

describe('readImagePixels', () => {
  it('returns raw pixels as they are', async () => {
    const data = rgba(2, 2);
    expect((await readImagePixels({ type: 'image', data, width: 2, height: 2 })).data).toBe(data);
  });

  it('says that Blobs need a browser or worker when createImageBitmap is missing (Node)', async () => {
    const blob = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    await expect(readImagePixels({ type: 'image', data: blob })).rejects.toMatchObject({ code: 'INVALID_IMAGE', message: expect.stringMatching(/createImageBitmap/) });
  });
});
