// The reference collector over real HTTP on 127.0.0.1 (port 0) with an in-memory SQLite store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector, type Collector } from '../../server/collector/server.js';
import { telemetryRecords, validateTelemetry, type TelemetryRecord } from '../../src/reports/telemetry.js';
import { createOutbox } from '../../src/reports/outbox.js';
import { createHttpTransport } from '../../src/reports/transport.js';
import { createMemoryStorage } from '../../src/reports/storage.js';
import { flaggedVerdict, letterUuids, sampleReport } from '../fixtures/reports/helpers.js';

const ids = letterUuids(31);
const report = (overrides: Record<string, unknown> = {}) => sampleReport({ id: ids(), ...overrides });

async function post(collector: Collector, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${collector.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('the collector', () => {
  let collector: Collector;
  beforeAll(async () => {
    collector = await startCollector({ port: 0, db: ':memory:', k: 3, maxBodyBytes: 16_384, rateLimit: { capacity: 1000 } });
  });
  afterAll(() => collector.close());

  it('stores a batch and accepts a retried one idempotently, storing each id once', async () => {
    const batch = [await report(), await report({ kind: 'user_report', decision: 'reported', counterpart: 'acct-1' })];
    const first = await post(collector, '/v1/reports', { reports: batch });
    expect(first).toMatchObject({ status: 200, body: { accepted: batch.map((r) => r['id']), duplicates: [] } });
    const again = await post(collector, '/v1/reports', { reports: [batch[1], await report()] });
    expect(again.status).toBe(200);
    expect(again.body['duplicates']).toEqual([batch[1]!['id']]);
    const stored = await collector.store.reportIds();
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored).toEqual(expect.arrayContaining(batch.map((r) => r['id'])));
  });

  it('refuses the whole batch with 400 when any report has an unknown field, naming its index, storing nothing', async () => {
    const good = await report();
    const bad = { ...(await report()), comment: 'the text of the message' };
    const before = (await collector.store.reportIds()).length;
    const answer = await post(collector, '/v1/reports', { reports: [good, bad] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'INVALID_REPORT' }, invalid: [{ index: 1, message: expect.stringContaining('Unexpected field') }] });
    expect(JSON.stringify(answer.body)).not.toContain('text of the message');
    expect((await collector.store.reportIds()).length).toBe(before);
  });

  it('answers 400 for a malformed body, 413 for an oversized one, 415 for the wrong type, 404 elsewhere', async () => {
    expect((await post(collector, '/v1/reports', '{nope')).status).toBe(400);
    expect((await post(collector, '/v1/reports', { reports: [] })).status).toBe(400);
    expect((await post(collector, '/v1/reports', { reports: [await report()], extra: 1 })).status).toBe(400);
    expect((await post(collector, '/v1/reports', { reports: Array.from({ length: 101 }, () => ({})) })).status).toBe(400);
    const huge = await post(collector, '/v1/reports', { reports: [await report()], padding: 'x'.repeat(20_000) });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'TOO_LARGE' } } });
    const wrongType = await fetch(`${collector.url}/v1/reports`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    expect((await fetch(`${collector.url}/v1/other`)).status).toBe(404);
    expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
  });

  it('serves report counts only for cells with at least k reports', async () => {
    const fresh = await startCollector({ port: 0, db: ':memory:', k: 3, rateLimit: { capacity: 1000 } });
    try {
      const scams = await Promise.all([1, 2, 3].map(() => report({ labels: [{ label: 'scam', bucket: 'high', flagged: true }] })));
      const threats = await Promise.all([1, 2].map(() => report({ labels: [{ label: 'threat', bucket: 'high', flagged: true }] })));
      expect((await post(fresh, '/v1/reports', { reports: [...scams, ...threats] })).status).toBe(200);
      const aggregates = (await (await fetch(`${fresh.url}/v1/aggregates`)).json()) as { k: number; reports: { cells: unknown[]; suppressedCells: number } };
      expect(aggregates.k).toBe(3);
      expect(aggregates.reports.cells).toEqual([{ kind: 'signal', label: 'scam', decision: 'none', count: 3 }]);
      expect(aggregates.reports.suppressedCells).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('takes LDP telemetry and serves estimates per model version once k records stand behind them', async () => {
    const fresh = await startCollector({ port: 0, db: ':memory:', k: 5, rateLimit: { capacity: 1000 } });
    try {
      const verdict = await flaggedVerdict();
      const records = [1, 2, 3, 4].flatMap(() => telemetryRecords(verdict, 'proceeded', { randomUUID: ids }));
      expect(await post(fresh, '/v1/telemetry', { records: records.slice(0, 4) })).toMatchObject({ status: 200 });
      let aggregates = (await (await fetch(`${fresh.url}/v1/aggregates`)).json()) as { telemetry: { groups: unknown[]; suppressedGroups: number } };
      expect(aggregates.telemetry).toEqual({ groups: [], suppressedGroups: 1 });
      const answer = await post(fresh, '/v1/telemetry', { records });
      expect(answer.body['duplicates']).toHaveLength(4);
      aggregates = (await (await fetch(`${fresh.url}/v1/aggregates`)).json()) as typeof aggregates;
      const [group] = aggregates.telemetry.groups as Array<{ records: number; labels: Array<{ label: string }> }>;
      expect(group!.records).toBe(8);
      expect(group!.labels.map((l) => l.label)).toContain('scam');
      expect((await post(fresh, '/v1/telemetry', { records: [{ ...records[0], id: ids(), label: 'scam' }] })).status).toBe(400);
    } finally {
      await fresh.close();
    }
  });

  it('takes telemetry through an outbox of its own', async () => {
    const fresh = await startCollector({ port: 0, db: ':memory:', k: 1, rateLimit: { capacity: 1000 } });
    try {
      const outbox = createOutbox<TelemetryRecord>({
        storage: createMemoryStorage(),
        transport: createHttpTransport({ endpoint: `${fresh.url}/v1/telemetry`, field: 'records' }),
        validate: validateTelemetry,
        dropTier: () => 0,
      });
      for (const record of telemetryRecords(await flaggedVerdict(), 'reported', { randomUUID: ids })) await outbox.enqueue(record);
      expect(await outbox.flush()).toMatchObject({ sent: 2, remaining: 0 });
      expect((await fresh.store.telemetryGroups())[0]?.records).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it('rate-limits per device pseudonym, and per address whatever the header says', async () => {
    let time = 0;
    const limited = await startCollector({ port: 0, db: ':memory:', now: () => time, rateLimit: { capacity: 2, refillPerSecond: 1 }, addressRateLimit: { capacity: 5, refillPerSecond: 1 } });
    try {
      const client = { 'x-chatguard-client': 'ab'.repeat(16) };
      const send = async (headers: Record<string, string>) => post(limited, '/v1/reports', { reports: [await report()] }, headers);
      expect((await send(client)).status).toBe(200);
      expect((await send(client)).status).toBe(200);
      const third = await send(client);
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('1');
      expect((await send({ 'x-chatguard-client': 'cd'.repeat(16) })).status).toBe(200); // another device
      time += 1000;
      expect((await send(client)).status).toBe(200); // refilled
      // Inventing pseudonyms does not escape the per-address limit: 5 at once, 1 more per second; 5 taken so far.
      const invented = [];
      for (const pseudonym of ['ef', 'a1', 'b2']) invented.push((await send({ 'x-chatguard-client': pseudonym.repeat(16) })).status);
      expect(invented).toEqual([200, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('npm run collector', () => {
  it('starts from the command line with its documented flags and serves requests', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'chatguard-collector-'));
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/collector/main.ts', '--port', '0', '--db', join(folder, 'c.sqlite'), '--k', '2'], { cwd: root });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('\n')) resolve(out);
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => reject(new Error(chunk)));
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const url = /listening on (http:\/\/\S+)/.exec(line)![1]!;
      expect(line).toContain('k = 2');
      const response = await fetch(`${url}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reports: [await report()] }) });
      expect(response.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
