/**
 * Cold starts and memory in Node: every start is a fresh `node` process running
 * `cold-child.mjs` on the built package (no tsx loader in it). The engine and the worker take
 * turns, and each model is loaded alone in its own process (so each pays the ORT wasm start-up).
 */
import { runChild } from './child.js';
import { TEXTS } from './inputs.js';
import type { Plan } from './plan.js';
import { BACKENDS, coldResult, type Result } from './results.js';
import { sig } from './stats.js';

interface Memory {
  readonly rss_mb: number;
  readonly heap_used_mb: number;
  readonly external_mb: number;
  readonly array_buffers_mb: number;
  readonly peak_rss_mb: number;
}

interface StartOutput {
  readonly import_ms?: number;
  readonly worker_ready_ms?: number;
  readonly first_verdict_ms: number;
  readonly first_image_ms: number;
  readonly memory_before: Memory;
  readonly memory_text_and_links: Memory;
  readonly memory_all_loaded: Memory;
  readonly warm_runtime_load_ms?: Record<string, number>;
}

interface ModelOutput {
  readonly import_ms: number;
  readonly load_ms: number;
  readonly first_run_ms: number;
  readonly memory_before: Memory;
  readonly memory_loaded: Memory;
}

const MODEL_LABELS: Readonly<Record<string, string>> = {
  'text-linear': 'cold: load text-linear (read, sha256, session, warm-up run)',
  'url-linear': 'cold: load url-linear + blocklist + lists',
  'nsfw-mobilenet-v2-int8': 'cold: load nsfw-mobilenet-v2-int8',
  'nsfw-mobilenet-v2': 'cold: load nsfw-mobilenet-v2 (fp32)',
};

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;

/** What the Node cold part measured. */
export interface NodeColdOutcome {
  readonly results: Result[];
  readonly details: Record<string, unknown>;
}

/** Runs the fresh-process measurements of `plan`. */
export async function runNodeCold(plan: Plan, log: (line: string) => void): Promise<NodeColdOutcome> {
  const text = TEXTS.typical[0] as string;
  const starts: Record<'engine' | 'worker', StartOutput[]> = { engine: [], worker: [] };
  for (let r = 0; r < plan.coldRepeats; r++) {
    for (const mode of r % 2 === 0 ? (['engine', 'worker'] as const) : (['worker', 'engine'] as const)) {
      starts[mode].push(await runChild<StartOutput>('./cold-child.mjs', [mode, text], { plainNode: true, timeoutMs: 120_000 }));
    }
  }
  const loads: Record<string, ModelOutput[]> = {};
  for (let r = 0; r < plan.modelColdRepeats; r++) {
    for (const id of Object.keys(MODEL_LABELS)) {
      (loads[id] ??= []).push(await runChild<ModelOutput>('./cold-child.mjs', [`model:${id}`, text], { plainNode: true, timeoutMs: 120_000 }));
    }
  }

  const results: Result[] = [];
  const W1 = BACKENDS.ortWeb1;
  for (const [mode, env] of [
    ['engine', 'node'],
    ['worker', 'node-worker'],
  ] as const) {
    const runs = starts[mode];
    if (mode === 'worker') results.push(coldResult('cold: worker ready (thread start, module load, init; no model)', env, W1, runs.map((s) => s.worker_ready_ms ?? Number.NaN)));
    results.push(coldResult('cold: first verdict (worker start, ORT init, text + link models)', env, W1, runs.map((s) => s.first_verdict_ms)));
    results.push(coldResult('cold: first image check (nsfw int8 load + run)', env, W1, runs.map((s) => s.first_image_ms)));
    results.push(
      coldResult(
        `cold: all models loaded (first verdict + first image); ${mode === 'engine' ? 'process RSS' : 'process RSS (host + worker)'}`,
        env,
        W1,
        runs.map((s) => s.first_verdict_ms + s.first_image_ms),
        median(runs.map((s) => s.memory_all_loaded.rss_mb)),
      ),
    );
  }
  for (const [id, runs] of Object.entries(loads)) {
    results.push(coldResult(MODEL_LABELS[id] as string, 'node', W1, runs.map((l) => l.load_ms), median(runs.map((l) => l.memory_loaded.rss_mb))));
  }
  const warmLoads = starts.engine.map((s) => s.warm_runtime_load_ms ?? {});
  for (const id of Object.keys(warmLoads[0] ?? {})) {
    results.push(coldResult(`load ${id} again, runtime already started (load + first run)`, 'node', W1, warmLoads.map((l) => l[id] ?? Number.NaN)));
  }

  const memory = (runs: readonly StartOutput[]) => {
    const pick = (f: (s: StartOutput) => number) => sig(median(runs.map(f)));
    return {
      rss_before_mb: pick((s) => s.memory_before.rss_mb),
      rss_text_and_links_mb: pick((s) => s.memory_text_and_links.rss_mb),
      rss_all_loaded_mb: pick((s) => s.memory_all_loaded.rss_mb),
      rss_growth_mb: pick((s) => s.memory_all_loaded.rss_mb - s.memory_before.rss_mb),
      peak_rss_mb: pick((s) => s.memory_all_loaded.peak_rss_mb),
      js_heap_used_mb: pick((s) => s.memory_all_loaded.heap_used_mb),
      external_mb: pick((s) => s.memory_all_loaded.external_mb),
      array_buffers_mb: pick((s) => s.memory_all_loaded.array_buffers_mb),
    };
  };
  const details = {
    runtime: 'plain `node` on dist/ (no tsx loader in the measured process)',
    engine_memory: { ...memory(starts.engine), note: 'createEngine in the main thread; js heap and external are that thread’s (ORT’s wasm memory is outside the JS heap and shows in RSS)' },
    worker_memory: {
      ...memory(starts.worker),
      note: 'createNodeGuard: RSS is the whole process (host thread + worker thread); growth is what starting the worker and loading every model added; js heap is the host thread’s only',
    },
    import_ms: sig(median(starts.engine.map((s) => s.import_ms ?? Number.NaN))),
    first_verdict_since_process_start_ms: sig(median(starts.engine.map((s) => (s as { first_verdict_since_process_start_ms?: number }).first_verdict_since_process_start_ms ?? Number.NaN))),
    model_first_run_ms: Object.fromEntries(Object.entries(loads).map(([id, runs]) => [id, sig(median(runs.map((l) => l.first_run_ms)))])),
    model_rss_growth_mb: Object.fromEntries(Object.entries(loads).map(([id, runs]) => [id, sig(median(runs.map((l) => l.memory_loaded.rss_mb - l.memory_before.rss_mb)))])),
  };
  log(
    `  node cold: first verdict in-process ${sig(median(starts.engine.map((s) => s.first_verdict_ms)))} ms, worker ${sig(median(starts.worker.map((s) => s.first_verdict_ms)))} ms; worker process RSS ${details.worker_memory.rss_all_loaded_mb} MiB`,
  );
  return { results, details };
}
