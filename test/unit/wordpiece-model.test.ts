/**
 * The packaged WordPiece embedding bag (models/transformers/chatguard-wordpiece-bag) through the
 * real transformers.js pipeline, local folder only, remote loading off, no network.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { env, pipeline, type TextClassificationPipeline } from '@huggingface/transformers';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const MODELS = fileURLToPath(new URL('../../models/', import.meta.url));
const FOLDER = `${MODELS}transformers/chatguard-wordpiece-bag`;
const config = JSON.parse(readFileSync(`${FOLDER}/config.json`, 'utf8')) as { id2label: Record<string, string>; problem_type: string };
const labels = Object.values(config.id2label);
const report = JSON.parse(readFileSync(`${MODELS}reports/wordpiece-eval.json`, 'utf8')) as {
  golden: { text: string; probabilities: Record<string, number> }[];
};
const manifest = JSON.parse(readFileSync(`${MODELS}manifest.json`, 'utf8')) as {
  models: { id: string; path: string; sha256: string; bytes: number; labels: string[]; files: { path: string; sha256: string; bytes: number }[] }[];
};
const entry = manifest.models.find((model) => model.id === 'chatguard-wordpiece-bag');

type Scores = { label: string; score: number }[];
let classify: TextClassificationPipeline;
const fetchSpy = vi.fn((input: unknown) => Promise.reject(new Error(`network access attempted: ${String(input)}`)));
const realFetch = globalThis.fetch;

beforeAll(async () => {
  globalThis.fetch = fetchSpy as unknown as typeof fetch;
  env.allowRemoteModels = false;
  env.localModelPath = `${MODELS}transformers/`;
  classify = (await pipeline('text-classification', 'chatguard-wordpiece-bag')) as TextClassificationPipeline;
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await classify?.dispose();
});

const all = async (text: string) => (await classify(text, { top_k: null })) as unknown as Scores;
const score = (scores: Scores, label: string) => scores.find((s) => s.label === label)?.score ?? Number.NaN;

describe('chatguard-wordpiece-bag through pipeline("text-classification")', () => {
  it('loads from the local folder without touching the network, as a multi-label BERT-style classifier', () => {
    expect(config.problem_type).toBe('multi_label_classification');
    expect(classify.model.sessions['model']?.inputNames).toEqual(['input_ids', 'attention_mask']);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('returns every id2label label once, with scores in [0, 1]', async () => {
    const scores = await all('see you at 6 for dinner');
    expect(scores.map((s) => s.label).sort()).toEqual([...labels].sort());
    for (const { score: s } of scores) expect(s).toBeGreaterThanOrEqual(0), expect(s).toBeLessThanOrEqual(1);
  });

  it('scores a clearly abusive text far higher for harassment than a benign one', async () => {
    const abusive = score(await all('you are a pathetic worthless idiot'), 'harassment');
    expect(abusive).toBeGreaterThan(0.5);
    for (const text of ['see you at 6 for dinner', 'thanks, that was really helpful!', 'can you pick up milk on the way home?']) {
      expect(abusive - score(await all(text), 'harassment'), text).toBeGreaterThan(0.5);
    }
  });

  it('scores a text without words ≈ 0 on every label (the graph’s no-content rule)', async () => {
    for (const text of ['', '   ', '\n\t']) for (const { score: s } of await all(text)) expect(s).toBeLessThan(1e-4);
  });

  it('matches the trainer’s own int8 forward pass (golden outputs in the report) to 1e-4', async () => {
    for (const { text, probabilities } of report.golden) {
      const scores = await all(text);
      for (const [label, expected] of Object.entries(probabilities)) expect(score(scores, label), `${label} of ${JSON.stringify(text)}`).toBeCloseTo(expected, 4);
    }
  });

  it('gives a padded batch the same scores as one text at a time (padding is masked out)', async () => {
    const texts = ['hi', 'URGENT! You have won a £1000 cash prize. To claim call 09061701461 now', 'I am going to kill you'];
    const batch = (await classify(texts, { top_k: null })) as unknown as Scores[];
    for (const [i, text] of texts.entries()) {
      const single = await all(text);
      for (const { label, score: s } of single) expect(score(batch[i] as Scores, label)).toBeCloseTo(s, 6);
    }
  });

  it('runs unchanged on onnxruntime-web’s wasm kernels (the browser path) with the same scores', async () => {
    const session = await ortWeb.InferenceSession.create(readFileSync(`${FOLDER}/onnx/model.onnx`), { executionProviders: ['wasm'] });
    const texts = report.golden.map((g) => g.text);
    const batch = classify.tokenizer(texts, { padding: true, truncation: true }) as unknown as {
      input_ids: { data: BigInt64Array; dims: number[] };
      attention_mask: { data: BigInt64Array };
    };
    const dims = batch.input_ids.dims;
    const { logits } = await session.run({
      input_ids: new ortWeb.Tensor('int64', batch.input_ids.data, dims),
      attention_mask: new ortWeb.Tensor('int64', batch.attention_mask.data, dims),
    });
    const data = logits?.data as Float32Array;
    report.golden.forEach(({ probabilities }, i) => {
      labels.forEach((label, l) => expect(1 / (1 + Math.exp(-(data[i * labels.length + l] as number)))).toBeCloseTo(probabilities[label] as number, 4));
    });
    await session.release();
  });

  it('loads from an absolute folder path as well', async () => {
    const byPath = (await pipeline('text-classification', FOLDER)) as TextClassificationPipeline;
    const scores = (await byPath('I am going to kill you', { top_k: null })) as unknown as Scores;
    expect(score(scores, 'threat')).toBeCloseTo(score(await all('I am going to kill you'), 'threat'), 6);
    await byPath.dispose();
  });
});

describe('chatguard-wordpiece-bag manifest entry', () => {
  const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  it('names onnx/model.onnx with its sha256, size and labels', () => {
    expect(entry).toBeDefined();
    expect(entry?.path).toBe('transformers/chatguard-wordpiece-bag/onnx/model.onnx');
    expect(sha256(`${MODELS}${entry?.path}`)).toBe(entry?.sha256);
    expect(readFileSync(`${MODELS}${entry?.path}`).length).toBe(entry?.bytes);
    expect(entry?.labels).toEqual(labels);
  });

  it('lists every file of the folder with a matching sha256', () => {
    expect(entry?.files.map((f) => f.path)).toContain('transformers/chatguard-wordpiece-bag/config.json');
    for (const file of entry?.files ?? []) expect(sha256(`${MODELS}${file.path}`), file.path).toBe(file.sha256);
  });
});
