/**
 * The per-label operating points: the one thing fitted on the validation split (and, in `--tune`,
 * on the development split the same way).
 */
import { TEXT_MODEL_LABELS, type TextModelLabel } from '../../src/text/text-model-detector.js';
import type { TextExample, TextSource } from './data.js';
import { TOXICITY_FROM } from './linear.js';
import { bestF1Threshold, binaryMetrics, labelColumn, thresholdForPrecision, type BinaryMetrics } from './metrics.js';

const LABELS = TEXT_MODEL_LABELS;

/** Precision floors for the labels whose data carries a known annotation bias (see the manifest). */
export const PRECISION_TARGETS: Partial<Record<TextModelLabel, number>> = { harassment: 0.9, hate: 0.45, threat: 0.45 };

/** The most a toxicity label may flag of the SMS ham messages, the closest thing to everyday chat we have. */
export const CHAT_FALSE_POSITIVE_BUDGET = 0.01;

/** Spam's operating point is set on SMS alone: chat looks like SMS, not like e-mail. */
export const CALIBRATION_SOURCES: Partial<Record<TextModelLabel, TextSource>> = { spam: 'sms' };

/** How the thresholds are chosen, in words, for the sidecar. */
export const CALIBRATION_RULE =
  'F1-maximising threshold on the validation split (spam: on SMS only, chat being closer to SMS than to e-mail); harassment, hate and threat: the best-F1 threshold among those reaching precision 0.9, 0.45 and 0.45 respectively, because Davidson over-flags African-American English and a false accusation of abuse, hate or a threat costs more than a miss (where no threshold reaches the floor the label flags nothing at the default operating point: the best-F1 point of threat, on 27 validation positives, sat at precision 0.15 and flagged everyday hyperbole such as “this game is killing me”); harassment, hate, threat and sexual are then raised where needed so that at most 1% of SMS ham validation messages (everyday chat) are flagged';

/** The lowest threshold that flags at most {@link CHAT_FALSE_POSITIVE_BUDGET} of SMS ham for label `l`. */
function chatBudgetThreshold(examples: readonly TextExample[], probabilities: readonly Float64Array[], l: number): number {
  const ham = labelColumn(examples, probabilities, l, (example) => example.source === 'sms').scores.sort((a, b) => b - a);
  const allowed = Math.floor(ham.length * CHAT_FALSE_POSITIVE_BUDGET);
  const above = ham[allowed] ?? 0; // the highest score that must stay below the threshold
  return above + 1e-6;
}

/** One threshold per label by {@link CALIBRATION_RULE}, rounded to 6 decimals. */
export function calibrateThresholds(examples: readonly TextExample[], probabilities: readonly Float64Array[]): number[] {
  return LABELS.map((label, l) => {
    const only = CALIBRATION_SOURCES[label];
    const { scores, targets } = labelColumn(examples, probabilities, l, (example) => !only || example.source === only);
    const floor = PRECISION_TARGETS[label];
    const threshold = floor ? thresholdForPrecision(scores, targets, floor) : bestF1Threshold(scores, targets);
    const chat = l >= TOXICITY_FROM ? chatBudgetThreshold(examples, probabilities, l) : 0;
    return Number(Math.max(threshold, chat).toFixed(6));
  });
}

/** Metrics of one label over all annotated examples, plus per data source. */
export type LabelReport = BinaryMetrics & { by_source: Record<string, BinaryMetrics> };

/** Per-label metrics at the given thresholds, on all annotated examples and per data source. */
export function metricsAt(
  examples: readonly TextExample[],
  probabilities: readonly Float64Array[],
  thresholds: readonly number[],
): Record<string, LabelReport> {
  const out: Record<string, LabelReport> = {};
  LABELS.forEach((label, l) => {
    const all = labelColumn(examples, probabilities, l);
    const bySource: Record<string, BinaryMetrics> = {};
    for (const source of new Set(examples.map((example) => example.source))) {
      const column = labelColumn(examples, probabilities, l, (example) => example.source === source);
      if (column.targets.includes(1) && column.targets.includes(0)) {
        bySource[source] = binaryMetrics(column.scores, column.targets, thresholds[l] as number);
      }
    }
    out[label] = { ...binaryMetrics(all.scores, all.targets, thresholds[l] as number), by_source: bySource };
  });
  return out;
}
