/**
 * What a page downloads, by size: the library bundle that `vite build` writes to dist/browser
 * (raw and gzip), onnxruntime-web's wasm runtime files, and the model files of the manifest.
 * What the bench page actually fetched (from the server's log) comes from the Chromium part.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const LIB_DIR = join(REPO, 'dist', 'browser');

function newestUnder(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/**
 * Runs the library's `vite build` (the repository's vite.config.ts, into dist/browser). With
 * `reuseOnly`, builds nothing and says whether an existing build is current. Returns the build
 * time, or a note when nothing was built.
 */
export async function buildLibrary(reuseOnly: boolean): Promise<number | string> {
  if (reuseOnly) {
    try {
      return statSync(join(LIB_DIR, 'chatguard.js')).mtimeMs > newestUnder(join(REPO, 'src')) ? 'reused (newer than src/)' : 'reused, but older than src/';
    } catch {
      return 'not built (quick run): library bundle sizes not measured';
    }
  }
  const start = performance.now();
  const { build } = await import('vite');
  await build({ configFile: join(REPO, 'vite.config.ts'), logLevel: 'error' });
  return performance.now() - start;
}

/** The sizes block of the results. */
export function measureSizes(): Record<string, unknown> {
  let libraryFiles: string[] = [];
  try {
    libraryFiles = filesUnder(LIB_DIR);
  } catch {
    // not built
  }
  const library = libraryFiles
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const bytes = readFileSync(file);
      return { file: relative(REPO, file), bytes: bytes.length, gzip_bytes: gzipSync(bytes, { level: 6 }).length };
    });
  const ortDir = join(REPO, 'node_modules', 'onnxruntime-web', 'dist');
  const ort = ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.jsep.wasm', 'ort-wasm-simd-threaded.jsep.mjs'].map((name) => {
    const bytes = readFileSync(join(ortDir, name));
    return { file: name, bytes: bytes.length, gzip_bytes: gzipSync(bytes, { level: 6 }).length };
  });
  const manifest = JSON.parse(readFileSync(join(REPO, 'models', 'manifest.json'), 'utf8')) as {
    models: { id: string; path: string; sidecar?: { path: string } }[];
  };
  const models = manifest.models.flatMap((model) =>
    [model.path, ...(model.sidecar ? [model.sidecar.path] : [])].map((path) => ({ id: model.id, file: `models/${path}`, bytes: statSync(join(REPO, 'models', path)).size })),
  );
  const sum = (rows: readonly { bytes: number }[]) => rows.reduce((total, row) => total + row.bytes, 0);
  return {
    library_bundle_dist_browser: {
      note: '`vite build` with the repository’s vite.config.ts (library mode); .js files only, source maps left out',
      files: library,
      total_bytes: sum(library),
      total_gzip_bytes: library.reduce((total, row) => total + row.gzip_bytes, 0),
    },
    ort_runtime_files: ort,
    models: { files: models, total_bytes: sum(models), manifest_bytes: statSync(join(REPO, 'models', 'manifest.json')).size },
  };
}
