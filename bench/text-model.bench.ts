/**
 * Benchmark of the text model on fixed chat messages (≤ 280 characters): cold and warm load, then
 * normalise (both views) + features + ONNX inference + calibration per message, call by call, messages
 * interleaved, after a warm-up. The stages are also timed on their own. Every output feeds a
 * checksum that is printed, so the optimiser cannot drop the work. One wasm thread (Node).
 *
 * Usage: `npm run bench:text -- [--iterations N]`. Prints a table and writes
 * `bench/results/text-model.json` with the machine and versions.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { createSerialSession } from '../src/runtime/session.js';
import { sparseLinearFeeds } from '../src/runtime/sparse-linear-feeds.js';
import { createFeatureHasher, storedFeatureConfig } from '../src/text/features.js';
import { normalizeText, toLatinSkeleton } from '../src/text/normalize.js';
import { createTextModelDetector } from '../src/text/text-model-detector.js';

/** Fixed inputs: everyday chat, spam, scams, abuse, disguised text; 20–280 characters. */
const MESSAGES: readonly string[] = [
  'see you at 6 for dinner',
  "hey are we still on for tonight? I'll bring snacks, just tell me when you're leaving and I'll meet you by the station around 7:30",
  'lol that was the funniest thing ever 😂😂 did you see his face when the teacher walked in',
  'URGENT! You have won a £1000 cash prize. To claim call 09061701461 now. Valid 12 hrs only. T&Cs apply 150p/min',
  'FREE entry into our £250 weekly competition just text the word WIN to 80086 NOW. 18 T&C www.txttowin.co.uk',
  'Your parcel could not be delivered. Pay the £1.99 redelivery fee within 24 hours at https://royalmail-redelivery.top/track?id=A1B2C3',
  'you are such a pathetic loser, nobody at school even likes you, just go away',
  'FR33 G1FT C4RD!!! cl41m n0w b4 it expires, just s3nd ur d3t41ls, soooo easy, totally l3g1t',
  'ok so basically what happened was that the teacher said we could hand it in on monday but then everyone in the group chat started panicking because half of us thought it was friday and nobody had actually checked the portal lol',
  'Неllо, уоur ассоunt wіll bе ѕuѕреndеd. Vеrіfу nоw аt httрѕ://ѕесurе-bаnk.соm оr lоѕе ассеѕѕ',
  'can you pick up milk on the way home? and maybe some bread if they have the nice one',
  "I swear if you say that again I'll find you after school and you'll regret it",
];

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '3000' } } });
const iterations = Number(values.iterations);
const WARMUP_ROUNDS = 300;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}
const micros = (start: bigint) => Number(process.hrtime.bigint() - start) / 1000;
const summary = (samples: Float64Array) => {
  const sorted = samples.slice().sort();
  return { p50_us: percentile(sorted, 0.5), p95_us: percentile(sorted, 0.95), mean_us: samples.reduce((a, b) => a + b, 0) / samples.length };
};

let checksum = 0;

// Load: the first includes initialising the ORT wasm runtime; the second reuses it.
let start = process.hrtime.bigint();
const detector = createTextModelDetector();
await detector.load();
const coldLoadMs = micros(start) / 1000;
start = process.hrtime.bigint();
const second = createTextModelDetector();
await second.load();
const warmLoadMs = micros(start) / 1000;
await second.dispose();

const sidecar = detector.sidecar;
if (!sidecar) throw new Error('model did not load');
const hasher = createFeatureHasher(storedFeatureConfig(sidecar.features), sidecar.lexicon, sidecar.vocabulary);
const session = await createSerialSession(new Uint8Array(readFileSync(new URL('../models/text-linear.onnx', import.meta.url))), 'text-linear.onnx');

async function inferOnly(indices: Int32Array, valuesF: Float32Array): Promise<number> {
  const out = await session.run(sparseLinearFeeds(indices, valuesF));
  return (out['probabilities']?.data as Float32Array)[0] as number;
}

for (let r = 0; r < WARMUP_ROUNDS; r++) {
  for (const text of MESSAGES) {
    checksum += (await detector.score(text)).scores.spam;
    const f = hasher.hash(text);
    checksum += await inferOnly(f.indices, f.values);
  }
}

const stages = ['end_to_end', 'normalize', 'features', 'inference'] as const;
const samples = Object.fromEntries(stages.map((s) => [s, new Float64Array(iterations * MESSAGES.length)])) as Record<(typeof stages)[number], Float64Array>;
const features = MESSAGES.map((text) => hasher.hash(text));
const normalized = MESSAGES.map((text) => normalizeText(text));
const folded = MESSAGES.map((text) => toLatinSkeleton(text));
let k = 0;
for (let i = 0; i < iterations; i++) {
  for (let m = 0; m < MESSAGES.length; m++, k++) {
    const text = MESSAGES[m] as string;
    let t = process.hrtime.bigint();
    const scored = await detector.score(text);
    samples.end_to_end[k] = micros(t);
    checksum += scored.scores.spam + scored.scores.harassment;

    t = process.hrtime.bigint();
    checksum += normalizeText(text).length + toLatinSkeleton(text).length;
    samples.normalize[k] = micros(t);

    t = process.hrtime.bigint();
    checksum += hasher.hashViews(normalized[m] as string, folded[m] as string).indices.length;
    samples.features[k] = micros(t);

    const f = features[m] as (typeof features)[number];
    t = process.hrtime.bigint();
    checksum += await inferOnly(f.indices, f.values);
    samples.inference[k] = micros(t);
  }
}
const version = detector.version;
await session.dispose();
await detector.dispose();

const results = Object.fromEntries(stages.map((s) => [s, summary(samples[s])]));
const perMessage = MESSAGES.map((text, m) => {
  const row = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) row[i] = samples.end_to_end[i * MESSAGES.length + m] as number;
  return { chars: text.length, ...summary(row) };
});
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  node: process.version,
  v8: process.versions.v8,
  onnxruntime_web: ort.env.versions.web ?? 'unknown',
  wasm_threads: ort.env.wasm.numThreads,
  platform: `${process.platform}-${process.arch}`,
};

console.log(`text-linear ${version}: ${iterations} timed calls per message × ${MESSAGES.length} messages after ${WARMUP_ROUNDS} warm-up rounds`);
console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, onnxruntime-web ${machine.onnxruntime_web}, ${machine.wasm_threads} wasm thread`);
console.log(`load: cold ${coldLoadMs.toFixed(1)} ms (includes wasm init), warm ${warmLoadMs.toFixed(1)} ms`);
console.log('stage                      p50 µs   p95 µs  mean µs');
for (const s of stages) {
  const r = results[s] as ReturnType<typeof summary>;
  console.log(`${s.padEnd(24)} ${r.p50_us.toFixed(1).padStart(8)} ${r.p95_us.toFixed(1).padStart(8)} ${r.mean_us.toFixed(1).padStart(8)}`);
}
console.log('per message (end to end)  chars   p50 µs   p95 µs');
perMessage.forEach((r, m) => console.log(`  #${String(m).padEnd(22)} ${String(r.chars).padStart(5)} ${r.p50_us.toFixed(1).padStart(8)} ${r.p95_us.toFixed(1).padStart(8)}`));
console.log(`checksum ${checksum.toFixed(3)}`);

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/text-model.json', import.meta.url),
  `${JSON.stringify(
    {
      comment: 'Auto-generated by bench/text-model.bench.ts (npm run bench:text). Do not edit.',
      model: { id: detector.id, version },
      machine,
      iterations_per_message: iterations,
      warmup_rounds: WARMUP_ROUNDS,
      load_ms: { cold_including_wasm_init: coldLoadMs, warm: warmLoadMs },
      per_call: results,
      per_message_end_to_end: perMessage,
      checksum,
    },
    (_key, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(3)) : v),
    2,
  )}\n`,
);
