/**
 * The demo's one local origin: the built page (or Vite's dev middleware), onnxruntime's wasm files
 * and `models/` straight from this repository, the relay (`server/relay/`), and the report
 * collector (`server/collector/`, proxied). Every body the relay and the collector receive is also
 * streamed to `/server-view/events`, which the page's "what the server sees" pane shows.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateReport } from '../src/index.js';
import { createRelay } from '../server/relay/relay.js';
import { CONTENT_TYPES, fileInFolder, readBody } from './static-files.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BUILT = join(REPO, 'dist', 'demo');
const ORT_DIST = join(REPO, 'node_modules', 'onnxruntime-web', 'dist');
const MODELS = join(REPO, 'models');

/** One body a server received, as the page's server pane and the browser tests see it. */
export interface ServerEntry {
  readonly seq: number;
  readonly server: 'relay' | 'collector';
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly accepted: boolean;
}

/** Options for {@link startDemo}. */
export interface DemoOptions {
  /** @defaultValue `5175`; `0` picks a free port */
  readonly port?: number;
  /** @defaultValue `'127.0.0.1'` */
  readonly host?: string;
  /** `'build'` serves `dist/demo` (run `vite build -c demo/vite.config.ts` first); `'dev'` runs Vite's dev middleware. @defaultValue `'build'` */
  readonly mode?: 'build' | 'dev';
  /** Where reports go. @defaultValue the reference collector on a free port with an in-memory SQLite store, if it loads */
  readonly collector?: 'reference' | 'stand-in';
}

/** A running demo. */
export interface Demo {
  readonly url: string;
  /** What the collector is: the reference collector or the demo's stand-in, and why. */
  readonly collector: string;
  /** Every body the relay and the collector received, in order. */
  readonly received: readonly ServerEntry[];
  close(): Promise<void>;
}

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const SECURITY_HEADERS = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found\n');
}

/** Serves `relative` from `folder`, refusing anything that would leave it. */
async function serveFile(folder: string, relative: string, response: ServerResponse, method: string): Promise<boolean> {
  const file = await fileInFolder(folder, relative);
  if (!file) return false;
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream',
    'content-length': file.size,
    'cache-control': 'no-cache',
    ...SECURITY_HEADERS,
  });
  if (method === 'HEAD') response.end();
  else createReadStream(file.path).pipe(response);
  return true;
}

type Forward = (method: string, path: string, headers: Record<string, string>, body: Buffer) => Promise<{ status: number; headers: Record<string, string>; body: Buffer }>;

/** The reference collector on a free port with an in-memory store, or why it could not start. */
async function startReferenceCollector(): Promise<{ forward: Forward; close(): Promise<void>; description: string }> {
  const { startCollector } = (await import('../server/collector/server.js')) as typeof import('../server/collector/server.js');
  const collector = await startCollector({ port: 0, host: '127.0.0.1', db: ':memory:', k: 1 });
  const forward: Forward = (method, path, headers, body) =>
    new Promise((resolve, reject) => {
      const upstream = httpRequest(`${collector.url}${path}`, { method, headers: { ...headers, 'content-length': String(body.length) } }, (answer) => {
        void readBody(answer).then((data) => {
          const out: Record<string, string> = {};
          for (const name of ['content-type', 'retry-after']) if (typeof answer.headers[name] === 'string') out[name] = answer.headers[name];
          resolve({ status: answer.statusCode ?? 502, headers: out, body: data });
        }, reject);
      });
      upstream.on('error', reject);
      upstream.end(body);
    });
  return { forward, close: () => collector.close(), description: `reference collector (server/collector) at ${collector.url}, in-memory SQLite` };
}

/** A stand-in that validates reports with the device's own validator and stores nothing. */
function standInCollector(reason: string): { forward: Forward; close(): Promise<void>; description: string } {
  const json = (status: number, value: unknown) => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(value)) });
  const forward: Forward = async (method, path, _headers, body) => {
    if (method !== 'POST' || path !== '/v1/reports') return json(404, { error: { code: 'NOT_FOUND', message: 'The stand-in collector only takes POST /v1/reports.' } });
    let reports: unknown[];
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { reports?: unknown };
      reports = Array.isArray(parsed.reports) ? parsed.reports : [];
    } catch {
      return json(400, { error: { code: 'INVALID_JSON', message: 'Expected a JSON body.' } });
    }
    const invalid: Array<{ index: number }> = [];
    const accepted: string[] = [];
    reports.forEach((report, index) => {
      try {
        accepted.push(validateReport(report).id);
      } catch {
        invalid.push({ index });
      }
    });
    return invalid.length > 0 ? json(400, { error: { code: 'INVALID_REPORT', message: 'Invalid reports.' }, invalid }) : json(200, { accepted, duplicates: [] });
  };
  return { forward, close: async () => undefined, description: `stand-in collector (validates, stores nothing): ${reason}` };
}

/**
 * Starts the demo server.
 * @example
 * const demo = await startDemo({ port: 0 });
 * console.log(demo.url);
 * await demo.close();
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const mode = options.mode ?? 'build';
  const received: ServerEntry[] = [];
  const watchers = new Set<ServerResponse>();
  const record = (entry: Omit<ServerEntry, 'seq'>) => {
    const full = { ...entry, seq: received.length + 1 };
    received.push(full);
    for (const watcher of watchers) watcher.write(`event: entry\ndata: ${JSON.stringify(full)}\n\n`);
  };
  const relay = createRelay({ onReceive: (body) => record(body) });

  let collector: { forward: Forward; close(): Promise<void>; description: string };
  if (options.collector === 'stand-in') collector = standInCollector('asked for');
  else {
    try {
      collector = await startReferenceCollector();
    } catch (error) {
      collector = standInCollector(`server/collector did not start (${(error as Error).message.split('\n')[0]})`);
    }
  }

  if (mode === 'build') {
    const index = await stat(join(BUILT, 'index.html')).catch(() => undefined);
    if (!index) throw new Error('dist/demo is missing: run `npx vite build -c demo/vite.config.ts` first (demo/serve.ts does).');
  }
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' }).end(`Internal error: ${(error as Error).message}\n`);
      else response.destroy();
    });
  });
  // In dev mode Vite's HMR socket shares this server's port, so the page's `connect-src 'self'` allows it.
  const vite =
    mode === 'dev'
      ? await (await import('vite')).createServer({
          configFile: join(REPO, 'demo', 'vite.config.ts'),
          server: { middlewareMode: true, ws: { server } },
          appType: 'spa',
        })
      : undefined;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://demo.invalid');
    const method = request.method ?? 'GET';
    if (relay.handle(request, response)) return;
    if (url.pathname.startsWith('/collector/')) {
      const body = await readBody(request);
      const path = url.pathname.slice('/collector'.length) + url.search;
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'x-chatguard-client']) if (typeof request.headers[name] === 'string') headers[name] = request.headers[name];
      const answer = await collector.forward(method, path, headers, body);
      if (method === 'POST') record({ server: 'collector', at: Date.now(), method, path: url.pathname, body: body.toString('utf8'), accepted: answer.status < 300 });
      response.writeHead(answer.status, { ...answer.headers, 'cache-control': 'no-store' }).end(answer.body);
      return;
    }
    if (url.pathname === '/server-view/events' && method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
      response.write(': server view\n\n');
      for (const entry of received) response.write(`event: entry\ndata: ${JSON.stringify(entry)}\n\n`);
      watchers.add(response);
      request.on('close', () => watchers.delete(response));
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      request.resume();
      return notFound(response);
    }
    // onnxruntime's runtime files, self-hosted: never a CDN.
    if (url.pathname.startsWith('/ort/')) {
      const name = url.pathname.slice('/ort/'.length);
      if (/^ort-wasm-simd-threaded(?:\.[a-z]+)?\.(?:wasm|mjs)$/.test(name) && (await serveFile(ORT_DIST, name, response, method))) return;
      return notFound(response);
    }
    if (url.pathname.startsWith('/models/')) {
      if (await serveFile(MODELS, url.pathname.slice('/models/'.length), response, method)) return;
      return notFound(response);
    }
    if (vite) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
      vite.middlewares(request, response, () => notFound(response));
      return;
    }
    const relative = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    if (await serveFile(BUILT, relative, response, method)) return;
    notFound(response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5175, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    collector: collector.description,
    received,
    close() {
      closing ??= (async () => {
        relay.close();
        for (const watcher of watchers) watcher.end();
        await vite?.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await collector.close();
      })();
      return closing;
    },
  };
}

