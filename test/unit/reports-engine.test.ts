// Reports wired into the engine and the guard: the verdict's signal report, user decisions, the outbox.
import { afterAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { validateReport } from '../../src/reports/validate-report.js';
import { createMemoryStorage } from '../../src/reports/storage.js';
import { createOutbox } from '../../src/reports/outbox.js';
import { rotationEpoch } from '../../src/reports/pseudonym.js';
import type { Report } from '../../src/reports/schema.js';
import type { Transport } from '../../src/reports/transport.js';
import { createNodeGuard } from '../../dist/node.js';
import { TEST_SECRET, testEngine } from '../fixtures/reports/helpers.js';

function sink() {
  const reports: Report[] = [];
  return { reports, enqueue: (report: Report) => void reports.push(report) };
}

const expectedPseudonym = (conversationId: string, now = Date.now()) =>
  createHmac('sha256', Buffer.from(TEST_SECRET, 'hex'))
    .update(`chatguard/conversation/v1|${rotationEpoch(now, 7)}|${conversationId}`)
    .digest('hex')
    .slice(0, 32);

describe('the engine', () => {
  it('puts a valid signal report on a flagged verdict, and null on a clean one', async () => {
    const engine = testEngine();
    const flagged = await engine.checkIncoming({ id: 'm1', text: 'you idiot', conversationId: 'chat-42', senderId: 'u-7' });
    const report = validateReport(flagged.report);
    expect(report).toMatchObject({
      schema: 1,
      kind: 'signal',
      decision: null,
      direction: 'incoming',
      profile: 'adult',
      action: 'warn',
      labels: [{ label: 'harassment', bucket: 'very_high', flagged: true }],
      reasons: ['harassment.keyword'],
      length: '1-19',
      versions: { insults: '1', prizes: '1', goodbyes: '1' },
      conversation: expectedPseudonym('chat-42'),
    });
    expect(JSON.stringify(report)).not.toMatch(/m1|u-7|chat-42|idiot/);
    expect((await engine.checkIncoming({ text: 'see you at 6' })).report).toBeNull();
    // A plain JSON object: what crosses the worker boundary and the wire.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('queues signals in the outbox, unless told not to, and never fails a check because of it', async () => {
    const outbox = sink();
    const engine = testEngine({ outbox });
    await engine.checkIncoming({ text: 'a prize!' });
    await engine.checkIncoming({ text: 'hello' });
    expect(outbox.reports.map((r) => r.kind)).toEqual(['signal']);
    const quiet = sink();
    await testEngine({ outbox: quiet, reports: { deviceSecret: TEST_SECRET, queueSignals: false } }).checkIncoming({ text: 'a prize!' });
    expect(quiet.reports).toEqual([]);
    const broken = { enqueue: () => Promise.reject(new Error('disk full')) };
    await expect(testEngine({ outbox: broken }).checkIncoming({ text: 'a prize!' })).resolves.toMatchObject({ flags: ['scam'] });
  });

  it('records decisions as user reports, blocks or signal follow-ups, linked to the signal', async () => {
    const outbox = sink();
    const engine = testEngine({ outbox, reports: { deviceSecret: TEST_SECRET, queueSignals: false } });
    const verdict = await engine.checkIncoming({ text: 'you idiot', conversationId: 'chat-42' });
    const reported = await engine.recordDecision(verdict, 'reported', { counterpartAccountId: 'acct-991', commitment: 'ab'.repeat(32) });
    expect(reported).toMatchObject({ kind: 'user_report', decision: 'reported', counterpart: 'acct-991', relatesTo: verdict.report!.id, commitment: 'ab'.repeat(32) });
    expect(reported.conversation).toBe(verdict.report!.conversation);
    expect(reported.id).not.toBe(verdict.report!.id);
    const blocked = await engine.recordDecision(verdict, 'blocked');
    expect(blocked).toMatchObject({ kind: 'user_block', decision: 'blocked' });
    expect(blocked).not.toHaveProperty('counterpart');
    const proceeded = await engine.recordDecision(verdict, 'proceeded', { counterpartAccountId: 'acct-991' });
    expect(proceeded).toMatchObject({ kind: 'signal', decision: 'proceeded' });
    expect(proceeded).not.toHaveProperty('counterpart'); // only user reports may name the counterpart
    expect(outbox.reports).toEqual([reported, blocked, proceeded]);
  });

  it('lets the user report an unflagged message, given its length', async () => {
    const engine = testEngine();
    const verdict = await engine.checkIncoming({ text: 'meet me alone, tell no one', conversationId: 'c' });
    expect(verdict.report).toBeNull();
    await expect(engine.recordDecision(verdict, 'reported')).rejects.toMatchObject({ code: 'INVALID_REPORT' });
    const report = await engine.recordDecision(verdict, 'reported', { textLength: 26, conversationId: 'c' });
    expect(report).toMatchObject({ kind: 'user_report', labels: [], action: 'allow', length: '20-79', conversation: expectedPseudonym('c') });
    expect(report).not.toHaveProperty('relatesTo');
  });

  it('refuses unknown decisions, tampered verdict reports, and calls after dispose', async () => {
    const engine = testEngine();
    const verdict = await engine.checkIncoming({ text: 'you idiot' });
    await expect(engine.recordDecision(verdict, 'ignored' as 'reported')).rejects.toMatchObject({ code: 'INVALID_REPORT' });
    const tampered = { ...verdict, report: { ...verdict.report!, note: 'free text' } as Report };
    await expect(engine.recordDecision(tampered, 'reported')).rejects.toMatchObject({ code: 'INVALID_REPORT' });
    engine.dispose();
    await expect(engine.recordDecision(verdict, 'reported')).rejects.toMatchObject({ code: 'DISPOSED' });
  });

  it('keeps pseudonyms stable for one secret, and a different random one by default', async () => {
    const a = await testEngine().checkIncoming({ text: 'idiot', conversationId: 'x' });
    const b = await testEngine().checkIncoming({ text: 'idiot', conversationId: 'x' });
    expect(a.report!.conversation).toBe(b.report!.conversation);
    const { createEngine } = await import('../../src/engine/engine.js');
    const { testDetectors } = await import('../fixtures/reports/helpers.js');
    const c = await createEngine({ detectors: testDetectors() }).checkIncoming({ text: 'idiot', conversationId: 'x' });
    expect(c.report!.conversation).not.toBe(a.report!.conversation);
  });

  it('adds 4-byte link hash prefixes only when the embedder opts in, and only for risky links', async () => {
    const linkDetector = {
      id: 'links',
      version: '2024-05-01',
      labels: ['malicious_link'] as const,
      detect: () => ({
        scores: { malicious_link: 0.95 },
        reasons: [{ code: 'malicious_link.blocklist', label: 'malicious_link' as const, message: 'A link is on a blocklist.' }],
        links: [
          { url: 'http://evil.example/login', verdict: 'malicious' as const, score: 0.95, reasons: ['link.blocklisted'] },
          { url: 'https://ok.example/', verdict: 'safe' as const, score: 0, reasons: [] },
        ],
      }),
    };
    const { createEngine } = await import('../../src/engine/engine.js');
    const text = 'see http://evil.example/login';
    const plain = await createEngine({ detectors: [linkDetector] }).checkIncoming({ text });
    expect(plain.report!.links).toEqual({ safe: 1, suspicious: 0, malicious: 1, reasons: ['link.blocklisted'] });
    const hashed = await createEngine({ detectors: [linkDetector], reports: { linkHashes: true } }).checkIncoming({ text });
    const { createHash } = await import('node:crypto');
    expect(hashed.report!.links.hashes).toEqual([createHash('sha256').update('http://evil.example/login').digest('hex').slice(0, 8)]);
    expect(JSON.stringify(hashed.report)).not.toMatch(/evil|example/);
  });
});

describe('the guard (real worker from dist/)', () => {
  const stored: Report[] = [];
  const transport: Transport<Report> = {
    send: async (batch) => {
      stored.push(...batch);
      return { status: 'ok', accepted: batch.map((r) => r.id), duplicates: [] };
    },
  };
  const outbox = createOutbox({ storage: createMemoryStorage(), transport });
  const guard = createNodeGuard({ reports: { deviceSecret: TEST_SECRET }, outbox });
  afterAll(() => guard.dispose());

  it('records a decision across the worker boundary and queues it with the page-side outbox', async () => {
    // An ordinary message the user reports anyway: its verdict carries no report.
    const verdict = await guard.checkIncoming({ text: 'hello there', conversationId: 'chat-1' });
    expect(verdict.report).toBeNull();
    const report = await guard.recordDecision(verdict, 'blocked', { textLength: 11, conversationId: 'chat-1', counterpartAccountId: 'acct-5' });
    expect(validateReport(report)).toMatchObject({ kind: 'user_block', counterpart: 'acct-5', conversation: expectedPseudonym('chat-1') });
    expect((await outbox.pending()).map((r) => r.id)).toEqual([report.id]);
    await outbox.flush();
    expect(stored.map((r) => r.id)).toEqual([report.id]);
    await expect(guard.recordDecision(verdict, 'blocked')).rejects.toMatchObject({ name: 'GuardError', code: 'INVALID_REPORT' });
  });

  it('rejects a bad device secret when the guard is created', () => {
    expect(() => createNodeGuard({ reports: { deviceSecret: 'nope' } })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});

describe('reason-code safeguards in the engine', () => {
  const echoing = {
    id: 'echo',
    version: '1',
    labels: ['spam'] as const,
    detect: ({ text }: { text: string }) => ({
      scores: { spam: 0.9 },
      reasons: [
        { code: `spam.${text.split(' ')[0]!.toLowerCase()}`, label: 'spam' as const, message: 'x' },
        { code: 'spam.bulk', label: 'spam' as const, message: 'x' },
      ],
    }),
  };

  it('drops codes built from the text, keeps follow-ups to the signal\'s codes, and honours an allow-list', async () => {
    const { createEngine } = await import('../../src/engine/engine.js');
    const engine = createEngine({ detectors: [echoing] });
    const verdict = await engine.checkIncoming({ text: 'tomorrow at the usual place' });
    expect(verdict.reasons.map((r) => r.code)).toContain('spam.tomorrow'); // shown to the user…
    expect(verdict.report!.reasons).toEqual(['spam.bulk']); // …but never reported
    expect((await engine.recordDecision(verdict, 'reported')).reasons).toEqual(['spam.bulk']);
    const strict = createEngine({ detectors: [echoing], reports: { allowedReasonCodes: ['spam.other'] } });
    expect((await strict.checkIncoming({ text: 'hi there' })).report!.reasons).toEqual([]); // 'spam.hi' is too short for the echo check
    const listed = createEngine({ detectors: [echoing], reports: { allowedReasonCodes: ['spam.bulk'] } });
    expect((await listed.checkIncoming({ text: 'bulk mail' })).report!.reasons).toEqual(['spam.bulk']);
    expect(() => createEngine({ reports: { allowedReasonCodes: 'spam.bulk' as unknown as string[] } })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it('refuses a flagged verdict stripped of its report', async () => {
    const { createEngine } = await import('../../src/engine/engine.js');
    const engine = createEngine({ detectors: [echoing] });
    const verdict = await engine.checkIncoming({ text: 'hello' });
    await expect(engine.recordDecision({ ...verdict, report: null }, 'reported', { textLength: 5 })).rejects.toMatchObject({ code: 'INVALID_REPORT' });
  });
});
