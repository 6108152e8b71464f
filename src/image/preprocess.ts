/**
 * Turns RGBA pixels into the nudity model's input, exactly as nsfwjs's `infer()` does with the
 * tfjs CPU backend: drop alpha, divide by 255 (float32), then `tf.image.resizeBilinear` to
 * 224×224 with `alignCorners = true` (skipped when the image already is 224×224). The arithmetic
 * mirrors tfjs's kernel step by step so that the same pixels give the same floats.
 */
import { NSFW_INPUT_SIZE } from './nsfw-classes.js';

/** Decoded pixels: `data` is RGBA, row-major, `width × height × 4` bytes. */
export interface RgbaPixels {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/**
 * Resizes and normalises `pixels` into a new float32 NHWC tensor body `[1, size, size, 3]`, values 0..1.
 * Expects a validated image (see `readImage`): `data.length === width * height * 4`.
 * @example
 * const input = preprocessImage({ data: rgba, width: 640, height: 480 }); // Float32Array(150528)
 */
export function preprocessImage(pixels: RgbaPixels, size: number = NSFW_INPUT_SIZE): Float32Array {
  const { data, width, height } = pixels;
  const out = new Float32Array(size * size * 3);
  // tfjs first divides every pixel by 255 in float32; a 256-entry table gives the same floats.
  const normalised = new Float32Array(256);
  for (let v = 0; v < 256; v++) normalised[v] = v / 255;
  // Effective sizes and ratios as in tfjs-backend-cpu's ResizeBilinear with alignCorners.
  const rowRatio = (size > 1 ? height - 1 : height) / (size > 1 ? size - 1 : size);
  const colRatio = (size > 1 ? width - 1 : width) / (size > 1 ? size - 1 : size);
  const colFloor = new Int32Array(size);
  const colCeil = new Int32Array(size);
  const colFrac = new Float64Array(size);
  for (let c = 0; c < size; c++) {
    const source = colRatio * c;
    colFloor[c] = Math.max(0, Math.floor(source));
    colCeil[c] = Math.min(width - 1, Math.ceil(source));
    colFrac[c] = source - (colFloor[c] as number);
  }
  let o = 0;
  for (let r = 0; r < size; r++) {
    const source = rowRatio * r;
    const rowFloor = Math.max(0, Math.floor(source));
    const rowCeil = Math.min(height - 1, Math.ceil(source));
    const rowFrac = source - rowFloor;
    const top = rowFloor * width * 4;
    const bottom = rowCeil * width * 4;
    for (let c = 0; c < size; c++) {
      const left = (colFloor[c] as number) * 4;
      const right = (colCeil[c] as number) * 4;
      const fc = colFrac[c] as number;
      for (let d = 0; d < 3; d++) {
        const topLeft = normalised[data[top + left + d] as number] as number;
        const topRight = normalised[data[top + right + d] as number] as number;
        const bottomLeft = normalised[data[bottom + left + d] as number] as number;
        const bottomRight = normalised[data[bottom + right + d] as number] as number;
        const upper = topLeft + (topRight - topLeft) * fc;
        const lower = bottomLeft + (bottomRight - bottomLeft) * fc;
        out[o++] = upper + (lower - upper) * rowFrac;
      }
    }
  }
  return out;
}
