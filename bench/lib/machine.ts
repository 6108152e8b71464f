/** Describes the machine a run happens on: CPU, cores, memory, versions and load. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, release } from 'node:os';

/** The `machine` block of the results. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memory_gb: number;
  readonly free_memory_gb_at_start: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  readonly chromium: string;
  readonly versions: Readonly<Record<string, string>>;
  /** 1, 5 and 15-minute load averages when the run started (the 2-core box is shared). */
  readonly load_average_at_start: readonly number[];
  load_average_at_end?: readonly number[];
  readonly started_at: string;
}

function packageVersion(name: string): string {
  try {
    const path = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function chromiumVersion(path: string): string {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }).trim();
  } catch {
    return 'unavailable';
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Reads the machine description; call it first so the load average is the one at start. */
export function describeMachine(chromiumPath: string): Machine {
  const load = loadavg().map(round2);
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memory_gb: round2(totalmem() / 2 ** 30),
    free_memory_gb_at_start: round2(freemem() / 2 ** 30),
    os: `${process.platform}-${process.arch} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
    chromium: chromiumVersion(chromiumPath),
    versions: Object.fromEntries(
      ['onnxruntime-web', 'onnxruntime-node', 'vite', 'playwright-core', 'nsfwjs', '@tensorflow/tfjs', 'natural', 'obscenity', 'comlink'].map((name) => [
        name,
        packageVersion(name),
      ]),
    ),
    load_average_at_start: load,
    started_at: new Date().toISOString(),
  };
}

/** The current 1, 5 and 15-minute load averages. */
export function currentLoad(): number[] {
  return loadavg().map(round2);
}
