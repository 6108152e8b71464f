import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request body, or why there is none to use. */
export type Body = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly status: 413 | 400 };

/**
 * Reads the body up to `maxBytes`. A larger body is drained, not buffered, and answered 413 once it
 * has been read, so the client sees the status instead of a reset connection; past ten times the
 * limit the connection is cut.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(request.headers['content-length'] ?? 0) > maxBytes;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (size > maxBytes * 10) request.destroy();
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () => {
      if (tooLarge) return resolve({ ok: false, status: 413 });
      try {
        resolve({ ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) });
      } catch {
        resolve({ ok: false, status: 400 });
      }
    });
    request.on('error', () => resolve({ ok: false, status: 400 }));
  });
}

/** Sends `body` as JSON. Nothing the collector sends back echoes what a client sent. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

/** A JSON error body with a stable code, as the device's `GuardError`s have. */
export function sendError(response: ServerResponse, status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
  sendJson(response, status, { error: { code, message }, ...extra }, headers);
}
