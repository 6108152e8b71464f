// The worker_threads entry for Node: the same adapter over comlink's node endpoint.
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createWorkerApi } from './api.js';
import { installErrorTransfer } from './error-transfer.js';

if (!parentPort) throw new Error('node-worker.js must be started with new Worker() from node:worker_threads.');
installErrorTransfer();
expose(Object.freeze(createWorkerApi()), nodeEndpoint(parentPort));
