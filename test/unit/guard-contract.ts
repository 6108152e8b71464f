// One suite, run against the in-process engine and the real worker, so both honour the same contract.
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../src/engine/labels.js';
import type { Message } from '../../src/engine/message.js';
import type { Verdict } from '../../src/engine/verdict.js';

/** The methods the engine and the guard share. */
export interface Checker {
  checkIncoming(message: Message): Promise<Verdict>;
  checkOutgoing(message: Message): Promise<Verdict>;
}

async function rejection(promise: Promise<unknown>): Promise<{ name?: string; code?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name?: string; code?: string; message?: string };
  }
  throw new Error('expected a rejection');
}

export function guardContract(name: string, checker: () => Checker): void {
  describe(`${name}: the guard contract`, () => {
    it('returns a complete verdict for an ordinary message', async () => {
      const verdict = await checker().checkIncoming({ id: 'm1', text: 'see you at the park at 6?' });
      expect(Object.keys(verdict.scores)).toEqual([...LABELS]);
      expect(verdict).toMatchObject({ id: 'm1', direction: 'incoming', action: 'allow', flags: [], degraded: false, report: null });
    });

    it('keeps the direction', async () => {
      expect((await checker().checkOutgoing({ text: 'ok' })).direction).toBe('outgoing');
    });

    it('rejects a wrong type with a coded GuardError and a message saying what was expected', async () => {
      const error = await rejection(checker().checkIncoming({ text: 12 } as unknown as Message));
      expect(error).toMatchObject({ name: 'GuardError', code: 'INVALID_MESSAGE' });
      expect(error.message).toMatch(/message.text to be a string/);
      const notObject = await rejection(checker().checkOutgoing(null as unknown as Message));
      expect(notObject).toMatchObject({ name: 'GuardError', code: 'INVALID_MESSAGE' });
    });

    it('gives odd but valid input a normal verdict', async () => {
      for (const text of ['', '🙂🙃🙂', '\u0000\u0001\u007f', '\ud83d', 'x'.repeat(100_000)]) {
        const verdict = await checker().checkIncoming({ text });
        expect(verdict.degraded).toBe(false);
        expect(verdict.truncated).toBe(text.length > 65_536);
      }
    });
  });
}
