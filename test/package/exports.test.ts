// Imports the built package through its exports map, as an embedding app would.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function runModule(source: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', source], { cwd: ROOT }, (error, stdout, stderr) =>
      resolve({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 }),
    );
  });
}

describe('the package through its exports map', () => {
  it('exposes the public entry, the Node entry and the worker', async () => {
    const { stdout, code, stderr } = await runModule(`
      import { createEngine, createGuard, LABELS, isGuardError, defaultDetectors } from 'chatguard';
      import { createNodeGuard } from 'chatguard/node';
      const engine = createEngine({ detectors: defaultDetectors() });
      const local = await engine.checkIncoming({ text: 'hi' });
      const guard = createNodeGuard();
      const remote = await guard.checkIncoming({ text: 'hi' });
      guard.dispose();
      const resolved = import.meta.resolve('chatguard/worker');
      console.log(JSON.stringify({ labels: LABELS.length, local: local.action, remote: remote.action, guard: typeof createGuard, worker: resolved.endsWith('dist/worker/worker.js'), check: typeof isGuardError }));
    `);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ labels: 12, local: 'allow', remote: 'allow', guard: 'function', worker: true, check: 'function' });
  });

  it('keeps internals private', async () => {
    const { stderr, code } = await runModule(`await import('chatguard/dist/engine/engine.js');`);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });
});
