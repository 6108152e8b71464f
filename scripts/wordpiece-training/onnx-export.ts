/**
 * Writes the embedding bag as an ONNX graph that transformers.js runs as a BERT-style sequence
 * classifier: inputs `input_ids` and `attention_mask` (int64 [batch, sequence]; the pipeline feeds
 * only the inputs a session declares, so no `token_type_ids`), output `logits` (float [batch,
 * labels]). Opset 13, ops in onnxruntime-web's wasm CPU kernels; the int8 embedding stays int8 in
 * memory and only the gathered rows are dequantised.
 */
import { DataType, intAttribute, intsAttribute, node, onnx, tensor, valueInfo } from '../lib/onnx-graph.js';
import { featureSize, NO_CONTENT_LOGIT, type QuantizedBag } from './model.js';

/**
 * The graph:
 * rows = Cast(Gather(embedding_q, input_ids)) · Gather(embedding_scale, input_ids) · attention_mask
 * → ReduceSum over the sequence / max(Σ attention_mask, 1) → MatMul weight + bias → `logits`.
 * With mean-max pooling, the per-dimension ReduceMax of the rows (padding pushed to -1e9) is
 * concatenated after the mean. A text whose ids are all special ([CLS], [SEP]) gets
 * NO_CONTENT_LOGIT on every label (Equal/Or/Not/Greater/Where), as the TypeScript forward pass does.
 */
export function buildEmbeddingBagModel(model: QuantizedBag, labels: readonly string[], docString: string): Uint8Array {
  const { vocab, dim } = model;
  const L = labels.length;
  const F = featureSize(model);
  const withMax = model.pooling === 'mean-max';
  // ReduceMax takes its axes as an attribute until opset 18.
  const maxNodes = withMax
    ? [
        node('Unsqueeze', ['row_scale', 'axis_2'], 'row_scale_3d'),
        node('Mul', ['rows_unscaled', 'row_scale_3d'], 'rows_scaled'),
        node('Sub', ['mask', 'one'], 'mask_minus_one'),
        node('Mul', ['mask_minus_one', 'big'], 'padding_penalty'),
        node('Unsqueeze', ['padding_penalty', 'axis_2'], 'padding_penalty_3d'),
        node('Add', ['rows_scaled', 'padding_penalty_3d'], 'rows_for_max'),
        node('ReduceMax', ['rows_for_max'], 'pooled_max', [intsAttribute('axes', [1]), intAttribute('keepdims', 0)]),
        node('Concat', ['pooled_mean', 'pooled_max'], 'pooled', [intAttribute('axis', 1)]),
      ]
    : [];
  // content = attention_mask and not a special id; a row without any content gets the fixed logits.
  const specialNodes = model.specialIds.flatMap((_, k) => [
    node('Equal', ['input_ids', `special_id_${k}`], `is_special_${k}`),
    ...(k === 0 ? [] : [node('Or', [k === 1 ? 'is_special_0' : `any_special_${k - 1}`, `is_special_${k}`], `any_special_${k}`)]),
  ]);
  const anySpecial = model.specialIds.length === 1 ? 'is_special_0' : `any_special_${model.specialIds.length - 1}`;
  const contentNodes =
    model.specialIds.length === 0
      ? [node('Greater', ['token_count', 'zero'], 'has_content')]
      : [
          ...specialNodes,
          node('Not', [anySpecial], 'is_content'),
          node('Cast', ['is_content'], 'is_content_float', [intAttribute('to', DataType.FLOAT)]),
          node('Mul', ['is_content_float', 'mask'], 'content_mask'),
          node('ReduceSum', ['content_mask', 'axis_1'], 'content_count', [intAttribute('keepdims', 1)]),
          node('Greater', ['content_count', 'zero'], 'has_content'),
        ];
  const graph = onnx.GraphProto.create({
    name: 'chatguard_wordpiece_bag',
    initializer: [
      tensor('embedding_q', DataType.INT8, [vocab, dim], model.q),
      tensor('embedding_scale', DataType.FLOAT, [vocab], model.scale),
      tensor('classifier_weight', DataType.FLOAT, [F, L], model.weight),
      tensor('classifier_bias', DataType.FLOAT, [L], model.bias),
      tensor('axis_1', DataType.INT64, [1], new BigInt64Array([1n])),
      tensor('axis_2', DataType.INT64, [1], new BigInt64Array([2n])),
      tensor('one', DataType.FLOAT, [], new Float32Array([1])),
      ...(withMax ? [tensor('big', DataType.FLOAT, [], new Float32Array([1e9]))] : []),
      tensor('zero', DataType.FLOAT, [], new Float32Array([0])),
      tensor('no_content_logits', DataType.FLOAT, [L], new Float32Array(L).fill(NO_CONTENT_LOGIT)),
      ...model.specialIds.map((id, k) => tensor(`special_id_${k}`, DataType.INT64, [], new BigInt64Array([BigInt(id)]))),
    ],
    node: [
      node('Gather', ['embedding_q', 'input_ids'], 'rows_q', [intAttribute('axis', 0)]),
      node('Cast', ['rows_q'], 'rows_unscaled', [intAttribute('to', DataType.FLOAT)]),
      node('Gather', ['embedding_scale', 'input_ids'], 'row_scale', [intAttribute('axis', 0)]),
      node('Cast', ['attention_mask'], 'mask', [intAttribute('to', DataType.FLOAT)]),
      node('Mul', ['row_scale', 'mask'], 'token_weight'),
      node('Unsqueeze', ['token_weight', 'axis_2'], 'token_weight_3d'),
      node('Mul', ['rows_unscaled', 'token_weight_3d'], 'rows'),
      node('ReduceSum', ['rows', 'axis_1'], 'summed', [intAttribute('keepdims', 0)]),
      node('ReduceSum', ['mask', 'axis_1'], 'token_count', [intAttribute('keepdims', 1)]),
      node('Max', ['token_count', 'one'], 'token_count_safe'),
      node('Div', ['summed', 'token_count_safe'], withMax ? 'pooled_mean' : 'pooled'),
      ...maxNodes,
      node('MatMul', ['pooled', 'classifier_weight'], 'projected'),
      node('Add', ['projected', 'classifier_bias'], 'raw_logits'),
      ...contentNodes,
      node('Where', ['has_content', 'raw_logits', 'no_content_logits'], 'logits'),
    ],
    input: [valueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length']), valueInfo('attention_mask', DataType.INT64, ['batch_size', 'sequence_length'])],
    output: [valueInfo('logits', DataType.FLOAT, ['batch_size', L])],
  });
  const onnxModel = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'chatguard scripts/train-wordpiece.ts',
    producerVersion: '1',
    docString,
    graph,
    metadataProps: [{ key: 'labels', value: JSON.stringify(labels) }],
  });
  return onnx.ModelProto.encode(onnxModel).finish();
}
