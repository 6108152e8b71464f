/**
 * Hugging Face models in Chromium (the bench page, 1 ORT thread, one fresh browser): the transformers.js pipeline
 * against a direct onnxruntime-web session on the same model inside a module worker, and the cascade's added
 * latency on whole `checkIncoming` round trips at 0%, 10%, 50% and 100% of messages in the uncertainty band.
 * Runs after bench/lib/chromium.ts, on the page it built.
 */
import type { BenchPage } from '../browser/main.js';
import { launchChromium } from '../../test/browser/launch.js';
import { CASCADE_RATES } from './hf-bench.js';
import type { Plan } from './plan.js';
import { BACKENDS, compare, resultFrom, type Comparison, type Result } from './results.js';
import { startBenchServer } from './server.js';
import { sig } from './stats.js';

type Bench = { bench: BenchPage };
const MODEL = 'chatguard-wordpiece-bag';

/** Runs the Chromium measurements of the transformers.js part. */
export async function runChromiumHf(plan: Plan, version: string, log: (line: string) => void): Promise<{ results: Result[]; comparisons: Comparison[]; details: Record<string, unknown> }> {
  const results: Result[] = [];
  const comparisons: Comparison[] = [];
  const details: Record<string, unknown> = {};
  const server = await startBenchServer({ isolated: false });
  const browser = await launchChromium(undefined, 'chatguard-bench-hf-');
  const { context } = browser;
  const foreign: string[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).origin !== new URL(server.url).origin) foreign.push(request.url());
  });
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`  [page error] ${error.message}`));
    await page.goto(`${server.url}?threads=1`);
    await page.waitForFunction(() => typeof (globalThis as unknown as Partial<Bench>).bench === 'object', undefined, { timeout: 30_000 });

    const pipeline = `transformers.js ${version} pipeline on ${BACKENDS.ortWeb1}`;
    const pair = await page.evaluate(([n, w]) => (globalThis as unknown as Bench).bench.hfPipelineVsSession(n, w), [plan.browserTextIterations, plan.textWarmup] as const);
    const rows = {
      pipeline: resultFrom(`${MODEL}: transformers.js pipeline(text), whole call`, 'chromium-worker', pipeline, pair['pipeline'] ?? []),
      tokenize: resultFrom(`${MODEL}: tokenizer alone (transformers.js)`, 'chromium-worker', BACKENDS.js, pair['tokenize'] ?? []),
      tokenizeRun: resultFrom(`${MODEL}: tokenizer + direct session.run`, 'chromium-worker', BACKENDS.ortWeb1, pair['tokenize-run'] ?? []),
      run: resultFrom(`${MODEL}: direct session.run, pre-tokenized`, 'chromium-worker', BACKENDS.ortWeb1, pair['run'] ?? []),
    };
    results.push(...Object.values(rows));
    comparisons.push(
      compare(`${MODEL}: transformers.js pipeline vs direct onnxruntime-web session.run (same model, Chromium worker)`, rows.pipeline, rows.run),
      compare(`${MODEL}: transformers.js pipeline vs its tokenizer + direct session.run (Chromium worker)`, rows.pipeline, rows.tokenizeRun),
    );
    details['pipeline_overhead_ms'] = { pipeline_minus_session_run_p50: sig(rows.pipeline.p50_ms - rows.run.p50_ms), pipeline_minus_tokenizer_and_session_run_p50: sig(rows.pipeline.p50_ms - rows.tokenizeRun.p50_ms) };
    log(`  chromium hf: pipeline p50 ${rows.pipeline.p50_ms} ms vs direct session.run ${rows.run.p50_ms} ms`);

    const added: Record<string, unknown> = {};
    for (const rate of CASCADE_RATES) {
      const measured = await page.evaluate(([r, n, w]) => (globalThis as unknown as Bench).bench.hfCascade(r, n, w), [rate, plan.browserTextIterations, plan.textWarmup] as const);
      const label = `${Math.round(rate * 100)}% of messages in the band`;
      const fast = resultFrom(`cascade stream, ${label}: checkIncoming, fast detectors only`, 'chromium-worker', BACKENDS.ortWeb1, measured.fast);
      const withModel = resultFrom(`cascade stream, ${label}: checkIncoming, fast + ${MODEL} when-uncertain`, 'chromium-worker', `${BACKENDS.ortWeb1} + ${pipeline}`, measured.cascade);
      results.push(fast, withModel);
      comparisons.push(compare(`cascade vs fast only, ${label} (Chromium worker)`, withModel, fast));
      added[label] = { p50_ms: sig(withModel.p50_ms - fast.p50_ms), p95_ms: sig(withModel.p95_ms - fast.p95_ms), model_calls: measured.model_calls, skipped: measured.skipped };
      details['cascade_inputs'] = { in_band: measured.in_band, out_of_band: measured.out_of_band, band: [0.2, 0.8] };
      log(`  chromium hf: cascade at ${label}: +${sig(withModel.p50_ms - fast.p50_ms)} ms p50, +${sig(withModel.p95_ms - fast.p95_ms)} ms p95`);
    }
    details['cascade_added_ms'] = added;
    details['requests_outside_the_page_origin'] = foreign;
    await page.evaluate(() => (globalThis as unknown as Bench).bench.dispose());
  } finally {
    await browser.close();
    await server.close();
  }
  return { results, comparisons, details };
}
