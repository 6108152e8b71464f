/**
 * The one label taxonomy ChatGuard uses everywhere: API, CLI, reports and docs.
 * Order matters only for display; it is stable across versions.
 */
export const LABELS = [
  'spam',
  'scam',
  'harassment',
  'hate',
  'threat',
  'sexual',
  'self_harm',
  'grooming',
  'sextortion',
  'pii',
  'malicious_link',
  'nudity',
] as const;

/** A ChatGuard label, for example `'scam'` or `'grooming'`. */
export type Label = (typeof LABELS)[number];

/** A score for every label, each 0..1. */
export type LabelScores = Record<Label, number>;

const LABEL_SET: ReadonlySet<string> = new Set(LABELS);

/** True when `value` is one of {@link LABELS}. */
export function isLabel(value: unknown): value is Label {
  return typeof value === 'string' && LABEL_SET.has(value);
}

/** A fresh score record with every label at 0. */
export function zeroScores(): LabelScores {
  const scores = {} as LabelScores;
  for (const label of LABELS) scores[label] = 0;
  return scores;
}
