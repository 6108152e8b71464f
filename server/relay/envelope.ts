/**
 * What the relay accepts: public keys and sealed envelopes. Nothing else. An envelope is checked
 * against an allow-list of fields and formats, so a client cannot hand the relay plaintext by
 * mistake (a `text` field, a URL in the id): the relay answers 400 and stores nothing.
 */

/** A user id on the relay: short, lower-case, no spaces. */
export const USER_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Standard base64 with padding. */
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The largest ciphertext the relay forwards, in base64 characters (an image of ~1.5 MB). */
export const MAX_CIPHERTEXT_CHARS = 2_097_152;

/** A sealed message: AES-GCM ciphertext (tag included) and its 96-bit IV, both base64. */
export interface Envelope {
  readonly v: 1;
  /** A random UUID the sender draws; also bound into the ciphertext as associated data. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** 12 random bytes, base64 (16 characters). */
  readonly iv: string;
  readonly ciphertext: string;
}

/** A published ECDH P-256 public key: the uncompressed point (65 bytes), base64. */
export interface PublishedKey {
  readonly user: string;
  readonly publicKey: string;
}

const ENVELOPE_FIELDS = ['v', 'id', 'from', 'to', 'iv', 'ciphertext'] as const;

function isBase64(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max && BASE64_PATTERN.test(value);
}

/** Returns the envelope, or a reason it is refused. */
export function parseEnvelope(value: unknown): { readonly ok: true; readonly envelope: Envelope } | { readonly ok: false; readonly reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'Expected a JSON object.' };
  const raw = value as Record<string, unknown>;
  const extra = Object.keys(raw).filter((key) => !(ENVELOPE_FIELDS as readonly string[]).includes(key));
  if (extra.length > 0) return { ok: false, reason: `Expected only the fields ${ENVELOPE_FIELDS.join(', ')}.` };
  if (raw['v'] !== 1) return { ok: false, reason: 'Expected v: 1.' };
  if (typeof raw['id'] !== 'string' || !UUID_PATTERN.test(raw['id'])) return { ok: false, reason: 'Expected id to be a random UUID.' };
  for (const key of ['from', 'to'] as const) {
    if (typeof raw[key] !== 'string' || !USER_PATTERN.test(raw[key])) return { ok: false, reason: `Expected ${key} to be a user id.` };
  }
  if (!isBase64(raw['iv'], 16, 16)) return { ok: false, reason: 'Expected iv to be 12 bytes, base64.' };
  // At least the 16-byte GCM tag.
  if (!isBase64(raw['ciphertext'], 24, MAX_CIPHERTEXT_CHARS)) return { ok: false, reason: 'Expected ciphertext to be base64.' };
  return { ok: true, envelope: raw as unknown as Envelope };
}

/** Returns the key, or a reason it is refused. A P-256 uncompressed point is 65 bytes: 88 base64 characters. */
export function parsePublishedKey(user: string, value: unknown): { readonly ok: true; readonly key: PublishedKey } | { readonly ok: false; readonly reason: string } {
  if (!USER_PATTERN.test(user)) return { ok: false, reason: 'Expected a user id.' };
  const raw = value as { publicKey?: unknown } | null;
  if (typeof raw !== 'object' || raw === null || Object.keys(raw).some((key) => key !== 'publicKey')) {
    return { ok: false, reason: 'Expected { "publicKey": base64 }.' };
  }
  if (!isBase64(raw.publicKey, 88, 88)) return { ok: false, reason: 'Expected publicKey to be a 65-byte P-256 point, base64.' };
  return { ok: true, key: { user, publicKey: raw.publicKey } };
}
