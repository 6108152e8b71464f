/**
 * What an image attachment may hold, checked before any work is done, and how it becomes RGBA
 * pixels. Accepted: raw RGBA (`Uint8Array` / `Uint8ClampedArray` with `width` and `height`, the
 * Node form), an `ImageData` (or any `{ data, width, height }` of RGBA bytes), an `ImageBitmap`,
 * or a `Blob` holding an encoded image (decoded with `createImageBitmap` + `OffscreenCanvas`,
 * which browsers and their workers have and Node lacks). This file imports nothing heavy, so the
 * engine can validate attachments with it.
 */
import { GuardError, describeType } from '../engine/errors.js';
import type { RgbaPixels } from './preprocess.js';

/** The most pixels an image may have (50 megapixels), decoded or raw. */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** The most bytes an image may take (64 MiB): raw RGBA data, or an encoded Blob. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/** An image attachment in its Node form: raw RGBA pixels. */
export interface RawImageAttachment {
  readonly type: 'image';
  /** RGBA, row-major, exactly `width × height × 4` bytes. */
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** A checked image, not yet decoded. */
export type ImageSource =
  | { readonly kind: 'pixels'; readonly pixels: RgbaPixels }
  | { readonly kind: 'bitmap'; readonly bitmap: ImageBitmap }
  | { readonly kind: 'blob'; readonly blob: Blob };

const ACCEPTED =
  'raw RGBA pixels ({ type: "image", data: Uint8Array | Uint8ClampedArray, width, height }), an ImageData, an ImageBitmap or a Blob holding a PNG/JPEG/WebP/GIF';

function invalid(message: string, cause?: unknown): GuardError {
  return new GuardError('INVALID_IMAGE', message, cause === undefined ? undefined : { cause });
}

function isByteArray(value: unknown): value is Uint8Array | Uint8ClampedArray {
  const tag = Object.prototype.toString.call(value);
  return tag === '[object Uint8Array]' || tag === '[object Uint8ClampedArray]';
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function checkSize(width: number, height: number, where: string): void {
  if (width * height > MAX_IMAGE_PIXELS) {
    throw invalid(`Expected ${where} to have at most ${MAX_IMAGE_PIXELS / 1e6} megapixels, got ${width}×${height}; downscale it first.`);
  }
}

function checkPixels(data: Uint8Array | Uint8ClampedArray, width: unknown, height: unknown, where: string): RgbaPixels {
  if (!isPositiveInteger(width) || !isPositiveInteger(height)) {
    const got = (value: unknown) => (value === undefined ? 'none' : describeType(value));
    throw invalid(`Expected ${where} to come with width and height as positive integers, got ${got(width)} and ${got(height)}.`);
  }
  checkSize(width, height, where);
  if (data.length > MAX_IMAGE_BYTES) {
    throw invalid(`Expected ${where} to be at most ${MAX_IMAGE_BYTES / 2 ** 20} MiB of RGBA, got ${data.length} bytes; downscale it first.`);
  }
  const expected = width * height * 4;
  if (data.length !== expected) {
    throw invalid(
      `Expected ${where} to hold RGBA pixels, width × height × 4 = ${width}×${height}×4 = ${expected} bytes, got ${data.length} bytes` +
        `${data.length === 0 ? ' (was its buffer transferred away?)' : data.length < expected ? ' (truncated?)' : ''}.`,
    );
  }
  return { data, width, height };
}

/**
 * Checks an image attachment's shape and limits without decoding it.
 * @throws GuardError `INVALID_IMAGE` saying what was expected: not an image, truncated RGBA
 * (length ≠ width × height × 4), over {@link MAX_IMAGE_PIXELS} or {@link MAX_IMAGE_BYTES}, an
 * empty or non-image Blob, a closed ImageBitmap.
 * @example
 * checkImageAttachment({ type: 'image', data: rgba, width: 640, height: 480 });
 */
export function checkImageAttachment(attachment: unknown, where = 'the image attachment'): ImageSource {
  if (typeof attachment !== 'object' || attachment === null) throw invalid(`Expected ${where} to be ${ACCEPTED}, got ${describeType(attachment)}.`);
  const { data, width, height } = attachment as { data?: unknown; width?: unknown; height?: unknown };
  if (isByteArray(data)) return { kind: 'pixels', pixels: checkPixels(data, width, height, `${where}'s data`) };
  if (typeof ImageBitmap !== 'undefined' && data instanceof ImageBitmap) {
    if (data.width === 0 || data.height === 0) throw invalid(`Expected ${where} to be an open ImageBitmap, got a closed or empty one.`);
    checkSize(data.width, data.height, where);
    return { kind: 'bitmap', bitmap: data };
  }
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    if (data.size === 0) throw invalid(`Expected ${where} to be an encoded image, got an empty Blob.`);
    if (data.size > MAX_IMAGE_BYTES) throw invalid(`Expected ${where} to be at most ${MAX_IMAGE_BYTES / 2 ** 20} MiB, got a Blob of ${data.size} bytes.`);
    if (data.type !== '' && !data.type.startsWith('image/')) throw invalid(`Expected ${where} to be an image Blob, got one of type "${data.type}".`);
    return { kind: 'blob', blob: data };
  }
  if (typeof data === 'object' && data !== null && isByteArray((data as { data?: unknown }).data)) {
    const image = data as { data: Uint8Array | Uint8ClampedArray; width?: unknown; height?: unknown };
    return { kind: 'pixels', pixels: checkPixels(image.data, image.width, image.height, `${where}'s ImageData`) };
  }
  throw invalid(`Expected ${where}'s data to be ${ACCEPTED}, got ${describeType(data)}.`);
}

/** Draws a bitmap on an OffscreenCanvas and reads its RGBA pixels back. */
function bitmapPixels(bitmap: ImageBitmap, where: string): RgbaPixels {
  if (typeof OffscreenCanvas !== 'function') {
    throw invalid(`Reading ${where} needs OffscreenCanvas, which this environment lacks; pass decoded RGBA pixels instead.`);
  }
  checkSize(bitmap.width, bitmap.height, where);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw invalid(`Could not get a 2D canvas to read ${where}.`);
  context.drawImage(bitmap, 0, 0);
  const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
  return { data, width, height };
}

/**
 * Checks an image attachment and returns its RGBA pixels, decoding Blobs and reading bitmaps
 * in browsers and workers.
 * @throws GuardError `INVALID_IMAGE` as {@link checkImageAttachment}, and when a Blob cannot be
 * decoded or the environment cannot decode at all (Node: pass raw RGBA).
 */
export async function readImagePixels(attachment: unknown, where = 'the image attachment'): Promise<RgbaPixels> {
  const source = checkImageAttachment(attachment, where);
  if (source.kind === 'pixels') return source.pixels;
  if (source.kind === 'bitmap') return bitmapPixels(source.bitmap, where);
  if (typeof createImageBitmap !== 'function') {
    throw invalid(`Decoding ${where} (a Blob) needs createImageBitmap, which this environment lacks (Node); pass decoded RGBA pixels instead.`);
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(source.blob);
  } catch (cause) {
    throw invalid(`Could not decode ${where}: expected a PNG, JPEG, WebP or GIF the browser can read.`, cause);
  }
  try {
    return bitmapPixels(bitmap, where);
  } finally {
    bitmap.close();
  }
}
