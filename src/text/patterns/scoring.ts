import type { DetectorResult, Reason } from '../../engine/detector.js';
import type { Label } from '../../engine/labels.js';
import type { Direction } from '../../engine/message.js';
import type { CueReader } from './cue.js';

/**
 * What a reason tells the user: one sentence, or one per direction when the person at risk differs
 * (the writer of an outgoing message, the reader of an incoming one). Fixed text, never built from
 * the message, because reasons can end up in reports.
 */
export type ReasonText = string | Readonly<Record<Direction, string>>;

/** One explained pattern family: its stable reason code and what the user reads when it fires. */
export interface Family {
  readonly code: string;
  readonly label: Label;
  readonly text: ReasonText;
}

/** A family's score for one message, 0..1. */
export interface FamilyScore {
  readonly family: Family;
  readonly score: number;
}

/**
 * The lowest score that earns a reason. It is the lowest threshold any profile uses, so every flag a
 * family causes is explained, while near-misses stay out of the verdict.
 */
export const REASON_FLOOR = 0.3;

/** The reason codes of a table of families, for `Detector.reasonCodes`. */
export function familyCodes(families: Readonly<Record<string, Family>>): string[] {
  return Object.values(families).map((family) => family.code);
}

/** Clamps to 0..1 and rounds to 3 decimals, so equal inputs give byte-equal verdicts on every engine. */
export function clampScore(value: number): number {
  if (!(value > 0)) return 0;
  return Math.round(Math.min(value, 1) * 1000) / 1000;
}

/**
 * Combines independent pieces of evidence: `1 - Π(1 - p)`. Two weak cues together say more than
 * either alone, yet the sum never passes 1.
 */
export function noisyOr(...scores: readonly number[]): number {
  let miss = 1;
  for (const score of scores) miss *= 1 - Math.min(Math.max(score, 0), 1);
  return 1 - miss;
}

/** The text of a family's reason for a direction. */
export function reasonMessage(text: ReasonText, direction: Direction): string {
  return typeof text === 'string' ? text : text[direction];
}

/**
 * Turns family scores into a detector result. By default the label's score is the strongest family
 * (families already combine their own cues); `'noisy-or'` lets separate families add up, for labels
 * where two different warning signs together mean more than either. Each family at or over
 * {@link REASON_FLOOR} adds its reason, strongest first.
 */
export function buildResult(
  label: Label,
  scored: readonly FamilyScore[],
  direction: Direction,
  combine: 'max' | 'noisy-or' = 'max',
): DetectorResult {
  let top = 0;
  const reasons: { reason: Reason; score: number }[] = [];
  for (const { family, score } of scored) {
    const clamped = clampScore(score);
    top = combine === 'max' ? Math.max(top, clamped) : noisyOr(top, clamped);
    if (clamped >= REASON_FLOOR) {
      reasons.push({
        score: clamped,
        reason: { code: family.code, label: family.label, message: reasonMessage(family.text, direction) },
      });
    }
  }
  reasons.sort((a, b) => b.score - a.score);
  return { scores: { [label]: clampScore(top) }, reasons: reasons.map((entry) => entry.reason) };
}


/** One family's scoring rule: reads cues and returns the family's score, 0 when its gate cue is absent. */
export interface PatternRule {
  readonly family: Family;
  score(read: CueReader): number;
}
