/**
 * The IndexedDB conversation storage in headless Chromium (skipped where Chromium is missing):
 * state written by one model comes back in a new one over the same database, as after a reload;
 * the records hold stage codes, times and ids, never text; `forget` deletes. The model and the
 * storage are bundled with esbuild and run on a real origin (routed, nothing leaves the machine).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchChromium, type LaunchedBrowser } from '../browser/launch.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe.skipIf(!existsSync(CHROMIUM_PATH))('conversation state in IndexedDB (Chromium)', () => {
  let browser: LaunchedBrowser;
  let results: {
    restored: string[];
    record: unknown;
    rawText: string;
    afterForget: unknown;
    missing: unknown;
  };

  beforeAll(async () => {
    const bundle = await build({
      stdin: {
        contents: [
          "export { createIndexedDbConversationStorage } from './src/conversation/storage-indexeddb.ts';",
          "export { createConversationModel } from './src/conversation/conversation-model.ts';",
          "export { createStageDetector } from './src/conversation/stage-detector.ts';",
        ].join('\n'),
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      globalName: 'conversation',
      write: false,
      target: 'es2022',
    });
    browser = await launchChromium();
    const page = await browser.context.newPage();
    await page.route('https://chatguard.test/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>conversation storage</title>' }));
    await page.goto('https://chatguard.test/');
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    results = await page.evaluate(async () => {
      type Module = typeof import('../../src/conversation/storage-indexeddb.js') &
        typeof import('../../src/conversation/conversation-model.js') &
        typeof import('../../src/conversation/stage-detector.js');
      const { createIndexedDbConversationStorage, createConversationModel, createStageDetector } = (globalThis as unknown as { conversation: Module }).conversation;
      const detector = createStageDetector();
      const thresholds = { grooming: 0.35, sextortion: 0.35, scam: 0.45 } as never;
      const observe = (model: ReturnType<typeof createConversationModel>, id: string, text: string) =>
        model.begin({ id, text, conversationId: 'chat-9', sentAt: 1_700_000_000_000 }).observe({
          direction: 'incoming',
          results: [detector.detect({ message: { text }, text, direction: 'incoming' }) as never],
          profile: 'teen',
          thresholds,
          trusted: false,
        });
      const first = createConversationModel({ storage: createIndexedDbConversationStorage({ database: 'cg-test' }) });
      await observe(first, 'm1', 'how old are you? SECRETWORD');
      await observe(first, 'm2', "don't tell your parents about us SECRETWORD");
      // A new model over the same database: what a reload sees.
      const storage = createIndexedDbConversationStorage({ database: 'cg-test' });
      const second = createConversationModel({ storage });
      const outcome = await observe(second, 'm3', 'what are you wearing');
      const record = await storage.get('chat-9');
      await second.forget('chat-9');
      return {
        restored: outcome.risk?.stages.map((s) => `${s.stage}@${s.messageId}`) ?? [],
        record,
        rawText: JSON.stringify(record),
        afterForget: await storage.get('chat-9'),
        missing: await storage.get('never-written'),
      };
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('restores a conversation written before, as after a reload', () => {
    expect(results.restored).toEqual(['age_probe@m1', 'secrecy@m2', 'image_request@m3']);
  });

  it('stores codes, times and ids, never text', () => {
    expect(results.record).toMatchObject({ v: 1, signals: [{ stage: 'age_probe', dir: 'in', id: 'm1' }, { stage: 'secrecy' }, { stage: 'image_request' }] });
    expect(results.rawText).not.toMatch(/SECRETWORD|parents|wearing/u);
  });

  it('deletes on forget, and reads a missing key as undefined', () => {
    expect(results.afterForget).toBeUndefined();
    expect(results.missing).toBeUndefined();
  });
});
