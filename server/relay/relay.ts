/**
 * A minimal relay for end-to-end-encrypted chat, on Node's `http` alone: a key directory and a
 * store-and-forward queue of sealed envelopes, delivered over Server-Sent Events. It never holds a
 * key that opens a message; every body it accepts is handed to `onReceive` exactly as it arrived,
 * so the demo can show what an operator of this server could see.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseEnvelope, parsePublishedKey, USER_PATTERN, type Envelope, type PublishedKey } from './envelope.js';

/** One request body as the relay received it. */
export interface ReceivedBody {
  readonly server: 'relay';
  readonly at: number;
  readonly method: string;
  readonly path: string;
  /** The body, byte for byte (UTF-8). */
  readonly body: string;
  /** What the relay made of it. */
  readonly accepted: boolean;
}

/** Options for {@link createRelay}. */
export interface RelayOptions {
  /** URL prefix of every route. @defaultValue `'/relay'` */
  readonly prefix?: string;
  /** Called with every request body the relay receives, accepted or not. @defaultValue none */
  readonly onReceive?: (received: ReceivedBody) => void;
  /** @defaultValue `4 * 1024 * 1024` */
  readonly maxBodyBytes?: number;
  /** Envelopes kept for a user who is not connected; the oldest go first. @defaultValue `200` */
  readonly maxQueued?: number;
}

/** A relay's request handler and state. */
export interface Relay {
  /** Handles the request if it is one of the relay's routes; returns false otherwise. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** The published keys. */
  keys(): readonly PublishedKey[];
  /** Ends every event stream. */
  close(): void;
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(undefined));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Creates the relay. Routes, under `prefix`:
 * `PUT /keys/:user` `{ publicKey }`, `GET /keys/:user`, `POST /messages` (an {@link Envelope}),
 * `GET /events/:user` (an event stream of `key` and `message` events for that user).
 * @example
 * const relay = createRelay({ onReceive: (r) => console.log(r.body) });
 * createServer((req, res) => relay.handle(req, res) || res.writeHead(404).end()).listen(8788);
 */
export function createRelay(options: RelayOptions = {}): Relay {
  const prefix = options.prefix ?? '/relay';
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const maxQueued = options.maxQueued ?? 200;
  const published = new Map<string, PublishedKey>();
  const streams = new Map<string, Set<ServerResponse>>();
  const queued = new Map<string, Envelope[]>();

  function emit(stream: ServerResponse, event: 'key' | 'message', data: unknown): void {
    stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  function deliver(envelope: Envelope): void {
    const open = streams.get(envelope.to);
    if (open && open.size > 0) {
      for (const stream of open) emit(stream, 'message', envelope);
      return;
    }
    const queue = queued.get(envelope.to) ?? [];
    queue.push(envelope);
    if (queue.length > maxQueued) queue.shift();
    queued.set(envelope.to, queue);
  }

  async function receive(request: IncomingMessage, response: ServerResponse, path: string, accept: (value: unknown) => string | undefined): Promise<void> {
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      request.resume();
      return send(response, 415, { error: 'Expected content-type: application/json.' });
    }
    const body = await readBody(request, maxBodyBytes);
    if (body === undefined) return send(response, 413, { error: `Expected at most ${maxBodyBytes} bytes.` });
    const refused = accept(parseJson(body));
    options.onReceive?.({ server: 'relay', at: Date.now(), method: request.method ?? '', path, body, accepted: refused === undefined });
    if (refused !== undefined) return send(response, 400, { error: refused });
    send(response, 202, { ok: true });
  }

  function openStream(request: IncomingMessage, response: ServerResponse, user: string): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const open = streams.get(user) ?? new Set<ServerResponse>();
    open.add(response);
    streams.set(user, open);
    for (const key of published.values()) emit(response, 'key', key);
    for (const envelope of queued.get(user) ?? []) emit(response, 'message', envelope);
    queued.delete(user);
    const heartbeat = setInterval(() => response.write(': ping\n\n'), 15_000);
    heartbeat.unref?.();
    request.on('close', () => {
      clearInterval(heartbeat);
      open.delete(response);
    });
  }

  return {
    handle(request, response) {
      const url = new URL(request.url ?? '/', 'http://relay.invalid');
      if (!url.pathname.startsWith(`${prefix}/`)) return false;
      const [route, user = '', ...rest] = url.pathname.slice(prefix.length + 1).split('/');
      const method = request.method ?? 'GET';
      const knownUser = USER_PATTERN.test(user) && rest.length === 0;
      if (route === 'keys' && knownUser && method === 'PUT') {
        void receive(request, response, url.pathname, (value) => {
          const parsed = parsePublishedKey(user, value);
          if (!parsed.ok) return parsed.reason;
          published.set(user, parsed.key);
          for (const open of streams.values()) for (const stream of open) emit(stream, 'key', parsed.key);
          return undefined;
        });
      } else if (route === 'keys' && knownUser && method === 'GET') {
        const key = published.get(user);
        if (key) send(response, 200, key);
        else send(response, 404, { error: `No key published for ${user}.` });
      } else if (route === 'messages' && user === '' && method === 'POST') {
        void receive(request, response, url.pathname, (value) => {
          const parsed = parseEnvelope(value);
          if (!parsed.ok) return parsed.reason;
          deliver(parsed.envelope);
          return undefined;
        });
      } else if (route === 'events' && knownUser && method === 'GET') {
        openStream(request, response, user);
      } else {
        request.resume();
        send(response, 404, { error: `Expected PUT|GET ${prefix}/keys/:user, POST ${prefix}/messages or GET ${prefix}/events/:user.` });
      }
      return true;
    },
    keys: () => [...published.values()],
    close() {
      for (const open of streams.values()) for (const stream of open) stream.end();
      streams.clear();
    },
  };
}
