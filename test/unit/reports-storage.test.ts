// Outbox storages: the atomic JSON file (Node), IndexedDB (against a minimal in-test fake), and memory.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileStorage } from '../../src/reports/storage-file.js';
import { createIndexedDbStorage } from '../../src/reports/storage-indexeddb.js';
import { createMemoryStorage } from '../../src/reports/storage.js';
import { createOutbox } from '../../src/reports/outbox.js';
import type { Report } from '../../src/reports/schema.js';
import { letterUuids, sampleReport } from '../fixtures/reports/helpers.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const tempFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'chatguard-outbox-'));
  folders.push(folder);
  return folder;
};

describe('createFileStorage', () => {
  it('loads nothing from a missing file, then round-trips through an atomic rename, leaving no temporary files', async () => {
    const folder = tempFolder();
    const path = join(folder, 'outbox.json');
    const storage = createFileStorage({ path });
    expect(await storage.load()).toBeUndefined();
    await storage.save({ format: 1, entries: [{ a: 1 }] });
    await storage.save({ format: 1, entries: [{ a: 2 }] });
    expect(await createFileStorage({ path }).load()).toEqual({ format: 1, entries: [{ a: 2 }] });
    expect(readdirSync(folder)).toEqual(['outbox.json']);
  });

  it('leaves the old file whole when the write fails, and reports STORAGE_FAILED', async () => {
    const folder = tempFolder();
    const path = join(folder, 'outbox.json');
    const storage = createFileStorage({ path });
    await storage.save({ format: 1, entries: ['old'] });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    await expect(storage.save(cyclic)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ format: 1, entries: ['old'] });
    expect(readdirSync(folder)).toEqual(['outbox.json']);
    await expect(createFileStorage({ path: join(folder, 'missing-dir', 'x.json') }).save({})).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });

  it('refuses to overwrite a corrupt file', async () => {
    const path = join(tempFolder(), 'outbox.json');
    writeFileSync(path, '{"format":1,"entries":[');
    await expect(createFileStorage({ path }).load()).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(readFileSync(path, 'utf8')).toBe('{"format":1,"entries":[');
  });

  it('keeps an outbox across a restart of the process (a new outbox over the same file)', async () => {
    const path = join(tempFolder(), 'outbox.json');
    const ids = letterUuids(17);
    const transport = { send: async () => ({ status: 'retry', reason: 'down' }) as const };
    const first = createOutbox<Report>({ storage: createFileStorage({ path }), transport });
    const reports = [await sampleReport({ id: ids() }), await sampleReport({ id: ids(), kind: 'user_block', decision: 'blocked' })];
    for (const r of reports) await first.enqueue(r as unknown as Report);
    const second = createOutbox<Report>({ storage: createFileStorage({ path }), transport });
    expect(await second.pending()).toEqual(reports);
  });
});

/** The slice of IndexedDB the storage uses, with asynchronous events like the real one. */
function fakeIndexedDb() {
  const databases = new Map<string, Map<string, Map<IDBValidKey, unknown>>>();
  const later = (fn: () => void) => setTimeout(fn, 0);
  const factory = {
    open(name: string) {
      const request: Record<string, unknown> = {};
      later(() => {
        let stores = databases.get(name);
        const fresh = !stores;
        if (!stores) databases.set(name, (stores = new Map()));
        const db = {
          objectStoreNames: { contains: (s: string) => stores!.has(s) },
          createObjectStore: (s: string) => stores!.set(s, new Map()),
          close() {},
          transaction(store: string, mode: string) {
            const data = stores!.get(store)!;
            const staged = new Map(data);
            const tx: Record<string, unknown> = { error: null };
            tx['objectStore'] = () => ({
              get(key: IDBValidKey) {
                const req = { result: undefined as unknown };
                req.result = structuredClone(staged.get(key));
                return req;
              },
              put(value: unknown, key: IDBValidKey) {
                if (mode !== 'readwrite') throw new Error('ReadOnlyError');
                staged.set(key, structuredClone(value));
                return { result: key };
              },
            });
            later(() => {
              for (const [k, v] of staged) data.set(k, v); // commit all at once
              (tx['oncomplete'] as () => void)?.();
            });
            return tx;
          },
        };
        request['result'] = db;
        if (fresh) (request['onupgradeneeded'] as () => void)?.();
        (request['onsuccess'] as () => void)?.();
      });
      return request;
    },
  };
  return factory as unknown as IDBFactory;
}

describe('createIndexedDbStorage', () => {
  it('round-trips the queue under its key, across storages on the same database', async () => {
    const indexedDB = fakeIndexedDb();
    const storage = createIndexedDbStorage({ indexedDB });
    expect(await storage.load()).toBeUndefined();
    await storage.save({ format: 1, entries: [1, 2] });
    expect(await createIndexedDbStorage({ indexedDB }).load()).toEqual({ format: 1, entries: [1, 2] });
    expect(await createIndexedDbStorage({ indexedDB, key: 'telemetry' }).load()).toBeUndefined();
  });

  it('fails with STORAGE_FAILED where there is no IndexedDB', async () => {
    const storage = createIndexedDbStorage({ indexedDB: undefined as unknown as IDBFactory });
    const original = globalThis.indexedDB;
    expect(original).toBeUndefined(); // Node has none
    await expect(storage.load()).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });
});

describe('createMemoryStorage', () => {
  it('stores a copy, not the object', async () => {
    const storage = createMemoryStorage();
    const value = { entries: [1] };
    await storage.save(value);
    value.entries.push(2);
    expect(await storage.load()).toEqual({ entries: [1] });
  });
});
