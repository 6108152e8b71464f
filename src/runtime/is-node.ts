/** True in Node (and its worker threads), where models load from files and onnxruntime runs one thread. */
export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}
