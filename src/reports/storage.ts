/**
 * Where an outbox keeps its queue. The outbox owns the format and hands the storage one JSON value
 * to keep; `save` must replace the old value atomically (all of the new one, or none of it), and
 * resolve only once the value is durable, because the outbox treats a resolved `save` as "this
 * report survives a crash".
 */
export interface OutboxStorage {
  /** The last value saved, or `undefined` when nothing was ever saved. @throws GuardError `STORAGE_FAILED` */
  load(): Promise<unknown>;
  /** Replaces the stored value atomically. @throws GuardError `STORAGE_FAILED` */
  save(value: unknown): Promise<void>;
}

/** An in-memory {@link OutboxStorage}, for tests and for apps that accept losing the queue on reload. */
export interface MemoryStorage extends OutboxStorage {
  /** The stored value as JSON text, or `undefined`. */
  snapshot(): string | undefined;
}

/**
 * Creates an in-memory storage. It keeps JSON text, not the object, so two outboxes over one storage
 * behave like a reload over the same disk: nothing is shared but what was saved.
 * @example
 * const storage = createMemoryStorage();
 * const outbox = createOutbox({ storage, transport });
 */
export function createMemoryStorage(): MemoryStorage {
  let stored: string | undefined;
  return {
    load: async () => (stored === undefined ? undefined : (JSON.parse(stored) as unknown)),
    save: async (value) => {
      stored = JSON.stringify(value);
    },
    snapshot: () => stored,
  };
}
