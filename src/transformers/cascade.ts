import type { Detector, DetectorInput, DetectorResult, Reason } from '../engine/detector.js';
import { LABEL_EXPLANATIONS } from '../engine/explanations.js';
import type { Label } from '../engine/labels.js';
import type { Direction } from '../engine/message.js';
import { modelReasonCode } from './config.js';
import type { HfTextModel } from './text-model.js';

/** Why a configured model did not contribute to a verdict. */
export const SKIP_REASONS = ['budget', 'error', 'loading'] as const;

/** A configured model that a verdict was given without. */
export interface SkippedModel {
  /** The configured model's `id`. */
  readonly model: string;
  /**
   * `budget`: it did not answer within `budgetMs` (or its previous run, which did not either, is still going);
   * `error`: it failed to load or to run; `loading`: it is still loading (the first checks after start).
   */
  readonly reason: (typeof SKIP_REASONS)[number];
}

/** What the cascade adds to one verdict. */
export interface CascadeOutcome {
  /** One entry per model that answered in time, as a detector outcome for the engine's merge. */
  readonly results: readonly { readonly detector: Detector; readonly result: DetectorResult }[];
  readonly skipped: readonly SkippedModel[];
}

/** How long a failed load waits before a check starts another (a failing model is not re-downloaded per message). */
export const RETRY_AFTER_MS = 30_000;

/**
 * A configured model as the engine runs it: loading in the background, a budget per call, and no pile-up behind a
 * run that went over it.
 */
export interface CascadeModel {
  readonly model: HfTextModel;
  /** Whether the engine built the model (and disposes it) or the embedder passed it in. */
  readonly owned: boolean;
  /** A plain detector view of the model, for `versions`, the declared reason codes and standalone use. */
  readonly detector: Detector;
  /** Whether the model should run on a message, given the fast detectors' scores. */
  wanted(fast: Readonly<Partial<Record<Label, number>>>): boolean;
  /** Runs the model within its budget, or says why not. */
  run(text: string, fast: Readonly<Partial<Record<Label, number>>>, direction: Direction): Promise<{ readonly result: DetectorResult } | SkippedModel>;
}

/** The model's scores as a detector result; a reason for each label where the model decided the final (highest) score. */
function toResult(model: HfTextModel, scores: Partial<Record<Label, number>>, fast: Readonly<Partial<Record<Label, number>>>, direction: Direction): DetectorResult {
  const reasons: Reason[] = [];
  for (const label of model.labels) {
    const score = scores[label] ?? 0;
    if (score > 0 && score >= (fast[label] ?? 0)) {
      reasons.push({ code: modelReasonCode(label, model.config.id), label, message: LABEL_EXPLANATIONS[label][direction] });
    }
  }
  return { scores, reasons };
}

/** Wraps a configured model for the engine's cascade. */
export function cascadeModel(model: HfTextModel, options: { readonly owned?: boolean; readonly now?: () => number } = {}): CascadeModel {
  const { owned = true, now = Date.now } = options;
  let inFlight: Promise<unknown> | undefined;
  let lastAttempt = Number.NEGATIVE_INFINITY;

  const startLoad = (): void => {
    lastAttempt = now();
    model.load().catch(() => undefined); // recorded in model.state(); ready() is where a load error is thrown
  };

  const detector: Detector = Object.freeze({
    id: model.detectorId,
    version: model.version,
    labels: model.labels,
    reasonCodes: model.reasonCodes,
    load: () => model.load(),
    async detect({ text, direction }: DetectorInput) {
      return toResult(model, await model.classify(text), {}, direction);
    },
  });

  return {
    model,
    owned,
    detector,
    wanted(fast) {
      if (model.config.run === 'always') return true;
      return model.labels.some((label) => {
        const band = model.config.uncertainty[label];
        const score = fast[label] ?? 0;
        return band !== undefined && score >= band[0] && score <= band[1];
      });
    },
    async run(text, fast, direction) {
      const id = model.config.id;
      const state = model.state();
      if (state === 'idle') {
        startLoad();
        return { model: id, reason: 'loading' };
      }
      if (state === 'loading') return { model: id, reason: 'loading' };
      if (state === 'failed') {
        // Still an error for this verdict; a new load starts in the background at most every RETRY_AFTER_MS.
        if (now() - lastAttempt >= RETRY_AFTER_MS) startLoad();
        return { model: id, reason: 'error' };
      }
      // A run that went over its budget may still be going (a wasm run cannot be interrupted); do not queue behind it.
      if (inFlight) return { model: id, reason: 'budget' };
      const running = model.classify(text);
      const settled = running.then(
        (scores) => ({ scores }),
        () => ({ error: true as const }),
      );
      inFlight = settled;
      void settled.then(() => {
        if (inFlight === settled) inFlight = undefined;
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), model.config.budgetMs)));
      const outcome = await Promise.race([settled, timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout') return { model: id, reason: 'budget' };
      if ('error' in outcome) return { model: id, reason: 'error' };
      return { result: toResult(model, outcome.scores, fast, direction) };
    },
  };
}

/**
 * Runs the wanted models side by side on one message, each within its own budget.
 * Merge rule (applied by the engine with every other detector): per label, the highest score wins.
 */
export async function runCascade(
  models: readonly CascadeModel[],
  text: string,
  fast: Readonly<Partial<Record<Label, number>>>,
  direction: Direction,
): Promise<CascadeOutcome> {
  const wanted = models.filter((entry) => entry.wanted(fast));
  const answers = await Promise.all(wanted.map(async (entry) => ({ entry, answer: await entry.run(text, fast, direction) })));
  const results: { detector: Detector; result: DetectorResult }[] = [];
  const skipped: SkippedModel[] = [];
  for (const { entry, answer } of answers) {
    if ('result' in answer) results.push({ detector: entry.detector, result: answer.result });
    else skipped.push(answer);
  }
  return { results, skipped };
}
