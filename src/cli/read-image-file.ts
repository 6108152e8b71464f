import { open } from 'node:fs/promises';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { GuardError } from '../engine/errors.js';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, type RawImageAttachment } from '../image/image-input.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

function invalid(message: string, cause?: unknown): GuardError {
  return new GuardError('INVALID_IMAGE', message, cause === undefined ? undefined : { cause });
}

async function readBounded(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw invalid('Expected "image" to be the path of a readable PNG or JPEG file; it could not be opened.', cause);
  }
  try {
    const { size } = await handle.stat();
    if (size > MAX_IMAGE_BYTES) throw invalid(`Expected an image file of at most ${MAX_IMAGE_BYTES} bytes, got ${size}.`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Reads a PNG or JPEG file into the raw RGBA attachment the nudity detector takes, for the
 * CLI's `image` field. Pure JS decoders, so it runs wherever Node does.
 * @throws GuardError `INVALID_IMAGE` for an unreadable, oversized, truncated or non-PNG/JPEG file.
 */
export async function readImageFile(path: string): Promise<RawImageAttachment> {
  const bytes = await readBounded(path);
  try {
    if (startsWith(bytes, PNG_SIGNATURE)) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (png.width * png.height > MAX_IMAGE_PIXELS) throw invalid(`Expected at most ${MAX_IMAGE_PIXELS} pixels.`);
      return { type: 'image', data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength), width: png.width, height: png.height };
    }
    if (startsWith(bytes, JPEG_SIGNATURE)) {
      const decoded = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: MAX_IMAGE_PIXELS / 1_000_000,
        maxMemoryUsageInMB: 512,
      });
      return { type: 'image', data: decoded.data, width: decoded.width, height: decoded.height };
    }
  } catch (cause) {
    if (cause instanceof GuardError) throw cause;
    throw invalid('Expected a complete PNG or JPEG image; the file could not be decoded.', cause);
  }
  throw invalid('Expected "image" to be a PNG or JPEG file; the file has neither signature.');
}
