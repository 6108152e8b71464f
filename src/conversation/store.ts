/**
 * Conversation records in memory, bounded, with optional persistence. Memory holds at most
 * `maxConversations` records, least recently used out first; each record holds at most `maxSignals`
 * signals and none older than the TTL. With a storage adapter, a record leaves memory but not the
 * device, and comes back on the conversation's next message.
 */
import { emptyState, fromStored, pruneExpired, toStored, type ConversationState, type StateLimits } from './state.js';
import type { ConversationStorage } from './storage.js';

/** Settings of a {@link ConversationStore}. */
export interface StoreOptions {
  readonly maxConversations: number;
  readonly limits: StateLimits;
  readonly storage?: ConversationStorage;
}

/** A loaded record; `failed` when storage could not be read, so the history is unknown. */
export interface Loaded {
  readonly state: ConversationState;
  readonly failed: boolean;
}

/** The conversation records. Callers serialise access per conversation (see `conversation-model.ts`). */
export interface ConversationStore {
  /** The record, from memory, else from storage, else new; expired signals dropped. */
  load(conversationId: string, now: number): Promise<Loaded>;
  /** Writes the record through to storage (deleting it when empty). A failed write keeps memory as it is. */
  save(conversationId: string, state: ConversationState): Promise<void>;
  /** Removes the record from memory and storage. */
  forget(conversationId: string): Promise<void>;
  /** Records in memory. */
  readonly size: number;
  /** Whether a record is in memory, without touching its recency. For tests. */
  has(conversationId: string): boolean;
}

/** Creates the bounded record store. */
export function createConversationStore(options: StoreOptions): ConversationStore {
  const { maxConversations, limits, storage } = options;
  const memory = new Map<string, ConversationState>();

  function remember(id: string, state: ConversationState): void {
    memory.delete(id); // re-insert: a Map iterates in insertion order, so the first key is the least recent
    memory.set(id, state);
    while (memory.size > maxConversations) memory.delete(memory.keys().next().value as string);
  }

  return {
    async load(id, now) {
      let state = memory.get(id);
      let failed = false;
      if (state === undefined && storage) {
        try {
          state = fromStored(await storage.get(id), limits);
        } catch {
          failed = true; // carry on in memory; the verdict says the history could not be read
        }
      }
      state ??= emptyState();
      pruneExpired(state, now, limits);
      remember(id, state);
      return { state, failed };
    },
    async save(id, state) {
      if (!storage) return;
      try {
        if (state.signals.length === 0) await storage.delete(id);
        else await storage.set(id, toStored(state));
      } catch {
        // Memory still holds the record; it is written again with the conversation's next signal.
      }
    },
    async forget(id) {
      memory.delete(id);
      await storage?.delete(id);
    },
    get size() {
      return memory.size;
    },
    has: (id) => memory.has(id),
  };
}
