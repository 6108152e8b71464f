/**
 * WordPiece tokens for training, from the very tokenizer the transformers.js pipeline uses: the
 * all-MiniLM-L6-v2 files loaded with `AutoTokenizer` and called the way `TextClassificationPipeline`
 * calls it (`padding: true, truncation: true`), so training and inference see the same ids.
 */
import { basename, dirname } from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';

/** The tokenizer files copied into the packaged folder, all from the shared tokenizer folder. */
export const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt'] as const;

/**
 * Loads the WordPiece tokenizer from a local folder with remote loading off.
 * `folder` is the directory holding tokenizer.json and tokenizer_config.json.
 */
export async function loadWordPieceTokenizer(folder: string): Promise<PreTrainedTokenizer> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(folder)}/`;
  return AutoTokenizer.from_pretrained(basename(folder), { local_files_only: true });
}

/**
 * The token ids of one text exactly as the text-classification pipeline feeds them for a batch of
 * one: [CLS] … [SEP], cut at the tokenizer's `model_max_length` (512 ids; transformers.js 4.3.1 cuts
 * the tail, [SEP] included, so a long text has no [SEP] — the pipeline feeds it the same way).
 */
export function tokenIds(tokenizer: PreTrainedTokenizer, text: string): Int32Array {
  const encoded = tokenizer(text, { padding: true, truncation: true }) as { input_ids: { data: BigInt64Array } };
  return Int32Array.from(encoded.input_ids.data, (id) => Number(id));
}
