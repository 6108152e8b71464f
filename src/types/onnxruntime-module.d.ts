// `#onnxruntime` (package.json "imports") is onnxruntime-web's Node build in Node and its wasm-only
// browser build elsewhere; both have onnxruntime-web's API, which the package declares as ambient modules.
declare module '#onnxruntime' {
  export * from 'onnxruntime-web';
}
