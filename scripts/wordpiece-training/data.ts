/**
 * Turns the text model's examples (`scripts/text-training/data.ts`, same sets, labels and
 * validation split) into embedding-bag rows: WordPiece ids, targets (annotator shares where the
 * data set publishes votes, else 0/1, -1 masked) and per-label weights.
 */
import { createHash } from 'node:crypto';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { TEXT_MODEL_LABELS } from '../../src/text/text-model-detector.js';
import type { TextExample } from '../text-training/data.js';
import type { BagExample } from './model.js';
import { tokenIds } from './tokenize.js';

/** Sources trained on their annotators' vote shares, as the text model does. */
const SOFT_SOURCES = new Set(['davidson', 'toxic-spans']);
/** E-mail is less like chat than SMS. */
export const SOURCE_WEIGHT: Readonly<Record<string, number>> = { 'spam-assassin': 0.3 };
/**
 * SMS ham is the only everyday-chat negative: weight it up so chat does not look abusive. On the
 * early-stopping set, 4 against 2: mean ROC AUC 0.925 both, ham scoring ≥ 0.5 for harassment 4.7%
 * against 5.0%. (Davidson at weight 0.5 instead, to soften its 83% abusive prior: AUC 0.917, not taken.)
 */
export const CHAT_NEGATIVE_WEIGHT = 4;

/**
 * Labels the loaders leave unannotated on spam data (SMS spam, SpamAssassin) that this model trains
 * as negatives, at this share of the example's weight: spam is not harassment, hate or threat.
 * Without it the toxicity heads, never shown a prize draw, extrapolate on spam's tokens (digits,
 * "£", "claim") and score a prize SMS as hateful. Sexual stays masked: some spam is sexual. The
 * evaluation keeps the loaders' targets.
 */
export const SPAM_AS_TOXICITY_NEGATIVE = { labels: ['harassment', 'hate', 'threat'], weight: 0.5 } as const;
const SPAM_NEGATIVE_INDEX = SPAM_AS_TOXICITY_NEGATIVE.labels.map((label) => TEXT_MODEL_LABELS.indexOf(label));

/** Percentage of the training split held out (by a salted hash of the id) for early stopping. */
export const EARLY_STOPPING_PERCENT = 10;

/** Whether a training example belongs to the early-stopping part; never touches validation. */
export function isEarlyStoppingExample(id: string): boolean {
  return createHash('sha256').update(`chatguard-wordpiece-dev-v1:${id}`).digest().readUInt32BE(0) % 100 < EARLY_STOPPING_PERCENT;
}

/** One bag row per example, tokenised with the pipeline's tokenizer. */
export function toBagExamples(
  tokenizer: PreTrainedTokenizer,
  examples: readonly TextExample[],
  chatNegativeWeight = CHAT_NEGATIVE_WEIGHT,
  sourceWeight: Readonly<Record<string, number>> = SOURCE_WEIGHT,
): BagExample[] {
  return examples.map((example) => {
    const soft = SOFT_SOURCES.has(example.source) ? example.soft : undefined;
    const targets = Float32Array.from(soft ?? example.targets);
    const chatNegative = example.source === 'sms' && example.targets.every((t) => t <= 0);
    const weight = (sourceWeight[example.source] ?? 1) * (chatNegative ? chatNegativeWeight : 1);
    const weights = new Float32Array(targets.length).fill(weight);
    if (example.source === 'sms' || example.source === 'spam-assassin') {
      for (const l of SPAM_NEGATIVE_INDEX) {
        if ((targets[l] as number) >= 0) continue;
        targets[l] = 0;
        weights[l] = weight * SPAM_AS_TOXICITY_NEGATIVE.weight;
      }
    }
    return { ids: tokenIds(tokenizer, example.text), targets, weights };
  });
}
