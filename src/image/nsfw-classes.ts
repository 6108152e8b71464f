/**
 * The nsfwjs classes and how ChatGuard turns their probabilities into one `nudity` score.
 *
 * There is no labelled image set in this repository to calibrate on, so the combination is set
 * from what the classes mean (per GantMan/nsfw_model): `Porn` and `Hentai` are explicit
 * (photographs and drawings), `Sexy` is suggestive but not explicit (underwear, swimwear,
 * posing), `Neutral` and `Drawing` are safe. The score is the model's probability that the image
 * is explicit, plus a share of "suggestive":
 *
 *   nudity = min(1, Porn + Hentai + 0.4 · Sexy)
 *
 * Against the default thresholds (child 0.40, teen 0.45, adult 0.50) this means: an image the
 * model finds more likely explicit than not is flagged for everyone; an image it is sure is only
 * suggestive (Sexy ≈ 1) reaches 0.40 and is flagged for the child profile only; mixed cases
 * fall in between. These are judgement calls on the class semantics, not validated operating
 * points; nsfwjs's own README reports about 90% accuracy for this model (their figure).
 */

/** nsfwjs's classes, in the order of the model's output. */
export const NSFW_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;

/** One of {@link NSFW_CLASSES}. */
export type NsfwClass = (typeof NSFW_CLASSES)[number];

/** The model's input is `NSFW_INPUT_SIZE × NSFW_INPUT_SIZE` RGB. */
export const NSFW_INPUT_SIZE = 224;

/** How much a "Sexy" (suggestive, not explicit) probability counts towards `nudity`. */
export const SEXY_WEIGHT = 0.4;

/** Class probabilities of one image. */
export type NsfwProbabilities = Readonly<Record<NsfwClass, number>>;

/**
 * Combines class probabilities into the `nudity` score, 0..1 (see the file comment).
 * @example nudityScore({ Drawing: 0, Hentai: 0.1, Neutral: 0.2, Porn: 0.6, Sexy: 0.1 }) // 0.74
 */
export function nudityScore(p: NsfwProbabilities): number {
  const score = p.Porn + p.Hentai + SEXY_WEIGHT * p.Sexy;
  return Math.min(1, Math.max(0, score));
}

/** Maps the model's output vector to named probabilities. */
export function toProbabilities(output: ArrayLike<number>): NsfwProbabilities {
  const named = {} as Record<NsfwClass, number>;
  NSFW_CLASSES.forEach((name, k) => (named[name] = output[k] as number));
  return named;
}
