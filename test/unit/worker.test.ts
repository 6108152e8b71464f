// The real worker path in Node: the built worker file over comlink's node adapter and worker_threads.
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeGuard, nodeWorkerFactory } from '../../dist/node.js';
import { createGuard } from '../../dist/index.js';
import { createEngine } from '../../src/engine/engine.js';
import { defaultDetectors } from '../../src/default-detectors.js';
import { guardContract } from './guard-contract.js';

const guard = createNodeGuard({ profile: 'adult' });
afterAll(() => guard.dispose());
guardContract('worker', () => guard);

const crashingWorkerUrl = new URL('../fixtures/crashing-worker.mjs', import.meta.url);

function crashingGuard() {
  const factory = nodeWorkerFactory(crashingWorkerUrl);
  let starts = 0;
  const crashing = createGuard({
    createWorker: () => {
      starts += 1;
      return factory();
    },
  });
  return { guard: crashing, starts: () => starts };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('the worker boundary', () => {
  it('returns the same verdict as the in-process engine', async () => {
    const engine = createEngine({ detectors: defaultDetectors() });
    const message = { id: 'x', text: 'hey, are we still on for football tomorrow?', senderId: 'sam' };
    expect(await guard.checkIncoming(message)).toEqual(await engine.checkIncoming(message));
    expect(await guard.checkOutgoing(message)).toEqual(await engine.checkOutgoing(message));
  });

  it('rejects calls in flight with WORKER_CRASHED when the worker exits, then restarts it', async () => {
    const { guard: crashing, starts } = crashingGuard();
    try {
      expect((await crashing.checkIncoming({ text: 'hello' })).action).toBe('allow');
      const inFlight = [crashing.checkIncoming({ text: 'exit the worker' }), crashing.checkOutgoing({ text: 'queued' })];
      const codes = await Promise.all(inFlight.map(codeOf));
      expect(codes[0]).toBe('WORKER_CRASHED');
      expect(starts()).toBe(1);
      expect((await crashing.checkIncoming({ text: 'hello again' })).action).toBe('allow');
      expect(starts()).toBe(2);
    } finally {
      crashing.dispose();
    }
  });

  it('treats an uncaught error in the worker as a crash, not a hang', async () => {
    const { guard: crashing, starts } = crashingGuard();
    try {
      expect(await codeOf(crashing.checkIncoming({ text: 'throw outside the call' }))).toBe('WORKER_CRASHED');
      await expect(crashing.checkIncoming({ text: 'fine' })).resolves.toMatchObject({ action: 'allow' });
      expect(starts()).toBe(2);
    } finally {
      crashing.dispose();
    }
  });

  it('keeps the profile and trusted contacts across a restart', async () => {
    const { guard: crashing } = crashingGuard();
    try {
      await crashing.setProfile('child');
      await crashing.setTrustedContact('gran', true);
      await codeOf(crashing.checkIncoming({ text: 'exit the worker' }));
      expect((await crashing.checkIncoming({ text: 'hi', senderId: 'gran' })).profile).toBe('child');
    } finally {
      crashing.dispose();
    }
  });

  it('checks an image in the worker, moving its pixel buffer instead of copying it', async () => {
    const pixels = new Uint8Array(64 * 64 * 4).fill(128);
    const verdict = await guard.checkImage({ type: 'image', data: pixels, width: 64, height: 64 }, { id: 'img', direction: 'outgoing' });
    expect(verdict).toMatchObject({ id: 'img', direction: 'outgoing', degraded: false });
    expect(verdict.scores.nudity).toBeGreaterThanOrEqual(0);
    expect(pixels.byteLength).toBe(0); // transferred: the worker owns it now
  });

  it('copies attachments when transfer is turned off', async () => {
    const copying = createNodeGuard({ transferAttachments: false });
    try {
      const pixels = new Uint8Array(8 * 8 * 4).fill(10);
      await copying.checkIncoming({ text: 'look', attachments: [{ type: 'image', data: pixels, width: 8, height: 8 }] });
      expect(pixels.byteLength).toBe(8 * 8 * 4);
    } finally {
      copying.dispose();
    }
  });

  it('rejects bad options on the calling thread, before any worker starts', () => {
    expect(() => createNodeGuard({ profile: 'toddler' as never })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it('is disposed idempotently and rejects later calls with DISPOSED', async () => {
    const disposable = createNodeGuard();
    await disposable.ready();
    const inFlight = disposable.checkIncoming({ text: 'late' });
    disposable.dispose();
    disposable.dispose();
    expect(await codeOf(inFlight)).toBe('DISPOSED');
    expect(await codeOf(disposable.checkIncoming({ text: 'after' }))).toBe('DISPOSED');
  });
});
