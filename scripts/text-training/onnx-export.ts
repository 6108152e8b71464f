/**
 * Writes the text model as an ONNX graph with onnx-proto: int8 weights, DequantizeLinear after the
 * Gather, opset 13, only ops that onnxruntime-web's wasm CPU kernels have.
 */
import { DataType, intAttribute, node, onnx, tensor, valueInfo } from '../lib/onnx-graph.js';

/** What {@link buildLinearModel} writes into the graph. */
export interface LinearModelSpec {
  readonly labels: readonly string[];
  readonly buckets: number;
  /** int8 `[buckets × labels]`, row-major. */
  readonly weights: Int8Array;
  readonly scales: Float32Array;
  readonly bias: Float32Array;
  readonly docString: string;
}

/**
 * The graph: `indices` int32 [N], `values` float [1, N] → Gather rows of the int8 weight matrix →
 * DequantizeLinear (per label, axis 1) → values × rows (MatMul) → + bias → Sigmoid →
 * `probabilities` float [1, labels]. Opset 13, all ops in onnxruntime-web's wasm CPU kernels;
 * dequantising after the Gather keeps the 1.5 MB int8 matrix int8 in memory. Five nodes: each node
 * costs a few µs per run, which is most of the inference time of a chat message
 * (`src/runtime/sparse-linear-feeds.ts` builds the inputs).
 */
export function buildLinearModel(spec: LinearModelSpec): Uint8Array {
  const L = spec.labels.length;
  const graph = onnx.GraphProto.create({
    name: 'chatguard_text_linear',
    initializer: [
      tensor('weights_q', DataType.INT8, [spec.buckets, L], spec.weights),
      tensor('weights_scale', DataType.FLOAT, [L], spec.scales),
      tensor('weights_zero_point', DataType.INT8, [L], new Int8Array(L)),
      tensor('bias', DataType.FLOAT, [L], spec.bias),
    ],
    node: [
      node('Gather', ['weights_q', 'indices'], 'rows_q', [intAttribute('axis', 0)]),
      node('DequantizeLinear', ['rows_q', 'weights_scale', 'weights_zero_point'], 'rows', [intAttribute('axis', 1)]),
      node('MatMul', ['values', 'rows'], 'summed'),
      node('Add', ['summed', 'bias'], 'logits'),
      node('Sigmoid', ['logits'], 'probabilities'),
    ],
    input: [valueInfo('indices', DataType.INT32, ['N']), valueInfo('values', DataType.FLOAT, [1, 'N'])],
    output: [valueInfo('probabilities', DataType.FLOAT, [1, L])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'chatguard scripts/train-text.ts',
    producerVersion: '1',
    docString: spec.docString,
    graph,
    metadataProps: [{ key: 'labels', value: JSON.stringify(spec.labels) }],
  });
  return onnx.ModelProto.encode(model).finish();
}
