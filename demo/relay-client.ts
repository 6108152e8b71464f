/** The page's side of the relay (`server/relay/`): publish a key, send envelopes, receive over SSE. */
import type { Envelope, PublishedKey } from '../server/relay/envelope.js';

/** Callbacks for one user's event stream. */
export interface RelayHandlers {
  onKey(key: PublishedKey): void;
  onEnvelope(envelope: Envelope): void;
  onStatus?(connected: boolean): void;
}

async function post(method: 'PUT' | 'POST', path: string, body: unknown): Promise<void> {
  const response = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) {
    const detail = ((await response.json().catch(() => ({}))) as { error?: string }).error ?? '';
    throw new Error(`The relay refused ${method} ${path}: HTTP ${response.status} ${detail}`);
  }
}

/** Publishes `user`'s public key in the relay's directory. */
export function publishKey(user: string, publicKey: string): Promise<void> {
  return post('PUT', `/relay/keys/${user}`, { publicKey });
}

/** Hands a sealed envelope to the relay. */
export function sendEnvelope(envelope: Envelope): Promise<void> {
  return post('POST', '/relay/messages', envelope);
}

/** Opens `user`'s event stream; EventSource reconnects by itself. Returns a function that closes it. */
export function connectRelay(user: string, handlers: RelayHandlers): () => void {
  const source = new EventSource(`/relay/events/${user}`);
  source.addEventListener('open', () => handlers.onStatus?.(true));
  source.addEventListener('error', () => handlers.onStatus?.(false));
  source.addEventListener('key', (event) => handlers.onKey(JSON.parse((event as MessageEvent<string>).data) as PublishedKey));
  source.addEventListener('message', (event) => handlers.onEnvelope(JSON.parse((event as MessageEvent<string>).data) as Envelope));
  return () => source.close();
}
