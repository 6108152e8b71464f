/**
 * Warm latencies in Node, in a child process of `bench/run.ts`, on the BUILT package (dist/):
 *
 * - the whole `checkIncoming` / `checkOutgoing` / `checkImage`, in-process (`createEngine`) and
 *   through the real worker (`createNodeGuard`), interleaved call by call;
 * - each model on its own: text-linear `score()`, the link checker's `checkUrl()` and blocklist
 *   lookup, the nudity models int8 and float32 (interleaved), PNG/JPEG decoding;
 * - the same ONNX files on onnxruntime-web (wasm, 1 thread, ChatGuard's session options) and
 *   onnxruntime-node (CPU, 1 thread), `session.run` only, interleaved.
 *
 * Usage (from run.ts): `tsx bench/lib/node-warm.ts <out.json> <plan json>`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import type { ImageAttachment } from '../../src/index.js';
import { drawLandscape, IMAGE_SIZES, type BenchImage } from './images.js';
import { BUCKET_LABELS, BUCKETS, TEXTS, URLS } from './inputs.js';
import type { Plan } from './plan.js';
import { BACKENDS, compare, resultFrom, type Comparison, type Result } from './results.js';
import { interleave, sink, timeSeries, type Variant } from './stats.js';

const [out = '', planJson = '{}'] = process.argv.slice(2);
const plan = JSON.parse(planJson) as Plan;
const dist = (path: string) => new URL(`../../dist/${path}`, import.meta.url).href;
const models = (file: string) => new URL(`../../models/${file}`, import.meta.url);

const lib = (await import(dist('index.js'))) as typeof import('../../src/index.js');
const { createNodeGuard } = (await import(dist('node.js'))) as typeof import('../../src/node.js');
const { createSerialSession } = (await import(dist('runtime/session.js'))) as typeof import('../../src/runtime/session.js');
const { sparseLinearFeeds } = (await import(dist('runtime/sparse-linear-feeds.js'))) as typeof import('../../src/runtime/sparse-linear-feeds.js');
const { createBlocklist } = (await import(dist('links/blocklist.js'))) as typeof import('../../src/links/blocklist.js');
const { canonicalizeUrl } = (await import(dist('links/canonicalize.js'))) as typeof import('../../src/links/canonicalize.js');
const { analyzeUrl } = (await import(dist('links/url-facts.js'))) as typeof import('../../src/links/url-facts.js');
const { createLinkLists } = (await import(dist('links/lists.js'))) as typeof import('../../src/links/lists.js');
const { createUrlFeaturizer } = (await import(dist('links/url-features.js'))) as typeof import('../../src/links/url-features.js');
const { createFeatureHasher, resolveFeatureConfig } = (await import(dist('text/features.js'))) as typeof import('../../src/text/features.js');
const { preprocessImage } = (await import(dist('image/preprocess.js'))) as typeof import('../../src/image/preprocess.js');
const { readImageFile } = (await import(dist('cli/read-image-file.js'))) as typeof import('../../src/cli/read-image-file.js');

const results: Result[] = [];
const comparisons: Comparison[] = [];
const details: Record<string, unknown> = {};
const progress = (line: string) => console.log(`  node: ${line}`);
const W1 = BACKENDS.ortWeb1;

const engine = lib.createEngine({ detectors: lib.defaultDetectors() });
const guard = createNodeGuard();
await engine.ready();
await guard.ready();

// ── whole checks: in-process vs through the worker, interleaved ──
for (const direction of ['incoming', 'outgoing'] as const) {
  for (const bucket of BUCKETS) {
    const texts = TEXTS[bucket];
    const message = (i: number) => ({ text: texts[i % texts.length] as string });
    const method = direction === 'incoming' ? 'checkIncoming' : 'checkOutgoing';
    const samples = await interleave(
      [
        { id: 'node', run: async (i) => (await engine[method](message(i))).scores.scam },
        { id: 'node-worker', run: async (i) => (await guard[method](message(i))).scores.scam },
      ],
      plan.textIterations,
      plan.textWarmup,
    );
    const name = `${method} ${BUCKET_LABELS[bucket]}`;
    const inProcess = resultFrom(name, 'node', W1, samples['node'] ?? []);
    const worker = resultFrom(name, 'node-worker', W1, samples['node-worker'] ?? []);
    results.push(inProcess, worker);
    comparisons.push(compare(`worker round trip vs in-process, ${name}`, worker, inProcess));
  }
}
progress('whole text checks done');

// ── where the whole check's time goes: each default detector's detect() alone, typical messages ──
const detectors = lib.defaultDetectors();
for (const detector of detectors) await detector.load?.();
for (const detector of detectors) {
  const texts = TEXTS.typical;
  const samples = await timeSeries(
    async (i) => {
      const textAt = texts[i % texts.length] as string;
      const result = await detector.detect({ message: { text: textAt }, text: textAt, direction: 'incoming' });
      return Object.values(result.scores).reduce<number>((sum, score) => sum + (score ?? 0), 0);
    },
    plan.textIterations,
    plan.textWarmup,
  );
  results.push(resultFrom(`detector ${detector.id} detect() alone, ${BUCKET_LABELS.typical}`, 'node', detector.id === 'text-linear' || detector.id === 'links' ? W1 : BACKENDS.js, samples));
}
for (const detector of detectors) await (detector as { dispose?: () => Promise<void> }).dispose?.();
// …and the engine's own share: validation, policy and verdict with no detector, then with one stub that flags every message (so a signal report is built)
const stub = {
  id: 'bench-stub',
  version: '1',
  labels: ['scam'] as const,
  detect: () => ({ scores: { scam: 0.9 }, reasons: [{ code: 'scam.model', label: 'scam' as const, message: 'stub' }] }),
};
for (const [label, bare] of [
  ['no detectors', lib.createEngine({ detectors: [] })],
  ['one stub detector flagging scam (verdict + signal report)', lib.createEngine({ detectors: [stub] })],
] as const) {
  const texts = TEXTS.typical;
  const samples = await timeSeries(async (i) => (await bare.checkIncoming({ text: texts[i % texts.length] as string })).scores.scam, plan.textIterations, plan.textWarmup);
  results.push(resultFrom(`engine alone: checkIncoming ${BUCKET_LABELS.typical}, ${label}`, 'node', BACKENDS.js, samples));
  bare.dispose();
}
progress('per-detector breakdown done');

// ── images through the whole engine: in-process vs worker (the worker gets the buffer moved, so each call gets a copy, made untimed) ──
const drawn = new Map<string, BenchImage>();
const image = (size: keyof typeof IMAGE_SIZES): BenchImage => {
  let found = drawn.get(size);
  if (!found) {
    found = drawLandscape(IMAGE_SIZES[size].width, IMAGE_SIZES[size].height);
    drawn.set(size, found);
  }
  return found;
};
const copy = (size: keyof typeof IMAGE_SIZES): ImageAttachment => {
  const { data, width, height } = image(size);
  return { type: 'image', data: data.slice(), width, height };
};
const imageSizes = [
  { size: 'small' as const, label: '224×224 RGBA', iterations: plan.imageIterations },
  ...(plan.bigImage ? [{ size: 'photo12mp' as const, label: '12 MP RGBA (incl. resize)', iterations: plan.bigImageIterations }] : []),
];
for (const { size, label, iterations } of imageSizes) {
  const samples = await interleave(
    [
      { id: 'node', prepare: () => copy(size), run: async (_i, a) => (await engine.checkImage(a as ImageAttachment)).scores.nudity },
      { id: 'node-worker', prepare: () => copy(size), run: async (_i, a) => (await guard.checkImage(a as ImageAttachment)).scores.nudity },
    ],
    iterations,
    plan.imageWarmup,
  );
  const name = `checkImage ${label}`;
  const inProcess = resultFrom(name, 'node', W1, samples['node'] ?? []);
  const worker = resultFrom(name, 'node-worker', W1, samples['node-worker'] ?? []);
  results.push(inProcess, worker);
  comparisons.push(compare(`worker round trip vs in-process, ${name}`, worker, inProcess));
}
progress('whole image checks done');

// ── decoding PNG/JPEG files (the CLI's pure-JS path), alone and with the in-process check ──
const scratch = mkdtempSync(join(tmpdir(), 'chatguard-bench-'));
try {
  const files = [
    { label: '224×224 PNG', path: new URL('../inputs/photo-224.png', import.meta.url).pathname, decoder: 'pngjs', iterations: plan.imageIterations },
    { label: '224×224 JPEG', path: new URL('../inputs/photo-224.jpg', import.meta.url).pathname, decoder: 'jpeg-js', iterations: plan.imageIterations },
  ];
  if (plan.bigImage) {
    const big = image('photo12mp');
    const path = join(scratch, 'photo-12mp.jpg');
    writeFileSync(path, jpeg.encode({ data: Buffer.from(big.data.buffer, big.data.byteOffset, big.data.byteLength), width: big.width, height: big.height }, 90).data);
    files.push({ label: '12 MP JPEG', path, decoder: 'jpeg-js', iterations: plan.bigImageIterations });
  }
  for (const file of files) {
    const samples = await interleave(
      [
        { id: 'decode', run: async () => (await readImageFile(file.path)).width },
        { id: 'check', run: async () => (await engine.checkImage(await readImageFile(file.path))).scores.nudity },
      ],
      file.iterations,
      plan.imageWarmup,
    );
    results.push(resultFrom(`decode ${file.label} file (${file.decoder})`, 'node', BACKENDS.js, samples['decode'] ?? []));
    results.push(resultFrom(`checkImage ${file.label} (incl. decode)`, 'node', W1, samples['check'] ?? []));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
progress('decoding done');

// ── each model on its own ──
const text = lib.createTextModelDetector();
await text.load();
for (const bucket of BUCKETS) {
  const texts = TEXTS[bucket];
  const samples = await timeSeries(async (i) => (await text.score(texts[i % texts.length] as string)).scores.spam, plan.textIterations, plan.textWarmup);
  results.push(resultFrom(`text-linear score ${BUCKET_LABELS[bucket]}`, 'node', W1, samples));
}
const links = lib.createLinkDetector();
await links.load();
results.push(
  resultFrom(
    'url checkUrl (blocklist + heuristics + url-linear)',
    'node',
    W1,
    await timeSeries(async (i) => (await links.checkUrl(URLS[i % URLS.length] as string)).score, plan.textIterations, plan.textWarmup),
  ),
);
const blocklist = createBlocklist(new Uint8Array(readFileSync(models('blocklist.prefixes.bin'))), new Uint8Array(readFileSync(models('blocklist.hashes.bin'))));
results.push(
  resultFrom(
    'url blocklist lookup (canonicalise + every expression)',
    'node',
    BACKENDS.js,
    await timeSeries(
      (i) => {
        const canonical = canonicalizeUrl(URLS[i % URLS.length] as string);
        return canonical ? blocklist.lookup(canonical).prefixHits : 0;
      },
      plan.textIterations,
      plan.textWarmup,
    ),
  ),
);
const nudity = ['nsfw-mobilenet-v2-int8', 'nsfw-mobilenet-v2'].map((modelId) => ({ modelId, detector: lib.createNudityDetector({ modelId, preload: true }) }));
for (const { detector } of nudity) await detector.load?.();
for (const { size, iterations } of imageSizes) {
  const label = size === 'small' ? '224×224' : '12 MP (incl. resize)';
  const pixels = image(size);
  const samples = await interleave(
    nudity.map(({ modelId, detector }) => ({ id: modelId, run: async () => (await detector.scoreImage({ type: 'image', ...pixels })).nudity })),
    iterations,
    plan.imageWarmup,
  );
  const int8 = resultFrom(`nsfw-mobilenet-v2-int8 scoreImage ${label}`, 'node', W1, samples['nsfw-mobilenet-v2-int8'] ?? []);
  const fp32 = resultFrom(`nsfw-mobilenet-v2 (fp32) scoreImage ${label}`, 'node', W1, samples['nsfw-mobilenet-v2'] ?? []);
  results.push(int8, fp32);
  comparisons.push(compare(`nsfw fp32 vs int8, ${label}, Node`, fp32, int8));
}
progress('per-model timings done');

// ── onnxruntime-web vs onnxruntime-node on the same files and feeds, session.run only ──
const textSidecar = JSON.parse(readFileSync(models('text-linear.json'), 'utf8')) as { features: Parameters<typeof resolveFeatureConfig>[0] };
const hashed = createFeatureHasher(resolveFeatureConfig(textSidecar.features)).hash(TEXTS.typical[0] as string);
const lists = createLinkLists(readFileSync(models('url-top-sites.txt'), 'utf8'), readFileSync(models('url-shorteners.txt'), 'utf8'));
const urlSidecar = JSON.parse(readFileSync(models('url-linear.json'), 'utf8')) as { features: Parameters<typeof createUrlFeaturizer>[1] };
const urlFeatures = createUrlFeaturizer(lists, urlSidecar.features).featurize(analyzeUrl(URLS[0] as string));
// The inputs of the sparse linear graphs (see src/runtime/sparse-linear-feeds.ts), for each runtime.
const sparse = (indices: Int32Array, values: Float32Array) => ({
  web: sparseLinearFeeds(indices, values),
  node: { indices: new ortNode.Tensor('int32', indices, [indices.length]), values: new ortNode.Tensor('float32', values, [1, values.length]) },
});
const pixels = preprocessImage(image('small'));
const imageFeeds = {
  web: { input: new ortWeb.Tensor('float32', pixels, [1, 224, 224, 3]) },
  node: { input: new ortNode.Tensor('float32', pixels, [1, 224, 224, 3]) },
};
const rawModels = [
  { file: 'text-linear.onnx', feeds: sparse(hashed.indices, hashed.values), iterations: plan.textIterations, warmup: plan.textWarmup },
  { file: 'url-linear.onnx', feeds: sparse(urlFeatures.indices, urlFeatures.values), iterations: plan.textIterations, warmup: plan.textWarmup },
  { file: 'nsfw-mobilenet-v2-int8.onnx', feeds: imageFeeds, iterations: plan.imageIterations, warmup: plan.imageWarmup },
  { file: 'nsfw-mobilenet-v2.onnx', feeds: imageFeeds, iterations: plan.imageIterations, warmup: plan.imageWarmup },
];
for (const model of rawModels) {
  const bytes = new Uint8Array(readFileSync(models(model.file)));
  const web = await createSerialSession(bytes, model.file);
  const node = await ortNode.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    enableCpuMemArena: true,
  });
  const first = (data: unknown) => (data as Float32Array)[0] as number;
  const variants: Variant[] = [
    { id: 'web', run: async () => first((await web.run(model.feeds.web as Record<string, ortWeb.Tensor>))['probabilities']?.data) },
    { id: 'node', run: async () => first((await node.run(model.feeds.node as Record<string, ortNode.Tensor>))['probabilities']?.data) },
  ];
  const samples = await interleave(variants, model.iterations, model.warmup);
  const name = `${model.file.replace('.onnx', '')} session.run`;
  const a = resultFrom(name, 'node', W1, samples['web'] ?? []);
  const b = resultFrom(name, 'node', BACKENDS.ortNode1, samples['node'] ?? []);
  results.push(a, b);
  comparisons.push(compare(`onnxruntime-web vs onnxruntime-node, ${name}`, a, b));
  await web.dispose();
  await node.release();
}
progress('onnxruntime-web vs onnxruntime-node done');

details['node_worker'] = 'createNodeGuard() from dist/node.js: worker_threads + comlink; image buffers are moved (transferred), a copy is made untimed before each call';
details['feeds'] = 'session.run rows reuse one prepared feed per model (typical message, first URL, the 224×224 landscape after preprocessing)';
await text.dispose();
await links.dispose();
for (const { detector } of nudity) await detector.dispose();
engine.dispose();
guard.dispose();
writeFileSync(out, JSON.stringify({ results, comparisons, details, checksum: sink.value }));
process.exit(0);
