import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The benchmark page (bench/browser/index.html): built to dist/bench-browser and served by
// bench/lib/server.ts, which also serves models/ and onnxruntime-web's wasm files itself.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  clearScreen: false,
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/bench-browser', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Keep every asset a file: the wasm must not be inlined into the worker.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es' },
  // One onnxruntime instance per worker: transformers.js imports the "webgpu" entry, ChatGuard the wasm-only one.
  resolve: { alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: 'onnxruntime-web/wasm' }] },
});
