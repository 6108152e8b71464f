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
const SOURCE_WEIGHT: Record<string, number> = { 'spam-assassin': 0.3 };
/** SMS ham is the only everyday-chat negative: weight it up so chat does not look abusive. */
const CHAT_NEGATIVE_WEIGHT = 2;

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
export function toBagExamples(tokenizer: PreTrainedTokenizer, examples: readonly TextExample[]): BagExample[] {
  return examples.map((example) => {
    const soft = SOFT_SOURCES.has(example.source) ? example.soft : undefined;
    const targets = Float32Array.from(soft ?? example.targets);
    const chatNegative = example.source === 'sms' && example.targets.every((t) => t <= 0);
    const weight = (SOURCE_WEIGHT[example.source] ?? 1) * (chatNegative ? CHAT_NEGATIVE_WEIGHT : 1);
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
