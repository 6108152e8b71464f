/**
 * Benchmark of `normalizeText` on fixed chat messages: warm-up, then every message timed call by
 * call, the messages interleaved so that none benefits from a cache warmed by its own repeats.
 *
 * Usage: `npx tsx bench/normalize.bench.ts [--iterations N]`. Prints p50/p95 per message in µs
 * (one call each), the machine and the versions; the outputs feed a checksum that is printed, so
 * the optimiser cannot drop the work.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { normalizeText } from '../src/text/normalize.js';

/** Fixed inputs, 100–280 characters, from plain ASCII chat to disguised Unicode. */
const MESSAGES: ReadonlyArray<readonly [name: string, text: string]> = [
  ['ascii plain', "hey are we still on for tonight? I'll bring snacks, just tell me when you're leaving and I'll meet you by the station around 7:30"],
  ['ascii scam', 'Your parcel could not be delivered. Pay the £1.99 redelivery fee within 24 hours at https://royalmail-redelivery.top/track?id=A1B2C3 or it will be returned'],
  ['ascii leet', 'FR33 G1FT C4RD!!! cl41m n0w b4 it expires, just s3nd ur d3t41ls, soooo easy, totally l3g1t, f r e e money for everyone who replies today'],
  ['ascii long', 'ok so basically what happened was that the teacher said we could hand it in on monday but then everyone in the group chat started panicking because half of us thought it was friday and nobody had actually checked the portal lol'],
  ['cyrillic mix', 'Неllо, уоur ассоunt wіll bе ѕuѕреndеd. Vеrіfу nоw аt httрѕ://ѕесurе-bаnk.соm оr lоѕе ассеѕѕ tо уоur fundѕ fоrеvеr'],
  ['fullwidth+zw', 'ｆｒｅｅ ｃａｓｈ\u200b f\u200br\u200be\u200be m\u00adon\u00adey, ｃｌｉｃｋ ｎｏｗ ａｎｄ ｃｌａｉｍ ｙｏｕｒ ｐｒｉｚｅ before midnight'],
  ['accents+emoji', 'Café à côté du théâtre ce soir? 😂😂 J’arrive vers 20h, on se retrouve là-bas — n’oublie pas les billets 🎟️ stp ❤️'],
  ['russian', 'Привет! Как дела? Я буду дома через час, позвони мне, когда освободишься. Нужно обсудить поездку на выходных и купить билеты'],
];

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '20000' } } });
const iterations = Number(values.iterations);
const WARMUP = 5000;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

let checksum = 0;
for (let i = 0; i < WARMUP; i += 1) for (const [, text] of MESSAGES) checksum += normalizeText(text).length;

const samples = MESSAGES.map(() => new Float64Array(iterations));
for (let i = 0; i < iterations; i += 1) {
  for (let m = 0; m < MESSAGES.length; m += 1) {
    const text = MESSAGES[m]?.[1] ?? '';
    const start = process.hrtime.bigint();
    const out = normalizeText(text);
    const end = process.hrtime.bigint();
    checksum += out.length;
    const row = samples[m];
    if (row) row[i] = Number(end - start) / 1000;
  }
}

console.log(`normalizeText: ${iterations} timed calls per message after ${WARMUP} warm-up rounds`);
console.log(`${cpus()[0]?.model ?? 'unknown cpu'}, Node ${process.version}, V8 ${process.versions.v8}, ICU ${process.versions['icu'] ?? '?'}, Unicode ${process.versions['unicode'] ?? '?'}`);
console.log('message          chars   p50 µs   p95 µs');
for (let m = 0; m < MESSAGES.length; m += 1) {
  const [name, text] = MESSAGES[m] ?? ['', ''];
  const sorted = (samples[m] ?? new Float64Array()).slice().sort();
  console.log(`${name.padEnd(16)} ${String(text.length).padStart(5)} ${percentile(sorted, 0.5).toFixed(2).padStart(8)} ${percentile(sorted, 0.95).toFixed(2).padStart(8)}`);
}

// One 64 KiB message, the largest a client accepts: throughput, not latency.
const big = MESSAGES.map(([, text]) => text).join(' ').repeat(64);
const huge = big.slice(0, 65536);
const bigRuns = 50;
const bigStart = process.hrtime.bigint();
for (let i = 0; i < bigRuns; i += 1) checksum += normalizeText(huge).length;
const bigMs = Number(process.hrtime.bigint() - bigStart) / 1e6 / bigRuns;
console.log(`64 KiB mixed text: ${bigMs.toFixed(2)} ms per call (${(65536 / 1024 / (bigMs / 1000) / 1024).toFixed(1)} MiB/s)`);
console.log(`checksum ${checksum}`);
