/**
 * The types behind `#onnxruntime` for code that compiles against ChatGuard's declarations
 * (package.json "imports" points its `types` condition here). The import itself resolves to
 * onnxruntime-web's Node build in Node and to its wasm-only build in browsers: the default entry's
 * WebGPU-capable runtime is twice the download (28 vs 14 MB) for models that run on the CPU.
 */
export type * from 'onnxruntime-web';
