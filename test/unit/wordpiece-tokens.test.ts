/**
 * The tokens the WordPiece trainer learns from are the tokens the transformers.js pipeline feeds
 * the model: the trainer's `tokenIds` against the pipeline's own tokenizer, and the packaged
 * tokenizer files against the shared folder they were copied from.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { env, pipeline, type PreTrainedTokenizer, type TextClassificationPipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWordPieceTokenizer, tokenIds, TOKENIZER_FILES } from '../../scripts/wordpiece-training/tokenize.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDER = `${ROOT}models/transformers/chatguard-wordpiece-bag`;
const SHARED = `${ROOT}../shared/datasets/tokenizers/all-MiniLM-L6-v2`;

const TEXTS = [
  '',
  'see you at 6 for dinner',
  'URGENT! You have won a £1000 cash prize. To claim call 09061701461 now. Valid 12 hrs only',
  'y0u 4r3 4 p47h371c 1d107',
  'Ｆ𝐑𝐄𝐄 c\u200Ba\u200Bs\u200Bh 😂',
  'Ünïcödé àccents, naïve café, Straße',
  '中文字符 and 日本語 mixed in',
  'visit https://royalmail-redelivery-fee.com/pay?id=42 NOW!!!',
  "don't   you\tdare\n\nI'm warning you",
  'a'.repeat(300),
  'word '.repeat(700),
  ...readFileSync(`${ROOT}examples/messages.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text?: string }).text ?? ''),
];

let classify: TextClassificationPipeline;
let trainer: PreTrainedTokenizer;

beforeAll(async () => {
  // The trainer reads the shared folder; a clone without it checks against the packaged copy.
  trainer = await loadWordPieceTokenizer(existsSync(SHARED) ? SHARED : FOLDER);
  env.allowRemoteModels = false;
  env.localModelPath = `${ROOT}models/transformers/`;
  classify = (await pipeline('text-classification', 'chatguard-wordpiece-bag')) as TextClassificationPipeline;
});

afterAll(async () => {
  await classify?.dispose();
});

describe('WordPiece tokens: trainer vs pipeline', () => {
  it('are identical for every text, one at a time and inside a padded batch', () => {
    const batch = classify.tokenizer(TEXTS, { padding: true, truncation: true }) as unknown as {
      input_ids: { data: BigInt64Array; dims: number[] };
      attention_mask: { data: BigInt64Array };
    };
    const width = batch.input_ids.dims[1] as number;
    TEXTS.forEach((text, i) => {
      const ids = Array.from(tokenIds(trainer, text));
      const single = classify.tokenizer(text, { padding: true, truncation: true }) as unknown as { input_ids: { data: BigInt64Array } };
      expect(Array.from(single.input_ids.data, Number), JSON.stringify(text.slice(0, 40))).toEqual(ids);
      const row = Array.from(batch.input_ids.data.subarray(i * width, (i + 1) * width), Number);
      const mask = Array.from(batch.attention_mask.data.subarray(i * width, (i + 1) * width), Number);
      expect(row.filter((_, t) => mask[t] === 1)).toEqual(ids);
    });
  });

  it('are [CLS] … [SEP], cut at 512 tokens for long texts (transformers.js 4.3.1 cuts the [SEP] off too)', () => {
    expect(Array.from(tokenIds(trainer, 'hello world'))).toEqual([101, 7592, 2088, 102]);
    const ids = tokenIds(trainer, 'word '.repeat(700));
    expect(ids.length).toBe(512);
    expect(ids[0]).toBe(101);
  });

  it.skipIf(!existsSync(SHARED))('come from tokenizer files copied unchanged from the shared all-MiniLM-L6-v2 folder', () => {
    const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    for (const name of TOKENIZER_FILES) expect(sha256(`${FOLDER}/${name}`), name).toBe(sha256(`${SHARED}/${name}`));
  });
});
