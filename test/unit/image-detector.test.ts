import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { nudityScore } from '../../src/image/nsfw-classes.js';
import { createNudityDetector, type NudityDetector } from '../../src/image/nudity-detector.js';
import type { ModelSource } from '../../src/runtime/model-source.js';
import { testImages, type TestImage } from '../fixtures/images/generate.js';

const MODELS = new URL('../../models/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', MODELS), 'utf8')) as { models: { id: string; sha256: string }[] };
const images = new Map(testImages().map((image) => [image.id, image]));
const attachment = (id: string) => {
  const image = images.get(id) as TestImage;
  return { type: 'image' as const, data: image.data, width: image.width, height: image.height };
};
const message = (...ids: string[]) => ({ text: '', attachments: ids.map(attachment) });
const input = (...ids: string[]) => ({ text: '', direction: 'incoming' as const, message: message(...ids) });

/** The package's models folder, with reads counted and optionally one file altered. */
function countingSource(alter?: { path: string; change: (bytes: Uint8Array) => Uint8Array }) {
  const reads: string[] = [];
  const source: ModelSource = {
    description: 'test models',
    async read(path) {
      reads.push(path);
      const bytes = new Uint8Array(readFileSync(new URL(path, MODELS)));
      return alter?.path === path ? alter.change(bytes) : bytes;
    },
  };
  return { source, reads };
}

describe('nudityScore', () => {
  it('is Porn + Hentai + 0.4 · Sexy, capped at 1', () => {
    expect(nudityScore({ Drawing: 0, Hentai: 0.1, Neutral: 0.2, Porn: 0.6, Sexy: 0.1 })).toBeCloseTo(0.74, 10);
    expect(nudityScore({ Drawing: 0, Hentai: 0, Neutral: 0, Porn: 0, Sexy: 1 })).toBeCloseTo(0.4, 10);
    expect(nudityScore({ Drawing: 0, Hentai: 0.6, Neutral: 0, Porn: 0.6, Sexy: 0 })).toBe(1);
    expect(nudityScore({ Drawing: 0.5, Hentai: 0, Neutral: 0.5, Porn: 0, Sexy: 0 })).toBe(0);
  });
});

describe('createNudityDetector', () => {
  let detector: NudityDetector;
  beforeAll(() => {
    detector = createNudityDetector();
  });
  afterAll(() => detector.dispose());

  it('declares its id and label, and loads nothing for text-only messages', async () => {
    const { source, reads } = countingSource();
    const lazy = createNudityDetector({ source });
    expect(lazy.id).toBe('nsfw-mobilenet-v2');
    expect(lazy.labels).toEqual(['nudity']);
    await lazy.load?.();
    expect(await lazy.detect({ text: 'hi', direction: 'incoming', message: { text: 'hi' } })).toEqual({ scores: {}, reasons: [] });
    expect(reads).toEqual([]);
    expect(lazy.version).toBe('unloaded');
    await lazy.dispose();
  });

  it('loads in load() with preload, checking the int8 model against the manifest', async () => {
    const { source, reads } = countingSource();
    const eager = createNudityDetector({ source, preload: true });
    await eager.load?.();
    expect(reads).toEqual(['manifest.json', 'nsfw-mobilenet-v2-int8.onnx']);
    expect(eager.version).toBe(manifest.models.find((m) => m.id === 'nsfw-mobilenet-v2-int8')?.sha256.slice(0, 12));
    await eager.dispose();
    await eager.dispose(); // idempotent
    await expect(eager.scoreImage(attachment('landscape'))).rejects.toMatchObject({ code: 'DISPOSED' });
  });

  it('scores a benign scene low with no reasons', async () => {
    const result = await detector.detect(input('landscape'));
    expect(result.scores.nudity).toBeLessThan(0.05);
    expect(result.reasons).toEqual([]);
  });

  it('explains a high score with plain reasons (a skin-coloured texture the model mistakes for Porn)', async () => {
    const result = await detector.detect(input('skin-tone-texture'));
    expect(result.scores.nudity).toBeGreaterThan(0.5);
    expect(result.reasons[0]).toMatchObject({ code: 'nudity.porn', label: 'nudity' });
    expect(result.reasons[0]?.message).toMatch(/sexually explicit/);
  });

  it('takes the highest score over several attachments', async () => {
    const single = await detector.detect(input('skin-tone-texture'));
    const several = await detector.detect(input('landscape', 'skin-tone-texture', 'smiley'));
    expect(several.scores.nudity).toBe(single.scores.nudity);
  });

  it('accepts ImageData-like objects the same as raw RGBA', async () => {
    const image = images.get('wood') as TestImage;
    const raw = await detector.scoreImage(attachment('wood'));
    const viaImageData = await detector.scoreImage({ type: 'image', data: { data: image.data, width: image.width, height: image.height } });
    expect(viaImageData).toEqual(raw);
  });

  it('rejects bad input with INVALID_IMAGE before loading the model', async () => {
    const { source, reads } = countingSource();
    const fresh = createNudityDetector({ source });
    await expect(fresh.scoreImage({ type: 'image', data: new Uint8Array(10), width: 2, height: 2 })).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await expect(fresh.scoreImage('not an image')).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    expect(reads).toEqual([]);
    await fresh.dispose();
  });

  it('fails closed on a tampered model with MODEL_INTEGRITY, and retries the load next time', async () => {
    let tamper = true;
    const { source } = countingSource({
      path: 'nsfw-mobilenet-v2-int8.onnx',
      change: (bytes) => {
        if (tamper) bytes[bytes.length - 100] = (bytes[bytes.length - 100] as number) ^ 1;
        return bytes;
      },
    });
    const guarded = createNudityDetector({ source });
    await expect(guarded.scoreImage(attachment('smiley'))).rejects.toMatchObject({ code: 'MODEL_INTEGRITY' });
    tamper = false;
    expect((await guarded.scoreImage(attachment('smiley'))).nudity).toBeLessThan(0.05);
    await guarded.dispose();
  });

  it('serves concurrent checks from one session', async () => {
    const ids = ['sunset', 'bricks', 'clouds', 'document'];
    const together = await Promise.all(ids.map((id) => detector.scoreImage(attachment(id))));
    for (const [k, id] of ids.entries()) expect(together[k]).toEqual(await detector.scoreImage(attachment(id)));
  });
});

describe('the engine with the nudity detector', () => {
  const engine = createEngine({ profile: 'teen', detectors: [createNudityDetector()] });
  afterAll(() => engine.dispose());

  it('blurs an incoming image the model scores as explicit, with its reasons, and is not degraded', async () => {
    const verdict = await engine.checkIncoming(message('skin-tone-texture'));
    expect(verdict.flags).toContain('nudity');
    expect(verdict.action).toBe('blur');
    expect(verdict.degraded).toBe(false);
    expect(verdict.reasons.map((reason) => reason.code)).toContain('nudity.porn');
  });

  it('allows a benign image and checks it (no system.image_not_checked)', async () => {
    const verdict = await engine.checkIncoming(message('night-sky'));
    expect(verdict.action).toBe('allow');
    expect(verdict.degraded).toBe(false);
  });

  it('rejects a truncated image with INVALID_IMAGE and keeps working', async () => {
    const bad = { text: '', attachments: [{ type: 'image' as const, data: new Uint8Array(7), width: 2, height: 2 }] };
    await expect(engine.checkIncoming(bad)).rejects.toMatchObject({ code: 'INVALID_IMAGE', message: expect.stringContaining('message.attachments[0]') });
    expect((await engine.checkIncoming(message('smiley'))).action).toBe('allow');
  });
});

describe('through the real worker (built dist/, as test/unit/worker.test.ts)', () => {
  let guard: Awaited<ReturnType<typeof import('../../dist/node.js')['createNodeGuard']>>;
  beforeAll(async () => {
    const { createNodeGuard } = await import('../../dist/node.js');
    guard = createNodeGuard({ profile: 'teen' });
  });
  afterAll(() => guard?.dispose());

  it('rejects a truncated image with INVALID_IMAGE, then keeps checking images', async () => {
    const bad = { text: 'look', attachments: [{ type: 'image' as const, data: new Uint8Array(5), width: 4, height: 4 }] };
    await expect(guard.checkIncoming(bad)).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    const verdict = await guard.checkIncoming(message('skin-tone-texture'));
    expect(verdict.flags).toContain('nudity');
    expect(verdict.degraded).toBe(false);
    expect((await guard.checkIncoming(message('landscape'))).flags).not.toContain('nudity');
  }, 30_000);
});
