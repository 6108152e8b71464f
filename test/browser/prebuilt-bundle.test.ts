/**
 * The prebuilt browser build (`vite build` → dist/browser) used the way a chat front-end without a bundler
 * uses it: a plain page on a static server does `import { createGuard } from './chatguard.js'`, and the
 * worker, onnxruntime's wasm, the transformers.js chunk and the models all load as files from that one origin.
 * The page's CSP allows no `blob:`/`data:` workers and no other origin, so an inlined worker or a CDN fetch fails
 * here. Every request the page and its workers make is recorded; none may leave the origin or carry message text.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Request } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextModelConfig, Verdict } from '../../src/index.js';
import { launchChromium, type LaunchedBrowser } from './launch.js';
import { findLeak, textCanary } from './leaks.js';
import { startStaticServer, type StaticServer } from './static-server.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(REPO, 'dist', 'browser');
const NONCE = 'prebuilt-test-nonce';
// No 'unsafe-eval', no blob: or data: scripts and workers, nothing but this origin.
const CSP = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-${NONCE}'; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'`;
/** The page the brief of the build promises to work: no bundler, no import map, one module script. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ChatGuard prebuilt</title></head>
<body>
<script type="module" nonce="${NONCE}">
  import { createGuard, createHfTextModel } from './chatguard.js';
  window.createGuard = createGuard;
  window.createHfTextModel = createHfTextModel;
  window.chatguardExports = Object.keys(await import('./chatguard.js')).sort();
  document.body.dataset.ready = 'true';
</script>
</body></html>`;

/** What the page checks; the canary ones must never appear in a request. */
const SCAM = 'Royal Mail: your parcel is on hold due to an unpaid £1.99 shipping fee. Pay within 24h or it will be returned: http://royalmail-redelivery-fee.top/pay';
const CANARY_INSULT = 'canary-7f3a9c shut up you stupid idiot, nobody asked you zebra-orchid-4417';
const CANARY_PLAIN = 'see you at 6 canary-4417 zebra-orchid';
const CANARY_HF = 'canary-b81d nobody likes you, loser';
const CANARIES = [SCAM, CANARY_INSULT, CANARY_PLAIN, CANARY_HF, 'royalmail-redelivery-fee.top', 'zebra-orchid', 'canary-7f3a9c', 'canary-b81d'].map(textCanary);

interface Recorded {
  readonly url: string;
  readonly method: string;
  readonly body: Buffer | null;
}

let server: StaticServer;
let browser: LaunchedBrowser;
let page: Page;
const requests: Recorded[] = [];
const workers: string[] = [];
const problems: string[] = [];

declare global {
  interface Window {
    createGuard: typeof import('../../src/index.js').createGuard;
    createHfTextModel: typeof import('../../src/index.js').createHfTextModel;
    chatguardExports: string[];
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)])));
  return nested.flat();
}

/** The in-project transformers.js model as `textModels` takes it, its files pinned to the manifest's sha256. */
async function wordpieceModel(): Promise<TextModelConfig> {
  const manifest = JSON.parse(await readFile(join(REPO, 'models', 'manifest.json'), 'utf8')) as {
    models: { id: string; folder?: string; labels?: string[]; files?: { path: string; sha256: string }[] }[];
  };
  const entry = manifest.models.find((model) => model.id === 'chatguard-wordpiece-bag');
  if (!entry?.folder || !entry.files || !entry.labels) throw new Error('models/manifest.json has no chatguard-wordpiece-bag folder entry.');
  const folder = `${entry.folder}/`;
  return {
    id: entry.id,
    from: `/models/${folder}`, // relative to the page, as a front-end would write it
    task: 'text-classification',
    labels: { harassment: 'harassment' },
    run: 'always',
    // The first check waits for the model instead of being given without it.
    budgetMs: 30_000,
    sha256: Object.fromEntries(entry.files.map((file) => [file.path.slice(folder.length), file.sha256])),
  };
}

beforeAll(async () => {
  // The repository's own build, exactly as `npm run build` runs it.
  await build({ configFile: join(REPO, 'vite.config.ts'), logLevel: 'error' });
  server = await startStaticServer(
    {
      '/chatguard/index.html': { pages: { '': PAGE } },
      '/chatguard/': { folder: DIST },
      '/models/': { folder: join(REPO, 'models') },
    },
    { 'content-security-policy': CSP },
  );
  browser = await launchChromium();
  browser.context.on('request', (request: Request) => requests.push({ url: request.url(), method: request.method(), body: request.postDataBuffer() }));
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('worker', (worker) => workers.push(worker.url()));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The browser's own request for /favicon.ico is the page's business, not ChatGuard's.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.push(`console error: ${message.text()}`);
  });
  await page.goto(`${server.origin}/chatguard/index.html`);
  await page.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the prebuilt dist/browser build on a page without a bundler', () => {
  it('is a small entry with the worker and the wasm as files of their own, nothing inlined', async () => {
    const files = (await filesUnder(DIST)).map((file) => file.slice(DIST.length + 1));
    expect(files).toContain('chatguard.js');
    expect((await stat(join(DIST, 'chatguard.js'))).size).toBeLessThan(2 * 1024 * 1024);
    expect(files.filter((file) => /^assets\/worker-[\w-]+\.js$/.test(file))).toHaveLength(1);
    // One wasm runtime, shared by the entry's and the worker's onnxruntime (the alias in vite.config.ts), and the
    // CPU-only build (`#onnxruntime` in package.json), not the default entry's WebGPU-capable `.jsep` one (twice the size).
    expect(files.filter((file) => file.endsWith('.wasm'))).toEqual([expect.stringMatching(/^assets\/ort-wasm-simd-threaded-[\w-]+\.wasm$/)]);
    for (const file of files.filter((name) => name.endsWith('.js'))) {
      const text = await readFile(join(DIST, file), 'latin1');
      // "AGFzbQ" is base64 of the wasm magic number; a data: worker would be `data:text/javascript`.
      expect(/data:application\/wasm|;base64,AGFzbQ|data:text\/javascript/.test(text), `${file} inlines wasm or a worker`).toBe(false);
    }
  });

  it('exports what src/index.ts exports', async () => {
    const source = Object.keys(await import('../../src/index.js')).sort();
    expect(await page.evaluate(() => window.chatguardExports)).toEqual(source);
  });

  it('gives real verdicts from its worker, loading the wasm and the models from this origin', async () => {
    const verdicts = await page.evaluate(
      async ([scam, insult, plain]) => {
        const guard = window.createGuard({ profile: 'teen', modelBaseUrl: new URL('/models/', location.href).href });
        try {
          await guard.ready();
          return {
            scam: await guard.checkIncoming({ text: scam, senderId: 'stranger' }),
            insult: await guard.checkOutgoing({ text: insult }),
            plain: await guard.checkOutgoing({ text: plain }),
          };
        } finally {
          guard.dispose();
        }
      },
      [SCAM, CANARY_INSULT, CANARY_PLAIN] as const,
    );
    const { scam, insult, plain } = verdicts as { scam: Verdict; insult: Verdict; plain: Verdict };
    for (const verdict of [scam, insult, plain]) {
      expect(verdict.degraded).toBe(false);
      // The model-backed detectors ran in the worker, not only the patterns.
      expect(Object.keys(verdict.versions)).toEqual(expect.arrayContaining(['text-linear', 'links']));
    }
    expect(scam.flags).toEqual(expect.arrayContaining(['scam']));
    expect(scam.flags).toContain('malicious_link');
    expect(scam.reasons.map((reason) => reason.code).length).toBeGreaterThan(0);
    expect(scam.links.map((link) => link.verdict)).not.toContain('safe');
    expect(insult.flags).toContain('harassment');
    expect(insult.reasons.length).toBeGreaterThan(0);
    expect(plain.flags).toEqual([]);
    expect(plain.action).toBe('allow');

    // The worker is its own file next to the entry, and onnxruntime's wasm an emitted asset of the build.
    expect(workers).toEqual([expect.stringMatching(new RegExp(`^${server.origin}/chatguard/assets/worker-[\\w-]+\\.js$`))]);
    const paths = requests.map((request) => new URL(request.url).pathname);
    expect(paths).toContain('/chatguard/chatguard.js');
    expect(paths.filter((path) => /^\/chatguard\/assets\/ort-wasm-simd-threaded-[\w-]+\.wasm$/.test(path))).toHaveLength(1);
    expect(paths).toEqual(expect.arrayContaining(['/models/manifest.json', '/models/text-linear.onnx']));
    // Nothing ChatGuard asked for was missing (the browser asks for /favicon.ico on its own).
    expect(server.received.filter((entry) => entry.status !== 200 && entry.path !== '/favicon.ico').map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([]);
  });

  it('runs a transformers.js model (textModels) from the prebuilt build: its chunk imported by the worker', async () => {
    const model = await wordpieceModel();
    const verdict = (await page.evaluate(
      async ([config, text]) => {
        const guard = window.createGuard({ profile: 'teen', modelBaseUrl: new URL('/models/', location.href).href, textModels: [config] });
        try {
          await guard.ready();
          return await guard.checkIncoming({ text, senderId: 'stranger' });
        } finally {
          guard.dispose();
        }
      },
      [model, CANARY_HF] as const,
    )) as Verdict;
    expect(Object.keys(verdict.versions)).toContain('hf:chatguard-wordpiece-bag');
    expect(verdict.skipped ?? []).toEqual([]);
    expect(verdict.degraded).toBe(false);
    const paths = requests.map((request) => new URL(request.url).pathname);
    expect(paths.some((path) => /^\/chatguard\/assets\/transformers\.web-[\w-]+\.js$/.test(path))).toBe(true);
    const folder = '/models/transformers/chatguard-wordpiece-bag/';
    const fetched = new Set(paths.filter((path) => path.startsWith(folder)).map((path) => path.slice(folder.length)));
    expect(fetched).toEqual(new Set(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']));
    // transformers.js shares the one onnxruntime and its one wasm file.
    expect(new Set(paths.filter((path) => path.endsWith('.wasm'))).size).toBe(1);
  });

  it("says why a model asking for WebGPU cannot load on the build's CPU-only onnxruntime; 'auto' runs on wasm", async () => {
    const model = await wordpieceModel();
    const failure = (await page.evaluate(async (config) => {
      // On the page's thread, so that the load's own error comes back (the worker's guard only marks the model skipped).
      const hf = window.createHfTextModel({ ...config, device: 'webgpu' });
      try {
        await hf.load();
        return { loaded: true };
      } catch (error) {
        const { code, message } = error as { code?: string; message?: string };
        return { loaded: false, code, message, state: hf.state() };
      }
    }, model)) as { loaded: boolean; code?: string; message?: string; state?: string };
    expect(failure).toMatchObject({ loaded: false, code: 'MODEL_LOAD_FAILED', state: 'failed' });
    expect(failure.message).toMatch(/device "webgpu".*CPU-only wasm entry.*alias '#onnxruntime'/);
    // 'auto', which the message suggests, falls back to the wasm backend (transformers.js picks WebGPU wherever
    // the browser has navigator.gpu, headless Chromium included) and scores.
    const scores = await page.evaluate(async (config) => {
      const hf = window.createHfTextModel({ ...config, device: 'auto' });
      await hf.load();
      return hf.classify('nobody likes you, loser');
    }, model);
    expect(scores.harassment).toBeGreaterThan(0.5);
  });

  it('sent nothing anywhere but this origin, and no message text in any request', () => {
    expect(requests.length).toBeGreaterThan(5);
    for (const request of requests) {
      expect(new URL(request.url).origin, `${request.method} ${request.url}`).toBe(server.origin);
      expect(findLeak(request.url, CANARIES), `${request.method} ${request.url}`).toBeUndefined();
      if (request.body) expect(findLeak(request.body, CANARIES), `${request.method} ${request.url} body`).toBeUndefined();
    }
    // The server's side: only reads, and no body carried anything.
    for (const entry of server.received) {
      expect(entry.method, entry.path).toBe('GET');
      expect(findLeak(entry.path, CANARIES), entry.path).toBeUndefined();
      expect(entry.body.length, entry.path).toBe(0);
    }
    expect(problems).toEqual([]);
  });
});
