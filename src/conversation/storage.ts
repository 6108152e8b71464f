/**
 * Where conversation state is kept between sessions. The embedder supplies it; ChatGuard hands it one
 * small JSON value per conversation (stage codes, times, strengths, message ids; never text) and reads
 * it back with every field checked.
 */

/** A key-value store of small JSON records. Methods may be synchronous or return promises. */
export interface ConversationStorage {
  /** The value stored under `key`, or `undefined`. */
  get(key: string): unknown;
  /** Stores `value` (a JSON-compatible object) under `key`, replacing what was there. */
  set(key: string, value: unknown): unknown;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): unknown;
}

/** An in-memory {@link ConversationStorage} that keeps JSON text, for tests and as a reference. */
export interface MemoryConversationStorage extends ConversationStorage {
  /** Every stored record as JSON text, by key: what a disk would hold. */
  snapshot(): ReadonlyMap<string, string>;
}

/**
 * Creates an in-memory conversation storage. It keeps JSON text, not objects, so two engines over one
 * storage behave like a reload over the same disk.
 * @example
 * const storage = createMemoryConversationStorage();
 * const engine = createEngine({ detectors: defaultDetectors(), conversation: { storage } });
 */
export function createMemoryConversationStorage(): MemoryConversationStorage {
  const records = new Map<string, string>();
  return {
    get: (key) => {
      const text = records.get(key);
      return text === undefined ? undefined : (JSON.parse(text) as unknown);
    },
    set: (key, value) => void records.set(key, JSON.stringify(value)),
    delete: (key) => void records.delete(key),
    snapshot: () => new Map(records),
  };
}
