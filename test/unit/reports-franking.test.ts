// Message franking: a commitment reports can carry, verifiable only with the text and the key.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { frankMessage, verifyFranking } from '../../src/reports/franking.js';

describe('message franking', () => {
  it('commits with HMAC-SHA-256 under a fresh random key (checked against node:crypto)', async () => {
    const text = 'send me the 6-digit code 👀';
    const a = await frankMessage(text);
    const b = await frankMessage(text);
    expect(a.key).toMatch(/^[0-9a-f]{64}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.commitment).not.toBe(b.commitment);
    expect(a.commitment).toBe(createHmac('sha256', Buffer.from(a.key, 'hex')).update(text, 'utf8').digest('hex'));
    expect(await frankMessage(text, a.key)).toEqual(a);
  });

  it('verifies the exact text and key, and nothing else', async () => {
    const text = 'meet me behind the school at 5';
    const { key, commitment } = await frankMessage(text);
    expect(await verifyFranking(text, key, commitment)).toBe(true);
    expect(await verifyFranking(`${text} `, key, commitment)).toBe(false);
    expect(await verifyFranking(text, (await frankMessage(text)).key, commitment)).toBe(false);
    expect(await verifyFranking(text, key, commitment.replace(/^./, (c) => (c === '0' ? '1' : '0')))).toBe(false);
    for (const [t, k, c] of [
      [text, 'xyz', commitment],
      [text, key, 'short'],
      [text, key.toUpperCase(), commitment],
      [null, key, commitment],
    ] as const) {
      expect(await verifyFranking(t as string, k, c)).toBe(false);
    }
  });

  it('refuses a malformed key when committing', async () => {
    await expect(frankMessage('hi', 'nope')).rejects.toMatchObject({ code: 'INVALID_REPORT' });
  });
});
