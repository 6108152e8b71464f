/**
 * What a page downloads, by size: the prebuilt browser build that `vite build` writes to dist/browser
 * (its entry, worker, chunks and onnxruntime's wasm, raw and gzip), onnxruntime-web's wasm runtime
 * files, and the model files of the manifest. What the bench page actually fetched (from the server's
 * log) comes from the Chromium part.
 *
 * Run alone, it refreshes only the sizes of bench/results/latest.json (nothing else is measured):
 *   npx tsx bench/lib/sizes.ts --update     measure dist/browser as it is
 *   npx tsx bench/lib/sizes.ts --build --update     run `vite build` first
 * then `npm run bench -- --report-only` rewrites the README section from it.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
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

/**
 * `file` and every module it imports statically, transitively: what loads before its code runs. Chunks
 * behind `import()`, the worker and the wasm (both behind `new URL(…)`) load later, when used.
 */
function staticImports(file: string): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const match of readFileSync(path, 'utf8').matchAll(/\b(?:from|import)\s*["'`](\.{1,2}\/[^"'`]+\.m?js)["'`]/g)) {
      if (match[1] !== undefined) visit(join(dirname(path), match[1]));
    }
  };
  visit(file);
  return [...seen];
}

/** The sizes block of the results. */
export function measureSizes(): Record<string, unknown> {
  let libraryFiles: string[] = [];
  try {
    libraryFiles = filesUnder(LIB_DIR);
  } catch {
    // not built
  }
  // What a page can fetch: JavaScript and wasm (source maps are fetched only by developer tools).
  const library = libraryFiles
    .filter((file) => /\.(m?js|wasm)$/.test(file))
    .sort()
    .map((file) => {
      const bytes = readFileSync(file);
      return { file: relative(REPO, file), bytes: bytes.length, gzip_bytes: gzipSync(bytes, { level: 6 }).length };
    });
  // The entry and the worker with what each imports before it runs, from the rows above.
  const loads = (start: string | undefined) => {
    if (start === undefined) return undefined;
    const names = new Set(staticImports(start).map((file) => relative(REPO, file)));
    const rows = library.filter((row) => names.has(row.file));
    return { files: rows.map((row) => row.file), bytes: rows.reduce((t, row) => t + row.bytes, 0), gzip_bytes: rows.reduce((t, row) => t + row.gzip_bytes, 0) };
  };
  const entryLoads = loads(libraryFiles.find((file) => relative(LIB_DIR, file) === 'chatguard.js'));
  const workerLoads = loads(libraryFiles.find((file) => /^assets\/worker-[\w-]+\.js$/.test(relative(LIB_DIR, file).split('\\').join('/'))));
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
      note: '`vite build` with the repository’s vite.config.ts (app mode, entry src/index.ts → chatguard.js, the worker and onnxruntime’s wasm as files of their own); .js, .mjs and .wasm files, source maps left out (all_files_bytes counts them)',
      files: library,
      total_bytes: sum(library),
      total_gzip_bytes: library.reduce((total, row) => total + row.gzip_bytes, 0),
      all_files_bytes: libraryFiles.reduce((total, file) => total + statSync(file).size, 0),
      ...(entryLoads ? { entry_with_static_imports: entryLoads } : {}),
      ...(workerLoads ? { worker_with_static_imports: workerLoads } : {}),
    },
    ort_runtime_files: ort,
    models: { files: models, total_bytes: sum(models), manifest_bytes: statSync(join(REPO, 'models', 'manifest.json')).size },
  };
}

/** Measures dist/browser (after `vite build` with `--build`) and, with `--update`, replaces only the library sizes in latest.json. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { build: { type: 'boolean', default: false }, update: { type: 'boolean', default: false } } });
  if (values.build) await buildLibrary(false);
  const library = measureSizes()['library_bundle_dist_browser'];
  console.log(JSON.stringify(library, null, 2));
  if (!values.update) return;
  const path = join(REPO, 'bench', 'results', 'latest.json');
  const file = JSON.parse(readFileSync(path, 'utf8')) as { sizes: Record<string, unknown> };
  const command = `npx tsx bench/lib/sizes.ts${values.build ? ' --build' : ''} --update`;
  // Said in the file, since the rest of it comes from an earlier full run.
  file.sizes['library_bundle_dist_browser'] = { ...(library as object), measured_alone: { command, at: new Date().toISOString() } };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`updated sizes.library_bundle_dist_browser in ${relative(REPO, path)}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
