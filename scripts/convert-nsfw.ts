/**
 * Converts nsfwjs's MobileNetV2 nudity classifier (224×224, a Keras layers model shipped in
 * tfjs format inside the nsfwjs package) to ONNX, for onnxruntime-web:
 * `models/nsfw-mobilenet-v2.onnx` (float32) and `models/nsfw-mobilenet-v2-int8.onnx` (8-bit
 * weights), their entries in `models/manifest.json` and an attribution in `models/NOTICE`.
 *
 *   npm run convert:nsfw -- [--out DIR] [--golden]
 *
 * Nothing is downloaded: model.json and the weight shard are read from node_modules/nsfwjs and
 * loaded with `tf.io.fromMemory`. The ONNX graph is written layer by layer with the ONNX
 * protobuf schema: batch norm folded into the convolutions, ZeroPadding2D and TF "same" padding
 * as explicit (possibly asymmetric) Conv pads, ReLU6 as Clip(0, 6), Dropout dropped. The graph
 * takes NHWC float32 [batch, 224, 224, 3] like the original and transposes it to NCHW itself.
 *
 * The int8 variant loses nothing against the original: nsfwjs's weights are already stored as
 * uint8 with a per-tensor scale and an integral zero point, and folding batch norm only scales
 * each output channel, so the very same codes are written with a per-channel scale.
 *
 * With `--golden` it instead runs nsfwjs itself (tfjs CPU backend) on the generated test images
 * and writes `test/fixtures/images/nsfw-golden.json` for the parity test.
 *
 * Deterministic: the same nsfwjs version gives byte-identical ONNX files.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { NSFW_CLASSES, NSFW_INPUT_SIZE } from '../src/image/nsfw-classes.js';
import { appendNotice, writeManifestEntry, type ManifestRecord } from './lib/model-records.js';
import { DataType, intAttribute as int, intsAttribute as ints, node, onnx, tensor, valueInfo } from './lib/onnx-graph.js';

const require = createRequire(import.meta.url);

export const MODEL_ID = 'nsfw-mobilenet-v2';
export const INT8_MODEL_ID = 'nsfw-mobilenet-v2-int8';
const FP32_FILE = `${MODEL_ID}.onnx`;
const INT8_FILE = `${INT8_MODEL_ID}.onnx`;

// ─── Reading nsfwjs's files ────────────────────────────────────────────────────────────────────

/** A weight spec as nsfwjs's model.json has it (tfjs's own type narrows `quantization.dtype`). */
interface QuantizedSpec {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: string;
  readonly quantization?: { readonly min?: number; readonly scale?: number; readonly dtype: string };
}

interface KerasLayer {
  readonly name: string;
  readonly class_name: string;
  readonly config: Record<string, unknown>;
  readonly inbound_nodes: ReadonlyArray<ReadonlyArray<readonly [string, number, number, unknown]>>;
}

/** nsfwjs's MobileNetV2 as tfjs artifacts, plus the raw uint8 weight codes by weight name. */
export interface NsfwjsArtifacts {
  readonly version: string;
  readonly artifacts: tf.io.ModelArtifacts;
  readonly layers: readonly KerasLayer[];
  readonly codes: ReadonlyMap<string, { readonly q: Uint8Array; readonly scale: number; readonly zeroPoint: number }>;
}

/** The nsfwjs package folder, found the way Node resolves it (works when it is hoisted elsewhere). */
export function nsfwjsRoot(): string {
  return resolve(dirname(require.resolve('nsfwjs')), '..', '..'); // dist/cjs/index.js
}

/**
 * Reads `dist/models/mobilenet_v2/{model,group1-shard1of1}.min.js`: CommonJS modules that export
 * the model.json object and the weight shard as base64 (nsfwjs bundles them so that bundlers
 * can import them).
 */
export function readNsfwjsModel(root = nsfwjsRoot()): NsfwjsArtifacts {
  const folder = join(root, 'dist', 'models', 'mobilenet_v2');
  const modelJson = require(join(folder, 'model.min.js')) as tf.io.ModelJSON;
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const specs: QuantizedSpec[] = [];
  const shards: Buffer[] = [];
  for (const group of modelJson.weightsManifest) {
    for (const path of group.paths) shards.push(Buffer.from(require(join(folder, `${path}.min.js`)) as string, 'base64'));
    specs.push(...(group.weights as QuantizedSpec[]));
  }
  const weightData = Buffer.concat(shards);
  const codes = new Map<string, { q: Uint8Array; scale: number; zeroPoint: number }>();
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const quantization = spec.quantization;
    if (spec.dtype !== 'float32' || quantization?.dtype !== 'uint8' || quantization.scale === undefined || quantization.min === undefined) {
      throw new Error(`Unexpected weight encoding for ${spec.name}: this converter expects uint8-quantised float32 weights.`);
    }
    const zeroPoint = -quantization.min / quantization.scale;
    codes.set(spec.name, { q: new Uint8Array(weightData.subarray(offset, offset + size)), scale: quantization.scale, zeroPoint });
    offset += size;
  }
  if (offset !== weightData.length) throw new Error(`Weight shard holds ${weightData.length} bytes, the manifest describes ${offset}.`);
  const layers = (modelJson.modelTopology as { model_config: { config: { layers: KerasLayer[] } } }).model_config.config.layers;
  const weightBuffer = new Uint8Array(weightData).buffer;
  return { version, layers, codes, artifacts: { modelTopology: modelJson.modelTopology, weightSpecs: specs as tf.io.WeightsManifestEntry[], weightData: weightBuffer } };
}

// ─── The ONNX graph ────────────────────────────────────────────────────────────────────────────

type Tensor = InstanceType<typeof onnx.TensorProto>;
type Node = InstanceType<typeof onnx.NodeProto>;

/** A Keras tensor as it exists in the ONNX graph: NCHW shape, and a ZeroPadding2D not yet applied. */
interface Value {
  readonly name: string;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly flat?: true;
  /** Pending zero padding [top, left, bottom, right], merged into the consuming convolution. */
  readonly pad?: readonly [number, number, number, number];
}

const pair = (value: unknown, what: string): [number, number] => {
  if (!Array.isArray(value) || value.length !== 2 || !value.every(Number.isInteger)) throw new Error(`Expected two integers for ${what}.`);
  return [value[0] as number, value[1] as number];
};

/** TF "same" padding: output = ceil(in / stride), the extra pixel (if odd) goes after. */
function samePadding(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** Options for {@link buildOnnxModel}. */
export interface BuildOptions {
  /** Write each convolution and dense kernel as int8 codes with DequantizeLinear in front. */
  readonly int8: boolean;
}

/**
 * Walks the Keras layers in order (the config lists them topologically) and writes the ONNX model.
 * Input `input` float32 NHWC [batch, 224, 224, 3] in 0..1; output `probabilities` float32
 * [batch, 5] in {@link NSFW_CLASSES} order. Opset 13; every op has a wasm CPU kernel in
 * onnxruntime-web.
 */
export function buildOnnxModel(source: NsfwjsArtifacts, model: tf.LayersModel, options: BuildOptions): Uint8Array {
  const weights = new Map<string, Float32Array>();
  for (const layer of model.layers) {
    const tensors = layer.getWeights();
    layer.weights.forEach((variable, k) => weights.set(variable.originalName, tensors[k]?.dataSync() as Float32Array));
  }
  const weight = (name: string): Float32Array => {
    const value = weights.get(name);
    if (!value) throw new Error(`Missing weight ${name}.`);
    return value;
  };
  const consumers = new Map<string, KerasLayer[]>();
  for (const layer of source.layers) {
    for (const [from] of layer.inbound_nodes[0] ?? []) consumers.set(from, [...(consumers.get(from) ?? []), layer]);
  }
  const initializers: Tensor[] = [
    tensor('clip_min', DataType.FLOAT, [], new Float32Array([0])),
    tensor('clip_max', DataType.FLOAT, [], new Float32Array([6])),
  ];
  const nodes: Node[] = [node('Transpose', ['input'], 'input_nchw', [ints('perm', [0, 3, 1, 2])])];
  const values = new Map<string, Value>();
  const folded = new Set<string>();
  const inputOf = (layer: KerasLayer, k = 0): Value => {
    const from = layer.inbound_nodes[0]?.[k]?.[0];
    const value = from === undefined ? undefined : values.get(from);
    if (!value) throw new Error(`Layer ${layer.name} reads an unknown tensor ${String(from)}.`);
    return value;
  };
  /** Applies a pending ZeroPadding2D as a Pad node, for consumers that cannot take it as pads. */
  const materialise = (value: Value): Value => {
    if (!value.pad) return value;
    const [t, l, b, r] = value.pad;
    const name = `${value.name}_padded`;
    initializers.push(tensor(`${name}_pads`, DataType.INT64, [8], new BigInt64Array([0, 0, t, l, 0, 0, b, r].map(BigInt))));
    nodes.push(node('Pad', [value.name, `${name}_pads`], name));
    const { pad: _pad, ...rest } = value;
    return { ...rest, name };
  };

  /** Conv2D / DepthwiseConv2D, with the following BatchNormalization folded in when it is the only consumer. */
  function convolution(layer: KerasLayer, depthwise: boolean): void {
    const c = layer.config;
    const input = inputOf(layer);
    if (c['activation'] !== 'linear') throw new Error(`${layer.name}: fused activation ${String(c['activation'])} is not supported.`);
    const [dh, dw] = pair(c['dilation_rate'], `${layer.name}.dilation_rate`);
    if (dh !== 1 || dw !== 1) throw new Error(`${layer.name}: dilated convolutions are not supported.`);
    const [kh, kw] = pair(c['kernel_size'], `${layer.name}.kernel_size`);
    const [sh, sw] = pair(c['strides'], `${layer.name}.strides`);
    const inC = input.channels;
    const multiplier = depthwise ? (c['depth_multiplier'] as number) : 1;
    const outC = depthwise ? inC * multiplier : (c['filters'] as number);
    const kernelName = `${layer.name}/${depthwise ? 'depthwise_kernel' : 'kernel'}`;
    const kernel = weight(kernelName); // Keras [kh, kw, in, out] or, depthwise, [kh, kw, in, multiplier]

    let [top, left, bottom, right] = input.pad ?? [0, 0, 0, 0];
    if (c['padding'] === 'same') {
      const [pt, pb] = samePadding(input.height + top + bottom, kh, sh);
      const [pl, pr] = samePadding(input.width + left + right, kw, sw);
      [top, left, bottom, right] = [top + pt, left + pl, bottom + pb, right + pr];
    } else if (c['padding'] !== 'valid') throw new Error(`${layer.name}: padding ${String(c['padding'])} is not supported.`);

    // Per output channel: y = s·conv(x, W) + shift, from batch norm (or s = 1 and the conv bias).
    const scale = new Float64Array(outC).fill(1);
    const shift = new Float64Array(outC);
    if (c['use_bias'] === true) shift.set(weight(`${layer.name}/bias`));
    let outputKeras = layer.name;
    const next = consumers.get(layer.name) ?? [];
    const bn = next.length === 1 && next[0]?.class_name === 'BatchNormalization' ? next[0] : undefined;
    if (bn) {
      if (bn.config['center'] !== true || bn.config['scale'] !== true) throw new Error(`${bn.name}: batch norm without centre or scale is not supported.`);
      const epsilon = bn.config['epsilon'] as number;
      const [gamma, beta, mean, variance] = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((w) => weight(`${bn.name}/${w}`)) as Float32Array[];
      for (let o = 0; o < outC; o++) {
        const s = (gamma![o] as number) / Math.sqrt((variance![o] as number) + epsilon);
        shift[o] = (beta![o] as number) + ((shift[o] as number) - (mean![o] as number)) * s;
        scale[o] = s;
      }
      folded.add(bn.name);
      outputKeras = bn.name;
    }

    // ONNX kernel layout [out, in / group, kh, kw]; `source(o, i, y, x)` is the Keras index.
    const perOut = (depthwise ? 1 : inC) * kh * kw;
    const keras = depthwise
      ? (o: number, _i: number, y: number, x: number) => ((y * kw + x) * inC + Math.floor(o / multiplier)) * multiplier + (o % multiplier)
      : (o: number, i: number, y: number, x: number) => ((y * kw + x) * inC + i) * outC + o;
    const dims = [outC, depthwise ? 1 : inC, kh, kw];
    const name = `${layer.name}.weight`;
    if (options.int8) {
      const codes = source.codes.get(kernelName);
      if (!codes || Math.abs(codes.zeroPoint - Math.round(codes.zeroPoint)) > 1e-6) {
        throw new Error(`${kernelName}: its uint8 codes have no integral zero point, so they cannot be kept exactly.`);
      }
      const zp = Math.round(codes.zeroPoint);
      const q = new Int8Array(outC * perOut);
      const scales = new Float32Array(outC);
      const zeroPoints = new Int8Array(outC);
      for (let o = 0; o < outC; o++) {
        // A negative batch-norm scale flips the channel: use the mirrored codes 255 - q, exact in uint8.
        const flip = (scale[o] as number) < 0;
        scales[o] = codes.scale * Math.abs(scale[o] as number);
        zeroPoints[o] = (flip ? 255 - zp : zp) - 128;
        let k = o * perOut;
        for (let i = 0; i < dims[1]!; i++) {
          for (let y = 0; y < kh; y++) {
            for (let x = 0; x < kw; x++) {
              const code = codes.q[keras(o, i, y, x)] as number;
              q[k++] = (flip ? 255 - code : code) - 128;
            }
          }
        }
      }
      initializers.push(
        tensor(`${name}_q`, DataType.INT8, dims, q),
        tensor(`${name}_scale`, DataType.FLOAT, [outC], scales),
        tensor(`${name}_zero_point`, DataType.INT8, [outC], zeroPoints),
      );
      nodes.push(node('DequantizeLinear', [`${name}_q`, `${name}_scale`, `${name}_zero_point`], name, [int('axis', 0)]));
    } else {
      const w = new Float32Array(outC * perOut);
      let k = 0;
      for (let o = 0; o < outC; o++) {
        for (let i = 0; i < dims[1]!; i++) {
          for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) w[k++] = (kernel[keras(o, i, y, x)] as number) * (scale[o] as number);
        }
      }
      initializers.push(tensor(name, DataType.FLOAT, dims, w));
    }
    initializers.push(tensor(`${layer.name}.bias`, DataType.FLOAT, [outC], Float32Array.from(shift)));
    nodes.push(
      node('Conv', [input.name, name, `${layer.name}.bias`], outputKeras, [
        ints('kernel_shape', [kh, kw]),
        ints('strides', [sh, sw]),
        ints('pads', [top, left, bottom, right]),
        int('group', depthwise ? inC : 1),
      ]),
    );
    values.set(outputKeras, {
      name: outputKeras,
      channels: outC,
      height: Math.floor((input.height + top + bottom - kh) / sh) + 1,
      width: Math.floor((input.width + left + right - kw) / sw) + 1,
    });
  }

  function dense(layer: KerasLayer): void {
    const input = inputOf(layer);
    if (!input.flat) throw new Error(`${layer.name}: Dense expects a flattened input.`);
    const units = layer.config['units'] as number;
    const name = `${layer.name}.weight`;
    const dims = [input.channels, units]; // Keras [in, out] is Gemm's B without transB
    const codes = source.codes.get(`${layer.name}/kernel`);
    if (options.int8 && codes && Math.abs(codes.zeroPoint - Math.round(codes.zeroPoint)) <= 1e-6) {
      initializers.push(
        tensor(`${name}_q`, DataType.INT8, dims, Int8Array.from(codes.q, (code) => code - 128)),
        tensor(`${name}_scale`, DataType.FLOAT, [], new Float32Array([codes.scale])),
        tensor(`${name}_zero_point`, DataType.INT8, [], new Int8Array([Math.round(codes.zeroPoint) - 128])),
      );
      nodes.push(node('DequantizeLinear', [`${name}_q`, `${name}_scale`, `${name}_zero_point`], name));
    } else {
      initializers.push(tensor(name, DataType.FLOAT, dims, weight(`${layer.name}/kernel`)));
    }
    const bias = layer.config['use_bias'] === true ? weight(`${layer.name}/bias`) : new Float32Array(units);
    initializers.push(tensor(`${layer.name}.bias`, DataType.FLOAT, [units], bias));
    const activation = layer.config['activation'];
    const gemm = activation === 'linear' ? layer.name : `${layer.name}_linear`;
    nodes.push(node('Gemm', [input.name, name, `${layer.name}.bias`], gemm));
    if (activation === 'relu') nodes.push(node('Relu', [gemm], layer.name));
    else if (activation === 'softmax') nodes.push(node('Softmax', [gemm], layer.name, [int('axis', -1)]));
    else if (activation !== 'linear') throw new Error(`${layer.name}: activation ${String(activation)} is not supported.`);
    values.set(layer.name, { name: layer.name, channels: units, height: 1, width: 1, flat: true });
  }

  for (const layer of source.layers) {
    const c = layer.config;
    switch (layer.class_name) {
      case 'InputLayer': {
        const shape = c['batch_input_shape'] as unknown[];
        if (shape.join(',') !== `,${NSFW_INPUT_SIZE},${NSFW_INPUT_SIZE},3`) throw new Error(`Unexpected input shape ${JSON.stringify(shape)}.`);
        values.set(layer.name, { name: 'input_nchw', channels: 3, height: NSFW_INPUT_SIZE, width: NSFW_INPUT_SIZE });
        break;
      }
      case 'ZeroPadding2D': {
        const input = inputOf(layer);
        const [[t, b], [l, r]] = c['padding'] as [[number, number], [number, number]];
        const [pt, pl, pb, pr] = input.pad ?? [0, 0, 0, 0];
        values.set(layer.name, { ...input, pad: [pt + t, pl + l, pb + b, pr + r] });
        break;
      }
      case 'Conv2D':
      case 'DepthwiseConv2D':
        convolution(layer, layer.class_name === 'DepthwiseConv2D');
        break;
      case 'BatchNormalization':
        if (!folded.has(layer.name)) throw new Error(`${layer.name}: batch norm is only supported right after a convolution.`);
        break;
      case 'ReLU': {
        const input = materialise(inputOf(layer));
        const max = c['max_value'];
        if (c['negative_slope'] !== 0 || c['threshold'] !== 0) throw new Error(`${layer.name}: leaky or thresholded ReLU is not supported.`);
        nodes.push(max === 6 ? node('Clip', [input.name, 'clip_min', 'clip_max'], layer.name) : max == null ? node('Relu', [input.name], layer.name) : (() => {
          throw new Error(`${layer.name}: ReLU max_value ${String(max)} is not supported.`);
        })());
        values.set(layer.name, { ...input, name: layer.name });
        break;
      }
      case 'Add': {
        const inputs = (layer.inbound_nodes[0] ?? []).map((_, k) => materialise(inputOf(layer, k)));
        let sum = inputs[0]!.name;
        for (let k = 1; k < inputs.length; k++) {
          const out = k === inputs.length - 1 ? layer.name : `${layer.name}_${k}`;
          nodes.push(node('Add', [sum, inputs[k]!.name], out));
          sum = out;
        }
        values.set(layer.name, { ...inputs[0]!, name: layer.name });
        break;
      }
      case 'AveragePooling2D':
      case 'GlobalAveragePooling2D': {
        const input = materialise(inputOf(layer));
        const global = layer.class_name === 'GlobalAveragePooling2D';
        const [ph, pw] = global ? [input.height, input.width] : pair(c['pool_size'], `${layer.name}.pool_size`);
        if (ph !== input.height || pw !== input.width || (!global && c['padding'] !== 'valid')) {
          throw new Error(`${layer.name}: only pooling over the whole feature map is supported.`);
        }
        nodes.push(node('GlobalAveragePool', [input.name], layer.name));
        values.set(layer.name, global ? { name: layer.name, channels: input.channels, height: 1, width: 1 } : { ...input, name: layer.name, height: 1, width: 1 });
        if (global) {
          nodes.push(node('Flatten', [layer.name], `${layer.name}_flat`, [int('axis', 1)]));
          values.set(layer.name, { name: `${layer.name}_flat`, channels: input.channels, height: 1, width: 1, flat: true });
        }
        break;
      }
      case 'Flatten': {
        const input = materialise(inputOf(layer));
        // Keras flattens NHWC; on a 1×1 map NCHW order is the same, otherwise transpose back first.
        let from = input.name;
        if (input.height !== 1 || input.width !== 1) {
          nodes.push(node('Transpose', [from], `${layer.name}_nhwc`, [ints('perm', [0, 2, 3, 1])]));
          from = `${layer.name}_nhwc`;
        }
        nodes.push(node('Flatten', [from], layer.name, [int('axis', 1)]));
        values.set(layer.name, { name: layer.name, channels: input.channels * input.height * input.width, height: 1, width: 1, flat: true });
        break;
      }
      case 'Dense':
        dense(layer);
        break;
      case 'Dropout':
        values.set(layer.name, inputOf(layer)); // identity at inference
        break;
      default:
        throw new Error(`Layer ${layer.name}: ${layer.class_name} is not supported by this converter.`);
    }
  }

  const outputLayer = source.layers[source.layers.length - 1]!;
  const output = values.get(outputLayer.name);
  if (!output?.flat || output.channels !== NSFW_CLASSES.length) throw new Error(`The last layer should output ${NSFW_CLASSES.length} class probabilities.`);
  nodes.push(node('Identity', [output.name], 'probabilities'));

  const graph = onnx.GraphProto.create({
    name: options.int8 ? 'nsfw_mobilenet_v2_int8' : 'nsfw_mobilenet_v2',
    initializer: initializers,
    node: nodes,
    input: [valueInfo('input', DataType.FLOAT, ['batch', NSFW_INPUT_SIZE, NSFW_INPUT_SIZE, 3])],
    output: [valueInfo('probabilities', DataType.FLOAT, ['batch', NSFW_CLASSES.length])],
  });
  const onnxModel = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'chatguard scripts/convert-nsfw.ts',
    producerVersion: '1',
    docString:
      `nsfwjs ${source.version} MobileNetV2 (224×224) converted to ONNX${options.int8 ? ' with 8-bit weights' : ''}. ` +
      'Model by GantMan/nsfw_model and infinitered/nsfwjs, MIT licence. Input: RGB, NHWC, values/255, ' +
      'resized bilinearly (align corners) to 224×224. Output: softmax over Drawing, Hentai, Neutral, Porn, Sexy.',
    graph,
    metadataProps: [
      { key: 'classes', value: JSON.stringify(NSFW_CLASSES) },
      { key: 'source', value: `nsfwjs@${source.version} dist/models/mobilenet_v2` },
    ],
  });
  return onnx.ModelProto.encode(onnxModel).finish();
}

// ─── Loading with tfjs ─────────────────────────────────────────────────────────────────────────

/** Loads the Keras model with tfjs from memory, and checks tfjs dequantised weights as expected. */
export async function loadTfjsModel(source: NsfwjsArtifacts): Promise<tf.LayersModel> {
  const model = await tf.loadLayersModel(tf.io.fromMemory(source.artifacts));
  for (const variable of model.weights) {
    const codes = source.codes.get(variable.originalName);
    const values = variable.read().dataSync();
    if (!codes || codes.q.length !== values.length) throw new Error(`No uint8 codes for ${variable.originalName}.`);
    const zeroPointScaled = codes.zeroPoint * codes.scale;
    for (let i = 0; i < values.length; i += 97) {
      const expected = Math.fround((codes.q[i] as number) * codes.scale - zeroPointScaled);
      if (Math.abs((values[i] as number) - expected) > 1e-6 * Math.max(1, Math.abs(expected))) {
        throw new Error(`tfjs dequantised ${variable.originalName} differently from code × scale + min.`);
      }
    }
  }
  return model;
}

// ─── Manifest, NOTICE, golden outputs ──────────────────────────────────────────────────────────

const NOTICE_HEADER = '## nsfw-mobilenet-v2 (models/nsfw-mobilenet-v2.onnx, models/nsfw-mobilenet-v2-int8.onnx)';

/** The attribution block of `NOTICE` for the converted model. */
function noticeLines(version: string): string[] {
  return [
    `Converted by scripts/convert-nsfw.ts from the MobileNetV2 model bundled in nsfwjs ${version}:`,
    '- NSFWJS: Copyright (c) 2019 Infinite Red, Inc., https://github.com/infinitered/nsfwjs. Licence: MIT.',
    '- NSFW Detection Machine Learning Model: Gant Laborde and contributors, https://github.com/GantMan/nsfw_model. Licence: MIT.',
    '  Per the nsfwjs README, the model was trained on images gathered with https://github.com/alexkimxyz/nsfw_data_scraper;',
    '  no training images are distributed with ChatGuard.',
  ];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function manifestEntry(id: string, path: string, bytes: Uint8Array, version: string, int8: boolean): ManifestRecord {
  return {
    id,
    path,
    sha256: sha256(bytes),
    bytes: bytes.length,
    labels: ['nudity'],
    classes: [...NSFW_CLASSES],
    input: {
      name: 'input',
      dtype: 'float32',
      shape: ['batch', NSFW_INPUT_SIZE, NSFW_INPUT_SIZE, 3],
      layout: 'NHWC',
      colour: 'RGB; alpha is dropped (not composited)',
      normalisation: 'pixel / 255, so 0..1; no mean or std',
      resize: 'bilinear to 224×224 with align_corners = true, half_pixel_centers = false (as nsfwjs infer() calls tf.image.resizeBilinear)',
    },
    output: { name: 'probabilities', dtype: 'float32', shape: ['batch', NSFW_CLASSES.length], meaning: 'softmax over classes' },
    quantization: int8
      ? 'convolution and dense weights int8 with DequantizeLinear (per output channel for convolutions, per tensor for dense); they are nsfwjs’s own uint8 codes, so no precision is lost against nsfwjs'
      : 'none (float32; nsfwjs’s uint8 weights dequantised, batch norm folded)',
    source: {
      name: `nsfwjs ${version}, dist/models/mobilenet_v2 (Keras MobileNetV2, 224×224)`,
      licence: 'MIT',
      attribution: 'Infinite Red, Inc. (infinitered/nsfwjs) and Gant Laborde (GantMan/nsfw_model)',
      url: 'https://github.com/infinitered/nsfwjs',
    },
    metrics: {
      upstream_reported_accuracy: 'nsfwjs README: "~90% with small and ~93% with midsized model" (this is the small model; their figure, not measured here)',
      parity: 'test/unit/image-parity.test.ts compares against nsfwjs under tfjs on 30 generated images: max |Δp| ≤ 1e-4 (float32) and ≤ 0.02 (int8), same top class',
    },
    rebuild: 'npm run convert:nsfw',
  };
}

/** Runs nsfwjs itself (its own load() and infer(), tfjs CPU backend) on the generated test images. */
async function writeGolden(path: string): Promise<void> {
  const { load } = await import('nsfwjs');
  const { testImages, pixelDigest } = await import('../test/fixtures/images/generate.js');
  await tf.setBackend('cpu');
  const nsfw = await load('MobileNetV2');
  const images = [];
  for (const image of testImages()) {
    const pixels = { data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length), width: image.width, height: image.height };
    const output = nsfw.infer(pixels as unknown as ImageData);
    const probabilities = Array.from(await output.data());
    output.dispose();
    images.push({ id: image.id, width: image.width, height: image.height, pixels_sha256: pixelDigest(image), probabilities });
    console.log(`${image.id.padEnd(22)} ${probabilities.map((p) => p.toFixed(5)).join(' ')}`);
  }
  const nsfwjsVersion = nsfwjsRootVersion();
  const golden = {
    generatedBy: 'Auto-generated by scripts/convert-nsfw.ts --golden. Do not edit.',
    reference: `nsfwjs ${nsfwjsVersion} load("MobileNetV2") + infer(), @tensorflow/tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`,
    classes: [...NSFW_CLASSES],
    images,
  };
  writeFileSync(path, `${JSON.stringify(golden, null, 1)}\n`);
  nsfw.dispose();
}

function nsfwjsRootVersion(): string {
  return (JSON.parse(readFileSync(join(nsfwjsRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      out: { type: 'string', default: resolve(process.cwd(), 'models') },
      golden: { type: 'boolean', default: false },
    },
  });
  if (args.golden) {
    await writeGolden(resolve(process.cwd(), 'test/fixtures/images/nsfw-golden.json'));
    return;
  }
  await tf.setBackend('cpu');
  const source = readNsfwjsModel();
  console.log(`nsfwjs ${source.version}: ${source.layers.length} Keras layers, ${source.codes.size} weight tensors`);
  const model = await loadTfjsModel(source);
  const fp32 = buildOnnxModel(source, model, { int8: false });
  const int8 = buildOnnxModel(source, model, { int8: true });
  writeFileSync(resolve(args.out, FP32_FILE), fp32);
  writeFileSync(resolve(args.out, INT8_FILE), int8);
  writeManifestEntry(args.out, manifestEntry(MODEL_ID, FP32_FILE, fp32, source.version, false));
  writeManifestEntry(args.out, manifestEntry(INT8_MODEL_ID, INT8_FILE, int8, source.version, true));
  appendNotice(args.out, NOTICE_HEADER, noticeLines(source.version));
  console.log(`${FP32_FILE}: ${fp32.length} bytes sha256 ${sha256(fp32)}`);
  console.log(`${INT8_FILE}: ${int8.length} bytes sha256 ${sha256(int8)}`);
  model.dispose();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
