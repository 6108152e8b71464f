// Conversation and device pseudonyms: HMAC-SHA-256 under the device secret, rotating per epoch.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { createPseudonymizer, parseDeviceSecret, randomDeviceSecret, rotationEpoch } from '../../src/reports/pseudonym.js';
import { resolveReportOptions } from '../../src/reports/reporter.js';
import { TEST_SECRET, T0 } from '../fixtures/reports/helpers.js';

const DAY = 86_400_000;

describe('pseudonyms', () => {
  const pseudonyms = createPseudonymizer({ deviceSecret: TEST_SECRET, rotationDays: 7 });

  it('is the documented HMAC, truncated to 128 bits (checked against node:crypto)', async () => {
    const epoch = Math.floor(T0 / (7 * DAY));
    const expected = createHmac('sha256', Buffer.from(TEST_SECRET, 'hex')).update(`chatguard/conversation/v1|${epoch}|conv-1`).digest('hex').slice(0, 32);
    expect(await pseudonyms.conversation('conv-1', T0)).toBe(expected);
    const device = createHmac('sha256', Buffer.from(TEST_SECRET, 'hex')).update(`chatguard/device/v1|${epoch}`).digest('hex').slice(0, 32);
    expect(await pseudonyms.device(T0)).toBe(device);
  });

  it('is stable within an epoch and changes across epochs', async () => {
    const start = rotationEpoch(T0, 7) * 7 * DAY;
    const a = await pseudonyms.conversation('conv-1', start);
    expect(await pseudonyms.conversation('conv-1', start + 7 * DAY - 1)).toBe(a);
    expect(await pseudonyms.conversation('conv-1', start + 7 * DAY)).not.toBe(a);
    expect(await pseudonyms.conversation('conv-2', start)).not.toBe(a);
    expect(await pseudonyms.device(start)).not.toBe(a);
  });

  it('differs per device secret, and the rotation period is configurable', async () => {
    const other = createPseudonymizer({ deviceSecret: randomDeviceSecret(), rotationDays: 7 });
    expect(await other.conversation('conv-1', T0)).not.toBe(await pseudonyms.conversation('conv-1', T0));
    const daily = createPseudonymizer({ deviceSecret: TEST_SECRET, rotationDays: 1 });
    expect(await daily.conversation('conv-1', T0)).not.toBe(await daily.conversation('conv-1', T0 + DAY));
  });

  it('reads secrets as hex or base64, and refuses short or malformed ones', () => {
    const bytes = Buffer.from(TEST_SECRET, 'hex');
    expect(Buffer.from(parseDeviceSecret(bytes.toString('base64')))).toEqual(bytes);
    expect(Buffer.from(parseDeviceSecret(bytes.toString('base64url')))).toEqual(bytes);
    expect(randomDeviceSecret()).toMatch(/^[0-9a-f]{64}$/);
    for (const bad of ['', 'abc', '00'.repeat(15), 'not base64!!', 12 as unknown as string]) {
      expect(() => parseDeviceSecret(bad)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    }
    expect(() => resolveReportOptions({ rotationDays: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    expect(() => resolveReportOptions({ deviceSecret: 'short' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    expect(resolveReportOptions({})).toMatchObject({ rotationDays: 7, linkHashes: false, queueSignals: true });
  });
});
