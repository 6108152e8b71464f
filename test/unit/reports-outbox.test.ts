// The outbox: persistence, batching, backoff with full jitter, the drop policy, and recovery — with an injected clock.
import { describe, expect, it } from 'vitest';
import { createOutbox, reportDropTier } from '../../src/reports/outbox.js';
import { createMemoryStorage, type OutboxStorage } from '../../src/reports/storage.js';
import type { SendOutcome, Transport } from '../../src/reports/transport.js';
import { fullJitterDelay } from '../../src/reports/backoff.js';
import type { Report } from '../../src/reports/schema.js';
import { letterUuids, sampleReport } from '../fixtures/reports/helpers.js';

const ids = letterUuids(99);
async function report(overrides: Record<string, unknown> = {}): Promise<Report> {
  return (await sampleReport({ id: ids(), ...overrides })) as unknown as Report;
}
const userReport = () => report({ kind: 'user_report', decision: 'reported' });
const followUp = () => report({ decision: 'proceeded' });

/** A fake collector: stores ids once; `script` decides each answer before storing. */
function fakeCollector(script: (batch: readonly Report[], call: number) => SendOutcome | 'store' = () => 'store') {
  const stored: string[] = [];
  const batches: number[] = [];
  const transport: Transport<Report> = {
    async send(batch) {
      batches.push(batch.length);
      const answer = script(batch, batches.length);
      if (answer !== 'store') return answer;
      const accepted: string[] = [];
      const duplicates: string[] = [];
      for (const item of batch) (stored.includes(item.id) ? duplicates : accepted).push(item.id);
      stored.push(...accepted);
      return { status: 'ok', accepted, duplicates };
    },
  };
  return { transport, stored, batches };
}

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('createOutbox', () => {
  it('persists before enqueue resolves, sends in batches, and empties the queue', async () => {
    const storage = createMemoryStorage();
    const { transport, stored, batches } = fakeCollector();
    const outbox = createOutbox({ storage, transport, batchSize: 3 });
    const reports = [await report(), await report(), await report(), await report(), await userReport()];
    for (const r of reports) await outbox.enqueue(r);
    expect(JSON.parse(storage.snapshot()!).entries).toHaveLength(5);
    await outbox.enqueue(reports[0]!); // the same id again: a no-op
    const result = await outbox.flush();
    expect(result).toEqual({ sent: 5, duplicates: 0, rejected: 0, remaining: 0, retryAt: null });
    expect(batches).toEqual([3, 2]);
    expect(stored).toEqual(reports.map((r) => r.id));
    expect(await outbox.pending()).toEqual([]);
    expect(JSON.parse(storage.snapshot()!).entries).toEqual([]);
  });

  it('validates before queuing', async () => {
    const outbox = createOutbox({ storage: createMemoryStorage(), transport: fakeCollector().transport });
    await expect(outbox.enqueue({ ...(await report()), text: 'hello' } as Report)).rejects.toMatchObject({ code: 'INVALID_REPORT' });
    expect(await outbox.pending()).toEqual([]);
  });

  it('backs off with full jitter after failures, honours Retry-After, and resets after a success', async () => {
    const time = clock();
    const randoms = [0.5, 0.25, 0.999, 0.1];
    let down = true;
    const { transport, stored } = fakeCollector(() => (down ? { status: 'retry', reason: 'http 503' } : 'store'));
    const outbox = createOutbox({ storage: createMemoryStorage(), transport, now: time.now, random: () => randoms.shift() ?? 0, backoff: { baseMs: 1000, maxMs: 60_000 } });
    await outbox.enqueue(await report());
    const first = await outbox.flush();
    expect(first.retryAt).toBe(time.now() + 500); // 0.5 × min(60 s, 1 s × 2^0)
    expect(await outbox.flush()).toMatchObject({ sent: 0, remaining: 1 }); // still backing off: no request
    time.advance(500);
    expect((await outbox.flush()).retryAt).toBe(time.now() + 500); // 0.25 × 2 s
    time.advance(500);
    expect((await outbox.flush()).retryAt).toBe(time.now() + 3996); // 0.999 × 4 s
    expect(outbox.stats().failures).toBe(3);
    time.advance(3996);
    down = false;
    expect(await outbox.flush()).toMatchObject({ sent: 1, remaining: 0, retryAt: null });
    expect(outbox.stats().failures).toBe(0);
    expect(stored).toHaveLength(1);
  });

  it('waits at least as long as the collector asks (Retry-After)', async () => {
    const time = clock();
    const { transport } = fakeCollector(() => ({ status: 'retry', reason: 'http 429', retryAfterMs: 30_000 }));
    const outbox = createOutbox({ storage: createMemoryStorage(), transport, now: time.now, random: () => 0.5 });
    await outbox.enqueue(await report());
    expect((await outbox.flush()).retryAt).toBe(time.now() + 30_000);
  });

  it('caps full-jitter delays and spreads them uniformly', () => {
    expect(fullJitterDelay(1, () => 0.999999, { baseMs: 100, maxMs: 1000 })).toBe(99);
    expect(fullJitterDelay(40, () => 0.999999, { baseMs: 100, maxMs: 1000 })).toBe(999);
    expect(fullJitterDelay(3, () => 0, { baseMs: 100, maxMs: 1000 })).toBe(0);
  });

  it('drops the oldest automatic signals first, then follow-ups, never user reports', async () => {
    const outbox = createOutbox({ storage: createMemoryStorage(), transport: fakeCollector().transport, maxItems: 4 });
    const signalA = await report();
    const followA = await followUp();
    const userA = await userReport();
    const signalB = await report();
    for (const r of [signalA, followA, userA, signalB]) await outbox.enqueue(r);
    const userB = await userReport();
    await outbox.enqueue(userB); // over the cap: the oldest automatic signal goes
    expect((await outbox.pending()).map((r) => r.id)).toEqual([followA.id, userA.id, signalB.id, userB.id]);
    const userC = await userReport();
    await outbox.enqueue(userC); // the next automatic signal
    const userD = await userReport();
    await outbox.enqueue(userD); // then the follow-up
    expect((await outbox.pending()).map((r) => r.id)).toEqual([userA.id, userB.id, userC.id, userD.id]);
    const late = await report();
    await outbox.enqueue(late); // a new signal into a queue of user reports is itself dropped
    expect((await outbox.pending()).map((r) => r.id)).not.toContain(late.id);
    await expect(outbox.enqueue(await userReport())).rejects.toMatchObject({ code: 'OUTBOX_FULL' });
    expect(await outbox.pending()).toHaveLength(4);
    expect(outbox.stats().dropped).toBe(3 + 1);
    expect([signalA, followA, userA].map(reportDropTier)).toEqual([0, 1, Number.POSITIVE_INFINITY]);
  });

  it('narrows a refused batch down to the invalid report and drops only that one', async () => {
    const reports = await Promise.all(Array.from({ length: 7 }, () => report()));
    const poison = reports[4]!.id;
    const { transport, stored, batches } = fakeCollector((batch) => (batch.some((r) => r.id === poison) ? { status: 'invalid', rejected: [] } : 'store'));
    const outbox = createOutbox({ storage: createMemoryStorage(), transport, batchSize: 8 });
    for (const r of reports) await outbox.enqueue(r);
    const result = await outbox.flush();
    expect(result).toMatchObject({ sent: 6, rejected: 1, remaining: 0 });
    expect(stored).toEqual(reports.map((r) => r.id).filter((id) => id !== poison));
    expect(batches[0]).toBe(7);
    expect(batches.length).toBeLessThan(10);
  });

  it('drops exactly the ids the collector names as invalid', async () => {
    const reports = await Promise.all(Array.from({ length: 3 }, () => report()));
    let calls = 0;
    const { transport, stored } = fakeCollector(() => (++calls === 1 ? { status: 'invalid', rejected: [reports[1]!.id] } : 'store'));
    const outbox = createOutbox({ storage: createMemoryStorage(), transport });
    for (const r of reports) await outbox.enqueue(r);
    expect(await outbox.flush()).toMatchObject({ sent: 2, rejected: 1, remaining: 0 });
    expect(stored).toEqual([reports[0]!.id, reports[2]!.id]);
  });

  it('halves the batch while the collector answers 413', async () => {
    const { transport, batches, stored } = fakeCollector((batch) => (batch.length > 2 ? { status: 'too_large' } : 'store'));
    const outbox = createOutbox({ storage: createMemoryStorage(), transport, batchSize: 8 });
    for (let i = 0; i < 6; i += 1) await outbox.enqueue(await report());
    expect(await outbox.flush()).toMatchObject({ sent: 6, rejected: 0, remaining: 0 });
    expect(batches).toEqual([6, 3, 2, 2, 2]);
    expect(stored).toHaveLength(6);
  });

  it('loses nothing and stores nothing twice when it restarts after the collector stored a batch but before the answer arrived', async () => {
    const storage = createMemoryStorage();
    let crash = true;
    const { transport, stored } = fakeCollector((batch, call) => {
      if (call === 1) {
        stored.push(...batch.map((r) => r.id)); // the collector stores the batch…
        throw new Error('…and the device dies before it reads the answer');
      }
      return 'store';
    });
    const first = createOutbox({ storage, transport, batchSize: 10 });
    const reports = await Promise.all(Array.from({ length: 4 }, () => report()));
    for (const r of reports) await first.enqueue(r);
    await expect(first.flush()).rejects.toThrow(/dies/);
    crash = false;
    const second = createOutbox({ storage, transport }); // a reload over the same storage
    expect((await second.pending()).map((r) => r.id)).toEqual(reports.map((r) => r.id));
    expect(await second.flush()).toMatchObject({ sent: 0, duplicates: 4, remaining: 0 });
    expect(stored).toEqual(reports.map((r) => r.id));
    expect(crash).toBe(false);
  });

  it('keeps memory and storage in step when a save fails', async () => {
    const inner = createMemoryStorage();
    let failSaves = false;
    const storage: OutboxStorage = { load: () => inner.load(), save: (value) => (failSaves ? Promise.reject(new Error('disk full')) : inner.save(value)) };
    const { transport } = fakeCollector();
    const outbox = createOutbox({ storage, transport });
    const kept = await report();
    await outbox.enqueue(kept);
    failSaves = true;
    await expect(outbox.enqueue(await report())).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect((await outbox.pending()).map((r) => r.id)).toEqual([kept.id]);
    // A flush whose removal cannot be saved keeps the report: it is re-sent later and deduplicated.
    await expect(outbox.flush()).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    failSaves = false;
    expect(await outbox.flush()).toMatchObject({ sent: 0, duplicates: 1, remaining: 0 });
  });

  it('discards stored items that no longer validate, and counts them', async () => {
    const storage = createMemoryStorage();
    const good = await report();
    await storage.save({ format: 1, entries: [{ item: good, queuedAt: 1 }, { item: { ...good, id: 'bad', secret: 'x' }, queuedAt: 2 }, null] });
    const outbox = createOutbox({ storage, transport: fakeCollector().transport });
    expect((await outbox.pending()).map((r) => r.id)).toEqual([good.id]);
    expect(outbox.stats().discarded).toBe(2);
  });

  it('sends in the background once started, on the injected scheduler', async () => {
    const timers: Array<{ run: () => void; ms: number }> = [];
    const schedule = (run: () => void, ms: number) => {
      const timer = { run, ms };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer), 1);
    };
    const { transport, stored } = fakeCollector();
    const outbox = createOutbox({ storage: createMemoryStorage(), transport, schedule, flushDelayMs: 2000 });
    await outbox.enqueue(await report());
    expect(timers).toHaveLength(0); // not started: nothing scheduled
    outbox.start();
    await outbox.enqueue(await report());
    expect(timers.map((t) => t.ms)).toEqual([2000]); // debounced: one pending timer
    timers.shift()!.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(stored).toHaveLength(2);
    outbox.stop();
    await outbox.enqueue(await report());
    expect(timers).toHaveLength(0);
  });
});
