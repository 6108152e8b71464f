import { GuardError } from '../engine/errors.js';
import type { OutboxStorage } from './storage.js';

/** Options for {@link createIndexedDbStorage}. */
export interface IndexedDbStorageOptions {
  /** @defaultValue `'chatguard-outbox'` */
  readonly database?: string;
  /** The key the queue is stored under; use one per outbox. @defaultValue `'reports'` */
  readonly key?: string;
  /** @defaultValue `globalThis.indexedDB` (windows and workers) */
  readonly indexedDB?: IDBFactory;
}

const STORE = 'queue';

/**
 * An {@link OutboxStorage} in IndexedDB, for browsers and workers. The queue is one value under one
 * key, written with `put` in a `readwrite` transaction with `durability: 'strict'`: a transaction
 * applies all or nothing, and `save` resolves on `complete`, once the browser has committed it.
 * @throws GuardError `STORAGE_FAILED` from `load`/`save` when IndexedDB is missing, blocked or fails.
 * @example
 * const outbox = createOutbox({ storage: createIndexedDbStorage(), transport });
 */
export function createIndexedDbStorage(options: IndexedDbStorageOptions = {}): OutboxStorage {
  const name = options.database ?? 'chatguard-outbox';
  const key = options.key ?? 'reports';
  let opening: Promise<IDBDatabase> | undefined;

  function database(): Promise<IDBDatabase> {
    opening ??= openDatabase(options.indexedDB ?? globalThis.indexedDB, name).catch((cause: unknown) => {
      opening = undefined; // a later call retries
      throw new GuardError('STORAGE_FAILED', 'The outbox database could not be opened.', { cause });
    });
    return opening;
  }

  async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest | undefined): Promise<T> {
    const db = await database();
    return new Promise<T>((resolve, reject) => {
      let tx: IDBTransaction;
      try {
        tx = db.transaction(STORE, mode, { durability: 'strict' });
      } catch (cause) {
        opening = undefined; // the connection was closed (version change, storage eviction): reopen next time
        reject(new GuardError('STORAGE_FAILED', 'The outbox database is not available.', { cause }));
        return;
      }
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request?.result as T);
      tx.onabort = tx.onerror = () => reject(new GuardError('STORAGE_FAILED', 'An outbox transaction failed.', { cause: tx.error }));
    });
  }

  return {
    load: () => run<unknown>('readonly', (store) => store.get(key)),
    save: (value) => run<void>('readwrite', (store) => store.put(value, key)).then(() => undefined),
  };
}

function openDatabase(factory: IDBFactory | undefined, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (!factory) {
      reject(new Error('IndexedDB is not available here.'));
      return;
    }
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema must not be blocked by us: close, and reopen on next use.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('Opening the outbox database was blocked by another tab.'));
  });
}
