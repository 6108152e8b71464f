import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import type { Detector } from '../../src/engine/detector.js';
import { declaredReasonCodes } from '../../src/engine/reason-allow-list.js';
import { createPatternDetectors } from '../../src/text/patterns/index.js';
import { createLinkDetector } from '../../src/links/link-detector.js';
import { createNudityDetector } from '../../src/image/nudity-detector.js';
import { keywordDetector } from '../fixtures/test-detectors.js';

/** A detector that declares the one code it emits, whose name the message happens to contain. */
const declared: Detector = {
  id: 'wrong-number',
  version: '1',
  labels: ['scam'],
  reasonCodes: ['scam.wrong_number_opener'],
  detect: () => ({ scores: { scam: 0.9 }, reasons: [{ code: 'scam.wrong_number_opener', label: 'scam', message: 'A stranger opened with a wrong number.' }] }),
};

describe('reason codes in reports', () => {
  it('keeps a declared code even when the message contains its words', async () => {
    const engine = createEngine({ detectors: [declared] });
    const verdict = await engine.checkIncoming({ text: 'sorry, wrong number! but you seem nice' });
    expect(verdict.report?.reasons).toContain('scam.wrong_number_opener');
  });

  it('falls back to the echo filter when a detector does not declare its codes', async () => {
    const engine = createEngine({ detectors: [declared, keywordDetector('kw', 'spam', 'zzz')] });
    const verdict = await engine.checkIncoming({ text: 'sorry, wrong number! but you seem nice' });
    expect(verdict.report?.reasons ?? []).not.toContain('scam.wrong_number_opener');
  });

  it('drops an undeclared code from a declaring detector', async () => {
    const sneaky: Detector = { ...declared, detect: () => ({ scores: { scam: 0.9 }, reasons: [{ code: 'scam.homework', label: 'scam', message: 'x' }] }) };
    const verdict = await createEngine({ detectors: [sneaky] }).checkIncoming({ text: 'my homework' });
    expect(verdict.report?.reasons ?? []).not.toContain('scam.homework');
  });

  it('covers the built-in detectors', () => {
    const codes = declaredReasonCodes([...createPatternDetectors(), createLinkDetector(), createNudityDetector()]);
    expect(codes).toEqual(expect.arrayContaining(['scam.otp_request', 'pii.card_number', 'link.blocklist', 'link.malicious', 'nudity.porn', 'grooming.progression', 'scam.flagged']));
  });
});
