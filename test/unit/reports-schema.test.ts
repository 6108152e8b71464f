// The report schema, its builder and its validator, against pinned fixtures.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateReport, reportProblem } from '../../src/reports/validate-report.js';
import { buildReport } from '../../src/reports/build-report.js';
import { REPORT_FIELDS, REPORT_LIMITS, lengthBucket, scoreBucket, utcHour, kindForDecision, type Report } from '../../src/reports/schema.js';
import { isGuardError } from '../../src/engine/errors.js';
import type { Verdict } from '../../src/engine/verdict.js';
import { T0, flaggedVerdict, letterUuids, sampleReport } from '../fixtures/reports/helpers.js';

interface Fixture {
  readonly name: string;
  readonly report: unknown;
  readonly problem?: string;
}
const load = (file: string): Fixture[] => JSON.parse(readFileSync(new URL(`../fixtures/reports/${file}`, import.meta.url), 'utf8')) as Fixture[];

describe('validateReport', () => {
  it.each(load('valid-reports.json').map((f) => [f.name, f.report]))('accepts %s', (_name, report) => {
    expect(reportProblem(report)).toBeNull();
    expect(validateReport(report)).toBe(report);
  });

  it.each(load('invalid-reports.json').map((f) => [f.name, f.report, f.problem]))('rejects %s', (_name, report, problem) => {
    let error: unknown;
    try {
      validateReport(report);
    } catch (caught) {
      error = caught;
    }
    expect(isGuardError(error) && error.code).toBe('INVALID_REPORT');
    expect((error as Error).message).toContain(problem);
  });

  it('never echoes the offending value in its message', async () => {
    const canary = 'CANARY-7f3e secret text';
    for (const field of ['note', 'hour', 'conversation', 'kind']) {
      const problem = reportProblem(await sampleReport({ [field]: canary } as Partial<Record<keyof Report, unknown>>));
      expect(problem).toBeTypeOf('string');
      expect(problem).not.toContain('CANARY');
      expect(problem).not.toContain('secret');
    }
    const hostKey = { ...(await sampleReport()), 'evil.example.com': 1 };
    expect(reportProblem(hostKey)).not.toContain('evil');
  });

  it('fits a report with every list and string at its limit under the byte cap', async () => {
    const versions = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`d${'x'.repeat(29)}${i.toString().padStart(2, '0')}`, `v${'9'.repeat(79)}`]));
    const reasons = Array.from({ length: 32 }, (_, i) => `self_harm.${'r'.repeat(44)}${i}`);
    const big = await sampleReport({ versions, reasons });
    const links = { safe: 0, suspicious: 0, malicious: 0, reasons: Array.from({ length: 16 }, (_, i) => `malicious_link.${'l'.repeat(44)}${i}`), hashes: Array.from({ length: 16 }, (_, i) => i.toString(16).padStart(8, 'a')) };
    const full = { ...big, links, counterpart: 'a'.repeat(64), commitment: 'f'.repeat(64), kind: 'user_report', decision: 'reported', relatesTo: 'abcdefab-abcd-4bcd-8bcd-abcdefabcdef' };
    expect(reportProblem(full)).toBeNull();
    expect(new TextEncoder().encode(JSON.stringify(full)).length).toBeLessThan(REPORT_LIMITS.bytes);
  });

  it('lists exactly the fields a report may have', async () => {
    const report = await sampleReport({ counterpart: 'a', relatesTo: 'x', commitment: 'y' });
    expect(Object.keys(report).sort()).toEqual([...REPORT_FIELDS].sort());
  });
});

describe('buckets', () => {
  it('buckets scores, lengths and times', () => {
    expect([0, 0.2499, 0.25, 0.5, 0.7499, 0.75, 1, Number.NaN].map(scoreBucket)).toEqual(['low', 'low', 'medium', 'high', 'high', 'very_high', 'very_high', 'low']);
    expect([0, 1, 19, 20, 79, 80, 279, 280, 999, 1000, 4999, 5000, 1e6].map(lengthBucket)).toEqual([
      '0', '1-19', '1-19', '20-79', '20-79', '80-279', '80-279', '280-999', '280-999', '1000-4999', '1000-4999', '5000+', '5000+',
    ]);
    expect(utcHour(T0)).toBe('2024-05-02T13');
    expect(kindForDecision('reported')).toBe('user_report');
    expect(kindForDecision('blocked')).toBe('user_block');
    expect(kindForDecision('proceeded')).toBe('signal');
  });
});

describe('buildReport', () => {
  const env = { now: () => T0, randomUUID: letterUuids(3) };

  it('keeps flagged and medium-or-higher labels as buckets, never raw scores', async () => {
    const verdict = await flaggedVerdict();
    const withNearMiss: Verdict = { ...verdict, scores: { ...verdict.scores, pii: 0.3, spam: 0.1 } };
    const report = buildReport({ verdict: withNearMiss, kind: 'signal', decision: null, length: '20-79', conversation: null }, env);
    expect(report.labels).toEqual([
      { label: 'scam', bucket: 'high', flagged: true },
      { label: 'harassment', bucket: 'very_high', flagged: true },
      { label: 'pii', bucket: 'medium', flagged: false },
    ]);
    expect(JSON.stringify(report)).not.toMatch(/0\.\d/);
  });

  it('counts links and keeps only well-formed reason codes', async () => {
    const verdict: Verdict = {
      ...(await flaggedVerdict()),
      reasons: [
        { code: 'scam.keyword', label: 'scam', message: 'quoted "secret words" here' },
        { code: 'scam.said:meet at 5', message: 'x' },
        { code: 'evil.example.com', message: 'x' },
      ],
      links: [
        { url: 'https://evil.example.com/login?u=alice', verdict: 'malicious', score: 0.99, reasons: ['link.lookalike_brand', 'evil.example.com'] },
        { url: 'https://ok.example.org/', verdict: 'safe', score: 0.01, reasons: [] },
        { url: 'https://odd.example.net/', verdict: 'suspicious', score: 0.6, reasons: ['link.lookalike_brand', 'url.new_domain'] },
        { url: 'x', verdict: 'toString' as 'safe', score: 0, reasons: [] },
      ],
      versions: { good: '2024-05-01', 'Bad Id': '1', ok: 'has space' },
    };
    const report = buildReport({ verdict, kind: 'signal', decision: null, length: '1-19', conversation: null }, env);
    expect(report.reasons).toEqual(['scam.keyword']);
    expect(report.links).toEqual({ safe: 1, suspicious: 1, malicious: 1, reasons: ['link.lookalike_brand', 'url.new_domain'] });
    expect(report.versions).toEqual({ good: '2024-05-01' });
    expect(JSON.stringify(report)).not.toMatch(/example|alice|secret|meet/);
  });

  it('rejects malformed inputs it cannot drop, such as a counterpart with free text', async () => {
    const verdict = await flaggedVerdict();
    expect(() =>
      buildReport({ verdict, kind: 'user_report', decision: 'reported', length: '1-19', conversation: null, counterpart: 'bob said hi' }, env),
    ).toThrow(expect.objectContaining({ code: 'INVALID_REPORT' }));
  });
});

describe('keptCodes', () => {
  it('drops codes that echo the message, that are not allowed, or that break the pattern', async () => {
    const { keptCodes } = await import('../../src/reports/reason-codes.js');
    const codes = ['scam.otp_request', 'spam.meet_me_after_school', 'spam.school', 'spam.hi', 'system.truncated', 'Scam.X', 'scam.otp_request'];
    expect(keptCodes(codes, 10)).toEqual(['scam.otp_request', 'spam.meet_me_after_school', 'spam.school', 'spam.hi', 'system.truncated']);
    // Echoes are caught across case and punctuation; pieces under 6 characters ("hi") are not.
    expect(keptCodes(codes, 10, { text: 'Meet me, after SCHOOL!' })).toEqual(['scam.otp_request', 'spam.hi', 'system.truncated']);
    expect(keptCodes(codes, 10, { allowed: new Set(['scam.otp_request']) })).toEqual(['scam.otp_request', 'system.truncated']);
    // The echo check's price: a legitimate code is dropped when the message contains its words…
    expect(keptCodes(['self_harm.goodbye'], 10, { text: 'goodbye everyone' })).toEqual([]);
    // …which an allow-list avoids: listed codes are trusted as constants.
    expect(keptCodes(['self_harm.goodbye'], 10, { text: 'goodbye everyone', allowed: new Set(['self_harm.goodbye']) })).toEqual(['self_harm.goodbye']);
    expect(keptCodes(codes, 2)).toHaveLength(2);
  });
});
