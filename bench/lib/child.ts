/**
 * Runs a part of the benchmark in its own process, so that one part's modules, heap and
 * threads (tfjs, a worker, natural's data) do not disturb another's timings or memory. The child
 * writes its JSON to a file: stdout is left to libraries that print banners.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How a child script is started. */
export interface ChildOptions {
  /** Run with plain `node` (a `.mjs` file) instead of the current tsx-enabled runtime. */
  readonly plainNode?: boolean;
  /** Kill the child after this long. @defaultValue 10 minutes */
  readonly timeoutMs?: number;
  /** Extra Node flags (`--expose-gc`). */
  readonly nodeFlags?: readonly string[];
}

/**
 * Runs `script` (relative to bench/lib/) with `<out.json> ...args` and returns the parsed JSON it wrote.
 * @throws Error with the child's stderr tail when it fails or writes nothing.
 */
export async function runChild<T>(script: string, args: readonly string[], options: ChildOptions = {}): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'chatguard-bench-child-'));
  const out = join(dir, 'out.json');
  const file = fileURLToPath(new URL(script, import.meta.url));
  const runtime = options.plainNode ? [] : process.execArgv;
  const child = spawn(process.execPath, [...runtime, ...(options.nodeFlags ?? []), file, out, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-8000);
  });
  child.stdout.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.startsWith('  ')) console.log(line); // progress lines only
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  try {
    if (code !== 0) throw new Error(`${script} ${args[0] ?? ''} exited with ${code}:\n${stderr.trim().split('\n').slice(-15).join('\n')}`);
    return JSON.parse(readFileSync(out, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
