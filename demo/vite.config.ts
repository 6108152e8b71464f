import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The demo page (`demo/index.html`), built to `dist/demo` and served by `demo/serve.ts`, which also
// serves onnxruntime's wasm files and `models/` from this repository and hosts the relay and the collector.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  clearScreen: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/demo', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Keep assets as files: the page's CSP has no `data:` for scripts, and wasm must not be inlined.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2048,
  },
  worker: { format: 'es' },
  // transformers.js imports onnxruntime-web's "webgpu" entry, ChatGuard its wasm-only one (`#onnxruntime` in
  // package.json). Pointing both at one module gives the worker one onnxruntime instance and one wasm runtime, not two.
  resolve: { alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: 'onnxruntime-web/wasm' }] },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
