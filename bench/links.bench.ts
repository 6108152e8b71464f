/**
 * Benchmarks of the link checker on fixed URLs and fixed messages:
 *
 * - prefix set: encoded bytes per entry, and `range()` ops/s on fixed member and non-member
 *   values, for index intervals 16 / 64 / 256 built from the shipped prefixes, interleaved;
 * - blocklist lookup of all of a URL's expressions (canonicalise, expressions, SHA-256 each,
 *   prefix-set lookup, local confirmation), p50/p95 per URL (target ≤ 20 µs p50);
 * - the full `checkUrl` (lookup + heuristics + ONNX model) and `detect` on a chat message;
 * - link extraction on a 64 KiB message (the engine's analysis window);
 * - cold load of the detector.
 *
 * Usage: `npm run bench:links -- [--iterations N] [--out FILE]`. Results (with machine and
 * versions) go to `models/reports/url-bench.json`; every result feeds a printed checksum so the
 * optimiser cannot drop the work.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBlocklist } from '../src/links/blocklist.js';
import { canonicalizeUrl } from '../src/links/canonicalize.js';
import { urlExpressions } from '../src/links/expressions.js';
import { extractLinks } from '../src/links/extract.js';
import { createLinkDetector } from '../src/links/link-detector.js';
import { decodePrefixSet, encodePrefixSet } from '../src/links/prefix-set.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { iterations: { type: 'string', default: '2000' }, out: { type: 'string', default: resolve(ROOT, 'models/reports/url-bench.json') } },
});
const ITERATIONS = Number(args.iterations);

/** Fixed URLs: short and long, listed and not, IP, IDN, deep paths with queries. */
const URLS: readonly string[] = [
  'https://www.google.com/',
  'https://github.com/microsoft/TypeScript/issues/123',
  'https://en.wikipedia.org/wiki/Phishing',
  'http://paypa1.com/restore',
  'https://www.paypal.com@evil.ru/login',
  'http://00000000000000000update.emy.ba',
  'https://a.b.c.d.e.f.example.co.uk/1/2/3/4/5/page.html?x=1&y=2',
  'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
  'https://xn--pypal-4ve.com/signin',
  'https://docs.google.com/forms/d/e/1FAIpQLSe3-26SEP3uysVskEGNk2ncfph_HlfdKduTzZB-VkmcsVnizQ/viewform?usp=send_form',
  'http://bit.ly/3xYz12',
  'https://news.ycombinator.com/item?id=41234567',
];

const MESSAGE =
  'hey, your parcel is waiting: pay the fee at paypa1.com/restore or check https://www.google.com/maps and the receipt at bit.ly/3xYz12 before friday';

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function stats(samples: Float64Array): { p50: number; p95: number } {
  const sorted = samples.slice().sort();
  return { p50: Number(percentile(sorted, 0.5).toFixed(2)), p95: Number(percentile(sorted, 0.95).toFixed(2)) };
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1000;
}

let checksum = 0;
const prefixBytes = new Uint8Array(readFileSync(resolve(ROOT, 'models/blocklist.prefixes.bin')));
const hashBytes = new Uint8Array(readFileSync(resolve(ROOT, 'models/blocklist.hashes.bin')));

// Prefix-set variants, interleaved.
const values = decodePrefixSet(prefixBytes).values();
const probes = new Uint32Array(4096);
let seed = 12345;
for (let i = 0; i < probes.length; i++) {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  probes[i] = i % 2 === 0 ? (values[seed % values.length] as number) : seed; // half members, half (mostly) not
}
const variants = [16, 32, 64, 128, 256].map((interval) => {
  const encoded = encodePrefixSet(values, interval);
  return { interval, bytes: encoded.length, set: decodePrefixSet(encoded), nanos: 0, calls: 0 };
});
for (let round = 0; round < 20; round++) {
  for (const variant of variants) {
    const start = now();
    for (const probe of probes) checksum += variant.set.range(probe)[1];
    variant.nanos += (now() - start) * 1000;
    variant.calls += probes.length;
  }
}
const prefixSet = variants.map((v) => ({
  interval: v.interval,
  bytes: v.bytes,
  bytes_per_entry: Number((v.bytes / values.length).toFixed(3)),
  ns_per_lookup: Number((v.nanos / v.calls).toFixed(1)),
  lookups_per_second: Math.round(v.calls / (v.nanos / 1e9)),
}));

// Blocklist lookup of every expression of a URL (what the detector does per link).
const blocklist = createBlocklist(prefixBytes, hashBytes);
const canonical = URLS.map((url) => canonicalizeUrl(url));
const expressionCounts = canonical.map((c) => (c ? urlExpressions(c).length : 0));
for (let i = 0; i < 2000; i++) for (const c of canonical) if (c) checksum += blocklist.lookup(c).prefixHits;
const lookupSamples = URLS.map(() => new Float64Array(ITERATIONS * 5));
const fullSamples = URLS.map(() => new Float64Array(ITERATIONS * 5));
for (let i = 0; i < ITERATIONS * 5; i++) {
  for (let u = 0; u < URLS.length; u++) {
    const c = canonical[u];
    if (!c) continue;
    let start = now();
    checksum += blocklist.lookup(c).prefixHits;
    (lookupSamples[u] as Float64Array)[i] = now() - start;
    start = now();
    const fresh = canonicalizeUrl(URLS[u] as string);
    checksum += fresh ? blocklist.lookup(fresh).prefixHits : 0;
    (fullSamples[u] as Float64Array)[i] = now() - start;
  }
}
const allLookups = Float64Array.from(lookupSamples.flatMap((s) => [...s]));
const allWithCanonical = Float64Array.from(fullSamples.flatMap((s) => [...s]));

// Extraction on the largest message the engine analyses (64 KiB of prose with a few links).
const BIG = `${'hey are we still on for tonight? I will bring snacks, see example.org/menu. '.repeat(870)}`.slice(0, 65_536);
const extractSamples = new Float64Array(Math.max(20, Math.floor(ITERATIONS / 50)));
for (let i = 0; i < 3; i++) checksum += extractLinks(BIG).length;
for (let i = 0; i < extractSamples.length; i++) {
  const start = now();
  checksum += extractLinks(BIG).length;
  extractSamples[i] = now() - start;
}

// The whole detector.
const coldStart = now();
const detector = createLinkDetector();
await detector.load();
const coldLoadMs = (now() - coldStart) / 1000;
for (let i = 0; i < 200; i++) for (const url of URLS) checksum += (await detector.checkUrl(url)).score;
const checkSamples = URLS.map(() => new Float64Array(ITERATIONS));
for (let i = 0; i < ITERATIONS; i++) {
  for (let u = 0; u < URLS.length; u++) {
    const start = now();
    checksum += (await detector.checkUrl(URLS[u] as string)).score;
    (checkSamples[u] as Float64Array)[i] = now() - start;
  }
}
const detectSamples = new Float64Array(ITERATIONS);
for (let i = 0; i < ITERATIONS; i++) {
  const start = now();
  const result = await detector.detect({ text: MESSAGE, direction: 'incoming', message: { text: MESSAGE } });
  detectSamples[i] = now() - start;
  checksum += result.links?.length ?? 0;
}
await detector.dispose();

const results = {
  machine: `${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}`,
  versions: { node: process.version, v8: process.versions.v8 },
  iterations: ITERATIONS,
  entries: values.length,
  prefix_set: prefixSet,
  blocklist_lookup_us: {
    note: 'all expressions of one canonical URL: SHA-256 each (pure JS), prefix-set range, local hash confirmation',
    all_urls: stats(allLookups),
    with_canonicalisation: stats(allWithCanonical),
    per_url: URLS.map((url, u) => ({ url, expressions: expressionCounts[u], ...stats(lookupSamples[u] as Float64Array) })),
  },
  check_url_us: { all_urls: stats(Float64Array.from(checkSamples.flatMap((s) => [...s]))), per_url: URLS.map((url, u) => ({ url, ...stats(checkSamples[u] as Float64Array) })) },
  detect_message_us: { chars: MESSAGE.length, links: 3, ...stats(detectSamples) },
  extract_64k_us: { chars: BIG.length, ...stats(extractSamples) },
  cold_load_ms: Number(coldLoadMs.toFixed(1)),
  checksum: Number(checksum.toFixed(3)),
};

mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`${results.machine}, Node ${process.version}`);
console.log(`prefix set (${values.length} entries):`);
for (const v of prefixSet) console.log(`  interval ${String(v.interval).padStart(3)}: ${v.bytes_per_entry} B/entry, ${v.ns_per_lookup} ns/lookup`);
console.log(`blocklist lookup of all expressions: p50 ${results.blocklist_lookup_us.all_urls.p50} µs, p95 ${results.blocklist_lookup_us.all_urls.p95} µs (with canonicalisation p50 ${results.blocklist_lookup_us.with_canonicalisation.p50} µs)`);
console.log(`checkUrl (lookup + heuristics + model): p50 ${results.check_url_us.all_urls.p50} µs, p95 ${results.check_url_us.all_urls.p95} µs`);
console.log(`detect (message with 3 links): p50 ${results.detect_message_us.p50} µs, p95 ${results.detect_message_us.p95} µs`);
console.log(`extractLinks on 64 KiB: p50 ${results.extract_64k_us.p50} µs, p95 ${results.extract_64k_us.p95} µs`);
console.log(`cold load ${results.cold_load_ms} ms; checksum ${results.checksum}`);
