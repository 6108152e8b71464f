/**
 * Message franking: reports that can be verified without sending content.
 *
 * The sender draws a random 32-byte franking key per message, computes the commitment
 * `HMAC-SHA-256(key, UTF-8(text))`, and puts the key inside the end-to-end-encrypted payload; the
 * commitment may travel outside it (the platform can countersign it on delivery). A report carries
 * only the commitment. If the user later chooses to share evidence, they hand the platform the text
 * and the key, and {@link verifyFranking} shows that this text is what the commitment was made on.
 * Without the key, the commitment reveals nothing about the text (HMAC under a random key is a PRF).
 *
 * WebCrypto only (`crypto.subtle`), so it runs in browsers, workers and Node 20 alike.
 */
import { GuardError } from '../engine/errors.js';
import { fromHex, hmacSha256, importHmacKey, randomBytes, toHex, utf8 } from './bytes.js';
import { REPORT_PATTERNS } from './schema.js';

/** A message's franking key (hex, 32 bytes) and commitment (hex, the HMAC). */
export interface Franking {
  readonly key: string;
  readonly commitment: string;
}

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Commits to a message's text under a fresh random key, or under `key` when given (the recipient recomputing it).
 * @throws GuardError `INVALID_REPORT` for a key that is not 64 hex digits.
 * @example
 * const { key, commitment } = await frankMessage(text); // key goes inside the encrypted message
 */
export async function frankMessage(text: string, key?: string): Promise<Franking> {
  if (typeof text !== 'string') throw new GuardError('INVALID_MESSAGE', 'Expected the text to frank to be a string.');
  const keyHex = key ?? toHex(randomBytes(32));
  const raw = KEY_PATTERN.test(keyHex) ? fromHex(keyHex) : null;
  if (!raw) throw new GuardError('INVALID_REPORT', 'Expected a franking key of 64 lower-case hex digits.');
  const mac = await hmacSha256(await importHmacKey(raw), utf8(text));
  return { key: keyHex, commitment: toHex(mac) };
}

/**
 * True when `commitment` was made on exactly `text` under `key`. Malformed inputs give `false`.
 * The comparison is WebCrypto's `verify`, which does not leak timing.
 * @example
 * if (await verifyFranking(sharedText, sharedKey, report.commitment)) acceptEvidence();
 */
export async function verifyFranking(text: string, key: string, commitment: string): Promise<boolean> {
  if (typeof text !== 'string' || typeof key !== 'string' || typeof commitment !== 'string') return false;
  const raw = KEY_PATTERN.test(key) ? fromHex(key) : null;
  const mac = REPORT_PATTERNS.commitment.test(commitment) ? fromHex(commitment) : null;
  if (!raw || !mac) return false;
  return globalThis.crypto.subtle.verify('HMAC', await importHmacKey(raw), mac, utf8(text));
}
