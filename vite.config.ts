import { defineConfig } from 'vitest/config';

// `vite build` bundles the public entry and the worker for pages that load
// ChatGuard without a bundler of their own; `tsc -p tsconfig.build.json`
// emits the unbundled ESM that Node and bundlers consume through `exports`.
export default defineConfig({
  build: {
    outDir: 'dist/browser',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: { chatguard: 'src/index.ts' },
      formats: ['es'],
    },
  },
  // transformers.js imports onnxruntime-web's `webgpu` entry; one instance and one wasm runtime serve both.
  resolve: { alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: 'onnxruntime-web' }] },
  worker: { format: 'es' },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
