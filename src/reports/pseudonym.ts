/**
 * Rotating pseudonyms under a device-local secret.
 *
 * A conversation's pseudonym is the first 16 bytes, hex, of
 * `HMAC-SHA-256(deviceSecret, "chatguard/conversation/v1|" + epoch + "|" + conversationId)`,
 * where `epoch = floor(unixMs / (rotationDays × 86 400 000))`: epochs start at 00:00 UTC, every
 * `rotationDays` days counted from 1970-01-01 (a Thursday, for the weekly default). Within an epoch,
 * reports about one conversation share a pseudonym, so the collector can count repeated harm in one
 * chat; across epochs they cannot be linked, and without the secret (which never leaves the device)
 * the pseudonym cannot be tied to the conversation id or to the device.
 */
import { GuardError } from '../engine/errors.js';
import { fromBase64, fromHex, hmacSha256, importHmacKey, randomBytes, toHex, utf8 } from './bytes.js';

const DAY_MS = 86_400_000;
/** The shortest secret accepted, in bytes. */
export const MIN_SECRET_BYTES = 16;

/**
 * A fresh random device secret: 32 bytes, hex. Embedders should create one once, keep it in
 * device-local storage (never synced, never sent) and pass it as `reports.deviceSecret`.
 * @example
 * const secret = localStorage.getItem('chatguard-secret') ?? randomDeviceSecret();
 */
export function randomDeviceSecret(): string {
  return toHex(randomBytes(32));
}

/**
 * Reads a device secret given as hex or base64 (base64url too).
 * @throws GuardError `INVALID_OPTIONS` when it is neither or shorter than 16 bytes.
 */
export function parseDeviceSecret(secret: string): Uint8Array<ArrayBuffer> {
  if (typeof secret === 'string') {
    const bytes = /^[0-9a-fA-F]+$/.test(secret) ? fromHex(secret) : fromBase64(secret);
    if (bytes && bytes.length >= MIN_SECRET_BYTES) return bytes;
  }
  throw new GuardError(
    'INVALID_OPTIONS',
    `Expected reports.deviceSecret to be hex or base64 of at least ${MIN_SECRET_BYTES} bytes, such as randomDeviceSecret() returns.`,
  );
}

/** The rotation epoch a time falls in. */
export function rotationEpoch(nowMs: number, rotationDays: number): number {
  return Math.floor(nowMs / (rotationDays * DAY_MS));
}

/** Makes pseudonyms under one device secret. The key is imported once. */
export interface Pseudonymizer {
  /** The conversation's pseudonym in the epoch of `nowMs`: 32 hex digits. */
  conversation(conversationId: string, nowMs: number): Promise<string>;
  /**
   * The device's pseudonym in the epoch of `nowMs`, for the collector's rate limit (`x-chatguard-client`).
   * It rotates like conversation pseudonyms, and is never put inside a report.
   */
  device(nowMs: number): Promise<string>;
}

/**
 * Creates a pseudonymizer.
 * @throws GuardError `INVALID_OPTIONS` for a bad secret or rotation.
 */
export function createPseudonymizer(options: { readonly deviceSecret: string; readonly rotationDays: number }): Pseudonymizer {
  const raw = parseDeviceSecret(options.deviceSecret);
  const { rotationDays } = options;
  if (!Number.isInteger(rotationDays) || rotationDays < 1 || rotationDays > 366) {
    throw new GuardError('INVALID_OPTIONS', 'Expected reports.rotationDays to be a whole number of days from 1 to 366.');
  }
  let key: Promise<CryptoKey> | undefined;
  const mac = async (input: string): Promise<string> => {
    key ??= importHmacKey(raw);
    return toHex((await hmacSha256(await key, utf8(input))).subarray(0, 16));
  };
  return {
    conversation: (conversationId, nowMs) => mac(`chatguard/conversation/v1|${rotationEpoch(nowMs, rotationDays)}|${conversationId}`),
    device: (nowMs) => mac(`chatguard/device/v1|${rotationEpoch(nowMs, rotationDays)}`),
  };
}
