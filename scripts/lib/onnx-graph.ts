/**
 * Small builders for ONNX graphs written with onnx-proto, shared by the model exporters
 * (text-linear, the WordPiece bag): initialiser tensors from typed arrays, typed graph inputs and
 * outputs with fixed or symbolic dimensions, nodes named after their one output, and attributes.
 */
import onnxProto from 'onnx-proto';

export const { onnx } = onnxProto;
export const DataType = onnx.TensorProto.DataType;
const AttributeType = onnx.AttributeProto.AttributeType;

function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** An initialiser holding `data`'s bytes as they are in memory (little-endian on every platform we run). */
export const tensor = (name: string, dataType: number, dims: number[], data: ArrayBufferView) =>
  onnx.TensorProto.create({ name, dataType, dims, rawData: bytesOf(data) });

/** A graph input or output; a string dimension is symbolic (`'N'`, `'batch'`). */
export const valueInfo = (name: string, elemType: number, dims: (number | string)[]) =>
  onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  });

/** A node with one output, named after it. */
export const node = (opType: string, input: string[], output: string, attribute: onnxProto.onnx.IAttributeProto[] = []) =>
  onnx.NodeProto.create({ opType, input, output: [output], name: output, attribute });

export const intAttribute = (name: string, i: number) => onnx.AttributeProto.create({ name, type: AttributeType.INT, i });
export const intsAttribute = (name: string, ints: number[]) => onnx.AttributeProto.create({ name, type: AttributeType.INTS, ints });
