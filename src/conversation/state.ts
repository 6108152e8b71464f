/**
 * One conversation's state: the stage signals seen, by whom, when, in which message. It holds codes,
 * times, strengths and message ids only, never text, so persisting it keeps no message content.
 */
import type { Direction } from '../engine/message.js';
import { STAGES, type Stage } from './stages.js';

/** One stage seen in one message. */
export interface StageSignal {
  readonly stage: Stage;
  readonly direction: Direction;
  /** When the message was sent (its `sentAt`) or checked, in ms since the epoch. */
  readonly at: number;
  /** How clearly the message showed the stage, 0..1, two decimals. */
  readonly strength: number;
  readonly messageId?: string;
}

/** A conversation's record. */
export interface ConversationState {
  /** The other person is a saved contact or the chat is established, as the last message that said so told. */
  contact: boolean | undefined;
  /** Chronological, at most `maxSignals`. */
  signals: StageSignal[];
}

/** Bounds on one conversation's record. */
export interface StateLimits {
  readonly maxSignals: number;
  readonly ttlMs: number;
}

/** Message ids longer than this are not kept: an id is a handle, not a place to put content. */
export const MAX_MESSAGE_ID_LENGTH = 128;
/** Of one stage from one side, keep the first sighting and this many of the latest. */
const LATEST_PER_STAGE = 2;

/** A new, empty record. */
export function emptyState(): ConversationState {
  return { contact: undefined, signals: [] };
}

/** Drops signals older than the TTL, counted back from `now`. */
export function pruneExpired(state: ConversationState, now: number, limits: StateLimits): void {
  const oldest = now - limits.ttlMs;
  if (state.signals.length > 0 && (state.signals[0] as StageSignal).at < oldest) {
    state.signals = state.signals.filter((signal) => signal.at >= oldest);
  }
}

/**
 * Adds one message's signals, keeping the record bounded: a re-check of the same message adds nothing;
 * of repeated sightings of one stage from one side, the first (for the order) and the latest two (for
 * recency) stay; past `maxSignals` the oldest go. Returns whether anything changed.
 */
export function addSignals(state: ConversationState, added: readonly StageSignal[], limits: StateLimits): boolean {
  let changed = false;
  for (const signal of added) {
    const same = state.signals.filter((s) => s.stage === signal.stage && s.direction === signal.direction);
    const duplicate = same.some((s) =>
      signal.messageId === undefined ? s.messageId === undefined && s.at === signal.at : s.messageId === signal.messageId,
    );
    if (duplicate) continue;
    if (same.length > LATEST_PER_STAGE) {
      const drop = same[1] as StageSignal; // keep the first sighting and the latest ones
      state.signals.splice(state.signals.indexOf(drop), 1);
    }
    insertByTime(state.signals, signal);
    changed = true;
  }
  if (state.signals.length > limits.maxSignals) state.signals.splice(0, state.signals.length - limits.maxSignals);
  return changed;
}

/** Inserts after every signal at or before its time, so out-of-order messages land where they belong. */
function insertByTime(signals: StageSignal[], signal: StageSignal): void {
  let index = signals.length;
  while (index > 0 && (signals[index - 1] as StageSignal).at > signal.at) index -= 1;
  signals.splice(index, 0, signal);
}

// --- Storage form -----------------------------------------------------------------------------------

/** The stored form's version. A record of another version is ignored, as if the chat were new. */
export const STATE_FORMAT_VERSION = 1;

/** What is stored per conversation: codes, directions, times, strengths and message ids. */
export interface StoredState {
  readonly v: typeof STATE_FORMAT_VERSION;
  readonly contact: boolean | null;
  readonly signals: readonly {
    readonly stage: Stage;
    readonly dir: 'in' | 'out';
    readonly at: number;
    readonly w: number;
    readonly id?: string;
  }[];
}

/** The record as a small JSON value. */
export function toStored(state: ConversationState): StoredState {
  return {
    v: STATE_FORMAT_VERSION,
    contact: state.contact ?? null,
    signals: state.signals.map((signal) => ({
      stage: signal.stage,
      dir: signal.direction === 'incoming' ? 'in' : 'out',
      at: signal.at,
      w: signal.strength,
      ...(signal.messageId === undefined ? {} : { id: signal.messageId }),
    })),
  };
}

const STAGE_SET: ReadonlySet<string> = new Set(STAGES);

/**
 * Reads a stored value back, checking every field: storage is outside code and may hold anything.
 * Entries that do not check out are dropped; a value that is not a record of this version gives `undefined`.
 */
export function fromStored(value: unknown, limits: StateLimits): ConversationState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { v?: unknown; contact?: unknown; signals?: unknown };
  if (record.v !== STATE_FORMAT_VERSION || !Array.isArray(record.signals)) return undefined;
  const signals: StageSignal[] = [];
  for (const entry of record.signals.slice(-limits.maxSignals) as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { stage, dir, at, w, id } = entry as Record<string, unknown>;
    if (typeof stage !== 'string' || !STAGE_SET.has(stage) || (dir !== 'in' && dir !== 'out')) continue;
    if (typeof at !== 'number' || !Number.isFinite(at) || typeof w !== 'number' || !(w > 0 && w <= 1)) continue;
    if (id !== undefined && (typeof id !== 'string' || id.length > MAX_MESSAGE_ID_LENGTH)) continue;
    signals.push({ stage: stage as Stage, direction: dir === 'in' ? 'incoming' : 'outgoing', at, strength: w, ...(id === undefined ? {} : { messageId: id }) });
  }
  signals.sort((a, b) => a.at - b.at);
  return { contact: typeof record.contact === 'boolean' ? record.contact : undefined, signals };
}
