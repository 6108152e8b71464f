import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { MAX_ANALYSED_CHARS } from '../../src/engine/message.js';
import { SYSTEM_REASONS } from '../../src/engine/verdict.js';
import { isGuardError } from '../../src/engine/errors.js';
import { LABELS } from '../../src/engine/labels.js';
import {
  flakyLoadDetector,
  invalidScoreDetector,
  keywordDetector,
  recordingDetector,
  throwingDetector,
} from '../fixtures/test-detectors.js';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isGuardError(error) ? error.code : 'not a GuardError';
  }
  return undefined;
}

describe('createEngine', () => {
  const detectors = [keywordDetector('insults', 'harassment', 'idiot'), keywordDetector('prizes', 'scam', 'prize', 0.7)];

  it('scores every label, flags over threshold and explains each flag', async () => {
    const engine = createEngine({ detectors });
    const verdict = await engine.checkIncoming({ id: 'm1', text: 'you idiot' });
    expect(Object.keys(verdict.scores)).toEqual([...LABELS]);
    expect(verdict.scores.harassment).toBe(0.9);
    expect(verdict.scores.scam).toBe(0);
    expect(verdict.flags).toEqual(['harassment']);
    expect(verdict.action).toBe('warn');
    expect(verdict.reasons).toEqual([
      { code: 'harassment.keyword', label: 'harassment', message: expect.any(String), detector: 'insults' },
    ]);
    expect(verdict).toMatchObject({ id: 'm1', direction: 'incoming', profile: 'adult', degraded: false, truncated: false });
    expect(verdict.versions).toEqual({ insults: '1', prizes: '1' });
  });

  it('is direction-aware: outgoing harassment asks to rethink', async () => {
    const verdict = await createEngine({ detectors }).checkOutgoing({ text: 'you idiot' });
    expect(verdict.action).toBe('confirm');
    expect(verdict.choices).toEqual(['proceed', 'cancel']);
  });

  it('keeps the highest score when detectors overlap', async () => {
    const engine = createEngine({
      detectors: [keywordDetector('a', 'scam', 'gift', 0.3), keywordDetector('b', 'scam', 'card', 0.8)],
    });
    expect((await engine.checkIncoming({ text: 'buy a gift card' })).scores.scam).toBe(0.8);
  });

  it('allows a clean message with no reasons and no choices', async () => {
    const verdict = await createEngine({ detectors }).checkIncoming({ text: 'see you at 6' });
    expect(verdict).toMatchObject({ flags: [], action: 'allow', reasons: [], choices: [], degraded: false });
  });

  it('marks a verdict degraded, never silently safe, when a detector throws', async () => {
    const engine = createEngine({ detectors: [...detectors, throwingDetector()] });
    const verdict = await engine.checkIncoming({ text: 'a prize' });
    expect(verdict.degraded).toBe(true);
    expect(verdict.reasons.map((r) => r.code)).toContain(SYSTEM_REASONS.detectorFailed);
    expect(verdict.scores.scam).toBe(0.7); // the other detectors still count
  });

  it('treats a score outside 0..1 as a failure', async () => {
    const verdict = await createEngine({ detectors: [invalidScoreDetector()] }).checkIncoming({ text: 'x' });
    expect(verdict.degraded).toBe(true);
    expect(verdict.scores.spam).toBe(0);
  });

  it('rejects with MODEL_LOAD_FAILED when a detector fails to load, and retries on the next call', async () => {
    const flaky = flakyLoadDetector(1);
    const engine = createEngine({ detectors: [flaky] });
    expect(await codeOf(engine.checkIncoming({ text: 'hi' }))).toBe('MODEL_LOAD_FAILED');
    await expect(engine.checkIncoming({ text: 'hi' })).resolves.toMatchObject({ degraded: false });
    await engine.checkIncoming({ text: 'again' });
    expect(flaky.loads).toBe(2);
  });

  it('marks an image it cannot check as degraded', async () => {
    const verdict = await createEngine({ detectors }).checkIncoming({
      text: '',
      attachments: [{ type: 'image', data: new Uint8Array(4), width: 1, height: 1 }],
    });
    expect(verdict.degraded).toBe(true);
    expect(verdict.reasons.map((r) => r.code)).toContain(SYSTEM_REASONS.imageNotChecked);
  });

  it('analyses long text on a bounded head-and-tail window and says so', async () => {
    const recorder = recordingDetector();
    const engine = createEngine({ detectors: [recorder, keywordDetector('prizes', 'scam', 'prize')] });
    const text = `${'a'.repeat(200_000)} claim your prize`;
    const verdict = await engine.checkIncoming({ text });
    expect(verdict.truncated).toBe(true);
    expect(verdict.reasons.map((r) => r.code)).toContain(SYSTEM_REASONS.truncated);
    expect(recorder.seen[0]!.length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    expect(verdict.flags).toContain('scam'); // the tail was still analysed
  });

  it('gives odd but valid text a normal verdict', async () => {
    const engine = createEngine({ detectors });
    for (const text of ['', '😀😀😀', '\u0000\u0007\u001b[31m', '\ud800 lone \udfff', ' \n\t ', '\u202Eidiot']) {
      const verdict = await engine.checkIncoming({ text });
      expect(verdict.degraded).toBe(false);
      expect(LABELS.every((label) => verdict.scores[label] >= 0 && verdict.scores[label] <= 1)).toBe(true);
    }
  });

  it('relaxes banter for a trusted contact but keeps scams strict', async () => {
    const engine = createEngine({
      detectors: [keywordDetector('insults', 'harassment', 'idiot', 0.6), keywordDetector('prizes', 'scam', 'prize', 0.6)],
    });
    engine.setTrustedContact('sam', true);
    expect((await engine.checkIncoming({ text: 'idiot', senderId: 'sam' })).flags).toEqual([]);
    expect((await engine.checkIncoming({ text: 'idiot', senderId: 'kim' })).flags).toEqual(['harassment']);
    expect((await engine.checkIncoming({ text: 'prize', senderId: 'sam' })).flags).toEqual(['scam']);
    engine.setTrustedContact('sam', false);
    expect((await engine.checkIncoming({ text: 'idiot', senderId: 'sam' })).flags).toEqual(['harassment']);
  });

  it('switches profile', async () => {
    const engine = createEngine({ detectors: [keywordDetector('g', 'grooming', 'secret', 0.4)] });
    expect((await engine.checkIncoming({ text: 'our secret' })).flags).toEqual([]);
    engine.setProfile('child');
    const verdict = await engine.checkIncoming({ text: 'our secret' });
    expect(verdict).toMatchObject({ profile: 'child', flags: ['grooming'] });
    expect(verdict.choices).toContain('get_help');
  });

  it('rejects calls after dispose with DISPOSED', async () => {
    const engine = createEngine({ detectors });
    engine.dispose();
    expect(await codeOf(engine.checkIncoming({ text: 'hi' }))).toBe('DISPOSED');
  });

  it('rejects bad detectors with INVALID_DETECTOR', () => {
    const bad = [
      [{ id: '', version: '1', labels: ['spam'], detect: () => ({ scores: {}, reasons: [] }) }],
      [{ id: 'x', version: '1', labels: ['spamm'], detect: () => ({ scores: {}, reasons: [] }) }],
      [{ id: 'x', version: '1', labels: ['spam'] }],
      [keywordDetector('dup', 'spam', 'a'), keywordDetector('dup', 'spam', 'b')],
    ];
    for (const detectorsList of bad) {
      expect(() => createEngine({ detectors: detectorsList as never })).toThrow(expect.objectContaining({ code: 'INVALID_DETECTOR' }));
    }
  });
});
