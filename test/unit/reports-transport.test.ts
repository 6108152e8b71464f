// The HTTP transport: what it sends, and how each answer maps to an outcome. fetch is injected.
import { describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../src/reports/transport.js';
import type { Report } from '../../src/reports/schema.js';
import { letterUuids, sampleReport } from '../fixtures/reports/helpers.js';

const ids = letterUuids(5);
const batch = async (n: number) => Promise.all(Array.from({ length: n }, async () => (await sampleReport({ id: ids() })) as unknown as Report));

function fakeFetch(answer: (init: RequestInit) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init! });
    return answer(init!);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('createHttpTransport', () => {
  it('POSTs the batch as JSON with the device pseudonym header and maps 200', async () => {
    const reports = await batch(2);
    const { fetch, calls } = fakeFetch(() => json(200, { accepted: [reports[0]!.id], duplicates: [reports[1]!.id] }));
    const transport = createHttpTransport<Report>({ endpoint: 'https://c.example/v1/reports', fetch, clientId: () => 'ab'.repeat(16) });
    expect(await transport.send(reports)).toEqual({ status: 'ok', accepted: [reports[0]!.id], duplicates: [reports[1]!.id] });
    expect(calls[0]!.url).toBe('https://c.example/v1/reports');
    expect(calls[0]!.init.method).toBe('POST');
    expect((calls[0]!.init.headers as Record<string, string>)['x-chatguard-client']).toBe('ab'.repeat(16));
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ reports });
  });

  it('maps 400 with invalid indexes to ids, 413, 429 with Retry-After, 5xx and network errors', async () => {
    const reports = await batch(3);
    const answers: Array<() => Response> = [
      () => json(400, { error: { code: 'INVALID_REPORT' }, invalid: [{ index: 2 }, { index: 9 }, { index: 'x' }] }),
      () => json(413, {}),
      () => json(429, {}, { 'retry-after': '7' }),
      () => new Response('oops', { status: 500 }),
      () => {
        throw new TypeError('fetch failed');
      },
    ];
    const { fetch } = fakeFetch(() => answers.shift()!());
    const transport = createHttpTransport<Report>({ endpoint: 'http://x/v1/reports', fetch });
    expect(await transport.send(reports)).toEqual({ status: 'invalid', rejected: [reports[2]!.id] });
    expect(await transport.send(reports)).toEqual({ status: 'too_large' });
    expect(await transport.send(reports)).toEqual({ status: 'retry', reason: 'http 429', retryAfterMs: 7000 });
    expect(await transport.send(reports)).toEqual({ status: 'retry', reason: 'http 500' });
    expect(await transport.send(reports)).toEqual({ status: 'retry', reason: 'network: TypeError' });
  });

  it('gives up on a hung request after timeoutMs and asks for a retry', async () => {
    const { fetch } = fakeFetch(
      (init) =>
        new Promise<Response>((_, reject) => {
          init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const transport = createHttpTransport<Report>({ endpoint: 'http://x/v1/reports', fetch, timeoutMs: 20 });
    expect(await transport.send(await batch(1))).toEqual({ status: 'retry', reason: 'timeout' });
  });

  it('uses the configured field, for telemetry', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { accepted: [], duplicates: [] }));
    await createHttpTransport<{ id: string }>({ endpoint: 'http://x/v1/telemetry', field: 'records', fetch }).send([{ id: 'a' }]);
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ records: [{ id: 'a' }] });
    expect(() => createHttpTransport({ endpoint: '' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});
