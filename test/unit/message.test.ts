import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analysisWindow, validateMessage, MAX_ANALYSED_CHARS } from '../../src/engine/message.js';
import { isGuardError } from '../../src/engine/errors.js';

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('validateMessage', () => {
  it.each([
    [null, /message object/],
    ['hello', /message object/],
    [[], /message object/],
    [{}, /message.text to be a string/],
    [{ text: 42 }, /message.text to be a string, got a number/],
    [{ text: 'x', id: 7 }, /message.id/],
    [{ text: 'x', conversationId: {} }, /message.conversationId/],
    [{ text: 'x', senderIsContact: 'yes' }, /senderIsContact to be true or false/],
    [{ text: 'x', sentAt: Number.POSITIVE_INFINITY }, /sentAt/],
    [{ text: 'x', sentAt: '2026-01-01' }, /sentAt/],
    [{ text: 'x', attachments: 'pic.png' }, /attachments to be an array/],
    [{ text: 'x', attachments: [{ type: 'video' }] }, /attachments\[0\]/],
  ])('rejects %j with INVALID_MESSAGE saying what was expected', (input, expected) => {
    const error = errorOf(() => validateMessage(input));
    expect(isGuardError(error) && error.code).toBe('INVALID_MESSAGE');
    expect((error as Error).message).toMatch(expected);
  });

  it('never echoes the content of a bad field', () => {
    const error = errorOf(() => validateMessage({ text: 'ok', id: { secret: 'CANARY-7Q2' } }));
    expect((error as Error).message).not.toContain('CANARY');
  });

  it('keeps known fields only', () => {
    const message = validateMessage({ text: 'hi', id: 'a', senderIsContact: true, sentAt: 1, extra: 'dropped' });
    expect(message).toEqual({ text: 'hi', id: 'a', senderIsContact: true, sentAt: 1 });
  });
});

describe('analysisWindow', () => {
  it('leaves ordinary text alone', () => {
    expect(analysisWindow('hello')).toEqual({ text: 'hello', truncated: false });
  });

  it('never splits a surrogate pair and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_ANALYSED_CHARS - 3, max: MAX_ANALYSED_CHARS * 3 }), fc.integer({ min: 0, max: 1 }), (length, offset) => {
        const text = 'x'.repeat(offset) + '😀'.repeat(Math.ceil(length / 2));
        const window = analysisWindow(text);
        expect(window.text.length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
        expect(window.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});
