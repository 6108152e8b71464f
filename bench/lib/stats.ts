/**
 * Timing statistics and the interleaved runner shared by every part of the benchmark. Pure: no
 * Node or DOM imports, so the browser bench page and its worker use the same code.
 */

/** Latency summary of one series of timed calls. */
export interface Summary {
  readonly n: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly p99_ms: number;
  readonly mean_ms: number;
  /** Sequential calls per second: n divided by the summed call time. */
  readonly ops_per_s: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..1). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Rounds to `digits` significant digits (stable JSON, no false precision). */
export function sig(value: number, digits = 4): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/** Summarises call durations in milliseconds. */
export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(samples).sort();
  let total = 0;
  for (const value of sorted) total += value;
  return {
    n: sorted.length,
    p50_ms: sig(percentile(sorted, 0.5)),
    p95_ms: sig(percentile(sorted, 0.95)),
    p99_ms: sig(percentile(sorted, 0.99)),
    mean_ms: sig(total / Math.max(1, sorted.length)),
    ops_per_s: sig(total > 0 ? (sorted.length * 1000) / total : Number.NaN),
  };
}

/** One side of an interleaved comparison: `run(i)` does call number i and returns a number to consume. */
export interface Variant {
  readonly id: string;
  /** Work to do before the call that must not be timed (copying a buffer the call will transfer away). */
  readonly prepare?: (i: number) => unknown;
  readonly run: (i: number, prepared: unknown) => Promise<number> | number;
}

/** A sink every result flows into, printed at the end, so that no work can be optimised away. */
export const sink = { value: 0 };

/** Folds any result into the sink. Numbers add; other values add a cheap fingerprint. */
export function consume(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? value.length : value ? 1 : 0;
  if (Number.isFinite(n)) sink.value = (sink.value + n) % 1e9;
  return n;
}

/** Runs variants call by call, the order rotating every round, after `warmup` untimed rounds. */
export async function interleave(
  variants: readonly Variant[],
  iterations: number,
  warmup: number,
  clock: () => number = () => performance.now(),
): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = {};
  for (const variant of variants) samples[variant.id] = [];
  for (let round = 0; round < warmup + iterations; round++) {
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(k + round) % variants.length] as Variant;
      const prepared = variant.prepare?.(round);
      const start = clock();
      consume(await variant.run(round, prepared));
      const elapsed = clock() - start;
      if (round >= warmup) (samples[variant.id] as number[]).push(elapsed);
    }
  }
  return samples;
}

/** Times `run` on its own: `warmup` untimed calls, then `iterations` timed ones. */
export async function timeSeries(
  run: (i: number, prepared: unknown) => Promise<number> | number,
  iterations: number,
  warmup: number,
  prepare?: (i: number) => unknown,
  clock?: () => number,
): Promise<number[]> {
  const variant: Variant = prepare ? { id: 'only', run, prepare } : { id: 'only', run };
  return (await interleave([variant], iterations, warmup, clock))['only'] as number[];
}
