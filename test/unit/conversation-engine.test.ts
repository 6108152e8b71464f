// The conversation model through the real engine with defaultDetectors(): the scripted fixtures,
// the policy and UI hooks (warn, confirm, help, choices), stranger vs contact, profiles, and the CLI
// path, where lines of one conversation share state.
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { defaultDetectors } from '../../src/default-detectors.js';
import type { Direction, Message } from '../../src/engine/message.js';
import type { Profile } from '../../src/engine/policy-table.js';
import type { Verdict } from '../../src/engine/verdict.js';
import { scanStream } from '../../src/cli/scan.js';
import { validateReport } from '../../src/reports/validate-report.js';
import { readConversationFixtures, runFixture, type ConversationFixture } from '../fixtures/conversations/run-fixture.js';

const detectors = defaultDetectors();
afterAll(async () => {
  for (const detector of detectors) await (detector as { dispose?: () => Promise<void> }).dispose?.();
});

const fixtures = readConversationFixtures();
const byId = (id: string): ConversationFixture => {
  const fixture = fixtures.find((f) => f.id === id);
  if (!fixture) throw new Error(`no fixture ${id}`);
  return fixture;
};
const play = async (fixture: ConversationFixture, over: Partial<ConversationFixture> = {}) => (await runFixture({ ...fixture, ...over }, detectors)).verdicts;

describe('scripted conversations through the engine', () => {
  it('has at least 10 harmful and 10 benign fixtures, every harmful one with a harm point', () => {
    expect(fixtures.filter((f) => f.kind === 'harmful').length).toBeGreaterThanOrEqual(10);
    expect(fixtures.filter((f) => f.kind === 'benign').length).toBeGreaterThanOrEqual(10);
    for (const f of fixtures) {
      if (f.kind === 'harmful') expect(f.expect.length, f.id).toBeGreaterThan(0);
      for (const e of f.expect) expect(f.messages[e.by], `${f.id} by ${e.by}`).toBeDefined();
    }
  });

  // In-sample: `tuning`, `tuning-3` and `tuning-4` (heldout3.json and heldout4.json, tuned on after their one held-out run).
  for (const fixture of fixtures.filter((f) => ['tuning', 'tuning-3', 'tuning-4'].includes(f.batch ?? 'tuning'))) {
    it(`${fixture.batch ?? 'tuning'} ${fixture.kind} ${fixture.id}`, async () => {
      const { result } = await runFixture(fixture, detectors);
      for (const expectation of result.expectations) {
        expect(expectation.firstFlag, `${expectation.label} by #${expectation.by} (${expectation.harm})`).not.toBeNull();
        expect(expectation.firstFlag as number, `${expectation.label} by #${expectation.by} (${expectation.harm})`).toBeLessThanOrEqual(expectation.by);
      }
      expect(result.falseAlarms).toEqual([]);
      expect(result.notices.filter((notice) => !notice.shown)).toEqual([]);
    });
  }

  it('a "hi mum, new number" opener gets one notice to check on the old number; a genuine chat after it gets nothing more', async () => {
    const verdicts = await play(byId('heldout3-benign-mum-new-number-recipe'));
    expect(verdicts.map((v) => v.flags.includes('scam'))).toEqual([true, false, false, false, false]);
    expect(verdicts[0]?.reasons.find((r) => r.label === 'scam')?.message).toMatch(/number you already know/);
    expect(Math.max(...verdicts.map((v) => v.conversation_risk?.scam ?? 1))).toBeLessThan(0.5);
  });
});

describe('held-out conversations (written after a rule change, never tuned on)', () => {
  // Their misses are the honest measure and are reported by scripts/eval-conversations.ts, not
  // asserted; a false alarm on a benign one of `held-out` (all passed since they were first run) is
  // a regression.
  for (const fixture of fixtures.filter((f) => f.batch === 'held-out' && f.kind === 'benign')) {
    it(`benign ${fixture.id}: never flagged grooming, sextortion or scam`, async () => {
      expect((await runFixture(fixture, detectors)).result.falseAlarms).toEqual([]);
    });
  }

  // `held-out-5` (heldout5.json) was written and committed sealed after the contact-corroboration
  // rule and before any run on it, then run once, untuned: 12/12 harmful caught by their harm point
  // (mean 2.3 messages ahead), 0 of 12 benign flagged. Both are pinned as measured: a benign fixture
  // that starts to flag, or a harmful one caught late or no more, fails here as a regression. (Known
  // false alarms or misses at the one run would be listed here, not tuned away; there were none.)
  const KNOWN_FALSE_ALARMS: Readonly<Record<string, readonly { index: number; label: string }[]>> = {};
  const KNOWN_MISSES: readonly string[] = [];
  for (const fixture of fixtures.filter((f) => f.batch === 'held-out-5')) {
    if (fixture.kind === 'benign') {
      const known = KNOWN_FALSE_ALARMS[fixture.id] ?? [];
      it(`benign ${fixture.id}: ${known.length === 0 ? 'never flagged' : 'flagged only as measured at its one held-out run'}`, async () => {
        const { falseAlarms } = (await runFixture(fixture, detectors)).result;
        expect(falseAlarms.map(({ index, label }) => ({ index, label }))).toEqual(known);
      });
    } else if (!KNOWN_MISSES.includes(fixture.id)) {
      it(`harmful ${fixture.id}: caught by its harm point, as at its one held-out run`, async () => {
        const { result } = await runFixture(fixture, detectors);
        for (const e of result.expectations) expect(e.pass, `${e.label} by #${e.by} (${e.harm}): first flag ${String(e.firstFlag)}`).toBe(true);
      });
    }
  }
});

describe('what the user sees', () => {
  it('grooming for a teen: a calm warning with help, block and report; the photo reply asks to confirm', async () => {
    const fixture = byId('grooming-snap-fast');
    const verdicts = await play(fixture);
    const first = verdicts.find((v) => v.flags.includes('grooming')) as Verdict;
    expect(first.direction).toBe('incoming');
    expect(first.action).toBe('warn');
    expect(first.choices).toEqual(['proceed', 'block_sender', 'report', 'get_help']);
    expect(first.help.map((h) => h.label)).toContain('grooming');
    const reason = first.reasons.find((r) => r.code === 'grooming.progression');
    expect(reason?.message).toMatch(/first they .* then .*You are not in trouble/su);
    const photo = verdicts[11] as Verdict;
    expect(photo).toMatchObject({ direction: 'outgoing', action: 'confirm' });
    expect(photo.choices).toEqual(expect.arrayContaining(['proceed', 'cancel', 'get_help']));
    expect(photo.reasons.map((r) => r.code)).toContain('grooming.progression_reply');
  });

  it('answering an age question to a flagged stranger asks to confirm', async () => {
    const engine = createEngine({ profile: 'teen', detectors });
    const c = { conversationId: 'age-answer', senderIsContact: false };
    await engine.checkIncoming({ ...c, text: 'you seem so mature. what are you wearing?' });
    await engine.checkIncoming({ ...c, text: "don't tell your parents we talk" });
    await engine.checkIncoming({ ...c, text: 'how old are you?' });
    const answer = await engine.checkOutgoing({ ...c, text: '14' });
    expect(answer.flags).toContain('grooming');
    expect(answer.action).toBe('confirm');
  });

  it('sextortion: the victim offering to pay gets "do not pay" and help, never advice to comply', async () => {
    const verdicts = await play(byId('sextortion-teen-followers'));
    const offer = verdicts[11] as Verdict;
    expect(offer.flags).toContain('sextortion');
    expect(offer.action).toBe('confirm');
    const text = offer.reasons.filter((r) => r.label === 'sextortion').map((r) => r.message).join(' ');
    expect(text).toMatch(/do not pay/iu);
    expect(text).not.toMatch(/\b(?:you should|go ahead and) (?:pay|send)\b/iu);
    expect(offer.help.map((h) => h.label)).toContain('sextortion');
  });

  it('scam: a warning before the money moves', async () => {
    const verdicts = await play(byId('scam-hi-mum'));
    const payment = verdicts[6] as Verdict;
    expect(payment).toMatchObject({ direction: 'outgoing', action: 'warn' });
    expect(payment.reasons.find((r) => r.code === 'scam.progression_reply')?.message).toMatch(/Before you send money, cards or codes/u);
  });

  it('every verdict of a conversation carries its risk, the stages in order with message ids, and no message text', async () => {
    const fixture = byId('grooming-meetup-school');
    const verdicts = await play(fixture);
    for (const verdict of verdicts) expect(verdict.conversation_risk).toBeDefined();
    const last = verdicts.at(-1)?.conversation_risk;
    const times = last?.stages.map((s) => s.at) ?? [];
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(last?.stages[0]).toMatchObject({ stage: 'rapport', direction: 'incoming', messageId: 'grooming-meetup-school#0' });
    expect(last?.explanation).toMatch(/groom/u);
    const serialized = JSON.stringify(verdicts.map((v) => [v.conversation_risk, v.reasons, v.report]));
    for (const { text } of fixture.messages) for (let i = 0; i + 10 <= text.length; i += 1) expect(serialized).not.toContain(text.slice(i, i + 10));
  });

  it('reports of a conversation flag carry the progression code, valid, without text', async () => {
    const verdicts = await play(byId('grooming-trusted-adult-slow'));
    const flagged = verdicts.find((v) => v.flags.includes('grooming')) as Verdict;
    const report = validateReport(flagged.report);
    expect(report.reasons).toContain('grooming.progression');
    expect(report.labels).toContainEqual({ label: 'grooming', bucket: expect.any(String), flagged: true });
    expect(JSON.stringify(report)).not.toMatch(/parents|secret|chat/u);
  });
});

/** A stranger's escalation with no age stated: compliments, clothes, a photo, meeting alone. */
const ESCALATION: readonly [Direction, string][] = [
  ['incoming', "you're so pretty"],
  ['incoming', 'what are you wearing?'],
  ['incoming', 'send me a pic of you'],
  ['incoming', "let's meet up, just us"],
];

async function maxRisk(profile: Profile, contact: boolean, script = ESCALATION) {
  const engine = createEngine({ profile, detectors });
  let top = 0;
  let flagged = false;
  for (const [i, [direction, text]] of script.entries()) {
    const message: Message = { text, conversationId: `${profile}-${contact}`, senderIsContact: contact, sentAt: 1_700_000_000_000 + i * 60_000 };
    const verdict = direction === 'incoming' ? await engine.checkIncoming(message) : await engine.checkOutgoing(message);
    top = Math.max(top, verdict.conversation_risk?.grooming ?? 0);
    flagged ||= verdict.flags.includes('grooming');
  }
  return { top, flagged };
}

describe('relationship and profile', () => {
  it('flags a stranger for a child or teen, not for an adult (dating between adults)', async () => {
    expect((await maxRisk('child', false)).flagged).toBe(true);
    expect((await maxRisk('teen', false)).flagged).toBe(true);
    expect((await maxRisk('adult', false)).flagged).toBe(false);
  });

  it('an adult profile whose user says they are 13 is protected like a teen', async () => {
    expect((await maxRisk('adult', false, [['incoming', 'how old are you?'], ['outgoing', "i'm 13"], ...ESCALATION])).flagged).toBe(true);
  });

  it('the same messages from a saved contact weigh less', async () => {
    const stranger = await maxRisk('teen', false);
    const contact = await maxRisk('teen', true);
    expect(contact.top).toBeLessThan(stranger.top);
  });

  it('is off with conversation: false, and scores a message without conversationId on its own', async () => {
    const off = createEngine({ profile: 'child', detectors, conversation: false });
    const plain = await off.checkIncoming({ text: 'hi cutie, are you home alone?', conversationId: 'x' });
    expect(plain.conversation_risk).toBeUndefined();
    expect(plain.flags).not.toContain('grooming');
    const alone = await createEngine({ profile: 'child', detectors }).checkIncoming({ text: 'hi cutie, are you home alone?' });
    expect(alone.conversation_risk).toBeUndefined();
    expect(alone.flags).toContain('grooming');
  });
});

describe('the generalised families in whole conversations (secrecy about parents, public meet-ups, exposure threats, card demands)', () => {
  const chat = (id: string, profile: Profile, contact: boolean, messages: ConversationFixture['messages']): ConversationFixture => ({
    id, kind: 'benign', profile, contact, about: id, expect: [], messages,
  });
  const flags = async (fixture: ConversationFixture) => (await play(fixture)).flatMap((v) => v.flags.filter((f) => f === 'grooming' || f === 'sextortion' || f === 'scam'));

  it('friends: "my parents don\'t need to know I failed" and a mall meet-up between classmates raise nothing', async () => {
    const messages: ConversationFixture['messages'] = [
      { dir: 'in', min: 0, text: "my parents don't need to know I failed the test lol" },
      { dir: 'out', min: 1, text: 'haha same' },
      { dir: 'in', min: 2, text: 'meet at the mall after school? we can get bubble tea' },
      { dir: 'out', min: 3, text: 'see u by the food court at 4' },
    ];
    expect(await flags(chat('classmates-mall', 'teen', true, messages))).toEqual([]);
    expect(await flags(chat('classmates-mall-child', 'child', true, messages))).toEqual([]);
  });

  it('a stranger: "which school", a meet-up at the park alone, then "ur parents dont need to know" flags grooming for a child', async () => {
    const fixture = chat('stranger-park', 'child', false, [
      { dir: 'in', min: 0, text: 'what school do u go to' },
      { dir: 'in', min: 1, text: 'meet me at the park on saturday, come by yourself' },
      { dir: 'in', min: 2, text: "ur parents dont need to know, they'd only worry" },
    ]);
    expect(await flags(fixture)).toContain('grooming');
  });

  it('a photo, then game-currency demanded with the school as audience flags sextortion; the banter of friends does not', async () => {
    const extortion = chat('stranger-robux', 'teen', false, [
      { dir: 'in', min: 0, text: 'send me a selfie' },
      { dir: 'out', min: 1, text: '', image: true },
      { dir: 'in', min: 2, text: 'send me 2000 robux or ur whole school sees it' },
    ]);
    expect(await flags(extortion)).toContain('sextortion');
    const banter = chat('friends-slides', 'teen', true, [
      { dir: 'in', min: 0, text: 'finish the slides tonight or the whole class sees our mess tomorrow' },
      { dir: 'in', min: 1, text: 'and send me a pic of the rubric' },
    ]);
    expect(await flags(banter)).toEqual([]);
  });
});

describe("a contact's one-off secret vs a contact who grooms (whole conversations)", () => {
  const chat = (id: string, contact: boolean, messages: ConversationFixture['messages']): ConversationFixture => ({
    id, kind: 'benign', profile: 'child', contact, about: id, expect: [], messages,
  });
  const grooming = async (fixture: ConversationFixture) => (await play(fixture)).some((v) => v.flags.includes('grooming'));
  // An aunt: a photo of a medal, then a pick-up and a milkshake with "don't tell your dad" in one message.
  const aunt: ConversationFixture['messages'] = [
    { dir: 'in', min: 0, text: 'Can you send me a picture of your sports day medal?' },
    { dir: 'out', min: 5, text: '', image: true },
    { dir: 'in', min: 6, text: "I'll pick you up from school tomorrow and we'll get a milkshake. Don't tell your dad, he thinks I spoil you!" },
    { dir: 'out', min: 8, text: 'ok!!' },
  ];

  it('from a saved contact, one secrecy line beside a pick-up raises nothing; the same chat from a stranger flags grooming', async () => {
    expect(await grooming(chat('aunt-contact', true, aunt))).toBe(false);
    expect(await grooming(chat('aunt-stranger', false, aunt))).toBe(true);
  });

  it('the same contact going on to age talk and a private app, or to more secrets, flags grooming', async () => {
    const escalates = chat('contact-escalates', true, [
      ...aunt,
      { dir: 'in', min: 600, text: "you're so mature for your age, honestly" },
      { dir: 'in', min: 601, text: "let's talk on snap instead, it's more private" },
    ]);
    expect(await grooming(escalates)).toBe(true);
    const moreSecrets = chat('contact-more-secrets', true, [...aunt, { dir: 'in', min: 600, text: 'and delete our messages after, ok?' }]);
    expect(await grooming(moreSecrets)).toBe(true);
  });
});

describe('the CLI path', () => {
  it('lines of one conversation share state, in order; another conversation does not see them', async () => {
    const line = (id: string, conversation: string, text: string, direction: Direction = 'incoming') =>
      JSON.stringify({ id, text, direction, conversation, contact: false });
    const input = [
      line('a1', 'A', "hey you're really pretty"),
      line('b1', 'B', 'hello'),
      line('a2', 'A', 'how old are you?'),
      line('a3', 'A', "don't tell your parents about us", 'incoming'),
      line('b2', 'B', "don't tell your parents about us"),
      line('a4', 'A', '14', 'outgoing'),
    ].join('\n');
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    await scanStream(Readable.from([`${input}\n`]), output, 'teen');
    const lines = chunks.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; flags: string[]; action: string; conversation_risk?: { stages: unknown[] } });
    const get = (id: string) => lines.find((l) => l.id === id);
    expect(get('a3')?.flags).toContain('grooming');
    expect(get('b2')?.flags).not.toContain('grooming'); // the same words, without the build-up
    expect(get('a4')).toMatchObject({ flags: expect.arrayContaining(['grooming']), action: 'confirm' });
    expect(get('a4')?.conversation_risk?.stages.length).toBeGreaterThanOrEqual(4);
  });
});

describe('through the real worker (built package, worker_threads)', () => {
  it('keeps conversation state in the worker, matches the in-process engine, and forgets on request', async () => {
    const { createNodeGuard } = await import('../../dist/node.js');
    const guard = createNodeGuard({ profile: 'teen' });
    const engine = createEngine({ profile: 'teen', detectors });
    try {
      const script: Message[] = [
        { id: 'w1', text: 'how old are you?', conversationId: 'wc', senderIsContact: false, sentAt: 1_700_000_000_000 },
        { id: 'w2', text: "don't tell your parents about us", conversationId: 'wc', senderIsContact: false, sentAt: 1_700_000_060_000 },
      ];
      // Reports carry random ids and pseudonyms under different device secrets, and the image model's
      // version reads 'unloaded' until an image was seen; everything else matches.
      const bare = (verdict: Verdict) => ({ ...verdict, report: null, versions: {} });
      for (const message of script) expect(bare(await guard.checkIncoming(message))).toEqual(bare(await engine.checkIncoming(message)));
      const again = await guard.checkIncoming({ id: 'w3', text: 'hi', conversationId: 'wc', sentAt: 1_700_000_120_000 });
      expect(again.conversation_risk?.stages.map((s) => s.messageId)).toEqual(['w1', 'w2']);
      await guard.forgetConversation('wc');
      expect((await guard.checkIncoming({ id: 'w4', text: 'hi', conversationId: 'wc' })).conversation_risk?.stages).toEqual([]);
    } finally {
      guard.dispose();
    }
  });

  it('with storage "indexeddb" where there is none (Node), checks still work and say the history could not be read', async () => {
    const { createNodeGuard } = await import('../../dist/node.js');
    const guard = createNodeGuard({ conversation: { storage: 'indexeddb' } });
    try {
      const verdict = await guard.checkIncoming({ text: 'how old are you?', conversationId: 'no-idb' });
      expect(verdict.degraded).toBe(true);
      expect(verdict.reasons.map((r) => r.code)).toContain('system.conversation_unavailable');
      expect(verdict.conversation_risk?.stages.map((s) => s.stage)).toEqual(['age_probe']);
    } finally {
      guard.dispose();
    }
  });
});
