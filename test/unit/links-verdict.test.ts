import { describe, expect, it } from 'vitest';
import { combineLinkEvidence, type LinkEvidence } from '../../src/links/link-verdict.js';
import { calibrateUrlScore } from '../../src/links/url-model.js';

const base: LinkEvidence = { url: 'http://x.example/', blocklist: null, findings: [], model: null, shortener: false };

describe('combineLinkEvidence', () => {
  it('a confirmed blocklist hit is malicious whatever else says', () => {
    const verdict = combineLinkEvidence({ ...base, blocklist: 'x.example/', model: 0.01 });
    expect(verdict).toMatchObject({ verdict: 'malicious', score: 0.99, reasons: ['link.blocklist'] });
  });

  it('nothing known is safe', () => {
    expect(combineLinkEvidence({ ...base, model: 0.1 })).toEqual({ url: base.url, verdict: 'safe', score: 0.1, reasons: [] });
  });

  it('a strong finding decides alone; the model never cancels it', () => {
    const verdict = combineLinkEvidence({ ...base, findings: [{ code: 'link.homograph', score: 0.95 }], model: 0.02 });
    expect(verdict).toMatchObject({ verdict: 'malicious', score: 0.95, reasons: ['link.homograph'] });
  });

  it('a suspicious finding and a suspicious model reinforce each other', () => {
    const verdict = combineLinkEvidence({ ...base, findings: [{ code: 'link.typosquat', score: 0.7 }], model: 0.6 });
    expect(verdict.verdict).toBe('malicious');
    expect(verdict.score).toBeCloseTo(0.88, 5);
    expect(verdict.reasons).toEqual(['link.typosquat', 'link.model']);
  });

  it('weak findings never raise a verdict but are listed when others do', () => {
    const weak = { code: 'link.risky_tld' as const, score: 0.3 };
    expect(combineLinkEvidence({ ...base, findings: [weak], model: 0.2 })).toMatchObject({ verdict: 'safe', reasons: [] });
    expect(combineLinkEvidence({ ...base, findings: [weak], model: 0.7 })).toMatchObject({ verdict: 'suspicious', reasons: ['link.model', 'link.risky_tld'] });
  });

  it('a shortener is exactly suspicious unless the blocklist knows it', () => {
    expect(combineLinkEvidence({ ...base, shortener: true, findings: [{ code: 'link.shortener', score: 0.5 }], model: 0.99 }).verdict).toBe('suspicious');
    expect(combineLinkEvidence({ ...base, shortener: true, model: 0.01 }).verdict).toBe('suspicious');
    expect(combineLinkEvidence({ ...base, shortener: true, blocklist: 'bit.ly/abc' }).verdict).toBe('malicious');
  });

  it('on a popular site the model alone stays below the operating point', () => {
    expect(combineLinkEvidence({ ...base, model: 0.8, popularSite: true })).toMatchObject({ verdict: 'safe', reasons: [] });
    const userinfo = { code: 'link.userinfo' as const, score: 0.9 };
    expect(combineLinkEvidence({ ...base, model: 0.8, popularSite: true, findings: [userinfo] }).verdict).toBe('malicious');
  });
});

describe('calibrateUrlScore', () => {
  const t = { suspicious: 0.75, malicious: 0.999 };

  it('maps the validated thresholds to 0.5 and 0.85, monotonically, within 0..1', () => {
    expect(calibrateUrlScore(0.75, t)).toBeCloseTo(0.5, 9);
    expect(calibrateUrlScore(0.999, t)).toBeCloseTo(0.85, 9);
    expect(calibrateUrlScore(0, t)).toBe(0);
    expect(calibrateUrlScore(1, t)).toBeCloseTo(1, 9);
    let previous = -1;
    for (let p = 0; p <= 1; p += 0.001) {
      const score = calibrateUrlScore(p, t);
      expect(score).toBeGreaterThanOrEqual(previous);
      previous = score;
    }
    expect(calibrateUrlScore(Number.NaN, t)).toBe(0);
  });
});
