// The CLI contract, end to end through the real bin and a child process.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { fileURLToPath } from 'node:url';
import { LABELS } from '../../src/engine/labels.js';
import { ACTIONS } from '../../src/engine/policy-table.js';

const BIN = fileURLToPath(new URL('../../bin/chatguard.js', import.meta.url));

function run(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Checks one output line against the documented shape; returns what is wrong, or nothing. */
function shapeProblems(line: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if ('error' in line) {
    const error = line['error'] as { code?: unknown; message?: unknown };
    if (typeof error.code !== 'string' || typeof error.message !== 'string') problems.push('error needs code and message');
    return problems;
  }
  if (typeof line['id'] !== 'string') problems.push('id');
  const scores = line['scores'] as Record<string, unknown>;
  if (Object.keys(scores).join() !== LABELS.join()) problems.push('scores must list every label');
  for (const label of LABELS) if (typeof scores[label] !== 'number' || scores[label] < 0 || scores[label] > 1) problems.push(`scores.${label}`);
  if (!Array.isArray(line['flags']) || !line['flags'].every((f) => LABELS.includes(f))) problems.push('flags');
  if (!(ACTIONS as readonly unknown[]).includes(line['action'])) problems.push('action');
  if (!Array.isArray(line['links'])) problems.push('links');
  for (const link of (line['links'] as Array<Record<string, unknown>>) ?? []) {
    if (typeof link['url'] !== 'string' || !['safe', 'suspicious', 'malicious'].includes(link['verdict'] as string)) problems.push('link');
  }
  if (!('report' in line) || (line['report'] !== null && typeof line['report'] !== 'object')) problems.push('report');
  return problems;
}

function mixedInput(lines: number): { text: string; malformed: number } {
  const out: string[] = [];
  let malformed = 0;
  const bad = ['{not json', '[1,2,3]', '{"id":"x"}', '{"id":"y","text":7}', '{"id":"z","text":"a","direction":"sideways"}', '42', '"str"'];
  for (let i = 0; i < lines; i += 1) {
    if (i % 97 === 0) {
      out.push(bad[(i / 97) % bad.length]!);
      malformed += 1;
    } else {
      const direction = i % 3 === 0 ? 'outgoing' : 'incoming';
      out.push(JSON.stringify({ id: `m${i}`, text: `message ${i} see you soon`, direction, conversation: `c${i % 10}`, contact: i % 2 === 0 }));
    }
  }
  return { text: `${out.join('\n')}\n`, malformed };
}

describe('chatguard scan', () => {
  it('answers 10,000 lines with malformed ones mixed in, one output line each, in order', async () => {
    const { text, malformed } = mixedInput(10_000);
    const { code, stdout } = await run(['scan'], text);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(10_000);
    expect(lines.filter((l) => 'error' in l)).toHaveLength(malformed);
    for (const line of lines) expect(shapeProblems(line)).toEqual([]);
    expect(lines[1]!['id']).toBe('m1');
    expect(lines[9_999]!['id']).toBe('m9999');
  }, 120_000);

  it('reports what was wrong with a malformed line and carries its id when it has one', async () => {
    const { stdout } = await run(['scan'], '{oops\n{"id":"k","text":["a"]}\n{"id":"d","text":"x","direction":"up"}\n');
    const [broken, wrongType, wrongDirection] = stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(broken).toEqual({ error: { code: 'INVALID_JSON', message: expect.stringMatching(/JSON/) } });
    expect(wrongType).toEqual({ id: 'k', error: { code: 'INVALID_MESSAGE', message: expect.stringMatching(/"text" to be a string, got an array/) } });
    expect(wrongDirection.error.message).toMatch(/"incoming" or "outgoing"/);
  });

  it('defaults to incoming and the adult profile, and honours --profile', async () => {
    const adult = JSON.parse((await run(['scan'], '{"id":"a","text":"hi"}\n')).stdout);
    expect(adult).toMatchObject({ direction: 'incoming' });
    const child = await run(['scan', '--profile', 'child'], '{"id":"a","text":"hi","direction":"outgoing"}\n');
    expect(JSON.parse(child.stdout)).toMatchObject({ direction: 'outgoing' });
  });

  it('skips blank lines and handles CRLF input', async () => {
    const { stdout } = await run(['scan'], '\r\n{"id":"a","text":"hi"}\r\n\n{"id":"b","text":"yo"}');
    expect(stdout.trimEnd().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a', 'b']);
  });

  it('checks an image file named by the "image" field, and reports a bad one as INVALID_IMAGE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatguard-cli-'));
    const png = new PNG({ width: 32, height: 24 });
    for (let i = 0; i < png.data.length; i += 4) png.data.set([i % 256, 40, 200, 255], i);
    writeFileSync(join(dir, 'pattern.png'), PNG.sync.write(png));
    const pixels = Buffer.alloc(16 * 16 * 4, 90);
    writeFileSync(join(dir, 'grey.jpg'), jpeg.encode({ data: pixels, width: 16, height: 16 }, 80).data);
    writeFileSync(join(dir, 'cut.png'), PNG.sync.write(png).subarray(0, 60));
    writeFileSync(join(dir, 'notes.txt'), 'not an image');
    const input = ['pattern.png', 'grey.jpg', 'cut.png', 'notes.txt', 'missing.png']
      .map((file, i) => JSON.stringify({ id: `i${i}`, text: '', image: join(dir, file) }))
      .join('\n');
    const lines = (await run(['scan', '--profile', 'teen'], input)).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    for (const ok of lines.slice(0, 2)) {
      expect(ok).toMatchObject({ degraded: false });
      expect(ok.scores.nudity).toBeGreaterThanOrEqual(0);
    }
    for (const bad of lines.slice(2)) expect(bad.error.code).toBe('INVALID_IMAGE');
  }, 60_000);

  it('exits 2 with usage for bad arguments', async () => {
    for (const args of [[], ['scan', '--profile', 'toddler'], ['scan', '--bogus'], ['zap']]) {
      const { code, stderr } = await run(args, '');
      expect(code).toBe(2);
      expect(stderr).toMatch(/chatguard scan|profile/);
    }
  });
});
