/**
 * False alarms of the pattern rules on real everyday text, a larger check than the hand-written
 * benign fixtures: the data sets' benign messages (SMS ham, Davidson's "neither" tweets, every split:
 * the rules never learned from them), each read as incoming and as outgoing.
 */
import type { Detector } from '../../src/engine/detector.js';
import type { TextExample } from './data.js';

export interface BenignDataFlags {
  readonly texts: string;
  /** Texts × 2 directions. */
  readonly checks: number;
  /** Checks where a pattern detector scored the label ≥ 0.5. */
  readonly flagged: Record<string, number>;
  /** Checks with any label flagged, over all checks. */
  readonly rate: number;
}

const SPAM = 0;

/** Whether `example` is a data set's benign everyday message. */
export function isBenignChat(example: TextExample): boolean {
  return (example.source === 'sms' && example.targets[SPAM] === 0) || example.davidsonClass === 'neither';
}

/** Runs `detectors` on every benign everyday message of `examples`, in both directions. */
export async function benignDataFlags(examples: readonly TextExample[], detectors: readonly Detector[]): Promise<BenignDataFlags> {
  const flagged: Record<string, number> = {};
  let checks = 0;
  let anyFlagged = 0;
  for (const example of examples.filter(isBenignChat)) {
    for (const direction of ['incoming', 'outgoing'] as const) {
      checks += 1;
      const labels = new Set<string>();
      for (const detector of detectors) {
        const { scores } = await detector.detect({ text: example.text, direction, message: { text: example.text } });
        for (const [label, score] of Object.entries(scores)) if ((score ?? 0) >= 0.5) labels.add(label);
      }
      for (const label of labels) flagged[label] = (flagged[label] ?? 0) + 1;
      if (labels.size > 0) anyFlagged += 1;
    }
  }
  return {
    texts: "SMS Spam Collection ham and Davidson et al. 'neither' tweets, all splits, each checked as incoming and outgoing",
    checks,
    flagged,
    rate: checks ? anyFlagged / checks : 0,
  };
}
