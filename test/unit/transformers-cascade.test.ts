// The real transformers.js model (models/transformers/chatguard-wordpiece-bag) behind the fast detectors, in process:
// it contributes to verdicts by the max rule, runs only in the uncertainty band when asked to, is skipped and named when
// it is slow or fails, and fails closed on a sha256 mismatch.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { defaultDetectors } from '../../src/default-detectors.js';
import { LABELS, type Label } from '../../src/engine/labels.js';
import { createHfTextModel, type Classify } from '../../src/transformers/text-model.js';
import { calibrateScore, type TextModelConfig } from '../../src/transformers/config.js';
import type { ModelProgress } from '../../src/transformers/model-files.js';

const FOLDER = fileURLToPath(new URL('../../models/transformers/chatguard-wordpiece-bag/', import.meta.url));
const LABEL_MAP = { spam: 'spam', scam: 'scam', harassment: 'harassment' } as const;
const CONFIG: TextModelConfig = { id: 'chatguard-wordpiece-bag', from: FOLDER, task: 'text-classification', labels: LABEL_MAP };
const MAPPED = Object.values(LABEL_MAP) as Label[];

// Clear cases for the fast text model on both sides, and two it is unsure about (harassment, scam).
const TEXTS = [
  'hey, are we still on for football tomorrow?',
  'Free entry! Text WIN to 80086 to claim your prize',
  'you are a stupid idiot',
  'nobody likes you, loser',
  'Congrats you have been selected for a reward, reply YES',
];

/** Instrumentation around the real pipeline: counts calls, adds latency or fails on demand. */
function instrument() {
  const state = { calls: 0, delayMs: 0, fail: false };
  const wrap = (classify: Classify): Classify => async (text) => {
    state.calls += 1;
    if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    if (state.fail) throw new Error('deliberate failure');
    return classify(text);
  };
  return { state, wrap };
}

const fastOnly = createEngine({ detectors: defaultDetectors() });
const fastScores = new Map<string, Record<Label, number>>();
const always = instrument();
const alwaysModel = createHfTextModel({ ...CONFIG, run: 'always', budgetMs: 5_000 }, { wrap: always.wrap });
const uncertain = instrument();
const progress: ModelProgress[] = [];
const uncertainModel = createHfTextModel({ ...CONFIG, run: 'when-uncertain', budgetMs: 300 }, { wrap: uncertain.wrap, onProgress: (event) => progress.push(event) });

beforeAll(async () => {
  for (const text of TEXTS) fastScores.set(text, { ...(await fastOnly.checkIncoming({ text })).scores });
  await Promise.all([alwaysModel.load(), uncertainModel.load()]);
}, 60_000);
afterAll(async () => {
  fastOnly.dispose();
  await Promise.all([alwaysModel.dispose(), uncertainModel.dispose()]);
});

function inBand(text: string): boolean {
  const scores = fastScores.get(text)!;
  return MAPPED.some((label) => scores[label] >= 0.2 && scores[label] <= 0.8);
}

describe('a transformers.js model in the engine (Node, in process)', () => {
  it('loads from the local folder with progress events and remote loading off', async () => {
    const { env } = await import('@huggingface/transformers');
    expect(env.allowRemoteModels).toBe(false);
    expect(env.remoteHost).not.toMatch(/huggingface/);
    const files = new Set(progress.filter((event) => event.status === 'done').map((event) => event.file));
    expect(files).toEqual(new Set(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']));
    expect(progress.some((event) => event.status === 'progress' && event.file === 'onnx/model.onnx' && event.loaded === event.total)).toBe(true);
    expect(progress.at(-1)).toEqual({ model: 'chatguard-wordpiece-bag', status: 'ready' });
  });

  it('contributes to verdicts by the max rule, and names itself where it decided', async () => {
    const engine = createEngine({ detectors: defaultDetectors(), textModels: [alwaysModel] });
    let decided = 0;
    for (const text of TEXTS) {
      const before = always.state.calls;
      const verdict = await engine.checkIncoming({ text });
      expect(always.state.calls).toBe(before + 1);
      const model = await alwaysModel.classify(text);
      const fast = fastScores.get(text)!;
      expect(verdict.skipped).toEqual([]);
      expect(verdict.degraded).toBe(false);
      expect(verdict.versions['hf:chatguard-wordpiece-bag']).toBe('transformers.js:fp32');
      for (const label of LABELS) expect(verdict.scores[label]).toBeCloseTo(Math.max(fast[label], model[label] ?? 0), 6);
      for (const label of verdict.flags) {
        const byModel = verdict.reasons.find((reason) => reason.code === `${label}.hf_chatguard_wordpiece_bag`);
        if ((model[label] ?? 0) >= fast[label] && MAPPED.includes(label)) {
          expect(byModel?.detector).toBe('hf:chatguard-wordpiece-bag');
          // Declared codes: the report's exact allow-list keeps them.
          expect(verdict.report?.reasons).toContain(`${label}.hf_chatguard_wordpiece_bag`);
          decided += 1;
        } else {
          expect(byModel).toBeUndefined();
        }
      }
    }
    expect(decided).toBeGreaterThan(0);
    engine.dispose();
  });

  it('maps its scores through configured operating points, so 0.5 means the same as for every detector', async () => {
    const points = { spam: 0.225, harassment: 0.795 };
    const calibrated = createHfTextModel({ ...CONFIG, id: 'calibrated', operatingPoints: points });
    await calibrated.load();
    for (const text of TEXTS) {
      const raw = await alwaysModel.classify(text);
      const mapped = await calibrated.classify(text);
      expect(mapped.spam).toBeCloseTo(calibrateScore(raw.spam ?? 0, points.spam), 6);
      expect(mapped.harassment).toBeCloseTo(calibrateScore(raw.harassment ?? 0, points.harassment), 6);
      expect(mapped.scam).toBeCloseTo(raw.scam ?? 0, 6);
    }
    await calibrated.dispose();
  });

  it('runs a when-uncertain model only when a fast score for a mapped label is in the band', async () => {
    const engine = createEngine({ detectors: defaultDetectors(), textModels: [uncertainModel] });
    uncertain.state.calls = 0;
    let expected = 0;
    for (const text of TEXTS) {
      const verdict = await engine.checkIncoming({ text });
      if (inBand(text)) {
        expected += 1;
        expect(verdict.versions['hf:chatguard-wordpiece-bag']).toBeDefined();
      } else {
        expect(verdict.versions['hf:chatguard-wordpiece-bag']).toBeUndefined();
      }
      expect(uncertain.state.calls).toBe(expected);
      expect(verdict.skipped).toEqual([]);
    }
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(TEXTS.length);
    engine.dispose();
  });

  it('gives the verdict without a model over its budget, names it, and does not queue later checks behind it', async () => {
    const engine = createEngine({ detectors: defaultDetectors(), textModels: [uncertainModel] });
    const text = TEXTS.find(inBand)!;
    uncertain.state.delayMs = 1_500;
    try {
      let started = performance.now();
      const slow = await engine.checkIncoming({ text });
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(slow.skipped).toEqual([{ model: 'chatguard-wordpiece-bag', reason: 'budget' }]);
      expect(slow.degraded).toBe(true);
      expect(slow.reasons.map((reason) => reason.code)).toContain('system.model_skipped');
      expect(slow.versions['hf:chatguard-wordpiece-bag']).toBeUndefined();
      // The timed-out run is still going: the next check skips the model at once rather than waiting for it.
      const calls = uncertain.state.calls;
      started = performance.now();
      const next = await engine.checkIncoming({ text });
      expect(performance.now() - started).toBeLessThan(200);
      expect(uncertain.state.calls).toBe(calls);
      expect(next.skipped).toEqual([{ model: 'chatguard-wordpiece-bag', reason: 'budget' }]);
    } finally {
      uncertain.state.delayMs = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const recovered = await engine.checkIncoming({ text });
    expect(recovered.skipped).toEqual([]);
    expect(recovered.versions['hf:chatguard-wordpiece-bag']).toBeDefined();
    engine.dispose();
  });

  it('never turns a model error into a clean verdict: it is skipped, named and degraded', async () => {
    const engine = createEngine({ detectors: defaultDetectors(), textModels: [uncertainModel] });
    uncertain.state.fail = true;
    try {
      const verdict = await engine.checkIncoming({ text: TEXTS.find(inBand)! });
      expect(verdict.skipped).toEqual([{ model: 'chatguard-wordpiece-bag', reason: 'error' }]);
      expect(verdict.degraded).toBe(true);
    } finally {
      uncertain.state.fail = false;
    }
    engine.dispose();
  });
});

describe('a model that is not ready', () => {
  const sha256 = (file: string) => createHash('sha256').update(readFileSync(`${FOLDER}${file}`)).digest('hex');
  const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];

  it('is skipped as loading on the first checks while it loads in the background', async () => {
    const engine = createEngine({ detectors: defaultDetectors(), textModels: [{ ...CONFIG, id: 'fresh', run: 'always' }] });
    const verdict = await engine.checkIncoming({ text: 'hello there' });
    expect(verdict.skipped).toEqual([{ model: 'fresh', reason: 'loading' }]);
    expect(verdict.degraded).toBe(true);
    await engine.ready();
    expect((await engine.checkIncoming({ text: 'hello there' })).skipped).toEqual([]);
    engine.dispose();
  });

  it('fails closed with MODEL_INTEGRITY when a file does not match its sha256, and loads when all match', async () => {
    const digests = Object.fromEntries(FILES.map((file) => [file, sha256(file)]));
    const tampered = createEngine({ textModels: [{ ...CONFIG, id: 'tampered', run: 'always', sha256: { ...digests, 'onnx/model.onnx': '0'.repeat(64) } }] });
    await expect(tampered.ready()).rejects.toMatchObject({ code: 'MODEL_INTEGRITY', message: expect.stringMatching(/tampered\/onnx\/model\.onnx.*integrity/) });
    const verdict = await tampered.checkIncoming({ text: 'nobody likes you, loser', id: 'm1' });
    expect(verdict.degraded).toBe(true);
    expect(verdict.skipped).toEqual([{ model: 'tampered', reason: 'error' }]);
    tampered.dispose();

    const unlisted = createEngine({ textModels: [{ ...CONFIG, id: 'unlisted', sha256: { 'onnx/model.onnx': digests['onnx/model.onnx']! } }] });
    await expect(unlisted.ready()).rejects.toMatchObject({ code: 'MODEL_INTEGRITY', message: expect.stringMatching(/not one for "config.json"/) });
    unlisted.dispose();

    const verified = createHfTextModel({ ...CONFIG, id: 'verified', sha256: digests });
    await verified.load();
    expect(verified.version).toBe(`sha256:${digests['onnx/model.onnx']!.slice(0, 12)}`);
    await verified.dispose();
  }, 30_000);

  it('fails with MODEL_LOAD_FAILED for a folder that does not hold a model', async () => {
    const engine = createEngine({ textModels: [{ ...CONFIG, id: 'missing', from: `${FOLDER}does-not-exist/` }] });
    await expect(engine.ready()).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    engine.dispose();
  });
});

describe('a model folder at a URL', () => {
  it('is fetched from that folder only, each file once, with progress in bytes, and nothing else is asked for', async () => {
    const requested: string[] = [];
    const server = createServer((request, response) => {
      requested.push(request.url ?? '');
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      if (!path.startsWith('/models/bag/') || path.includes('..')) return void response.writeHead(404).end();
      readFile(`${FOLDER}${path.slice('/models/bag/'.length)}`).then(
        (body) => response.writeHead(200, { 'content-length': body.byteLength }).end(body),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const events: ModelProgress[] = [];
    try {
      const engine = createEngine({
        textModels: [{ ...CONFIG, id: 'remote-bag', from: `http://127.0.0.1:${port}/models/bag/`, run: 'always', budgetMs: 5_000 }],
        onProgress: (event) => events.push(event),
      });
      await engine.ready();
      const verdict = await engine.checkIncoming({ text: 'Free entry! Text WIN to 80086 to claim your prize' });
      expect(verdict.versions['hf:remote-bag']).toBeDefined();
      expect(verdict.scores.spam).toBeGreaterThan(0.5);
      engine.dispose();
    } finally {
      server.close();
    }
    expect(requested.every((url) => url.startsWith('/models/bag/'))).toBe(true);
    expect(requested.filter((url) => url === '/models/bag/onnx/model.onnx')).toHaveLength(1);
    const model = events.filter((event) => event.status === 'progress' && event.file === 'onnx/model.onnx').at(-1);
    expect(model?.loaded).toBe(model?.total);
    expect(model?.total).toBeGreaterThan(1_000_000);
  }, 30_000);
});
