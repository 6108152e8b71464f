import { defineConfig } from 'vitest/config';

// `vite build` writes dist/browser, a prebuilt ESM build for pages that load ChatGuard without a
// bundler of their own: `chatguard.js` (the public entry, same exports as src/index.ts), the worker
// as its own file, and onnxruntime-web's wasm as a file next to it. `tsc -p tsconfig.build.json`
// emits the unbundled ESM that Node and bundlers consume through `exports`.
//
// This is Vite's app mode with a script entry, not library mode: library mode inlines every asset
// (`assetsInlineLimit` is ignored there), so the worker and the 27 MiB wasm ended up as base64 strings,
// and an inlined worker cannot import the lazily loaded transformers.js chunk. Here `new Worker(new URL(…))`
// and onnxruntime's `new URL('….wasm', import.meta.url)` become emitted files, found relative to the
// module that references them (`base: './'`), so dist/browser can be served from any path.
export default defineConfig({
  base: './',
  publicDir: false,
  build: {
    outDir: 'dist/browser',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Files, never data: URLs (a page's CSP may not allow them, and base64 costs a third more).
    assetsInlineLimit: 0,
    // A library injects no <link rel="modulepreload"> into its host page.
    modulePreload: false,
    // onnxruntime's JS (0.4 MB) and the worker (0.9 MB) are large by nature; the wasm is fetched, not parsed as JS.
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      input: { chatguard: 'src/index.ts' },
      // Keep every export of the entry, as library mode would.
      preserveEntrySignatures: 'strict',
      output: { entryFileNames: '[name].js' },
    },
  },
  // transformers.js imports onnxruntime-web's `webgpu` entry, ChatGuard its wasm-only one (`#onnxruntime` in
  // package.json); one instance and one wasm runtime serve both.
  resolve: { alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: 'onnxruntime-web/wasm' }] },
  worker: { format: 'es' },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
