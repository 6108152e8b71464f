/**
 * A plain static file server on one local origin, like any host that serves ChatGuard's prebuilt files:
 * URL prefixes mapped to folders (or fixed pages), one set of response headers, and every request it
 * received (method, path, body) recorded for the tests to inspect.
 */
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { CONTENT_TYPES, fileInFolder, readBody } from '../../demo/static-files.js';

/** What is served under one URL prefix (ending in `/`): a folder, or fixed pages by the rest of the path. */
export type Mount = { readonly folder: string } | { readonly pages: Readonly<Record<string, string>> };

/** One request the server received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: Buffer;
}

/** A running server. */
export interface StaticServer {
  readonly origin: string;
  readonly received: readonly ReceivedRequest[];
  close(): Promise<void>;
}

/** Serves `mounts` (longest prefix first) on 127.0.0.1 and a free port, with `headers` on every response. */
export async function startStaticServer(mounts: Readonly<Record<string, Mount>>, headers: Readonly<Record<string, string>> = {}): Promise<StaticServer> {
  const received: ReceivedRequest[] = [];
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const method = request.method ?? 'GET';
      const answer = (status: number, extra: Record<string, string | number>) => {
        received.push({ method, path, status, body });
        response.writeHead(status, { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', ...headers, ...extra });
      };
      const prefix = prefixes.find((candidate) => path.startsWith(candidate));
      const mount = prefix === undefined ? undefined : mounts[prefix];
      const rest = prefix === undefined ? '' : path.slice(prefix.length);
      if (method === 'GET' && mount && 'pages' in mount && mount.pages[rest] !== undefined) {
        answer(200, { 'content-type': CONTENT_TYPES['.html'] ?? 'text/html' });
        response.end(mount.pages[rest]);
        return;
      }
      const file = method === 'GET' && mount && 'folder' in mount ? await fileInFolder(mount.folder, rest) : undefined;
      if (!file) {
        answer(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Not found\n');
        return;
      }
      answer(200, { 'content-type': CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream', 'content-length': file.size });
      createReadStream(file.path).pipe(response);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
