import { describe, expect, it } from 'vitest';
import { LABELS, zeroScores, type Label } from '../../src/engine/labels.js';
import { decide, resolvePolicy } from '../../src/engine/policy.js';
import { DEFAULT_ACTIONS, DEFAULT_THRESHOLDS, PROFILES, TRUST_RELAXED_LABELS } from '../../src/engine/policy-table.js';
import type { Direction } from '../../src/engine/message.js';
import { isGuardError } from '../../src/engine/errors.js';

const DIRECTIONS: readonly Direction[] = ['incoming', 'outgoing'];

function only(label: Label, score: number) {
  const scores = zeroScores();
  scores[label] = score;
  return scores;
}

describe('policy table: every profile × direction × label', () => {
  for (const profile of PROFILES) {
    const policy = resolvePolicy({ profile });
    for (const direction of DIRECTIONS) {
      for (const label of LABELS) {
        it(`${profile} ${direction} ${label}`, () => {
          const threshold = DEFAULT_THRESHOLDS[label][profile];
          const expected = DEFAULT_ACTIONS[direction][label][profile];

          const at = decide(policy, only(label, threshold), direction, false);
          expect(at.flags).toEqual([label]);
          expect(at.action).toBe(expected);

          const below = decide(policy, only(label, threshold - 0.01), direction, false);
          expect(below.flags).toEqual([]);
          expect(below.action).toBe('allow');
          expect(below.choices).toEqual([]);

          if (expected !== 'allow') {
            expect(at.choices).toContain('proceed'); // the user keeps the final say
            if (direction === 'incoming') expect(at.choices).toEqual(expect.arrayContaining(['block_sender', 'report']));
            else expect(at.choices).toContain('cancel');
          }
        });
      }
    }
  }
});

describe('policy rules', () => {
  it('never blocks or holds back outgoing self-harm: supportive warning with help', () => {
    for (const profile of PROFILES) {
      const decision = decide(resolvePolicy({ profile }), only('self_harm', 1), 'outgoing', false);
      expect(decision.action).toBe('warn');
      expect(decision.choices).toContain('get_help');
      expect(decision.help.map((h) => h.label)).toContain('self_harm');
    }
  });

  it('asks before a malicious link opens, in every profile', () => {
    for (const profile of PROFILES) {
      expect(decide(resolvePolicy({ profile }), only('malicious_link', 1), 'incoming', false).action).toBe('confirm');
    }
  });

  it('blurs nudity for children and teens', () => {
    expect(decide(resolvePolicy({ profile: 'child' }), only('nudity', 1), 'incoming', false).action).toBe('blur');
    expect(decide(resolvePolicy({ profile: 'teen' }), only('nudity', 1), 'incoming', false).action).toBe('blur');
  });

  it('takes the strongest action across flags', () => {
    const scores = only('spam', 1);
    scores.malicious_link = 1;
    expect(decide(resolvePolicy(), scores, 'incoming', false).action).toBe('confirm');
  });

  it('flags earlier for younger profiles', () => {
    for (const label of LABELS) {
      expect(DEFAULT_THRESHOLDS[label].child).toBeLessThanOrEqual(DEFAULT_THRESHOLDS[label].teen);
      expect(DEFAULT_THRESHOLDS[label].teen).toBeLessThanOrEqual(DEFAULT_THRESHOLDS[label].adult);
    }
  });

  it('relaxes only banter labels for a trusted contact', () => {
    const policy = resolvePolicy();
    for (const label of LABELS) {
      const decision = decide(policy, only(label, policy.thresholds[label]), 'incoming', true);
      expect(decision.flags.length === 0).toBe(TRUST_RELAXED_LABELS.includes(label));
    }
    expect(decide(policy, only('harassment', 0.99), 'incoming', true).flags).toEqual(['harassment']);
  });

  it('lets the embedding app override a threshold', () => {
    const policy = resolvePolicy({ profile: 'adult', thresholds: { spam: 0.9 } });
    expect(decide(policy, only('spam', 0.8), 'incoming', false).flags).toEqual([]);
    expect(decide(policy, only('spam', 0.95), 'incoming', false).flags).toEqual(['spam']);
  });

  it('never flags a zero score, even with a zero threshold', () => {
    const policy = resolvePolicy({ thresholds: { spam: 0 } });
    expect(decide(policy, zeroScores(), 'incoming', false).flags).toEqual([]);
  });

  it.each([
    [{ profile: 'toddler' }, /child, teen, adult/],
    [{ thresholds: { spamm: 0.5 } }, /spamm/],
    [{ thresholds: { spam: 1.5 } }, /0 to 1/],
    [{ thresholds: { spam: Number.NaN } }, /0 to 1/],
  ])('rejects bad options %j with INVALID_OPTIONS', (options, message) => {
    let caught: unknown;
    try {
      resolvePolicy(options as never);
    } catch (error) {
      caught = error;
    }
    expect(isGuardError(caught) && caught.code).toBe('INVALID_OPTIONS');
    expect((caught as Error).message).toMatch(message);
  });
});
