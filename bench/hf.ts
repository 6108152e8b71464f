/**
 * The transformers.js part of the benchmark on its own (`npx tsx bench/hf.ts [--quick]`): the pipeline against a
 * direct onnxruntime session on the same model, and the cascade's added latency at 0%, 10%, 50% and 100% of
 * messages in the uncertainty band, in Node (bench/lib/node-hf.ts) and in Chromium (bench/lib/chromium-hf.ts, on the
 * bench page, which is built first). `npm run bench` runs the same parts; this writes bench/results/hf.json (or
 * hf-quick.json) only, and leaves latest.json and the README alone.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runChild } from './lib/child.js';
import { buildPage, CHROMIUM_PATH } from './lib/chromium.js';
import { runChromiumHf } from './lib/chromium-hf.js';
import { currentLoad, describeMachine } from './lib/machine.js';
import { FULL_PLAN, QUICK_PLAN } from './lib/plan.js';
import type { Comparison, Result } from './lib/results.js';
import { sig } from './lib/stats.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const plan = values.quick ? QUICK_PLAN : FULL_PLAN;
if (!existsSync(CHROMIUM_PATH)) {
  console.error(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH).`);
  process.exit(1);
}
const began = performance.now();
const machine = describeMachine(CHROMIUM_PATH);
const version = (JSON.parse(readFileSync(new URL('../node_modules/@huggingface/transformers/package.json', import.meta.url), 'utf8')) as { version: string }).version;
console.log(`transformers.js ${version} benchmark (${plan.quick ? 'quick' : 'full'}); ${machine.cpu}, ${machine.cores} cores; load average ${machine.load_average_at_start.join(' / ')}`);
const node = await runChild<{ results: Result[]; comparisons: Comparison[]; details: Record<string, unknown>; checksum: number }>('./node-hf.ts', [JSON.stringify(plan)]);
await buildPage(true);
const browser = await runChromiumHf(plan, version, console.log);
machine.load_average_at_end = currentLoad();
const file = {
  machine: { ...machine, transformers_js: version },
  results: [...node.results, ...browser.results],
  comparisons: [...node.comparisons, ...browser.comparisons],
  details: { node: node.details, chromium: browser.details, plan },
  run: { mode: plan.quick ? 'quick' : 'full', command: `npx tsx bench/hf.ts${plan.quick ? ' --quick' : ''}`, duration_s: sig((performance.now() - began) / 1000, 3), checksum: node.checksum },
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const out = new URL(`./results/${plan.quick ? 'hf-quick' : 'hf'}.json`, import.meta.url);
writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
console.log(`wrote bench/results/${plan.quick ? 'hf-quick' : 'hf'}.json in ${file.run.duration_s} s`);
process.exit(0);
