/** How much each part of the benchmark does: the full run, or the `--quick` smoke run for CI. */
export interface Plan {
  readonly quick: boolean;
  /** Timed calls per text measurement in Node (per bucket and direction). */
  readonly textIterations: number;
  /** Timed calls per text measurement in Chromium. */
  readonly browserTextIterations: number;
  readonly textWarmup: number;
  /** Timed calls per 224×224 image measurement. */
  readonly imageIterations: number;
  readonly imageWarmup: number;
  /** Measure the 12-megapixel image (drawn at run time). */
  readonly bigImage: boolean;
  readonly bigImageIterations: number;
  /** Compare with nsfwjs's tfjs path (slow: about 1.5 s per image on one core). */
  readonly nsfwjs: boolean;
  readonly tfjsIterations: number;
  readonly tfjsBigIterations: number;
  /** Fresh Node processes per cold-start measurement (engine, worker) and per model. */
  readonly coldRepeats: number;
  readonly modelColdRepeats: number;
  /** Fresh browsers per thread setting. */
  readonly chromiumColdRepeats: number;
  /** Load each model cold in a fresh Chromium worker too (several seconds per model). */
  readonly chromiumModelCold: boolean;
  /** Measure the worker's JS memory with measureUserAgentSpecificMemory (waits for a GC in every realm: up to a minute). */
  readonly chromiumJsMemory: boolean;
  /** Blocks the Chromium warm measurements alternate in. */
  readonly chromiumBlocks: number;
}

export const FULL_PLAN: Plan = Object.freeze({
  quick: false,
  textIterations: 2000,
  browserTextIterations: 1000,
  textWarmup: 200,
  imageIterations: 40,
  imageWarmup: 5,
  bigImage: true,
  bigImageIterations: 8,
  nsfwjs: true,
  tfjsIterations: 8,
  tfjsBigIterations: 3,
  coldRepeats: 5,
  modelColdRepeats: 3,
  chromiumColdRepeats: 3,
  chromiumModelCold: true,
  chromiumJsMemory: true,
  chromiumBlocks: 4,
});

export const QUICK_PLAN: Plan = Object.freeze({
  quick: true,
  textIterations: 150,
  browserTextIterations: 60,
  textWarmup: 20,
  imageIterations: 4,
  imageWarmup: 1,
  bigImage: false,
  bigImageIterations: 0,
  nsfwjs: false,
  tfjsIterations: 0,
  tfjsBigIterations: 0,
  coldRepeats: 1,
  modelColdRepeats: 0,
  chromiumColdRepeats: 1,
  chromiumModelCold: false,
  chromiumJsMemory: false,
  chromiumBlocks: 1,
});
