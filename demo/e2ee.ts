/**
 * The demo's end-to-end encryption, on WebCrypto alone: an ECDH P-256 key pair per person (the
 * private key is non-extractable and never leaves this tab), HKDF-SHA-256 from the shared secret
 * to one AES-256-GCM key per direction, and a fresh random 96-bit IV for every message. The
 * envelope's id and both user ids are bound in as associated data, so the relay cannot re-address
 * or replay a message under another id without decryption failing.
 *
 * It is a teaching-size protocol (no ratchet, no forward secrecy, keys trusted on first use): the
 * point is that the relay only ever holds ciphertext, which holds for this as for Signal.
 */
import type { Envelope } from '../server/relay/envelope.js';

const encoder = new TextEncoder();
const PROTOCOL = 'chatguard-demo/v1';

/** Standard base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of standard base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** One person's long-term key pair. */
export interface Identity {
  readonly user: string;
  readonly privateKey: CryptoKey;
  /** The uncompressed P-256 point, base64: what the relay's key directory holds. */
  readonly publicKey: string;
}

/** The keys two people share, seen from one side. */
export interface Session {
  readonly me: string;
  readonly peer: string;
  readonly sendKey: CryptoKey;
  readonly receiveKey: CryptoKey;
  /** 60 digits both sides can compare to rule out a relay in the middle (as Signal's safety numbers). */
  readonly safetyNumber: string;
}

/** Creates a key pair whose private half cannot be exported. */
export async function createIdentity(user: string): Promise<Identity> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { user, privateKey: pair.privateKey, publicKey: toBase64(raw) };
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Agrees on keys with `peer` from their published public key. Both sides derive the same two keys. */
export async function createSession(me: Identity, peer: string, peerPublicKey: string): Promise<Session> {
  const peerKey = await crypto.subtle.importKey('raw', fromBase64(peerPublicKey), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: peerKey }, me.privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  // Salt: both public keys in a fixed order, so the keys are bound to this pair of identities.
  const ordered = [[me.user, me.publicKey], [peer, peerPublicKey]].sort(([a], [b]) => (a! < b! ? -1 : 1));
  const transcript = concat(...ordered.map(([, key]) => fromBase64(key!)));
  const salt = await sha256(transcript);
  const derive = (from: string, to: string, usage: KeyUsage) =>
    crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode(`${PROTOCOL} ${from}->${to}`) },
      hkdf,
      { name: 'AES-GCM', length: 256 },
      false,
      [usage],
    );
  const digest = await sha256(concat(encoder.encode(PROTOCOL), transcript));
  const digits = [...digest.subarray(0, 30)].map((byte) => String(byte % 100).padStart(2, '0')).join('');
  return {
    me: me.user,
    peer,
    sendKey: await derive(me.user, peer, 'encrypt'),
    receiveKey: await derive(peer, me.user, 'decrypt'),
    safetyNumber: digits.replace(/(\d{5})(?=\d)/g, '$1 '),
  };
}

function associatedData(envelope: Pick<Envelope, 'v' | 'id' | 'from' | 'to'>): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${PROTOCOL}|${envelope.v}|${envelope.id}|${envelope.from}|${envelope.to}`);
}

/** Encrypts `plaintext` for the session's peer with a fresh random IV; `id` is the message's random UUID. */
export async function seal(session: Session, plaintext: Uint8Array<ArrayBuffer>, id: string = crypto.randomUUID()): Promise<Envelope> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header = { v: 1 as const, id, from: session.me, to: session.peer };
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: associatedData(header), tagLength: 128 }, session.sendKey, plaintext);
  return { ...header, iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(sealed)) };
}

/** Decrypts an envelope from the session's peer. @throws DOMException `OperationError` when it was tampered with. */
export async function open(session: Session, envelope: Envelope): Promise<Uint8Array<ArrayBuffer>> {
  if (envelope.from !== session.peer || envelope.to !== session.me) throw new Error('The envelope is not for this session.');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(envelope.iv), additionalData: associatedData(envelope), tagLength: 128 },
    session.receiveKey,
    fromBase64(envelope.ciphertext),
  );
  return new Uint8Array(plain);
}
