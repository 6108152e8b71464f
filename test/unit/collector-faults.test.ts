// Fault tests, end to end: the real outbox and HTTP transport against the real collector, through a
// front server that injects failures. Whatever happens, every report ends up stored exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../server/collector/server.js';
import { createOutbox, type Outbox } from '../../src/reports/outbox.js';
import { createHttpTransport } from '../../src/reports/transport.js';
import { createFileStorage } from '../../src/reports/storage-file.js';
import type { Report } from '../../src/reports/schema.js';
import type { OutboxStorage } from '../../src/reports/storage.js';
import { letterUuids, sampleReport } from '../fixtures/reports/helpers.js';
import { mulberry32 } from '../../scripts/lib/mulberry32.js';

type Mode = 'pass' | '500' | '503' | 'hang' | 'reset' | 'lose-answer';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'chatguard-faults-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return join(folder, 'file');
}

async function collectorOn(db: string, port = 0): Promise<Collector> {
  const collector = await startCollector({ port, db, rateLimit: { capacity: 100_000, refillPerSecond: 1000 } });
  cleanups.push(() => collector.close());
  return collector;
}

/** A front server that forwards to `target()` or fails as `next()` says. */
async function faultyFront(target: () => string, next: () => Mode): Promise<{ url: string; modes: Mode[] }> {
  const modes: Mode[] = [];
  const server: Server = createServer(async (request, response) => {
    const mode = next();
    modes.push(mode);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (mode === 'reset') return void request.socket.destroy();
    if (mode === 'hang') return; // never answers; the transport's timeout fires
    if (mode === '500' || mode === '503') {
      response.writeHead(Number(mode), { 'content-type': 'application/json' });
      return void response.end('{"error":{"code":"INTERNAL"}}');
    }
    const forwarded = await fetch(`${target()}${request.url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
    });
    const text = await forwarded.text();
    if (mode === 'lose-answer') return void request.socket.destroy(); // stored, but the device never hears
    response.writeHead(forwarded.status, { 'content-type': 'application/json' });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, modes };
}

function clock() {
  let time = 1_700_000_000_000;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

function outboxFor(storage: OutboxStorage, endpoint: string, time: ReturnType<typeof clock>, random = Math.random): Outbox<Report> {
  return createOutbox<Report>({
    storage,
    transport: createHttpTransport<Report>({ endpoint: `${endpoint}/v1/reports`, timeoutMs: 40 }),
    batchSize: 7,
    now: time.now,
    random,
  });
}

/** Flushes until the queue is empty, jumping the clock over each backoff. */
async function drain(outbox: Outbox<Report>, time: ReturnType<typeof clock>, maxRounds = 200): Promise<void> {
  for (let round = 0; round < maxRounds; round += 1) {
    const result = await outbox.flush();
    if (result.remaining === 0) return;
    if (result.retryAt !== null) time.advance(Math.max(0, result.retryAt - time.now()));
  }
  throw new Error('the outbox did not drain');
}

const makeReports = async (n: number, seed: number) => {
  const ids = letterUuids(seed);
  return Promise.all(
    Array.from({ length: n }, async (_, i) =>
      (await sampleReport({ id: ids(), ...(i % 5 === 0 ? { kind: 'user_report', decision: 'reported' } : {}) })) as unknown as Report,
    ),
  );
};

async function expectStoredExactlyOnce(collector: Collector, reports: readonly Report[]): Promise<void> {
  const stored = await collector.store.reportIds();
  expect(stored).toHaveLength(reports.length);
  expect(new Set(stored)).toEqual(new Set(reports.map((r) => r.id)));
}

describe('fault tolerance, end to end', () => {
  it('keeps everything while the collector is down and delivers it once it is back (same port, same database)', async () => {
    const db = tempFile();
    let collector = await collectorOn(db);
    const { port, url } = collector;
    await collector.close(); // down: connection refused
    const time = clock();
    const outbox = outboxFor(createFileStorage({ path: `${db}.outbox.json` }), url, time);
    const reports = await makeReports(20, 1);
    for (const r of reports) await outbox.enqueue(r);
    const down = await outbox.flush();
    expect(down).toMatchObject({ sent: 0, remaining: 20 });
    expect(down.retryAt).not.toBeNull();
    collector = await collectorOn(db, port);
    await drain(outbox, time);
    await expectStoredExactlyOnce(collector, reports);
  });

  it('survives 500s, 503s, hung requests (timeouts), resets and lost answers without loss or duplicates', async () => {
    const collector = await collectorOn(':memory:');
    const script: Mode[] = ['500', 'hang', 'lose-answer', 'reset', '503', 'lose-answer', 'pass'];
    const front = await faultyFront(() => collector.url, () => script.shift() ?? 'pass');
    const time = clock();
    const outbox = outboxFor(createFileStorage({ path: tempFile() }), front.url, time);
    const reports = await makeReports(30, 2);
    for (const r of reports) await outbox.enqueue(r);
    await drain(outbox, time);
    expect(front.modes.slice(0, 7)).toEqual(['500', 'hang', 'lose-answer', 'reset', '503', 'lose-answer', 'pass']);
    // Both lost answers hit the first batch (it is retried as it was); its final delivery comes back as 7 duplicates.
    expect(outbox.stats().duplicates).toBe(7);
    await expectStoredExactlyOnce(collector, reports);
  });

  it('recovers when both sides restart mid-batch: the device after sending, the collector after storing', async () => {
    const db = tempFile();
    const outboxFile = `${db}.outbox.json`;
    let collector = await collectorOn(db);
    let mode: Mode = 'lose-answer';
    const front = await faultyFront(() => collector.url, () => mode);
    const time = clock();
    const first = outboxFor(createFileStorage({ path: outboxFile }), front.url, time);
    const reports = await makeReports(12, 3);
    for (const r of reports) await first.enqueue(r);
    await first.flush(); // one batch of 7 reaches the store; the answer is lost
    expect((await collector.store.reportIds()).length).toBe(7);
    // The device "crashes": the first outbox is dropped. The collector restarts on the same database.
    const { port } = collector;
    await collector.close();
    collector = await collectorOn(db, port);
    mode = 'pass';
    const second = outboxFor(createFileStorage({ path: outboxFile }), front.url, time);
    expect(await second.pending()).toHaveLength(12);
    time.advance(10 * 60_000); // past any backoff; a fresh outbox has none anyway
    await drain(second, time);
    expect(second.stats()).toMatchObject({ sent: 5, duplicates: 7 });
    await expectStoredExactlyOnce(collector, reports);
  });

  it('stays exactly-once under a seeded storm of random faults, device restarts and new reports', async () => {
    const collector = await collectorOn(':memory:');
    const random = mulberry32(424242);
    const modes: Mode[] = ['pass', 'pass', '500', '503', 'reset', 'lose-answer', 'lose-answer', 'hang'];
    let storm = true;
    const front = await faultyFront(() => collector.url, () => (storm ? modes[Math.floor(random() * modes.length)]! : 'pass'));
    const time = clock();
    const storagePath = tempFile();
    let outbox = outboxFor(createFileStorage({ path: storagePath }), front.url, time, random);
    const reports = await makeReports(120, 4);
    for (let i = 0; i < reports.length; i += 1) {
      await outbox.enqueue(reports[i]!);
      if (i % 9 === 8) {
        const result = await outbox.flush();
        if (result.retryAt !== null) time.advance(result.retryAt - time.now());
      }
      if (i % 31 === 30) outbox = outboxFor(createFileStorage({ path: storagePath }), front.url, time, random); // reload
    }
    storm = false;
    await drain(outbox, time);
    expect(front.modes.filter((m) => m !== 'pass').length).toBeGreaterThan(5);
    await expectStoredExactlyOnce(collector, reports);
  });
});
