/**
 * ChatGuard's benchmark: every shipped model and the whole guard, in Node (in-process and through
 * the real worker) and in Debian's Chromium (a module worker, 1 and 2 ORT threads), beside its peers.
 *
 *   npm run bench                 full run: writes bench/results/latest.json and latest.svg, and the
 *                                 README's performance section (between its generated markers)
 *   npm run bench -- --quick      smoke run for CI (< 2 min): fewer iterations, no 12-MP image and
 *                                 no nsfwjs, every environment still exercised; writes
 *                                 bench/results/quick.json only
 *   --no-build                    use dist/ as it is (otherwise `npm run build:lib` runs first; the
 *                                 Node worker runs the built file)
 *   --report-only                 regenerate latest.svg and the README section from latest.json
 *
 * Parts run one after another, each heavy one in its own process (bench/lib/child.ts):
 * cold starts and memory (fresh `node` processes, bench/lib/node-cold.ts), warm latencies in Node
 * (bench/lib/node-warm.ts), ChatGuard's image path vs nsfwjs (bench/lib/node-nsfwjs.ts), speed and
 * quality vs natural and obscenity (bench/lib/peers.ts), a Hugging Face model through transformers.js
 * (bench/lib/node-hf.ts: pipeline vs direct session, the cascade's added latency), then Chromium through
 * playwright-core (bench/lib/chromium.ts, then bench/lib/chromium-hf.ts for the transformers.js part). Variants compared are interleaved call by call (block by block across
 * the two Chromium pages); every result feeds a checksum so no work can be optimised away.
 * The machine (CPU, cores, versions, load average at start and end) is recorded with the results.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runChild } from './lib/child.js';
import { buildPage, CHROMIUM_PATH, runChromium } from './lib/chromium.js';
import { runChromiumHf } from './lib/chromium-hf.js';
import { currentLoad, describeMachine } from './lib/machine.js';
import { runNodeCold } from './lib/node-cold.js';
import { FULL_PLAN, QUICK_PLAN, type Plan } from './lib/plan.js';
import { performanceSection, updateReadme } from './lib/readme.js';
import { consoleReport, evaluateTargets, type BenchFile } from './lib/report.js';
import type { Comparison, Result } from './lib/results.js';
import { buildLibrary, measureSizes } from './lib/sizes.js';
import { sig } from './lib/stats.js';
import { renderSvg } from './lib/svg.js';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, 'no-build': { type: 'boolean', default: false }, 'report-only': { type: 'boolean', default: false } },
});

if (values['report-only']) {
  // Regenerates latest.svg and the README section from the committed latest.json, measuring nothing.
  const file = JSON.parse(readFileSync(new URL('./results/latest.json', import.meta.url), 'utf8')) as BenchFile;
  writeFileSync(new URL('./results/latest.svg', import.meta.url), renderSvg(file));
  const updated = updateReadme(fileURLToPath(new URL('../README.md', import.meta.url)), performanceSection(file));
  console.log(`wrote bench/results/latest.svg${updated ? ' and the README performance section' : ''} from latest.json`);
  process.exit(0);
}
const plan: Plan = values.quick ? QUICK_PLAN : FULL_PLAN;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const began = performance.now();
const log = (line: string) => console.log(line);
const elapsed = () => `${Math.round((performance.now() - began) / 1000)} s`;

if (!existsSync(CHROMIUM_PATH)) {
  console.error(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH); the benchmark measures it too.`);
  process.exit(1);
}

const machine = describeMachine(CHROMIUM_PATH);
log(`ChatGuard benchmark, ${plan.quick ? 'quick smoke run' : 'full run'}`);
log(`${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GB; Node ${machine.node}; ${machine.chromium}; load average ${machine.load_average_at_start.join(' / ')}`);

const notes: string[] = [];
const results: Result[] = [];
const comparisons: Comparison[] = [];
const details: Record<string, unknown> = { plan };
let quality: Record<string, unknown> = {};
let checksum = 0;

// ── builds ──
if (!values['no-build']) {
  log('building dist/ (npm run build:lib)…');
  try {
    execFileSync('npm', ['run', '--silent', 'build:lib'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    // tsc emits even with type errors elsewhere in the tree; go on if dist/ is there.
    if (!existsSync(new URL('../dist/node.js', import.meta.url))) throw error;
    notes.push('npm run build:lib reported errors; dist/ was emitted and used anyway');
    log('  build:lib reported errors; using the emitted dist/');
  }
}
if (!plan.quick) log('library bundle (vite build → dist/browser)…');
const libraryBuild = await buildLibrary(plan.quick);
const sizes = measureSizes();
details['builds'] = { library_vite_build_ms: typeof libraryBuild === 'string' ? libraryBuild : sig(libraryBuild) };

// ── Node: cold starts and memory, then warm latencies ──
log(`[${elapsed()}] Node cold starts and memory (fresh processes)…`);
const cold = await runNodeCold(plan, log);
results.push(...cold.results);
details['node_cold'] = cold.details;

log(`[${elapsed()}] Node warm latencies (in-process, worker, per model, ort-web vs ort-node)…`);
type ChildOutput = { results: Result[]; comparisons: Comparison[]; details?: Record<string, unknown>; quality?: Record<string, unknown>; checksum?: number };
const warm = await runChild<ChildOutput>('./node-warm.ts', [JSON.stringify(plan)]);
results.push(...warm.results);
comparisons.push(...warm.comparisons);
details['node_warm'] = warm.details;
checksum += warm.checksum ?? 0;

if (plan.nsfwjs) {
  log(`[${elapsed()}] image path vs nsfwjs (tfjs)…`);
  const nsfwjs = await runChild<ChildOutput>('./node-nsfwjs.ts', [JSON.stringify(plan)], { timeoutMs: 900_000 });
  results.push(...nsfwjs.results);
  comparisons.push(...nsfwjs.comparisons);
  details['nsfwjs'] = nsfwjs.details;
  checksum += nsfwjs.checksum ?? 0;
} else {
  notes.push('quick run: nsfwjs (tfjs) and the 12-megapixel image skipped');
}

log(`[${elapsed()}] text peers (natural naive Bayes, obscenity): speed and quality…`);
const peers = await runChild<ChildOutput>('./peers.ts', [JSON.stringify(plan)]);
results.push(...peers.results);
comparisons.push(...peers.comparisons);
quality = peers.quality ?? {};
checksum += peers.checksum ?? 0;

log(`[${elapsed()}] Hugging Face model (transformers.js): pipeline vs direct session, cascade at 0/10/50/100% uncertain…`);
const hf = await runChild<ChildOutput>('./node-hf.ts', [JSON.stringify(plan)]);
results.push(...hf.results);
comparisons.push(...hf.comparisons);
details['hf_node'] = hf.details;
checksum += hf.checksum ?? 0;

// ── Chromium ──
log(`[${elapsed()}] Chromium: building the bench page…`);
const pageBuildMs = await buildPage(plan.quick);
(details['builds'] as Record<string, unknown>)['bench_page_vite_build_ms'] = pageBuildMs === null ? 'reused (newer than its sources)' : sig(pageBuildMs);
log(`[${elapsed()}] Chromium: cold starts (fresh profiles), then warm runs…`);
const chromium = await runChromium(plan, log);
results.push(...chromium.results);
comparisons.push(...chromium.comparisons);
details['chromium'] = chromium.details;
log(`[${elapsed()}] Chromium: Hugging Face model (transformers.js) pipeline vs direct session, cascade…`);
const transformersVersion = (JSON.parse(readFileSync(new URL('../node_modules/@huggingface/transformers/package.json', import.meta.url), 'utf8')) as { version: string }).version;
const chromiumHf = await runChromiumHf(plan, transformersVersion, log);
results.push(...chromiumHf.results);
comparisons.push(...chromiumHf.comparisons);
details['hf_chromium'] = chromiumHf.details;

// ── report ──
machine.load_average_at_end = currentLoad();
// Other tools read the rows: every one must carry finite numbers. A row without samples is dropped and named in the notes.
const required = ['p50_ms', 'p95_ms', 'p99_ms', 'ops_per_s'] as const;
for (let i = results.length - 1; i >= 0; i--) {
  const row = results[i] as Result;
  if (required.some((key) => !Number.isFinite(row[key])) || (row.cold_ms !== undefined && !Number.isFinite(row.cold_ms)) || (row.rss_mb !== undefined && !Number.isFinite(row.rss_mb))) {
    notes.push(`dropped a row without valid numbers: ${row.name} [${row.env}, ${row.backend}]`);
    results.splice(i, 1);
  }
}
for (let i = comparisons.length - 1; i >= 0; i--) {
  if (!Number.isFinite((comparisons[i] as Comparison).ratio_p50)) {
    notes.push(`dropped a comparison without a valid ratio: ${(comparisons[i] as Comparison).name}`);
    comparisons.splice(i, 1);
  }
}
const targets = evaluateTargets(results, comparisons, details);
notes.push(
  'memory target: judged on what the worker adds (Node: process RSS growth from starting createNodeGuard and loading every model; Chromium: growth of the renderer hosting the page and its worker); totals are given beside it',
  'Chromium timings use performance.now(), coarsened to 100 µs on the 1-thread page (not cross-origin isolated) and 5 µs on the 2-thread page',
  'cold: every Node start is a fresh plain-node process; every Chromium start a fresh browser and temporary profile; the server sends no-store',
);
const file: BenchFile = {
  machine,
  results,
  comparisons,
  targets,
  quality,
  sizes,
  details,
  run: { mode: plan.quick ? 'quick' : 'full', command: plan.quick ? 'npm run bench -- --quick' : 'npm run bench', duration_s: sig((performance.now() - began) / 1000, 3), checksum, notes },
};
console.log(`\n${consoleReport(file)}\n`);

const resultsDir = new URL('./results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const json = `${JSON.stringify(file, null, 2)}\n`;
if (plan.quick) {
  writeFileSync(new URL('quick.json', resultsDir), json);
  log(`wrote bench/results/quick.json (${elapsed()})`);
} else {
  writeFileSync(new URL('latest.json', resultsDir), json);
  writeFileSync(new URL('latest.svg', resultsDir), renderSvg(file));
  const updated = updateReadme(fileURLToPath(new URL('../README.md', import.meta.url)), performanceSection(file));
  log(`wrote bench/results/latest.json, latest.svg${updated ? ' and the README performance section' : ' (README has no "## What reports contain" heading: section not written)'} (${elapsed()})`);
}
process.exit(0);
