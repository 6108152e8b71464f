/**
 * A plain static file server on one local origin, like any host that serves ChatGuard's prebuilt files:
 * URL prefixes mapped to folders (or fixed pages), one set of response headers, and every request it
 * received (method, path, body) recorded for the tests to inspect.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

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

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The file `relative` names inside `folder`, or undefined when it is not a file there (or would leave it). */
async function fileIn(folder: string, relative: string): Promise<{ path: string; size: number } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  const root = normalize(folder).replace(/[\\/]+$/, '');
  const path = normalize(join(root, decoded));
  if (!path.startsWith(root + sep) || decoded.includes('\0')) return undefined;
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? { path, size: info.size } : undefined;
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
        answer(200, { 'content-type': TYPES['.html'] ?? 'text/html' });
        response.end(mount.pages[rest]);
        return;
      }
      const file = method === 'GET' && mount && 'folder' in mount ? await fileIn(mount.folder, rest) : undefined;
      if (!file) {
        answer(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Not found\n');
        return;
      }
      answer(200, { 'content-type': TYPES[extname(file.path)] ?? 'application/octet-stream', 'content-length': file.size });
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
