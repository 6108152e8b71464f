import { Worker } from 'node:worker_threads';
import { createGuard, type Guard, type GuardOptions } from './guard.js';
import type { WorkerHandle } from './worker/worker-host.js';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

/** Starts ChatGuard's worker as a worker_threads Worker. */
export function nodeWorkerFactory(workerUrl: URL = new URL('./worker/node-worker.js', import.meta.url)): () => WorkerHandle {
  return () => {
    // Workers inherit the parent's execArgv; --input-type (from `node -e`) makes a file entry fail to start.
    const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
    const worker = new Worker(workerUrl, { execArgv });
    return {
      endpoint: nodeEndpoint(worker),
      onCrash(callback) {
        worker.once('error', callback);
        worker.once('exit', (code) => callback(new Error(`worker exited with code ${code}`)));
      },
      terminate: () => void worker.terminate(),
    };
  };
}

/**
 * Creates a guard that runs its checks in a Node worker thread, for command-line tools, servers and tests. Call `dispose()` when done: the worker keeps the process alive.
 * @example
 * const guard = createNodeGuard({ profile: 'adult' });
 * const verdict = await guard.checkIncoming({ text: 'hi' });
 * guard.dispose();
 */
export function createNodeGuard(options: Omit<GuardOptions, 'createWorker'> & { readonly workerUrl?: URL } = {}): Guard {
  const { workerUrl, ...rest } = options;
  return createGuard({ ...rest, createWorker: nodeWorkerFactory(workerUrl) });
}

export type { Guard, GuardOptions } from './guard.js';
export { createFileStorage } from './reports/storage-file.js';
export type { FileStorageOptions } from './reports/storage-file.js';
