/**
 * Turns the measurements into the issue's targets (met or not), the console table and the
 * results file's shape.
 */
import { BUCKET_LABELS } from './inputs.js';
import type { Machine } from './machine.js';
import { BACKENDS, resultKey, type Comparison, type Env, type Result } from './results.js';
import { sig } from './stats.js';

/** One target of the issue, with what was measured. */
export interface Target {
  readonly target: string;
  readonly measured: string;
  /** null when the run did not measure it (the quick run skips nsfwjs). */
  readonly met: boolean | null;
}

/** `bench/results/latest.json`. Other tools read `machine`, `results` and `comparisons`. */
export interface BenchFile {
  readonly machine: Machine;
  readonly results: Result[];
  readonly comparisons: Comparison[];
  readonly targets: Target[];
  readonly quality: Record<string, unknown>;
  readonly sizes: Record<string, unknown>;
  readonly details: Record<string, unknown>;
  readonly run: { readonly mode: 'full' | 'quick'; readonly command: string; readonly duration_s: number; readonly checksum: number; readonly notes: readonly string[] };
}

export const TYPICAL_INCOMING = `checkIncoming ${BUCKET_LABELS.typical}`;
export const COLD_VERDICT = 'cold: first verdict (worker start, ORT init, text + link models)';

export function findResult(results: readonly Result[], name: string, env: Env, backend: string = BACKENDS.ortWeb1): Result | undefined {
  return results.find((r) => r.name === name && r.env === env && r.backend === backend);
}

const ms = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? 'not measured' : `${sig(value, 3)} ms`);
const verdict = (value: number | undefined, limit: number, atMost = true): boolean | null =>
  value === undefined || !Number.isFinite(value) ? null : atMost ? value <= limit : value >= limit;

/** Evaluates the issue's targets on a run. */
export function evaluateTargets(results: readonly Result[], comparisons: readonly Comparison[], details: Record<string, unknown>): Target[] {
  const targets: Target[] = [];
  const inProcess = findResult(results, TYPICAL_INCOMING, 'node');
  targets.push({ target: 'whole checkIncoming, typical text with one link, in-process (Node) p50 ≤ 0.3 ms', measured: `p50 ${ms(inProcess?.p50_ms)}`, met: verdict(inProcess?.p50_ms, 0.3) });
  const browser = findResult(results, TYPICAL_INCOMING, 'chromium-worker');
  const browser2 = findResult(results, TYPICAL_INCOMING, 'chromium-worker', BACKENDS.ortWeb2);
  targets.push({
    target: 'same, through the worker in Chromium, p95 ≤ 2 ms',
    measured: `p95 ${ms(browser?.p95_ms)} (1 thread; 2 threads: ${ms(browser2?.p95_ms)})`,
    met: verdict(browser?.p95_ms, 2),
  });
  const nodeWorker = findResult(results, COLD_VERDICT, 'node-worker');
  const nodeEngine = findResult(results, COLD_VERDICT, 'node');
  targets.push({
    target: 'cold start to first verdict, text and link models, Node ≤ 300 ms',
    measured: `${ms(nodeWorker?.cold_ms)} through the worker (in-process: ${ms(nodeEngine?.cold_ms)})`,
    met: verdict(nodeWorker?.cold_ms, 300),
  });
  const chromium1 = findResult(results, COLD_VERDICT, 'chromium-worker');
  const chromium2 = findResult(results, COLD_VERDICT, 'chromium-worker', BACKENDS.ortWeb2);
  targets.push({
    target: 'same in Chromium ≤ 1 s',
    measured: `${ms(chromium1?.cold_ms)} (1 thread; 2 threads: ${ms(chromium2?.cold_ms)})`,
    met: verdict(chromium1?.cold_ms, 1000),
  });
  const image = comparisons.find((c) => c.name === 'image path, nsfwjs/tfjs vs ChatGuard ONNX int8, 224×224');
  targets.push({
    target: 'image path ≥ 2× faster than nsfwjs’s tfjs path (ratio of p50s, 224×224, Node)',
    measured: image ? `${sig(image.ratio_p50, 3)}×` : 'not measured (the quick run skips nsfwjs)',
    met: image ? image.ratio_p50 >= 2 : null,
  });
  const nodeMemory = (details['node_cold'] as { worker_memory?: { rss_growth_mb: number; rss_all_loaded_mb: number; rss_before_mb: number } } | undefined)?.worker_memory;
  const chromiumGrowth = (details['chromium'] as { threads_1?: { renderer_rss_growth_mb: number[]; renderer_rss_mb_all_loaded: number[] } } | undefined)?.threads_1;
  const median = (values: readonly number[] | undefined) => (values && values.length > 0 ? ([...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number) : undefined);
  const browserGrowth = median(chromiumGrowth?.renderer_rss_growth_mb);
  const browserTotal = median(chromiumGrowth?.renderer_rss_mb_all_loaded);
  const mb = (value: number | undefined) => (value === undefined ? 'not measured' : `${sig(value, 3)} MB`);
  targets.push({
    target: 'memory with all models loaded ≤ 150 MB RSS in the worker',
    measured: `Node worker: +${mb(nodeMemory?.rss_growth_mb)} (process ${mb(nodeMemory?.rss_all_loaded_mb)} incl. a ${mb(nodeMemory?.rss_before_mb)} host); Chromium: renderer +${mb(browserGrowth)} (renderer ${mb(browserTotal)})`,
    met: nodeMemory === undefined || browserGrowth === undefined ? null : nodeMemory.rss_growth_mb <= 150 && browserGrowth <= 150,
  });
  return targets;
}

const pad = (value: string, width: number) => (value.length >= width ? value.slice(0, width) : value + ' '.repeat(width - value.length));
const lpad = (value: string, width: number) => (value.length >= width ? value : ' '.repeat(width - value.length) + value);
const num = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '' : String(sig(value, 3)));

const SHORT_BACKEND: Readonly<Record<string, string>> = {
  [BACKENDS.ortWeb1]: 'ort-web 1t',
  [BACKENDS.ortWeb2]: 'ort-web 2t',
  [BACKENDS.ortNode1]: 'ort-node 1t',
  [BACKENDS.tfjsCpu]: 'tfjs cpu',
  [BACKENDS.js]: 'js',
  [BACKENDS.natural]: 'natural',
  [BACKENDS.obscenity]: 'obscenity',
};

/** The console table: every result, then comparisons and targets. */
export function consoleReport(file: BenchFile): string {
  const lines: string[] = [];
  const header = `${pad('name', 78)} ${pad('env', 15)} ${pad('backend', 11)} ${lpad('p50 ms', 9)} ${lpad('p95 ms', 9)} ${lpad('p99 ms', 9)} ${lpad('ops/s', 9)} ${lpad('cold ms', 8)} ${lpad('RSS MB', 7)}`;
  lines.push(header, '─'.repeat(header.length));
  for (const r of file.results) {
    lines.push(
      `${pad(r.name, 78)} ${pad(r.env, 15)} ${pad(SHORT_BACKEND[r.backend] ?? r.backend, 11)} ${lpad(num(r.p50_ms), 9)} ${lpad(num(r.p95_ms), 9)} ${lpad(num(r.p99_ms), 9)} ${lpad(num(r.ops_per_s), 9)} ${lpad(num(r.cold_ms), 8)} ${lpad(num(r.rss_mb), 7)}`,
    );
  }
  lines.push('', 'comparisons (ratio_p50 = a.p50 / b.p50; > 1 means b is faster)');
  for (const c of file.comparisons) lines.push(`  ${lpad(`${sig(c.ratio_p50, 3)}×`, 8)}  ${c.name}`);
  lines.push('', 'quality on the same items (precision / recall / F1)');
  for (const [set, block] of Object.entries(file.quality)) {
    const systems = (block as { systems?: { name: string; precision: number; recall: number; f1: number }[] }).systems;
    if (!systems) continue;
    lines.push(`  ${set}:`);
    for (const s of systems) lines.push(`    ${pad(s.name, 84)} ${s.precision.toFixed(3)} / ${s.recall.toFixed(3)} / ${s.f1.toFixed(3)}`);
  }
  lines.push('', `checksum of every result (so no work could be optimised away): ${file.run.checksum}`);
  for (const note of file.run.notes) lines.push(`note: ${note}`);
  lines.push('', 'targets');
  for (const t of file.targets) lines.push(`  ${t.met === null ? '  n/a  ' : t.met ? '  met  ' : 'NOT MET'}  ${t.target}: ${t.measured}`);
  return lines.join('\n');
}

export { resultKey };
