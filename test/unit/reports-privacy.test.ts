// Privacy proofs as tests: for random messages full of canaries, URLs and numbers, no report carries
// any piece of them. Property-based (fast-check, seeded), over every report kind and decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { createEngine } from '../../src/engine/engine.js';
import type { Detector } from '../../src/engine/detector.js';
import { LABELS } from '../../src/engine/labels.js';
import { ACTIONS, PROFILES } from '../../src/engine/policy-table.js';
import { createReporter } from '../../src/reports/reporter.js';
import { frankMessage } from '../../src/reports/franking.js';
import { validateReport } from '../../src/reports/validate-report.js';
import { DECISIONS, LENGTH_BUCKETS, REPORT_FIELDS, REPORT_KINDS, SCORE_BUCKETS, type Report } from '../../src/reports/schema.js';
import { startCollector, type Collector } from '../../server/collector/server.js';
import { TEST_SECRET, T0, letterUuids, sampleReport, testDetectors } from '../fixtures/reports/helpers.js';

const SEED = 20_240_502;
const URL_PATTERN = /https?:\/\/\S+/g;

/** A link checker that reports every URL as malicious, with well-formed and malformed reason codes. */
const linkDetector: Detector = {
  id: 'links',
  version: '2024-05-01',
  labels: ['malicious_link'],
  detect: ({ text }) => {
    const urls = text.match(URL_PATTERN) ?? [];
    return {
      scores: { malicious_link: urls.length > 0 ? 0.97 : 0 },
      reasons: urls.length > 0 ? [{ code: 'malicious_link.blocklist', label: 'malicious_link', message: 'A link is on a blocklist.' }] : [],
      // Careless on purpose: reason codes built from the URL must never make it into a report.
      links: urls.map((url) => ({ url, verdict: 'malicious' as const, score: 0.97, reasons: ['link.blocklisted', `link.${url}`, url, `url.${safeHost(url)}`] })),
    };
  },
};

/** A careless detector that quotes the message in its reason, and in a malformed code. */
const quotingDetector: Detector = {
  id: 'quoter',
  version: '3',
  labels: ['spam'],
  detect: ({ text }) => ({
    scores: { spam: 0.8 },
    reasons: [{ code: `spam.${text.slice(0, 40)}`, label: 'spam', message: `You wrote: ${text}` }, { code: 'spam.bulk', label: 'spam', message: 'x' }],
  }),
};

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Everything a report may legitimately say: field names, enum values, labels, codes, detector ids and versions. */
const VOCABULARY = JSON.stringify([
  ...REPORT_FIELDS,
  ...['label', 'bucket', 'flagged', 'safe', 'suspicious', 'malicious', 'reasons', 'hashes', 'incoming', 'outgoing', 'true', 'false', 'null'],
  ...LABELS,
  ...REPORT_KINDS,
  ...DECISIONS,
  ...SCORE_BUCKETS,
  ...LENGTH_BUCKETS,
  ...ACTIONS,
  ...PROFILES,
  ...['harassment.keyword', 'scam.keyword', 'self_harm.keyword', 'malicious_link.blocklist', 'spam.bulk', 'link.blocklisted'],
  ...['insults', 'prizes', 'goodbyes', 'links', 'quoter', '1', '3', '2024-05-01'],
]).toLowerCase();

const word = fc.constantFrom('hey', 'meet', 'me', 'after', 'school', 'send', 'the', 'code', 'now', 'bank', 'account', 'secret', 'mom', 'photo', 'idiot', 'prize', 'goodbye');
const canary = fc.stringMatching(/^CANARY[A-Za-z0-9]{10}$/);
const number = fc.stringMatching(/^[1-9][0-9]{4,15}$/);
const phone = fc.stringMatching(/^\+[1-9][0-9]{9,12}$/);
const url = fc.webUrl({ withQueryParameters: true, withFragments: true });
const scrap = fc.string({ unit: 'grapheme', maxLength: 24 });
const message = fc
  .record({
    parts: fc.array(fc.oneof({ weight: 4, arbitrary: word }, canary, number, phone, url, scrap), { minLength: 1, maxLength: 14 }),
    trigger: fc.constantFrom('idiot', 'prize', 'goodbye', ''),
    outgoing: fc.boolean(),
    conversationId: fc.stringMatching(/^conv-CANARY[a-z0-9]{8}$/),
    senderId: fc.stringMatching(/^user-CANARY[0-9]{7}$/),
    id: fc.stringMatching(/^msg-CANARY[0-9]{9}$/),
    frankingSeed: fc.integer(),
  })
  .map((m) => ({ ...m, text: [m.trigger, ...m.parts].join(' ').trim() }));

type Generated = typeof message extends fc.Arbitrary<infer T> ? T : never;

/**
 * The report as scanned: digests masked. Ids, pseudonyms, commitments and link hash prefixes are
 * fixed-length hex (the validator pins their format) from a random source, an HMAC under a key the
 * collector does not have, or SHA-256. A digit run of the message turning up inside one is chance
 * (about 1 in 16^6 per position for 6 digits; seen about once in 10^4 reports), not information, so
 * the substring scan masks them rather than fail on coincidences.
 */
function scanned(report: Report): string {
  const { id, relatesTo, conversation, commitment, links } = report;
  expect([id, relatesTo ?? id].every((value) => /^[0-9a-f-]{36}$/.test(value))).toBe(true);
  expect(conversation === null || /^[0-9a-f]{32}$/.test(conversation)).toBe(true);
  return JSON.stringify({
    ...report,
    id: '#',
    ...(relatesTo === undefined ? {} : { relatesTo: '#' }),
    conversation: conversation === null ? null : '#',
    ...(commitment === undefined ? {} : { commitment: '#' }),
    links: { ...links, ...(links.hashes ? { hashes: links.hashes.map(() => '#') } : {}) },
  });
}

/** Every way the message could leak: its 6-character pieces, URLs, hostnames, long numbers and ids. */
function leaks(serialized: string, m: Generated): string[] {
  const found: string[] = [];
  const haystack = serialized.toLowerCase();
  const text = m.text;
  for (let i = 0; i + 6 <= text.length; i += 1) {
    const piece = text.slice(i, i + 6).toLowerCase();
    if (haystack.includes(piece) && !VOCABULARY.includes(piece)) found.push(`substring ${JSON.stringify(piece)}`);
  }
  for (const link of text.match(URL_PATTERN) ?? []) {
    if (haystack.includes(link.toLowerCase())) found.push(`url ${link}`);
    for (const host of [safeHost(link), /^https?:\/\/(?:[^@/?#]*@)?([^/:?#]+)/i.exec(link)?.[1] ?? '']) {
      if (host.length >= 4 && haystack.includes(host.toLowerCase()) && !VOCABULARY.includes(host.toLowerCase())) found.push(`host ${host}`);
    }
  }
  for (const digits of text.match(/\d{5,}/g) ?? []) if (haystack.includes(digits)) found.push(`number ${digits}`);
  for (const id of [m.conversationId, m.senderId, m.id]) if (haystack.includes(id.toLowerCase().slice(-10))) found.push(`id ${id}`);
  return found;
}

describe('privacy: reports never carry message content', () => {
  it('no report (signal, every decision, every kind) contains text pieces, URLs, hostnames, long numbers or ids', async () => {
    const engine = createEngine({ detectors: [...testDetectors(), linkDetector, quotingDetector], reports: { deviceSecret: TEST_SECRET } });
    // Reports are built by the same reporter the engine uses, with seeded ids and a fixed clock, so every run
    // of this test checks exactly the same reports.
    const reporter = createReporter({ deviceSecret: TEST_SECRET, linkHashes: true }, { now: () => T0, randomUUID: letterUuids(SEED) });
    let reports = 0;
    const seen = { urls: 0, numbers: 0, hashed: 0, flagged: 0 };
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const input = { id: m.id, text: m.text, conversationId: m.conversationId, senderId: m.senderId };
        const verdict = m.outgoing ? await engine.checkOutgoing(input) : await engine.checkIncoming(input);
        const built: Report[] = [];
        seen.urls += URL_PATTERN.test(m.text) ? 1 : 0;
        URL_PATTERN.lastIndex = 0;
        seen.numbers += /\d{5,}/.test(m.text) ? 1 : 0;
        seen.flagged += verdict.flags.length > 0 ? 1 : 0;
        const signal = await reporter.signal(verdict, input);
        if (signal) built.push(signal);
        const withSignal = signal ? { ...verdict, report: signal } : verdict;
        const key = createHash('sha256').update(String(m.frankingSeed)).digest('hex');
        const { commitment } = await frankMessage(m.text, key);
        for (const decision of DECISIONS) {
          built.push(await reporter.decision(withSignal, decision, { textLength: m.text.length, conversationId: m.conversationId, commitment }));
        }
        // The engine's own report is the same content as the reporter's, up to its random id, its clock
        // (hour and pseudonym epoch) and the opt-in link hashes; the reporter's is checked for leaks below.
        if (verdict.report) {
          const { id: _a, hour: _b, conversation: _c, links: engineLinks, ...fromEngine } = verdict.report;
          const { id: _d, hour: _e, conversation: _f, links: { hashes: _g, ...reporterLinks }, ...fromReporter } = signal!;
          expect({ ...fromEngine, links: engineLinks }).toEqual({ ...fromReporter, links: reporterLinks });
        }
        for (const report of built) {
          expect(JSON.stringify(validateReport(report))).toMatch(/^[\x20-\x7e]*$/); // ASCII only: no way to carry most of Unicode at all
          expect(leaks(scanned(report), m)).toEqual([]);
          reports += 1;
          seen.hashed += report.links.hashes ? 1 : 0;
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(reports).toBeGreaterThan(1500);
    // The generator does reach the interesting cases.
    expect(seen.urls).toBeGreaterThan(100);
    expect(seen.numbers).toBeGreaterThan(100);
    expect(seen.flagged).toBe(300); // the quoting detector flags spam on every message
    expect(seen.hashed).toBeGreaterThan(500);
  });

  it('the leak detector itself catches a leak (the check is not vacuous)', async () => {
    const m = fc.sample(message, { seed: SEED, numRuns: 1 })[0]!;
    const leaky = JSON.stringify({ ...(await sampleReport()), note: m.text });
    expect(leaks(leaky, m).length).toBeGreaterThan(0);
  });
});

describe('privacy: the collector refuses anything outside the schema', () => {
  let collector: Collector;
  beforeAll(async () => {
    collector = await startCollector({ port: 0, db: ':memory:', rateLimit: { capacity: 100_000 } });
  });
  afterAll(() => collector.close());

  const field = fc.string({ minLength: 1, maxLength: 20 }).filter((name) => !(REPORT_FIELDS as readonly string[]).includes(name) && name !== '__proto__');
  const where = fc.constantFrom('top', 'label', 'links');

  it('rejects a report with an added free-text field, anywhere, with 400 and stores nothing', async () => {
    const ids = letterUuids(SEED + 1);
    await fc.assert(
      fc.asyncProperty(field, fc.string({ maxLength: 60 }).map((text) => `CANARY-${text}`), where, async (name, value, at) => {
        const base = await sampleReport({ id: ids() });
        const report =
          at === 'top'
            ? { ...base, [name]: value }
            : at === 'label'
              ? { ...base, labels: [{ ...(base['labels'] as object[])[0], [name]: value }] }
              : { ...base, links: { ...(base['links'] as object), [name]: value } };
        const response = await fetch(`${collector.url}/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ reports: [report] }),
        });
        expect(response.status).toBe(400);
        expect(await response.text()).not.toContain('CANARY'); // the answer never echoes what was sent
      }),
      { seed: SEED, numRuns: 60 },
    );
    expect(await collector.store.reportIds()).toEqual([]);
  });
});
