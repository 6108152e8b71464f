/**
 * A small static server for the bench page: the built page (dist/bench-browser), `models/` and
 * onnxruntime-web's wasm runtime files straight from this checkout (no CDN), and the fixed inputs.
 * With `isolated`, every response carries COOP/COEP (and CORP), so the page is cross-origin
 * isolated and onnxruntime-web may use threads. Every response is `no-store`, so a fresh worker
 * fetches and compiles everything again (a first visit), and the bytes served are counted by path.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Where the bench page is built. */
export const PAGE_DIR = join(REPO, 'dist', 'bench-browser');
const ORT_DIST = join(REPO, 'node_modules', 'onnxruntime-web', 'dist');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

/** A running server. */
export interface BenchServer {
  readonly url: string;
  /** Bytes served per path since the last {@link BenchServer.reset}. */
  served(): Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

/** Maps a request path to a file, refusing anything outside the three folders. */
function fileFor(pathname: string): string | undefined {
  const inside = (root: string, rest: string) => {
    const file = normalize(join(root, rest));
    return file.startsWith(root + sep) ? file : undefined;
  };
  if (pathname.startsWith('/models/')) return inside(join(REPO, 'models'), pathname.slice('/models/'.length));
  if (pathname.startsWith('/inputs/')) return inside(join(REPO, 'bench', 'inputs'), pathname.slice('/inputs/'.length));
  if (pathname.startsWith('/ort/')) {
    const name = pathname.slice('/ort/'.length);
    return /^ort-wasm-simd-threaded(?:\.[a-z]+)?\.(?:wasm|mjs)$/.test(name) ? join(ORT_DIST, name) : undefined;
  }
  return inside(PAGE_DIR, pathname === '/' ? 'index.html' : pathname.slice(1));
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startBenchServer(options: { readonly isolated: boolean }): Promise<BenchServer> {
  const served = new Map<string, number>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const file = fileFor(decodeURIComponent(url.pathname));
    response.setHeader('Cache-Control', 'no-store');
    if (options.isolated) {
      response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
      response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    }
    const fail = (status: number) => {
      response.statusCode = status;
      response.end();
    };
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) return fail(404);
    stat(file).then(
      (info) => {
        if (!info.isFile()) return fail(404);
        response.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
        response.setHeader('Content-Length', info.size);
        if (request.method === 'HEAD') return void response.end();
        served.set(url.pathname, (served.get(url.pathname) ?? 0) + info.size);
        createReadStream(file).pipe(response);
      },
      () => fail(404),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    served: () => new Map(served),
    reset: () => served.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
