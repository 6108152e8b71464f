/** The embedding-bag trainer and its ONNX writer on tiny problems, independent of the committed model. */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/lib/mulberry32.js';
import { initBag, NO_CONTENT_LOGIT, predictBag, predictQuantized, quantizeBag, trainEmbeddingBag, type BagExample } from '../../scripts/wordpiece-training/model.js';
import { buildEmbeddingBagModel } from '../../scripts/wordpiece-training/onnx-export.js';

/** Token 5 marks label 0, token 6 label 1 (label 1 masked on odd rows); two random tokens of 10–39 are noise. */
function toyExamples(): BagExample[] {
  const random = mulberry32(3);
  const rows: BagExample[] = [];
  for (let i = 0; i < 400; i++) {
    const a = random() < 0.3;
    const b = random() < 0.3;
    const noise = () => 10 + Math.floor(random() * 30);
    const ids = [101, noise(), noise(), ...(a ? [5] : []), ...(b ? [6] : []), 102];
    rows.push({ ids: Int32Array.from(ids), targets: Float32Array.from([a ? 1 : 0, i % 2 ? -1 : b ? 1 : 0]), weights: Float32Array.from([1, 1]) });
  }
  return rows;
}

const settings = { dim: 8, pooling: 'mean', epochs: 30, batchSize: 16, learningRate: 0.05, tokenDropout: 0, l2: 0 } as const;

describe('trainEmbeddingBag', () => {
  it.each(['mean', 'mean-max'] as const)('learns which tokens carry which label, and is deterministic for a seed (%s)', (pooling) => {
    const run = () => {
      const model = initBag(128, settings.dim, 2, 7, pooling);
      trainEmbeddingBag(model, toyExamples(), { ...settings, pooling }, 7);
      return model;
    };
    const model = run();
    expect(predictBag(model, Int32Array.from([101, 12, 5, 102]))[0]).toBeGreaterThan(0.9);
    expect(predictBag(model, Int32Array.from([101, 12, 13, 102]))[0]).toBeLessThan(0.1);
    expect(predictBag(model, Int32Array.from([101, 12, 6, 102]))[1]).toBeGreaterThan(0.9);
    expect(Buffer.from(run().embedding.buffer).equals(Buffer.from(model.embedding.buffer))).toBe(true);
  });

  it('stops when the epoch callback says so', () => {
    const seen: number[] = [];
    trainEmbeddingBag(initBag(128, 4, 2, 1), toyExamples(), settings, 1, (epoch) => (seen.push(epoch), epoch < 3));
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('buildEmbeddingBagModel', () => {
  it.each(['mean', 'mean-max'] as const)('runs in onnxruntime with the transformers.js inputs and matches the TypeScript int8 forward pass, padding masked (%s)', async (pooling) => {
    const model = quantizeBag(initBag(128, 6, 3, 42, pooling, [101, 102]));
    const session = await ort.InferenceSession.create(buildEmbeddingBagModel(model, ['a', 'b', 'c'], 'test'));
    expect(session.inputNames).toEqual(['input_ids', 'attention_mask']);
    expect(session.outputNames).toEqual(['logits']);
    const texts = [[101, 7, 8, 9, 102], [101, 33, 102], [101, 102], [101, 7, 7, 7, 7]];
    const width = 5;
    const ids = new BigInt64Array(texts.length * width);
    const mask = new BigInt64Array(texts.length * width);
    texts.forEach((row, i) => row.forEach((id, t) => ((ids[i * width + t] = BigInt(id)), (mask[i * width + t] = 1n))));
    const { logits } = await session.run({
      input_ids: new ort.Tensor('int64', ids, [texts.length, width]),
      attention_mask: new ort.Tensor('int64', mask, [texts.length, width]),
    });
    expect(logits?.dims).toEqual([4, 3]);
    texts.forEach((row, i) => {
      const expected = predictQuantized(model, Int32Array.from(row));
      for (let l = 0; l < 3; l++) expect(1 / (1 + Math.exp(-((logits?.data as Float32Array)[i * 3 + l] as number)))).toBeCloseTo(expected[l] as number, 5);
    });
    // [CLS] [SEP] alone: no content, the fixed logit on every label.
    expect(Array.from((logits?.data as Float32Array).subarray(6, 9))).toEqual([NO_CONTENT_LOGIT, NO_CONTENT_LOGIT, NO_CONTENT_LOGIT]);
    await session.release();
  });
});
