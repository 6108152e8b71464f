// The browser worker entry: only an adapter around the engine.
// Frozen, because comlink lets the other side set properties.
import { expose } from 'comlink';
import { createWorkerApi } from './api.js';
import { installErrorTransfer } from './error-transfer.js';

installErrorTransfer();
expose(Object.freeze(createWorkerApi()));
