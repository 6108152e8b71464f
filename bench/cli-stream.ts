// Streams N generated lines through `chatguard scan` and reports throughput and the child's peak RSS,
// to check the CLI's constant-memory contract. Usage: tsx bench/cli-stream.ts [--lines 1000000]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { lines: { type: 'string', default: '1000000' } } });
const total = Number(values.lines);
const bin = fileURLToPath(new URL('../bin/chatguard.js', import.meta.url));
const texts = ['see you at 6!', 'Your parcel is held, pay the £1.99 fee at royal-mail-redelivery.com', 'you are such an idiot', 'what is the wifi password'];

function* lines(): Generator<string> {
  for (let i = 0; i < total; i += 1) {
    yield i % 1000 === 0 ? '{broken json\n' : `${JSON.stringify({ id: `m${i}`, text: texts[i % texts.length], conversation: `c${i % 50}` })}\n`;
  }
}

/** Peak resident set size of a Linux process, from /proc (VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

const started = performance.now();
const child = spawn(process.execPath, [bin, 'scan'], { stdio: ['pipe', 'pipe', 'inherit'] });
let outputLines = 0;
let peak = 0;
const samples: number[] = [];
const sampler = setInterval(() => {
  try {
    peak = Math.max(peak, peakRssMiB(child.pid!));
    samples.push(peak);
  } catch {
    // the child has exited
  }
}, 500);
child.stdout.on('data', (chunk: Buffer) => {
  for (const byte of chunk) if (byte === 10) outputLines += 1;
});
Readable.from(lines()).pipe(child.stdin);
const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
clearInterval(sampler);
const seconds = (performance.now() - started) / 1000;
const quarter = samples[Math.floor(samples.length / 4)] ?? Number.NaN;
console.log(
  JSON.stringify({
    lines: total,
    outputLines,
    exitCode: code,
    seconds: Number(seconds.toFixed(1)),
    linesPerSecond: Math.round(total / seconds),
    peakRssMiB: Number(peak.toFixed(1)),
    peakRssAtQuarterMiB: Number(quarter.toFixed(1)),
  }),
);
