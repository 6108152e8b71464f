import { GuardError } from '../engine/errors.js';
import type { ModelSource } from './model-source.js';

/**
 * SHA-256 of `bytes` as lowercase hex, with WebCrypto (`crypto.subtle`, in browsers, workers and Node 20).
 * @throws GuardError `MODEL_INTEGRITY` when WebCrypto is unavailable (an insecure browser context), since nothing can be verified.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new GuardError('MODEL_INTEGRITY', 'WebCrypto (crypto.subtle) is unavailable, so model files cannot be verified; serve the page over HTTPS.');
  }
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Checks `bytes` against the manifest's sha256 and fails closed.
 * @throws GuardError `MODEL_INTEGRITY` naming the file when the digest differs or the expected digest is malformed.
 */
export async function verifySha256(bytes: Uint8Array, expected: string, file: string): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(expected)) {
    throw new GuardError('MODEL_INTEGRITY', `The manifest's sha256 for "${file}" is not 64 lowercase hex digits.`);
  }
  const actual = await sha256Hex(bytes);
  if (actual !== expected) {
    throw new GuardError(
      'MODEL_INTEGRITY',
      `Model file "${file}" failed its integrity check: sha256 ${actual.slice(0, 12)}…, manifest expects ${expected.slice(0, 12)}…. Rebuild or reinstall the models.`,
    );
  }
}

/**
 * Reads a file from `source` and verifies it against `sha256`.
 * @throws GuardError `MODEL_LOAD_FAILED` when unreadable, `MODEL_INTEGRITY` when the digest differs.
 */
export async function readVerified(source: ModelSource, path: string, sha256: string): Promise<Uint8Array> {
  const bytes = await source.read(path);
  await verifySha256(bytes, sha256, path);
  return bytes;
}
