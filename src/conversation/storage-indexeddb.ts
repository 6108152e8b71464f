import { GuardError } from '../engine/errors.js';
import type { ConversationStorage } from './storage.js';

/** Options for {@link createIndexedDbConversationStorage}. */
export interface IndexedDbConversationStorageOptions {
  /** @defaultValue `'chatguard-conversations'` */
  readonly database?: string;
  /** @defaultValue `globalThis.indexedDB` (windows and workers) */
  readonly indexedDB?: IDBFactory;
}

const STORE = 'conversations';

/**
 * A {@link ConversationStorage} in IndexedDB, for browsers and workers, written against the standard
 * API: one object store, one record per conversation, each `get`/`set`/`delete` its own transaction.
 * @throws GuardError `STORAGE_FAILED` from its methods when IndexedDB is missing, blocked or fails.
 * @example
 * const engine = createEngine({ detectors, conversation: { storage: createIndexedDbConversationStorage() } });
 */
export function createIndexedDbConversationStorage(options: IndexedDbConversationStorageOptions = {}): ConversationStorage {
  const name = options.database ?? 'chatguard-conversations';
  let opening: Promise<IDBDatabase> | undefined;

  function database(): Promise<IDBDatabase> {
    opening ??= openDatabase(options.indexedDB ?? globalThis.indexedDB, name).catch((cause: unknown) => {
      opening = undefined; // a later call retries
      throw new GuardError('STORAGE_FAILED', 'The conversation database could not be opened.', { cause });
    });
    return opening;
  }

  async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T> {
    const db = await database();
    return new Promise<T>((resolve, reject) => {
      let tx: IDBTransaction;
      try {
        tx = db.transaction(STORE, mode);
      } catch (cause) {
        opening = undefined; // the connection was closed (version change, eviction): reopen next time
        reject(new GuardError('STORAGE_FAILED', 'The conversation database is not available.', { cause }));
        return;
      }
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result as T);
      tx.onabort = tx.onerror = () => reject(new GuardError('STORAGE_FAILED', 'A conversation transaction failed.', { cause: tx.error }));
    });
  }

  return {
    get: (key) => run<unknown>('readonly', (store) => store.get(key)),
    set: (key, value) => run<unknown>('readwrite', (store) => store.put(value, key)).then(() => undefined),
    delete: (key) => run<unknown>('readwrite', (store) => store.delete(key)).then(() => undefined),
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
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('Opening the conversation database was blocked by another tab.'));
  });
}
