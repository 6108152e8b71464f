/**
 * The shape of `bench/results/latest.json` (other tools read it) and helpers to build it.
 * Pure, so the bench page can build result rows too.
 */
import { sig, summarize, type Summary } from './stats.js';

/** Where a measurement ran. */
export type Env = 'node' | 'node-worker' | 'chromium-worker';

/** One row of `results`. `cold_ms` is the median of fresh starts; `rss_mb` is resident memory where measured. */
export interface Result {
  readonly name: string;
  readonly env: Env;
  readonly backend: string;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly p99_ms: number;
  readonly ops_per_s: number;
  readonly cold_ms?: number;
  readonly rss_mb?: number;
}

/**
 * One row of `comparisons`: `a` and `b` name results as `"<name> [<env>, <backend>]"` (see
 * {@link resultKey}); `ratio_p50 = a.p50_ms / b.p50_ms`, so a ratio above 1 means `b` is faster.
 * Both sides were measured interleaved, call by call (or block by block in Chromium).
 */
export interface Comparison {
  readonly name: string;
  readonly a: string;
  readonly b: string;
  readonly ratio_p50: number;
}

/** The key comparisons use to name a result. */
export function resultKey(result: Pick<Result, 'name' | 'env' | 'backend'>): string {
  return `${result.name} [${result.env}, ${result.backend}]`;
}

/** Builds a result row from raw samples (ms). */
export function resultFrom(
  name: string,
  env: Env,
  backend: string,
  samples: ArrayLike<number>,
  extra: { cold_ms?: number; rss_mb?: number } = {},
): Result {
  const s: Summary = summarize(samples);
  return {
    name,
    env,
    backend,
    p50_ms: s.p50_ms,
    p95_ms: s.p95_ms,
    p99_ms: s.p99_ms,
    ops_per_s: s.ops_per_s,
    ...(extra.cold_ms === undefined ? {} : { cold_ms: sig(extra.cold_ms) }),
    ...(extra.rss_mb === undefined ? {} : { rss_mb: sig(extra.rss_mb) }),
  };
}

/** Builds a row for cold starts: the percentiles are over fresh starts, `cold_ms` is their median. */
export function coldResult(name: string, env: Env, backend: string, starts: readonly number[], rssMb?: number): Result {
  const s = summarize(starts);
  return resultFrom(name, env, backend, starts, { cold_ms: s.p50_ms, ...(rssMb === undefined ? {} : { rss_mb: rssMb }) });
}

/** Compares two results; `ratio_p50 = a.p50 / b.p50`. */
export function compare(name: string, a: Result, b: Result): Comparison {
  return { name, a: resultKey(a), b: resultKey(b), ratio_p50: sig(a.p50_ms / b.p50_ms, 3) };
}

/** Backend labels, written the same way everywhere. */
export const BACKENDS = {
  ortWeb1: 'onnxruntime-web wasm, 1 thread',
  ortWeb2: 'onnxruntime-web wasm, 2 threads',
  ortNode1: 'onnxruntime-node cpu, 1 thread',
  tfjsCpu: 'tfjs cpu backend (nsfwjs)',
  js: 'plain JS',
  natural: 'natural BayesClassifier',
  obscenity: 'obscenity RegExpMatcher',
} as const;
