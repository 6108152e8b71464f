/**
 * The engine's conversation model: after the detectors have read a message, it records the stage
 * signals they found in the conversation's state, scores the conversation (`risk.ts`) and, when a
 * label is over the profile's threshold and this message takes part in the pattern, raises that
 * label's score with an explained reason. Every verdict of a conversation carries `conversation_risk`.
 */
import type { DetectorResult, Reason } from '../engine/detector.js';
import { GuardError } from '../engine/errors.js';
import type { Label, LabelScores } from '../engine/labels.js';
import type { Direction, Message } from '../engine/message.js';
import type { Profile } from '../engine/policy-table.js';
import { conversationReason, explainLabel } from './explain.js';
import { signalsFromResults } from './result-signals.js';
import { CONVERSATION_LABELS, LABEL_STAGES, assessRisk, type ConversationLabel } from './risk.js';
import { BARE_AGE, type Stage } from './stages.js';
import { MAX_MESSAGE_ID_LENGTH, addSignals, emptyState, type ConversationState, type StageSignal } from './state.js';
import type { ConversationStorage } from './storage.js';
import { createConversationStore } from './store.js';

const DAY_MS = 86_400_000;

/** Settings of the conversation model. Every field has a default. */
export interface ConversationOptions {
  /** Conversations kept in memory, least recently used out first. @defaultValue `1000` */
  readonly maxConversations?: number;
  /** Signals kept per conversation, oldest out first. @defaultValue `64` */
  readonly maxSignals?: number;
  /** Signals older than this many days are forgotten. @defaultValue `30` */
  readonly ttlDays?: number;
  /** A signal counts half as much after this many days. @defaultValue `14` */
  readonly halfLifeDays?: number;
  /**
   * Where state is kept between sessions: stage codes, times and message ids, never text. Use
   * `createIndexedDbConversationStorage()` in a browser or worker.
   * @defaultValue none: state lives in memory only
   */
  readonly storage?: ConversationStorage;
  /** The clock for messages without `sentAt`. @defaultValue `Date.now` */
  readonly now?: () => number;
}

/** One stage as a verdict lists it. */
export interface ConversationStage {
  readonly stage: Stage;
  readonly direction: Direction;
  readonly messageId?: string;
  /** ms since the epoch: the message's `sentAt`, or when it was checked. */
  readonly at: number;
}

/** A conversation's risk as each of its verdicts carries it. */
export interface ConversationRisk {
  readonly grooming: number;
  readonly sextortion: number;
  readonly scam: number;
  /** The stages seen so far, oldest first, with the ids of the messages that showed them. */
  readonly stages: readonly ConversationStage[];
  /** Why, for the label most over its threshold, in plain words; `''` while nothing is. */
  readonly explanation: string;
}

/** What the model adds to one verdict. */
export interface ConversationOutcome {
  readonly scores: Partial<Record<Label, number>>;
  readonly reasons: readonly Reason[];
  /** Absent for a message without `conversationId`: such a message is scored on its own. */
  readonly risk?: ConversationRisk;
  /** The stored history could not be read, so the verdict only knows this session's messages. */
  readonly degraded: boolean;
}

/** What the engine hands the model once the detectors are done. */
export interface ObserveInput {
  readonly direction: Direction;
  readonly results: readonly DetectorResult[];
  readonly profile: Profile;
  readonly thresholds: Readonly<LabelScores>;
  /** The user marked the sender as trusted. */
  readonly trusted: boolean;
}

/** One message's place in its conversation's queue. */
export interface ConversationTurn {
  /** Records the message's signals and scores the conversation; waits for earlier messages of the conversation. */
  observe(input: ObserveInput): Promise<ConversationOutcome>;
  /** Gives the place up (the check failed before the detectors ran). */
  abandon(): void;
}

/** The conversation model an engine holds. */
export interface ConversationModel {
  /**
   * Takes the message's place in its conversation, in call order, so that messages checked
   * concurrently are recorded in the order they were submitted.
   */
  begin(message: Message): ConversationTurn;
  /** Forgets a conversation, in memory and in storage (the user deleted the chat). */
  forget(conversationId: string): Promise<void>;
  /** Conversations held in memory. */
  readonly size: number;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new GuardError('INVALID_OPTIONS', `Expected conversation.${name} to be a positive number.`);
  }
  return value;
}

/**
 * Creates the conversation model.
 * @throws GuardError `INVALID_OPTIONS` for a bound that is not a positive number, or a storage without get/set/delete.
 * @example
 * const engine = createEngine({ detectors: defaultDetectors(), conversation: { storage: createMemoryConversationStorage() } });
 */
export function createConversationModel(options: ConversationOptions = {}): ConversationModel {
  const maxConversations = Math.floor(positive(options.maxConversations, 1000, 'maxConversations'));
  const limits = {
    maxSignals: Math.floor(positive(options.maxSignals, 64, 'maxSignals')),
    ttlMs: positive(options.ttlDays, 30, 'ttlDays') * DAY_MS,
  };
  const halfLifeMs = positive(options.halfLifeDays, 14, 'halfLifeDays') * DAY_MS;
  const { storage } = options;
  if (storage !== undefined && !(['get', 'set', 'delete'] as const).every((key) => typeof storage?.[key] === 'function')) {
    throw new GuardError('INVALID_OPTIONS', 'Expected conversation.storage to have get, set and delete functions.');
  }
  const now = options.now ?? Date.now;
  const store = createConversationStore({ maxConversations, limits, ...(storage ? { storage } : {}) });
  /** The tail of each conversation's queue; an entry lives only while a message of it is in flight. */
  const queues = new Map<string, Promise<void>>();

  async function observe(message: Message, id: string | undefined, input: ObserveInput): Promise<ConversationOutcome> {
    const at = message.sentAt ?? now();
    const { state, failed } = id === undefined ? { state: emptyState(), failed: false } : await store.load(id, at);
    const contactBefore = state.contact;
    if (message.senderIsContact !== undefined) state.contact = message.senderIsContact;
    const contact = state.contact === true || input.trusted;

    const added = toSignals(signalsFromResults(input.results), state, message, input.direction, at);
    const changed = addSignals(state, added, limits) || (state.contact !== contactBefore && state.signals.length > 0);
    const risk = assessRisk(state.signals, { now: at, profile: input.profile, contact, halfLifeMs });

    const scores: Partial<Record<Label, number>> = {};
    const reasons: Reason[] = [];
    let top: { label: ConversationLabel; ratio: number } | undefined;
    for (const label of CONVERSATION_LABELS) {
      const threshold = input.thresholds[label];
      if (!(risk[label] > 0 && risk[label] >= threshold)) continue;
      const ratio = risk[label] / Math.max(threshold, 1e-6);
      if (!top || ratio > top.ratio) top = { label, ratio };
      // Only a message that takes part in the pattern carries the flag; the chat's risk is on every verdict.
      if (!added.some((signal) => LABEL_STAGES[label][input.direction].includes(signal.stage))) continue;
      scores[label] = risk[label];
      reasons.push(conversationReason(label, input.direction, state.signals, contact));
    }
    if (id !== undefined && changed) await store.save(id, state);
    if (id === undefined) return { scores, reasons, degraded: false };
    return {
      scores,
      reasons,
      degraded: failed,
      risk: {
        ...risk,
        stages: state.signals.map(({ stage, direction, messageId, at: when }) => ({ stage, direction, ...(messageId === undefined ? {} : { messageId }), at: when })),
        explanation: top ? explainLabel(top.label, input.direction, state.signals, contact) : '',
      },
    };
  }

  return {
    begin(message) {
      const id = message.conversationId;
      if (id === undefined) return { observe: (input) => observe(message, undefined, input), abandon: () => undefined };
      const previous = queues.get(id) ?? Promise.resolve();
      let release = (): void => undefined;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const tail = previous.then(() => mine);
      queues.set(id, tail);
      void tail.then(() => {
        if (queues.get(id) === tail) queues.delete(id);
      });
      return {
        async observe(input) {
          await previous;
          try {
            return await observe(message, id, input);
          } finally {
            release();
          }
        },
        abandon: () => release(),
      };
    },
    forget: (conversationId) => store.forget(conversationId),
    get size() {
      return store.size;
    },
  };
}

/**
 * The message's stages as signals: one per stage, strength to two decimals, the message id when it is
 * a sane length. A bare number is the user's age only when it answers the other person's age question.
 */
function toSignals(
  hits: ReturnType<typeof signalsFromResults>,
  state: ConversationState,
  message: Message,
  direction: Direction,
  at: number,
): StageSignal[] {
  const messageId = message.id !== undefined && message.id.length <= MAX_MESSAGE_ID_LENGTH ? message.id : undefined;
  const best = new Map<Stage, number>();
  for (const { stage, strength } of hits) {
    let kept: Stage | undefined;
    if (stage === BARE_AGE) {
      const asked = direction === 'outgoing' && state.signals.some((s) => s.stage === 'age_probe' && s.direction === 'incoming' && s.at <= at);
      kept = asked ? 'minor_age' : undefined;
    } else {
      kept = stage;
    }
    if (kept !== undefined) best.set(kept, Math.max(best.get(kept) ?? 0, strength));
  }
  return [...best].map(([stage, strength]) => ({
    stage,
    direction,
    at,
    strength: Math.max(0.01, Math.round(strength * 100) / 100),
    ...(messageId === undefined ? {} : { messageId }),
  }));
}
