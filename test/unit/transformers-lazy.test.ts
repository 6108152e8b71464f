// `@huggingface/transformers` is an optional peer, imported only when a model is configured: a Node process whose
// module resolution refuses the package still runs every default check, and configuring a model then fails with
// MODEL_LOAD_FAILED naming the missing package, as a verdict marked degraded, never a crash or a silent "safe".
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// A resolve hook that refuses @huggingface/transformers, as if it were not installed.
const HOOK = `export async function resolve(specifier, context, next) {
  if (specifier === '@huggingface/transformers' || specifier.startsWith('@huggingface/transformers/')) throw Object.assign(new Error('refused: ' + specifier), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(specifier, context);
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

async function withoutTransformers(script: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, '--input-type=module', '-e', script], { cwd: ROOT, timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');
}

describe('@huggingface/transformers is imported only when a model is configured', () => {
  it('runs the default checks without it', async () => {
    const out = await withoutTransformers(`
      import { createEngine, defaultDetectors } from './dist/index.js';
      const engine = createEngine({ detectors: defaultDetectors() });
      const verdict = await engine.checkIncoming({ text: 'Free entry! Text WIN to 80086 to claim your prize' });
      console.log(JSON.stringify({ flags: verdict.flags, degraded: verdict.degraded, skipped: verdict.skipped ?? null }));
    `);
    expect(out).toEqual({ flags: expect.arrayContaining(['spam']), degraded: false, skipped: null });
  }, 60_000);

  it('fails a configured model with MODEL_LOAD_FAILED naming the package, and degrades the verdict', async () => {
    const out = await withoutTransformers(`
      import { createEngine, defaultDetectors } from './dist/index.js';
      const engine = createEngine({ detectors: defaultDetectors(), textModels: [{ id: 'bag', from: 'models/transformers/chatguard-wordpiece-bag', task: 'text-classification', labels: { spam: 'spam' }, run: 'always' }] });
      const error = await engine.ready().then(() => null, (e) => ({ code: e.code, message: e.message }));
      const verdict = await engine.checkIncoming({ text: 'hello' });
      console.log(JSON.stringify({ error, degraded: verdict.degraded, skipped: verdict.skipped }));
    `);
    expect(out).toEqual({
      error: { code: 'MODEL_LOAD_FAILED', message: expect.stringContaining('@huggingface/transformers') },
      degraded: true,
      skipped: [{ model: 'bag', reason: 'error' }],
    });
  }, 60_000);
});
