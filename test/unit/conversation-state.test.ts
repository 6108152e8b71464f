// Conversation state: bounded (LRU over conversations, a cap per conversation, a TTL), ordered,
// persisted through a storage adapter that never sees message text.
import { describe, expect, it } from 'vitest';
import type { Detector } from '../../src/engine/detector.js';
import { createEngine } from '../../src/engine/engine.js';
import { isGuardError } from '../../src/engine/errors.js';
import { createConversationModel, type ObserveInput } from '../../src/conversation/conversation-model.js';
import { createStageDetector } from '../../src/conversation/stage-detector.js';
import { addSignals, emptyState, fromStored, pruneExpired, toStored, type StageSignal } from '../../src/conversation/state.js';
import { createMemoryConversationStorage, type ConversationStorage } from '../../src/conversation/storage.js';
import { DEFAULT_THRESHOLDS } from '../../src/engine/policy-table.js';
import type { Stage } from '../../src/conversation/stages.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const LIMITS = { maxSignals: 64, ttlMs: 30 * DAY };

const signal = (stage: Stage, at: number, messageId?: string): StageSignal => ({
  stage,
  direction: 'incoming',
  at,
  strength: 1,
  ...(messageId === undefined ? {} : { messageId }),
});

describe('one conversation record', () => {
  it('adds a message once, in time order, even when messages arrive out of order', () => {
    const state = emptyState();
    expect(addSignals(state, [signal('secrecy', T0 + 2, 'b')], LIMITS)).toBe(true);
    expect(addSignals(state, [signal('rapport', T0 + 1, 'a')], LIMITS)).toBe(true);
    expect(addSignals(state, [signal('secrecy', T0 + 2, 'b')], LIMITS)).toBe(false); // the same message checked twice
    expect(state.signals.map((s) => s.messageId)).toEqual(['a', 'b']);
  });

  it('keeps the first sighting of a stage and the latest two, and at most maxSignals in all', () => {
    const state = emptyState();
    for (let i = 0; i < 10; i += 1) addSignals(state, [signal('rapport', T0 + i, `r${i}`)], LIMITS);
    expect(state.signals.map((s) => s.messageId)).toEqual(['r0', 'r8', 'r9']);
    const small = { maxSignals: 5, ttlMs: LIMITS.ttlMs };
    const stages: Stage[] = ['rapport', 'age_probe', 'secrecy', 'meeting', 'sexual', 'threat', 'countdown'];
    const bounded = emptyState();
    stages.forEach((stage, i) => addSignals(bounded, [signal(stage, T0 + i)], small));
    expect(bounded.signals.map((s) => s.stage)).toEqual(stages.slice(-5));
  });

  it('forgets signals past the TTL', () => {
    const state = emptyState();
    addSignals(state, [signal('rapport', T0), signal('secrecy', T0 + 20 * DAY)], LIMITS);
    pruneExpired(state, T0 + 31 * DAY, LIMITS);
    expect(state.signals.map((s) => s.stage)).toEqual(['secrecy']);
  });

  it('round-trips through its stored form and rejects anything malformed', () => {
    const state = emptyState();
    state.contact = true;
    addSignals(state, [signal('rapport', T0, 'a'), { stage: 'minor_age', direction: 'outgoing', at: T0 + 1, strength: 0.5 }], LIMITS);
    const stored = JSON.parse(JSON.stringify(toStored(state)));
    expect(stored).toEqual({ v: 1, contact: true, signals: [{ stage: 'rapport', dir: 'in', at: T0, w: 1, id: 'a' }, { stage: 'minor_age', dir: 'out', at: T0 + 1, w: 0.5 }] });
    expect(fromStored(stored, LIMITS)).toEqual(state);
    expect(fromStored({ ...stored, v: 2 }, LIMITS)).toBeUndefined();
    expect(fromStored('nonsense', LIMITS)).toBeUndefined();
    const tampered = { v: 1, contact: 'yes', signals: [{ stage: 'toString', dir: 'in', at: 1, w: 1 }, { stage: 'rapport', dir: 'up', at: 1, w: 1 }, { stage: 'rapport', dir: 'in', at: 'x', w: 1 }, { stage: 'rapport', dir: 'in', at: 1, w: 2 }, { stage: 'rapport', dir: 'in', at: 1, w: 1, id: 'x'.repeat(500) }, { stage: 'rapport', dir: 'in', at: 5, w: 1 }] };
    expect(fromStored(tampered, LIMITS)).toEqual({ contact: undefined, signals: [signal('rapport', 5)] });
  });
});

const stageDetector = createStageDetector();
const input = (text: string, direction: 'incoming' | 'outgoing' = 'incoming', over: Partial<ObserveInput> = {}): ObserveInput => ({
  direction,
  results: [stageDetector.detect({ message: { text }, text, direction }) as never],
  profile: 'teen',
  thresholds: { ...Object.fromEntries(Object.entries(DEFAULT_THRESHOLDS).map(([label, t]) => [label, t.teen])) } as ObserveInput['thresholds'],
  trusted: false,
  ...over,
});

describe('the conversation store', () => {
  it('holds at most maxConversations in memory, least recently used out first, and reloads them from storage', async () => {
    const storage = createMemoryConversationStorage();
    const model = createConversationModel({ maxConversations: 3, storage, now: () => T0 });
    for (const id of ['a', 'b', 'c']) await model.begin({ text: '', conversationId: id }).observe(input("don't tell your parents"));
    await model.begin({ text: '', conversationId: 'a' }).observe(input('hi')); // a is now the most recent
    await model.begin({ text: '', conversationId: 'd' }).observe(input('how old are you?'));
    expect(model.size).toBe(3);
    expect([...storage.snapshot().keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    // b was evicted from memory, not from the device: its history comes back with its next message.
    const again = await model.begin({ text: '', conversationId: 'b', id: 'b2' }).observe(input('send me a pic of you'));
    expect(again.risk?.stages.map((s) => s.stage)).toEqual(['secrecy', 'image_request']);
  });

  it('keeps memory bounded over many conversations without storage', async () => {
    const model = createConversationModel({ maxConversations: 50, now: () => T0 });
    for (let i = 0; i < 2000; i += 1) await model.begin({ text: '', conversationId: `c${i}` }).observe(input('how old are you'));
    expect(model.size).toBe(50);
  });

  it('forgets a conversation past the TTL, and when asked to', async () => {
    let now = T0;
    const storage = createMemoryConversationStorage();
    const model = createConversationModel({ storage, now: () => now });
    await model.begin({ text: '', conversationId: 'x' }).observe(input('how old are you'));
    now = T0 + 31 * DAY;
    const later = await model.begin({ text: '', conversationId: 'x' }).observe(input('hey'));
    expect(later.risk?.stages).toEqual([]);
    await model.begin({ text: '', conversationId: 'y' }).observe(input('how old are you'));
    await model.forget('y');
    expect(storage.snapshot().has('y')).toBe(false);
    expect((await model.begin({ text: '', conversationId: 'y' }).observe(input('hey'))).risk?.stages).toEqual([]);
  });

  it('records concurrent checks of one conversation in the order they were submitted', async () => {
    const model = createConversationModel({ now: () => T0 });
    const turns = ['a', 'b', 'c'].map((id) => model.begin({ text: '', conversationId: 'q', id }));
    // Detectors finish in reverse order; the state still sees a, b, c.
    const done = [turns[2]!.observe(input('are you home alone?')), turns[1]!.observe(input('how old are you?')), turns[0]!.observe(input("you're so cute"))];
    const outcomes = await Promise.all(done);
    expect(outcomes[0]?.risk?.stages.map((s) => s.messageId)).toEqual(['a', 'b', 'c']);
    const abandoned = model.begin({ text: '', conversationId: 'q', id: 'd' });
    abandoned.abandon();
    expect((await model.begin({ text: '', conversationId: 'q', id: 'e' }).observe(input('hi'))).risk?.stages).toHaveLength(3);
  });

  it('carries on when storage fails: a failed read marks the verdict degraded, a failed write is absorbed', async () => {
    const broken: ConversationStorage = {
      get: () => Promise.reject(new Error('disk gone')),
      set: () => Promise.reject(new Error('disk full')),
      delete: () => Promise.reject(new Error('disk gone')),
    };
    const model = createConversationModel({ storage: broken, now: () => T0 });
    const first = await model.begin({ text: '', conversationId: 'z' }).observe(input('how old are you'));
    expect(first.degraded).toBe(true);
    const second = await model.begin({ text: '', conversationId: 'z' }).observe(input("don't tell your parents"));
    expect(second.degraded).toBe(false); // in memory now
    expect(second.risk?.stages.map((s) => s.stage)).toEqual(['age_probe', 'secrecy']);
  });

  it('rejects bad options with INVALID_OPTIONS', () => {
    for (const options of [{ maxConversations: 0 }, { maxSignals: -1 }, { ttlDays: Number.NaN }, { halfLifeDays: Infinity }, { storage: { get: () => 1 } as never }]) {
      let code: string | undefined;
      try {
        createConversationModel(options);
      } catch (error) {
        code = isGuardError(error) ? error.code : 'other';
      }
      expect(code, JSON.stringify(options)).toBe('INVALID_OPTIONS');
    }
  });
});

describe('persistence holds no message text', () => {
  const CANARIES = ['CANARYq7Zx', 'CANARYm2Lp', 'CANARYw9Rt', 'CANARYk4Hd', 'CANARYb6Yn'];
  const SCRIPT: readonly [string, 'incoming' | 'outgoing'][] = [
    [`hey ${CANARIES[0]} you're so pretty`, 'incoming'],
    [`how old are you? ${CANARIES[1]}`, 'incoming'],
    [`14 ${CANARIES[2]}`, 'outgoing'],
    [`don't tell your parents about us ${CANARIES[3]}, delete our messages`, 'incoming'],
    [`what are you wearing ${CANARIES[4]} send me a pic`, 'incoming'],
  ];

  it('stores stage codes, times and message ids only; the verdicts carry no text either', async () => {
    const storage = createMemoryConversationStorage();
    const detectors: Detector[] = [createStageDetector()];
    const engine = createEngine({ profile: 'teen', detectors, conversation: { storage, now: () => T0 } });
    const verdicts = [];
    for (const [i, [text, direction]] of SCRIPT.entries()) {
      const message = { id: `msg-${i}`, text, conversationId: 'chat-1', senderIsContact: false, sentAt: T0 + i * 60_000 };
      verdicts.push(direction === 'incoming' ? await engine.checkIncoming(message) : await engine.checkOutgoing(message));
    }
    expect(verdicts.at(-1)?.flags).toContain('grooming');
    const stored = [...storage.snapshot().values()].join('\n');
    expect(stored).toMatch(/"stage":"secrecy"/u);
    expect(stored).toMatch(/"id":"msg-3"/u);
    const everything = `${stored}\n${JSON.stringify(verdicts.map((v) => ({ risk: v.conversation_risk, reasons: v.reasons, report: v.report })))}`;
    for (const canary of CANARIES) expect(everything).not.toContain(canary);
    // Nor any other piece of the messages' text: every 8-character window is absent from storage.
    for (const [text] of SCRIPT) for (let i = 0; i + 8 <= text.length; i += 1) expect(stored).not.toContain(text.slice(i, i + 8));
  });

  it('keeps no message id longer than 128 characters (an id is a handle, not a place for content)', async () => {
    const storage = createMemoryConversationStorage();
    const engine = createEngine({ detectors: [createStageDetector()], conversation: { storage } });
    await engine.checkIncoming({ id: `long-${'x'.repeat(200)}`, text: 'how old are you', conversationId: 'c' });
    expect(storage.snapshot().get('c')).not.toMatch(/xxxx/u);
  });
});
