// Cold starts and memory, measured in a fresh Node process on the BUILT package (dist/), with plain
// `node` (no tsx loader in the process, so resident memory is what an app would see).
// Plain JS on purpose: it must run without a TypeScript loader. Started by bench/lib/node-cold.ts:
//
//   node bench/lib/cold-child.mjs <out.json> <mode> <typical message>
//
// mode: engine | worker | model:<manifest id>
import { readFileSync, writeFileSync } from 'node:fs';

const [out = '', mode = '', text = 'hi'] = process.argv.slice(2);
const dist = new URL('../../dist/', import.meta.url);
const mb = (bytes) => bytes / 2 ** 20;

/** Peak resident set size of this process (VmHWM), in MiB. */
function peakRssMb() {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

function memory() {
  const m = process.memoryUsage();
  return { rss_mb: mb(m.rss), heap_used_mb: mb(m.heapUsed), heap_total_mb: mb(m.heapTotal), external_mb: mb(m.external), array_buffers_mb: mb(m.arrayBuffers), peak_rss_mb: peakRssMb() };
}

/** A 224×224 RGBA gradient: enough to load and run the nudity model. */
function image() {
  const data = new Uint8ClampedArray(224 * 224 * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = (i >> 2) % 224;
    data[i + 1] = 128;
    data[i + 2] = ((i >> 2) / 224) & 255;
    data[i + 3] = 255;
  }
  return { type: 'image', data, width: 224, height: 224 };
}

const result = { mode };
let sink = 0;

if (mode === 'engine') {
  const before = memory();
  let t = performance.now();
  const lib = await import(new URL('index.js', dist).href);
  result.import_ms = performance.now() - t;
  t = performance.now();
  const engine = lib.createEngine({ detectors: lib.defaultDetectors() });
  const verdict = await engine.checkIncoming({ text });
  result.first_verdict_ms = performance.now() - t;
  result.first_verdict_since_process_start_ms = performance.now();
  result.memory_text_and_links = memory();
  sink += verdict.scores.scam;
  t = performance.now();
  sink += (await engine.checkImage(image())).scores.nudity;
  result.first_image_ms = performance.now() - t;
  result.memory_before = before;
  result.memory_all_loaded = memory();
  // Each model loaded again on its own, now that the runtime is warm: load + warm-up run + first score.
  const loads = {};
  const text1 = lib.createTextModelDetector();
  t = performance.now();
  await text1.load();
  sink += (await text1.score(text)).scores.spam;
  loads['text-linear'] = performance.now() - t;
  const links = lib.createLinkDetector();
  t = performance.now();
  await links.load();
  sink += (await links.checkUrl('https://example.org/a')).score;
  loads['url-linear+blocklist'] = performance.now() - t;
  for (const modelId of ['nsfw-mobilenet-v2-int8', 'nsfw-mobilenet-v2']) {
    const nudity = lib.createNudityDetector({ modelId, preload: true });
    t = performance.now();
    await nudity.load();
    sink += (await nudity.scoreImage(image())).nudity;
    loads[modelId] = performance.now() - t;
    await nudity.dispose();
  }
  result.warm_runtime_load_ms = loads;
  engine.dispose();
} else if (mode === 'worker') {
  const { createNodeGuard } = await import(new URL('node.js', dist).href);
  const before = memory();
  let t = performance.now();
  const guard = createNodeGuard();
  await guard.setProfile('adult'); // a call that needs the worker started and initialised, but no model
  result.worker_ready_ms = performance.now() - t;
  const verdict = await guard.checkIncoming({ text });
  result.first_verdict_ms = performance.now() - t;
  result.memory_text_and_links = memory();
  sink += verdict.scores.scam;
  t = performance.now();
  sink += (await guard.checkImage(image())).scores.nudity;
  result.first_image_ms = performance.now() - t;
  result.memory_before = before;
  result.memory_all_loaded = memory();
  guard.dispose();
} else if (mode.startsWith('model:')) {
  const modelId = mode.slice('model:'.length);
  let t = performance.now();
  const lib = await import(new URL('index.js', dist).href);
  result.import_ms = performance.now() - t;
  const before = memory();
  t = performance.now();
  if (modelId === 'text-linear') {
    const detector = lib.createTextModelDetector();
    await detector.load();
    result.load_ms = performance.now() - t;
    t = performance.now();
    sink += (await detector.score(text)).scores.spam;
  } else if (modelId === 'url-linear') {
    const detector = lib.createLinkDetector();
    await detector.load();
    result.load_ms = performance.now() - t;
    t = performance.now();
    sink += (await detector.checkUrl('https://example.org/a')).score;
  } else {
    const detector = lib.createNudityDetector({ modelId, preload: true });
    await detector.load();
    result.load_ms = performance.now() - t;
    t = performance.now();
    sink += (await detector.scoreImage(image())).nudity;
  }
  result.first_run_ms = performance.now() - t;
  result.memory_before = before;
  result.memory_loaded = memory();
} else {
  throw new Error(`unknown mode "${mode}": expected engine, worker or model:<id>`);
}

result.checksum = sink;
writeFileSync(out, JSON.stringify(result));
process.exit(0);
