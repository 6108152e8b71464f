/**
 * The Chromium part: builds the bench page with Vite, serves it (plain for 1 thread, with
 * COOP/COEP for 2 threads), and drives Debian's Chromium through playwright-core.
 *
 * - Cold: a fresh browser and a fresh temporary profile per start; the guard's first verdict, its
 *   first image, the bytes the page downloaded, the renderer's resident memory, and each model
 *   loaded in a fresh worker.
 * - Warm: one browser with both pages open; each measurement alternates between the 1-thread and
 *   the 2-thread page block by block, so load on the shared machine hits both alike.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium, type LaunchedBrowser } from '../../test/browser/launch.js';

export { CHROMIUM_PATH };
import type { BenchPage, ImageKind } from '../browser/main.js';
import type { ImageSize, ModelId } from '../browser/model-worker.js';
import { BUCKET_LABELS, BUCKETS } from './inputs.js';
import type { Plan } from './plan.js';
import { BACKENDS, coldResult, compare, resultFrom, type Comparison, type Result } from './results.js';
import { PAGE_DIR, startBenchServer, type BenchServer } from './server.js';
import { sig } from './stats.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A fresh browser and temporary profile, from the launcher the browser tests use. */
const launch = (): Promise<LaunchedBrowser> => launchChromium(undefined, 'chatguard-bench-');

/** Newest modification time under `dir`, recursively (0 when missing). */
async function newest(dir: string): Promise<number> {
  let latest = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? await newest(path) : (await stat(path)).mtimeMs);
  }
  return latest;
}

/** Builds the bench page unless `reuse` and the build is newer than its sources. Returns the build time or null when reused. */
export async function buildPage(reuse: boolean): Promise<number | null> {
  if (reuse) {
    const built = await stat(join(PAGE_DIR, 'index.html')).then((s) => s.mtimeMs, () => 0);
    const sources = Math.max(...(await Promise.all(['src', 'bench/browser', 'bench/lib', 'bench/inputs'].map((d) => newest(join(REPO, d))))));
    if (built > sources) return null;
  }
  const start = performance.now();
  const { build } = await import('vite');
  await build({ configFile: join(REPO, 'bench/browser/vite.config.ts'), logLevel: 'error' });
  return performance.now() - start;
}

/** Resident and peak resident memory (MiB) of each renderer process of the browser whose profile is `profile`. */
async function rendererRss(profile: string): Promise<Map<number, { rss: number; peak: number }>> {
  const rss = new Map<number, { rss: number; peak: number }>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = (await readFile(`/proc/${name}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (!cmdline.includes(profile) || !cmdline.includes('--type=renderer')) continue;
      const status = await readFile(`/proc/${name}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
      rss.set(Number(name), { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 });
    } catch {
      // the process ended meanwhile
    }
  }
  return rss;
}

/** The renderer that grew most between two snapshots: the one hosting the bench page and its worker. */
function pageRenderer(
  before: Map<number, { rss: number }>,
  after: Map<number, { rss: number; peak: number }>,
): { rss_mb: number; before_mb: number; growth_mb: number; peak_mb: number } {
  let best = { rss_mb: Number.NaN, before_mb: Number.NaN, growth_mb: Number.NEGATIVE_INFINITY, peak_mb: Number.NaN };
  for (const [pid, { rss, peak }] of after) {
    const start = before.get(pid)?.rss ?? 0;
    if (rss - start > best.growth_mb) best = { rss_mb: rss, before_mb: start, growth_mb: rss - start, peak_mb: peak };
  }
  return best;
}

type Bench = { bench: BenchPage };

async function openPage(context: BrowserContext, server: BenchServer, threads: number): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  [page error] ${error.message}`));
  await page.goto(`${server.url}?threads=${threads}`);
  await page.waitForFunction(() => typeof (globalThis as unknown as Partial<Bench>).bench === 'object', undefined, { timeout: 30_000 });
  const info = await page.evaluate(() => (globalThis as unknown as Bench).bench.info());
  if (threads > 1 && !info.crossOriginIsolated) throw new Error('the 2-thread page is not cross-origin isolated; COOP/COEP did not take');
  return page;
}

/** Bytes served, grouped as a page would see its downloads. */
function downloads(served: Map<string, number>): Record<string, number> {
  const groups: Record<string, number> = { page_js_and_html: 0, ort_runtime: 0, models: 0, other: 0 };
  const files: Record<string, number> = {};
  for (const [path, bytes] of served) {
    const group = path.startsWith('/ort/') ? 'ort_runtime' : path.startsWith('/models/') ? 'models' : path.startsWith('/assets/') || path === '/' ? 'page_js_and_html' : 'other';
    groups[group] = (groups[group] ?? 0) + bytes;
    files[path] = bytes;
  }
  return { ...groups, total: Object.values(groups).reduce((a, b) => a + b, 0), ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`file ${k}`, v])) };
}

const MODELS: readonly { id: ModelId; label: string }[] = [
  { id: 'text-linear', label: 'cold: load text-linear (fetch, sha256, session, warm-up run)' },
  { id: 'url-linear', label: 'cold: load url-linear + blocklist + lists' },
  { id: 'nsfw-mobilenet-v2-int8', label: 'cold: load nsfw-mobilenet-v2-int8' },
  { id: 'nsfw-mobilenet-v2', label: 'cold: load nsfw-mobilenet-v2 (fp32)' },
];

/** What the Chromium part measured. */
export interface ChromiumOutcome {
  readonly results: Result[];
  readonly comparisons: Comparison[];
  readonly details: Record<string, unknown>;
}

/** Runs every Chromium measurement of `plan`. `log` gets progress lines. */
export async function runChromium(plan: Plan, log: (line: string) => void): Promise<ChromiumOutcome> {
  const began = performance.now();
  const at = () => `${Math.round((performance.now() - began) / 1000)} s`;
  const results: Result[] = [];
  const comparisons: Comparison[] = [];
  const details: Record<string, unknown> = {};
  const servers = { plain: await startBenchServer({ isolated: false }), isolated: await startBenchServer({ isolated: true }) };
  const configs = [
    { threads: 1, server: servers.plain, backend: BACKENDS.ortWeb1 },
    { threads: 2, server: servers.isolated, backend: BACKENDS.ortWeb2 },
  ] as const;
  try {
    // ── cold starts: a fresh browser each, the thread settings taking turns ──
    interface Cold {
      ready: number[];
      verdicts: number[];
      images: number[];
      loaded: number[];
      rss: number[];
      growth: number[];
      peak: number[];
      growthTextAndLinks: number[];
      modelLoads: Map<ModelId, number[]>;
      firstRuns: Map<ModelId, number[]>;
      bytes: Record<string, unknown>;
      jsMemory: unknown;
    }
    const cold: Cold[] = configs.map(() => ({ ready: [], verdicts: [], images: [], loaded: [], rss: [], growth: [], peak: [], growthTextAndLinks: [], modelLoads: new Map(), firstRuns: new Map(), bytes: {}, jsMemory: null }));
    for (let r = 0; r < plan.chromiumColdRepeats; r++) {
      for (let k = 0; k < configs.length; k++) {
        const index = (k + r) % configs.length;
        const config = configs[index] as (typeof configs)[number];
        const into = cold[index] as Cold;
        const browser = await launch();
        try {
          config.server.reset();
          const page = await openPage(browser.context, config.server, config.threads);
          const before = await rendererRss(browser.profile);
          const { worker_ready_ms, first_verdict_ms } = await page.evaluate(() => (globalThis as unknown as Bench).bench.coldGuard());
          const atVerdict = downloads(config.server.served());
          const textAndLinks = pageRenderer(before, await rendererRss(browser.profile));
          const { first_image_ms } = await page.evaluate(() => (globalThis as unknown as Bench).bench.firstImage());
          const afterImage = downloads(config.server.served());
          const renderer = pageRenderer(before, await rendererRss(browser.profile));
          into.ready.push(worker_ready_ms);
          into.verdicts.push(first_verdict_ms);
          into.images.push(first_image_ms);
          into.loaded.push(first_verdict_ms + first_image_ms);
          into.rss.push(renderer.rss_mb);
          into.growth.push(renderer.growth_mb);
          into.growthTextAndLinks.push(textAndLinks.growth_mb);
          into.peak.push(renderer.peak_mb);
          if (r === 0) {
            into.bytes = { at_first_verdict: atVerdict, after_first_image: afterImage };
            if (config.threads > 1 && plan.chromiumJsMemory) into.jsMemory = await measureJsMemory(browser.context, page);
          }
          for (const model of plan.chromiumModelCold ? MODELS : []) {
            const { load_ms, first_run_ms } = await page.evaluate((id) => (globalThis as unknown as Bench).bench.coldModel(id), model.id);
            into.modelLoads.set(model.id, [...(into.modelLoads.get(model.id) ?? []), load_ms]);
            into.firstRuns.set(model.id, [...(into.firstRuns.get(model.id) ?? []), first_run_ms]);
          }
        } finally {
          await browser.close();
        }
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;
    configs.forEach((config, index) => {
      const c = cold[index] as Cold;
      results.push(coldResult('cold: worker ready (thread start, module load, init; no model)', 'chromium-worker', config.backend, c.ready));
      results.push(coldResult('cold: first verdict (worker start, ORT init, text + link models)', 'chromium-worker', config.backend, c.verdicts));
      results.push(coldResult('cold: first image check (nsfw int8 load + run)', 'chromium-worker', config.backend, c.images));
      results.push(coldResult('cold: all models loaded (first verdict + first image); renderer RSS', 'chromium-worker', config.backend, c.loaded, median(c.rss)));
      for (const model of plan.chromiumModelCold ? MODELS : []) results.push(coldResult(model.label, 'chromium-worker', config.backend, c.modelLoads.get(model.id) ?? []));
      details[`threads_${config.threads}`] = {
        renderer_rss_mb_all_loaded: c.rss.map((v) => sig(v)),
        renderer_rss_growth_mb: c.growth.map((v) => sig(v)),
        renderer_rss_growth_text_and_links_only_mb: c.growthTextAndLinks.map((v) => sig(v)),
        renderer_peak_rss_mb: c.peak.map((v) => sig(v)),
        model_first_run_ms_after_cold_load: Object.fromEntries([...c.firstRuns].map(([id, runs]) => [id, runs.map((v) => sig(v))])),
        downloads_bytes: c.bytes,
        js_memory_all_loaded: c.jsMemory,
        note_model_loads: 'each model in a fresh worker of the same page; the server sends no-store, so every worker fetches and compiles the runtime again',
      };
      log(`  chromium ${config.threads} thread(s) (${at()}): cold first verdict p50 ${sig(median(c.verdicts))} ms, renderer RSS ${sig(median(c.rss))} MiB (+${sig(median(c.growth))})`);
    });

    // ── warm, both pages in one browser, alternating block by block ──
    const browser = await launch();
    try {
      const pages = await Promise.all(configs.map((config) => openPage(browser.context, config.server, config.threads)));
      for (const page of pages) {
        await page.evaluate(() => (globalThis as unknown as Bench).bench.coldGuard());
        await page.evaluate(() => (globalThis as unknown as Bench).bench.firstImage());
        const kinds: ImageKind[] = ['png-small', 'jpeg-small', ...(plan.bigImage ? (['jpeg-photo12mp'] as const) : [])];
        await page.evaluate((k) => (globalThis as unknown as Bench).bench.prepare(k), kinds);
      }
      const blocks = plan.chromiumBlocks;
      /** Runs `measure` on both pages, alternating block by block; returns samples per page. */
      const alternate = async <T extends number[] | Record<string, number[]>>(
        measure: (page: Page, iterations: number, warmup: number) => Promise<T>,
        iterations: number,
        warmup: number,
      ): Promise<T[]> => {
        const collected: T[] = pages.map(() => [] as unknown as T);
        const per = Math.max(1, Math.ceil(iterations / blocks));
        for (let block = 0; block < blocks; block++) {
          for (let k = 0; k < pages.length; k++) {
            const index = (k + block) % pages.length;
            const samples = await measure(pages[index] as Page, per, block === 0 ? warmup : Math.min(warmup, 3));
            collected[index] = merge(collected[index] as T, samples);
          }
        }
        return collected;
      };
      const add = (name: string, perPage: number[][]) => perPage.map((samples, i) => resultFrom(name, 'chromium-worker', configs[i]?.backend ?? '', samples));
      const pairs: { name: string; rows: Result[] }[] = [];
      for (const direction of ['incoming', 'outgoing'] as const) {
        for (const bucket of BUCKETS) {
          const perPage = await alternate(
            (page, n, w) => page.evaluate(([d, b, i, u]) => (globalThis as unknown as Bench).bench.guardText(d, b, i, u), [direction, bucket, n, w] as const),
            plan.browserTextIterations,
            plan.textWarmup,
          );
          const name = `${direction === 'incoming' ? 'checkIncoming' : 'checkOutgoing'} ${BUCKET_LABELS[bucket]}`;
          const rows = add(name, perPage);
          results.push(...rows);
          pairs.push({ name, rows });
        }
      }
      log(`  chromium: guard text checks done (${at()})`);
      const imageKinds: { kind: ImageKind; name: string; iterations: number }[] = [
        { kind: 'rgba-small', name: 'checkImage 224×224 RGBA', iterations: plan.imageIterations },
        { kind: 'png-small', name: 'checkImage 224×224 PNG (incl. decode)', iterations: plan.imageIterations },
        { kind: 'jpeg-small', name: 'checkImage 224×224 JPEG (incl. decode)', iterations: plan.imageIterations },
        ...(plan.bigImage
          ? [
              { kind: 'rgba-photo12mp' as const, name: 'checkImage 12 MP RGBA (incl. resize)', iterations: plan.bigImageIterations },
              { kind: 'jpeg-photo12mp' as const, name: 'checkImage 12 MP JPEG (incl. decode)', iterations: plan.bigImageIterations },
            ]
          : []),
      ];
      for (const { kind, name, iterations } of imageKinds) {
        const perPage = await alternate(
          (page, n, w) => page.evaluate(([k, i, u]) => (globalThis as unknown as Bench).bench.guardImage(k, i, u), [kind, n, w] as const),
          iterations,
          plan.imageWarmup,
        );
        const rows = add(name, perPage);
        results.push(...rows);
        pairs.push({ name, rows });
      }
      log(`  chromium: guard image checks done (${at()})`);
      for (const bucket of BUCKETS) {
        const perPage = await alternate(
          (page, n, w) => page.evaluate(([b, i, u]) => (globalThis as unknown as Bench).bench.modelText(b, i, u), [bucket, n, w] as const),
          plan.browserTextIterations,
          plan.textWarmup,
        );
        const name = `text-linear score ${BUCKET_LABELS[bucket]}`;
        const rows = add(name, perPage);
        results.push(...rows);
        pairs.push({ name, rows });
      }
      {
        const perPage = await alternate(
          (page, n, w) => page.evaluate(([i, u]) => (globalThis as unknown as Bench).bench.modelUrl(i, u), [n, w] as const),
          plan.browserTextIterations,
          plan.textWarmup,
        );
        const name = 'url checkUrl (blocklist + heuristics + url-linear)';
        const rows = add(name, perPage);
        results.push(...rows);
        pairs.push({ name, rows });
      }
      const sizes: { size: ImageSize; label: string; iterations: number }[] = [
        { size: 'small', label: '224×224', iterations: plan.imageIterations },
        ...(plan.bigImage ? [{ size: 'photo12mp' as const, label: '12 MP (incl. resize)', iterations: plan.bigImageIterations }] : []),
      ];
      for (const { size, label, iterations } of sizes) {
        const perPage = await alternate(
          (page, n, w) => page.evaluate(([s, i, u]) => (globalThis as unknown as Bench).bench.modelNudity(s, i, u), [size, n, w] as const),
          iterations,
          plan.imageWarmup,
        );
        const byModel = new Map<string, Result[]>();
        for (const modelId of ['nsfw-mobilenet-v2-int8', 'nsfw-mobilenet-v2']) {
          const name = `${modelId === 'nsfw-mobilenet-v2' ? 'nsfw-mobilenet-v2 (fp32)' : modelId} scoreImage ${label}`;
          const rows = add(name, perPage.map((samples) => samples[modelId] ?? []));
          results.push(...rows);
          pairs.push({ name, rows });
          byModel.set(modelId, rows);
        }
        const [int8, fp32] = [byModel.get('nsfw-mobilenet-v2-int8')?.[0], byModel.get('nsfw-mobilenet-v2')?.[0]];
        if (int8 && fp32) comparisons.push(compare(`nsfw fp32 vs int8, ${label}, Chromium worker, 1 thread`, fp32, int8));
      }
      log(`  chromium: per-model timings done (${at()})`);
      for (const { name, rows } of pairs) {
        const [one, two] = rows;
        if (one && two && (name.startsWith('checkIncoming typical') || name.startsWith('checkImage 224×224 RGBA') || name.startsWith('nsfw-mobilenet-v2-int8 scoreImage') || name.startsWith('text-linear score typical'))) {
          comparisons.push(compare(`Chromium: 1 thread vs 2 threads, ${name}`, one, two));
        }
      }
      const degraded = await Promise.all(pages.map((page) => page.evaluate(() => (globalThis as unknown as Bench).bench.degraded())));
      details['degraded_verdicts'] = Object.fromEntries(configs.map((config, i) => [`threads_${config.threads}`, degraded[i]]));
      if (degraded.some((counts) => Object.keys(counts).length > 0)) log(`  chromium: WARNING: degraded verdicts during timing: ${JSON.stringify(degraded)}`);
      for (const page of pages) await page.evaluate(() => (globalThis as unknown as Bench).bench.dispose());
    } finally {
      await browser.close();
    }
    details['decoding'] = 'PNG/JPEG inputs are Blobs decoded in the worker (createImageBitmap + OffscreenCanvas); RGBA inputs are moved to the worker';
    details['timer'] = 'performance.now() in the page and the worker: Chromium coarsens it to 100 µs without cross-origin isolation (1-thread page) and 5 µs with it (2-thread page)';
    details['pages'] = 'built by Vite from bench/browser/ (public entry src/index.ts, createGuard({ modelBaseUrl, ort: { wasmPaths, numThreads } })); models and ORT files served by bench/lib/server.ts';
  } finally {
    await servers.plain.close();
    await servers.isolated.close();
  }
  return { results, comparisons, details };
}

function merge<T extends number[] | Record<string, number[]>>(into: T, more: T): T {
  if (Array.isArray(more)) return [...(into as number[]), ...more] as T;
  const out: Record<string, number[]> = { ...(into as Record<string, number[]>) };
  for (const [key, values] of Object.entries(more)) out[key] = [...(out[key] ?? []), ...values];
  return out as T;
}

/**
 * JS memory per realm with every model loaded (needs cross-origin isolation). The API answers after
 * the next GC in every realm; a CDP-triggered GC in the page helps, the workers' GC comes on its own
 * (up to about a minute).
 */
async function measureJsMemory(context: BrowserContext, page: Page): Promise<unknown> {
  const cdp = await context.newCDPSession(page);
  try {
    const pending = page.evaluate(() => (globalThis as unknown as Bench).bench.jsMemory());
    await new Promise((resolve) => setTimeout(resolve, 100));
    await cdp.send('HeapProfiler.collectGarbage');
    const measured = await Promise.race([pending, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 90_000))]);
    if (measured === 'timeout') return { note: 'measureUserAgentSpecificMemory() did not answer within 90 s' };
    if (!measured) return null;
    return {
      note: 'performance.measureUserAgentSpecificMemory(): JS heap and ArrayBuffers per realm; wasm memory (ORT) is not included',
      total_mb: sig(measured.bytes / 2 ** 20),
      dedicated_workers_mb: sig(measured.worker_bytes / 2 ** 20),
    };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
