/** What travels inside the ciphertext: the text and an optional image. Only the two ends ever see it. */
import { fromBase64, toBase64 } from './e2ee.js';

/** A message as the people in the chat see it. */
export interface Payload {
  readonly text: string;
  readonly image?: { readonly mime: string; readonly bytes: Uint8Array<ArrayBuffer> };
}

interface Wire {
  readonly text: string;
  readonly image?: { readonly mime: string; readonly data: string };
}

/** Serialises a payload for sealing. */
export function encodePayload(payload: Payload): Uint8Array<ArrayBuffer> {
  const wire: Wire = payload.image
    ? { text: payload.text, image: { mime: payload.image.mime, data: toBase64(payload.image.bytes) } }
    : { text: payload.text };
  return new TextEncoder().encode(JSON.stringify(wire));
}

/** Reads an opened payload. @throws Error when it is not one. */
export function decodePayload(bytes: Uint8Array): Payload {
  const wire = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Wire>;
  if (typeof wire.text !== 'string') throw new Error('Expected a payload with text.');
  const image = wire.image;
  if (image && typeof image.mime === 'string' && /^image\/(png|jpeg|webp|gif)$/.test(image.mime) && typeof image.data === 'string') {
    return { text: wire.text, image: { mime: image.mime, bytes: fromBase64(image.data) } };
  }
  return { text: wire.text };
}
