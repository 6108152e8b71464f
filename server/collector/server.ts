import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateReport } from '../../src/reports/validate-report.js';
import { validateTelemetry } from '../../src/reports/telemetry.js';
import { aggregates } from './aggregates.js';
import { readBody, sendError, sendJson } from './http.js';
import { ingest, type Answer, type IngestSpec } from './ingest.js';
import { resolveCollectorOptions, type CollectorOptions, type ResolvedCollectorOptions } from './options.js';
import { createRateLimiter } from './rate-limit.js';
import { createSqliteStore } from './store-sqlite.js';
import { createPostgresStore } from './store-postgres.js';
import type { CollectorStore } from './store.js';

/** A running collector. */
export interface Collector {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  readonly store: CollectorStore;
  /** Stops accepting requests, waits for those in flight, closes the store. */
  close(): Promise<void>;
}

const CLIENT_PATTERN = /^[0-9a-f]{32}$/;

/**
 * Builds the request handler over a store: `POST /v1/reports`, `POST /v1/telemetry`,
 * `GET /v1/aggregates`, `GET /healthz`.
 */
export function createCollectorHandler(store: CollectorStore, resolved: ResolvedCollectorOptions) {
  const perClient = createRateLimiter({ now: resolved.now, ...resolved.rateLimit });
  const perAddress = createRateLimiter({ now: resolved.now, ...resolved.addressRateLimit });
  const reports: IngestSpec<ReturnType<typeof validateReport>> = {
    field: 'reports',
    validate: validateReport,
    store: (items, at) => store.insertReports(items, at),
    maxBatch: resolved.maxBatch,
  };
  const telemetry: IngestSpec<ReturnType<typeof validateTelemetry>> = {
    field: 'records',
    validate: validateTelemetry,
    store: (items, at) => store.insertTelemetry(items, at),
    maxBatch: resolved.maxBatch,
  };
  const ingestRoutes: Readonly<Record<string, (text: string, at: number) => Promise<Answer>>> = {
    'POST /v1/reports': (text, at) => ingest(text, reports, at),
    'POST /v1/telemetry': (text, at) => ingest(text, telemetry, at),
  };

  /** 0 when allowed, else ms to wait. The device pseudonym is optional; the address always counts. */
  function limited(request: IncomingMessage): number {
    const address = request.socket.remoteAddress ?? 'unknown';
    const header = request.headers['x-chatguard-client'];
    const client = typeof header === 'string' && CLIENT_PATTERN.test(header) ? `client:${header}` : `address:${address}`;
    return Math.max(perAddress.take(address), perClient.take(client));
  }

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0];
    const route = `${request.method} ${path}`;
    if (route === 'GET /healthz') return sendJson(response, 200, { ok: true });
    if (route === 'GET /v1/aggregates') return sendJson(response, 200, await aggregates(store, resolved.k));
    const ingestRoute = Object.hasOwn(ingestRoutes, route) ? ingestRoutes[route] : undefined;
    if (!ingestRoute) {
      request.resume();
      return sendError(response, 404, 'NOT_FOUND', 'Expected POST /v1/reports, POST /v1/telemetry or GET /v1/aggregates.');
    }
    const wait = limited(request);
    if (wait > 0) {
      request.resume();
      const seconds = String(Math.ceil(wait / 1000));
      return sendError(response, 429, 'RATE_LIMITED', 'Too many requests from this client; retry later.', {}, { 'retry-after': seconds });
    }
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      request.resume();
      return sendError(response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Expected content-type: application/json.');
    }
    const body = await readBody(request, resolved.maxBodyBytes);
    if (!body.ok) {
      return body.status === 413
        ? sendError(response, 413, 'TOO_LARGE', `Expected a body of at most ${resolved.maxBodyBytes} bytes.`)
        : sendError(response, 400, 'INVALID_JSON', 'Expected a UTF-8 JSON body.');
    }
    const answer = await ingestRoute(body.text, resolved.now());
    sendJson(response, answer.status, answer.body, answer.headers);
  };
}

/**
 * Starts the reference collector: a Node `http` server over SQLite (default) or PostgreSQL.
 * @example
 * const collector = await startCollector({ port: 0, db: ':memory:' });
 * console.log(collector.url); // http://127.0.0.1:54321
 * await collector.close();
 */
export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const resolved = resolveCollectorOptions(options);
  const store = resolved.postgres === undefined ? createSqliteStore(resolved.db) : await createPostgresStore(resolved.postgres);
  const handler = createCollectorHandler(store, resolved);
  const server = createServer((request, response) => {
    handler(request, response).catch(() => {
      if (!response.headersSent) sendError(response, 500, 'INTERNAL', 'The collector failed on this request.');
      else response.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }).then(() => store.close());
      return closing;
    },
  };
}
