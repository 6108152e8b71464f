/**
 * Hugging Face models in Node, in a child process of `bench/run.ts`:
 *
 * - per-call overhead of the transformers.js pipeline against a direct onnxruntime session on the same model
 *   (models/transformers/chatguard-wordpiece-bag): the whole `pipeline(text)`, its tokenizer alone, tokenizer plus a
 *   direct onnxruntime-node `session.run`, and `session.run` alone on pre-tokenized input (onnxruntime-node, which
 *   transformers.js runs on in Node, and ChatGuard's onnxruntime-web wasm session), interleaved call by call;
 * - the cascade's added latency: `checkIncoming` with the fast detectors only against the same plus the model
 *   configured `when-uncertain`, on message streams where 0%, 10%, 50% and 100% of messages have a fast score in
 *   the uncertainty band, interleaved call by call.
 *
 * Usage (from run.ts): `tsx bench/lib/node-hf.ts <out.json> <plan json>`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { createEngine } from '../../src/engine/engine.js';
import { defaultDetectors } from '../../src/default-detectors.js';
import { createSerialSession } from '../../src/runtime/session.js';
import { CASCADE_CANDIDATES, CASCADE_RATES, inBand, loadHfParts, streamMessage, wordpieceConfig, type Tokens } from './hf-bench.js';
import { TEXTS } from './inputs.js';
import type { Plan } from './plan.js';
import { BACKENDS, compare, resultFrom, type Comparison, type Result } from './results.js';
import { interleave, sig, sink } from './stats.js';

const [out = '', planJson = '{}'] = process.argv.slice(2);
const plan = JSON.parse(planJson) as Plan;
const FOLDER = fileURLToPath(new URL('../../models/transformers/chatguard-wordpiece-bag/', import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL('../../node_modules/@huggingface/transformers/package.json', import.meta.url), 'utf8')) as { version: string }).version;
const PIPELINE = `transformers.js ${VERSION} pipeline on onnxruntime-node cpu`;
const progress = (line: string) => console.log(`  node hf: ${line}`);

const results: Result[] = [];
const comparisons: Comparison[] = [];
const details: Record<string, unknown> = {};

// ── pipeline vs direct session ──
const parts = await loadHfParts(wordpieceConfig(FOLDER), 'cpu');
const bytes = new Uint8Array(readFileSync(`${FOLDER}onnx/model.onnx`));
// The options transformers.js itself gives onnxruntime-node, so the session differs only in who calls it.
const nodeSession = await ortNode.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
const webSession = await createSerialSession(bytes, 'chatguard-wordpiece-bag onnx/model.onnx');
const texts = [...TEXTS.short, ...TEXTS.typical];
const tokens: Tokens[] = texts.map((text) => parts.tokenize(text));
const nodeFeeds = tokens.map((t) => ({
  input_ids: new ortNode.Tensor('int64', t.input_ids.data, [...t.input_ids.dims]),
  attention_mask: new ortNode.Tensor('int64', t.attention_mask.data, [...t.attention_mask.dims]),
}));
const webFeeds = tokens.map((t) => ({
  input_ids: new ortWeb.Tensor('int64', t.input_ids.data, [...t.input_ids.dims]),
  attention_mask: new ortWeb.Tensor('int64', t.attention_mask.data, [...t.attention_mask.dims]),
}));
const first = (output: Record<string, { data: unknown }>) => Number((output['logits']?.data as Float32Array | undefined)?.[0] ?? 0);
const at = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
const pipelineSamples = await interleave(
  [
    { id: 'pipeline', run: async (i) => ((await parts.pipeline(at(texts, i))) as { score: number }[]).length },
    { id: 'tokenize', run: (i) => parts.tokenize(at(texts, i)).input_ids.dims[1] ?? 0 },
    {
      id: 'tokenize-node-run',
      run: async (i) => {
        const t = parts.tokenize(at(texts, i));
        const feeds = { input_ids: new ortNode.Tensor('int64', t.input_ids.data, [...t.input_ids.dims]), attention_mask: new ortNode.Tensor('int64', t.attention_mask.data, [...t.attention_mask.dims]) };
        return first(await nodeSession.run(feeds));
      },
    },
    { id: 'node-run', run: async (i) => first(await nodeSession.run(at(nodeFeeds, i))) },
    { id: 'web-run', run: async (i) => first(await webSession.run(at(webFeeds, i))) },
  ],
  plan.textIterations,
  plan.textWarmup,
);
const model = 'chatguard-wordpiece-bag';
const rows = {
  pipeline: resultFrom(`${model}: transformers.js pipeline(text), whole call`, 'node', PIPELINE, pipelineSamples['pipeline'] ?? []),
  tokenize: resultFrom(`${model}: tokenizer alone (transformers.js)`, 'node', BACKENDS.js, pipelineSamples['tokenize'] ?? []),
  tokenizeRun: resultFrom(`${model}: tokenizer + direct session.run`, 'node', BACKENDS.ortNode1.replace(', 1 thread', ''), pipelineSamples['tokenize-node-run'] ?? []),
  nodeRun: resultFrom(`${model}: direct session.run, pre-tokenized`, 'node', BACKENDS.ortNode1.replace(', 1 thread', ''), pipelineSamples['node-run'] ?? []),
  webRun: resultFrom(`${model}: direct session.run, pre-tokenized`, 'node', BACKENDS.ortWeb1, pipelineSamples['web-run'] ?? []),
};
results.push(...Object.values(rows));
comparisons.push(
  compare(`${model}: transformers.js pipeline vs direct onnxruntime-node session.run (same model, Node)`, rows.pipeline, rows.nodeRun),
  compare(`${model}: transformers.js pipeline vs its tokenizer + direct onnxruntime-node session.run (Node)`, rows.pipeline, rows.tokenizeRun),
  compare(`${model}: onnxruntime-web vs onnxruntime-node session.run (Node)`, rows.webRun, rows.nodeRun),
);
details['pipeline_overhead_ms'] = {
  pipeline_minus_session_run_p50: sig(rows.pipeline.p50_ms - rows.nodeRun.p50_ms),
  pipeline_minus_tokenizer_and_session_run_p50: sig(rows.pipeline.p50_ms - rows.tokenizeRun.p50_ms),
  note: 'texts: the short and typical benchmark messages; pipeline = tokenizer + session.run + sigmoid + sort of every label (top_k: null)',
};
progress(`pipeline p50 ${rows.pipeline.p50_ms} ms vs direct session.run ${rows.nodeRun.p50_ms} ms (tokenizer ${rows.tokenize.p50_ms} ms)`);
await nodeSession.release();
await webSession.dispose();

// ── the cascade's added latency at realistic uncertainty rates ──
const baseline = createEngine({ detectors: defaultDetectors(), conversation: false });
const cascade = createEngine({ detectors: defaultDetectors(), conversation: false, textModels: [wordpieceConfig(FOLDER)] });
await Promise.all([baseline.ready(), cascade.ready()]);
const uncertain: string[] = [];
const sure: string[] = [];
for (const text of CASCADE_CANDIDATES) ((inBand((await baseline.checkIncoming({ text })).scores) ? uncertain : sure) as string[]).push(text);
if (uncertain.length === 0 || sure.length === 0) throw new Error('the cascade inputs need messages both in and out of the uncertainty band');
details['cascade_inputs'] = { in_band: uncertain.length, out_of_band: sure.length, band: [0.2, 0.8] };
const added: Record<string, { p50_ms: number; p95_ms: number; model_calls: number; skipped: number }> = {};
for (const rate of CASCADE_RATES) {
  let calls = 0;
  let skipped = 0;
  const samples = await interleave(
    [
      { id: 'fast', run: async (i) => (await baseline.checkIncoming({ text: streamMessage(i, rate, uncertain, sure) })).scores.harassment },
      {
        id: 'cascade',
        run: async (i) => {
          const verdict = await cascade.checkIncoming({ text: streamMessage(i, rate, uncertain, sure) });
          if (i >= plan.textWarmup) {
            if (verdict.versions['hf:chatguard-wordpiece-bag']) calls += 1;
            skipped += verdict.skipped?.length ?? 0;
          }
          return verdict.scores.harassment;
        },
      },
    ],
    plan.textIterations,
    plan.textWarmup,
  );
  const label = `${Math.round(rate * 100)}% of messages in the band`;
  const fast = resultFrom(`cascade stream, ${label}: checkIncoming, fast detectors only`, 'node', BACKENDS.ortWeb1, samples['fast'] ?? []);
  const withModel = resultFrom(`cascade stream, ${label}: checkIncoming, fast + ${model} when-uncertain`, 'node', `${BACKENDS.ortWeb1} + ${PIPELINE}`, samples['cascade'] ?? []);
  results.push(fast, withModel);
  comparisons.push(compare(`cascade vs fast only, ${label} (Node in-process)`, withModel, fast));
  added[label] = { p50_ms: sig(withModel.p50_ms - fast.p50_ms), p95_ms: sig(withModel.p95_ms - fast.p95_ms), model_calls: calls, skipped };
  progress(`cascade at ${label}: +${added[label]?.p50_ms} ms p50, +${added[label]?.p95_ms} ms p95`);
}
details['cascade_added_ms'] = added;
baseline.dispose();
cascade.dispose();

writeFileSync(out, JSON.stringify({ results, comparisons, details, checksum: sink.value }));
process.exit(0);
