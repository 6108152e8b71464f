/**
 * A sorted set of 32-bit hash prefixes, Rice–Golomb coded as in Safe Browsing v4 ("Compression"):
 * the gaps between consecutive sorted values are written as a unary quotient (`q` one-bits and a
 * zero) and a `k`-bit remainder, least significant bit first, with `k` chosen from the mean gap.
 * Every `interval`-th value is also stored raw with the bit offset of the gap that follows it, so a
 * lookup binary-searches that index and decodes at most `interval - 1` gaps.
 *
 * Binary layout (little-endian):
 * ```
 * 0  magic "CGPS"        4  version u8 = 1     5  k u8        6  reserved u16
 * 8  count u32           12 interval u32       16 index entries u32    20 data bytes u32
 * 24 index: entries × (first value u32, bit offset u32)
 * …  data: Rice-coded gaps, padded with 4 zero bytes
 * ```
 * Duplicate values are kept (gap 0) so that position `i` of the set is also row `i` of the
 * full-hash file built next to it.
 */

const MAGIC = 0x53504743; // "CGPS" read as little-endian u32
const HEADER_BYTES = 24;

/** Default spacing of the raw-value index: 8 bytes per 64 entries, about 0.13 byte per entry. */
export const DEFAULT_INDEX_INTERVAL = 64;

/** Thrown for a file that is not a prefix set this code can read. */
export class PrefixSetFormatError extends Error {
  override readonly name = 'PrefixSetFormatError';
}

/** The Rice parameter that gives the fewest bits for these sorted values (tried around log2 of the mean gap). */
export function riceParameter(sorted: Uint32Array): number {
  if (sorted.length < 2) return 0;
  const mean = ((sorted[sorted.length - 1] as number) - (sorted[0] as number)) / (sorted.length - 1);
  const guess = Math.max(0, Math.floor(Math.log2(Math.max(1, mean * Math.LN2))));
  let best = guess;
  let bestBits = Infinity;
  for (let k = Math.max(0, guess - 1); k <= Math.min(31, guess + 1); k++) {
    let bits = 0;
    for (let i = 1; i < sorted.length; i++) bits += Math.floor(((sorted[i] as number) - (sorted[i - 1] as number)) / 2 ** k) + 1 + k;
    if (bits < bestBits) {
      bestBits = bits;
      best = k;
    }
  }
  return best;
}

class BitWriter {
  private bytes = new Uint8Array(1024);
  bitLength = 0;

  write(bit: number): void {
    const byte = this.bitLength >>> 3;
    if (byte >= this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    if (bit) this.bytes[byte] = (this.bytes[byte] as number) | (1 << (this.bitLength & 7));
    this.bitLength += 1;
  }

  finish(): Uint8Array {
    // Four spare zero bytes let the reader load a 64-bit window at the very end without a bounds check.
    const out = new Uint8Array(((this.bitLength + 7) >>> 3) + 4);
    out.set(this.bytes.subarray(0, (this.bitLength + 7) >>> 3));
    return out;
  }
}

/**
 * Encodes sorted 32-bit values (duplicates allowed) into the binary layout above.
 *
 * @throws RangeError when `values` is not sorted ascending.
 */
export function encodePrefixSet(values: Uint32Array, interval = DEFAULT_INDEX_INTERVAL): Uint8Array {
  for (let i = 1; i < values.length; i++) {
    if ((values[i] as number) < (values[i - 1] as number)) throw new RangeError('Expected values sorted ascending.');
  }
  const k = riceParameter(values);
  const writer = new BitWriter();
  const index: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (i % interval === 0) {
      index.push(values[i] as number, writer.bitLength);
      continue;
    }
    const gap = (values[i] as number) - (values[i - 1] as number);
    const quotient = Math.floor(gap / 2 ** k);
    for (let q = 0; q < quotient; q++) writer.write(1);
    writer.write(0);
    for (let b = 0; b < k; b++) writer.write(Math.floor(gap / 2 ** b) & 1);
  }
  const data = writer.finish();
  const out = new Uint8Array(HEADER_BYTES + index.length * 4 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint8(4, 1);
  view.setUint8(5, k);
  view.setUint32(8, values.length, true);
  view.setUint32(12, interval, true);
  view.setUint32(16, index.length / 2, true);
  view.setUint32(20, data.length, true);
  index.forEach((value, i) => view.setUint32(HEADER_BYTES + i * 4, value, true));
  out.set(data, HEADER_BYTES + index.length * 4);
  return out;
}

/** A decoded view over an encoded prefix set; lookups decode only one index block. */
export interface PrefixSet {
  readonly size: number;
  readonly riceParameter: number;
  readonly interval: number;
  /** Encoded size in bytes. */
  readonly byteLength: number;
  /** True when `value` is in the set. */
  has(value: number): boolean;
  /** Positions `[start, end)` holding `value`; `start === end` when absent. */
  range(value: number): [number, number];
  /** Every value in order (for tests and rebuilding). */
  values(): Uint32Array;
}

/**
 * Reads a prefix set written by {@link encodePrefixSet}.
 *
 * @throws PrefixSetFormatError when the bytes are not a version-1 prefix set.
 */
export function decodePrefixSet(bytes: Uint8Array): PrefixSet {
  if (bytes.length < HEADER_BYTES) throw new PrefixSetFormatError('Prefix set: file too short.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC || view.getUint8(4) !== 1) {
    throw new PrefixSetFormatError('Prefix set: bad magic or version (expected "CGPS" version 1).');
  }
  const k = view.getUint8(5);
  const size = view.getUint32(8, true);
  const interval = view.getUint32(12, true);
  const entries = view.getUint32(16, true);
  const dataBytes = view.getUint32(20, true);
  const dataStart = HEADER_BYTES + entries * 8;
  if (k > 31 || interval < 1 || entries !== Math.ceil(size / interval) || dataStart + dataBytes !== bytes.length) {
    throw new PrefixSetFormatError('Prefix set: inconsistent header.');
  }
  const firsts = new Uint32Array(entries);
  const offsets = new Uint32Array(entries);
  for (let i = 0; i < entries; i++) {
    firsts[i] = view.getUint32(HEADER_BYTES + i * 8, true);
    offsets[i] = view.getUint32(HEADER_BYTES + i * 8 + 4, true);
  }
  // Words assembled byte by byte so the reader does not depend on the platform's endianness.
  const words = new Int32Array(Math.ceil(dataBytes / 4) + 1);
  for (let i = 0; i < dataBytes; i++) {
    const w = i >>> 2;
    words[w] = (words[w] as number) | ((bytes[dataStart + i] as number) << ((i & 3) * 8));
  }
  const remainderMask = k === 0 ? 0 : 2 ** k - 1;

  /** 32 bits starting at bit `position`. */
  const window = (position: number): number => {
    const w = position >>> 5;
    const shift = position & 31;
    const low = (words[w] as number) >>> shift;
    return shift === 0 ? low : (low | ((words[w + 1] as number) << (32 - shift))) >>> 0;
  };
  const scale = 2 ** k;

  /** Decodes the gap starting at `bit`; returns the gap and leaves the next bit position in `cursor`. */
  let cursor = 0;
  const readGap = (bit: number): number => {
    let position = bit;
    let quotient = 0;
    let zeros = ~window(position);
    while (zeros === 0) {
      quotient += 32;
      position += 32;
      zeros = ~window(position);
    }
    const ones = 31 - Math.clz32(zeros & -zeros);
    quotient += ones;
    position += ones + 1;
    const remainder = k === 0 ? 0 : (window(position) & remainderMask) >>> 0;
    cursor = position + k;
    return quotient * scale + remainder;
  };

  /** The last block whose first value is below `value` (or 0). */
  const blockBefore = (value: number): number => {
    let lo = 0;
    let hi = entries - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((firsts[mid] as number) < value) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  };

  const range = (raw: number): [number, number] => {
    const value = raw >>> 0;
    let start = -1;
    let end = -1;
    for (let block = size === 0 ? entries : blockBefore(value); block < entries; block++) {
      let current = firsts[block] as number;
      let position = block * interval;
      const last = Math.min(size, position + interval);
      let bit = offsets[block] as number;
      for (;;) {
        if (current === value) {
          if (start < 0) start = position;
          end = position + 1;
        } else if (current > value) {
          return start < 0 ? [0, 0] : [start, end];
        }
        position += 1;
        if (position >= last) break;
        current += readGap(bit);
        bit = cursor;
      }
      // The block ended on a value ≤ target; only duplicates could continue into the next one.
      if (block + 1 < entries && (firsts[block + 1] as number) > value) break;
    }
    return start < 0 ? [0, 0] : [start, end];
  };

  const values = (): Uint32Array => {
    const out = new Uint32Array(size);
    for (let block = 0; block < entries; block++) {
      let position = block * interval;
      const last = Math.min(size, position + interval);
      let current = firsts[block] as number;
      let bit = offsets[block] as number;
      out[position] = current;
      for (position += 1; position < last; position++) {
        current += readGap(bit);
        bit = cursor;
        out[position] = current;
      }
    }
    return out;
  };

  return {
    size,
    riceParameter: k,
    interval,
    byteLength: bytes.length,
    has: (value) => {
      const [first, after] = range(value);
      return after > first;
    },
    range,
    values,
  };
}
