// textModels configuration: every bad field is an INVALID_OPTIONS GuardError naming the field and the accepted values.
import { describe, expect, it } from 'vitest';
import { resolveTextModels, DEFAULT_UNCERTAINTY, DEFAULT_BUDGET_MS, calibrateScore, modelReasonCode } from '../../src/transformers/config.js';
import { createEngine } from '../../src/engine/engine.js';
import { createGuard } from '../../src/guard.js';
import { REPORT_PATTERNS } from '../../src/reports/schema.js';

const base = { id: 'bag', from: 'models/transformers/chatguard-wordpiece-bag', task: 'text-classification', labels: { spam: 'spam' } } as const;

function errorOf(run: () => unknown): { code?: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a throw');
}

describe('textModels configuration', () => {
  it('fills every default', () => {
    const [model] = resolveTextModels([base]);
    expect(model).toEqual({
      ...base,
      run: 'when-uncertain',
      device: 'wasm',
      dtype: 'fp32',
      uncertainty: { spam: DEFAULT_UNCERTAINTY },
      budgetMs: DEFAULT_BUDGET_MS,
      operatingPoints: {},
    });
    expect(Object.isFrozen(model)).toBe(true);
  });

  it.each([
    ['not a list', { textModels: 'bag' }, /textModels to be a list/],
    ['an id with upper case', { textModels: [{ ...base, id: 'Bag' }] }, /textModels\[0\]\.id/],
    ['an id with "--"', { textModels: [{ ...base, id: 'a--b' }] }, /textModels\[0\]\.id/],
    ['no from', { textModels: [{ ...base, from: '' }] }, /textModels\[0\]\.from/],
    ['a from with another scheme', { textModels: [{ ...base, from: 'hf://Xenova/toxic-bert' }] }, /http\(s\) or file: URL/],
    ['another task', { textModels: [{ ...base, task: 'fill-mask' }] }, /"text-classification"/],
    ['an unknown label', { textModels: [{ ...base, labels: { toxic: 'toxicity' } }] }, /labels\["toxic"\].*spam, scam/],
    ['no labels', { textModels: [{ ...base, labels: {} }] }, /labels to map/],
    ['a bad run', { textModels: [{ ...base, run: 'sometimes' }] }, /run to be one of "always", "when-uncertain"/],
    ['a bad device', { textModels: [{ ...base, device: 'cuda' }] }, /device to be one of "wasm", "webgpu", "auto"/],
    ['a bad digest', { textModels: [{ ...base, sha256: { 'onnx/model.onnx': 'abc' } }] }, /sha256\["onnx\/model.onnx"\] to be 64/],
    ['a digest path outside the folder', { textModels: [{ ...base, sha256: { '../x': 'a'.repeat(64) } }] }, /relative to "from"/],
    ['a band for an unmapped label', { textModels: [{ ...base, uncertainty: { scam: [0.1, 0.9] } }] }, /uncertainty keys .*\(spam\)/],
    ['a reversed band', { textModels: [{ ...base, uncertainty: { spam: [0.9, 0.1] } }] }, /low ≤ high/],
    ['a negative budget', { textModels: [{ ...base, budgetMs: -1 }] }, /budgetMs/],
    ['an operating point of 1', { textModels: [{ ...base, operatingPoints: { spam: 1 } }] }, /operatingPoints\.spam to be a score strictly between 0 and 1/],
    ['an operating point for an unmapped label', { textModels: [{ ...base, operatingPoints: { hate: 0.3 } }] }, /operatingPoints keys .*\(spam\)/],
    ['an unknown option', { textModels: [{ ...base, revision: 'main' }] }, /Unknown option textModels\[0\]\.revision/],
    ['two models with one id', { textModels: [base, { ...base }] }, /two models with the id "bag"/],
    ['ids equal after "-" becomes "_"', { textModels: [{ ...base, id: 'a-b' }, { ...base, id: 'a_b' }] }, /two models/],
  ])('rejects %s with INVALID_OPTIONS, from createEngine and createGuard', (_, options, message) => {
    const neverStarted = () => {
      throw new Error('never started');
    };
    for (const create of [() => createEngine(options as never), () => createGuard({ ...(options as object), createWorker: neverStarted })]) {
      const error = errorOf(create);
      expect(error.code).toBe('INVALID_OPTIONS');
      expect(error.message).toMatch(message);
    }
  });

  it('maps a model score so that its operating point becomes 0.5, keeping 0, 1 and order', () => {
    expect(calibrateScore(0.795, 0.795)).toBe(0.5);
    expect(calibrateScore(0, 0.2)).toBe(0);
    expect(calibrateScore(1, 0.2)).toBe(1);
    expect(calibrateScore(0.1, 0.2)).toBeCloseTo(0.25, 12);
    expect(calibrateScore(0.6, 0.2)).toBeCloseTo(0.75, 12);
    expect(calibrateScore(0.37, undefined)).toBe(0.37);
  });

  it('gives reason codes that reports keep (one dot, snake case)', () => {
    expect(modelReasonCode('harassment', 'chatguard-wordpiece-bag')).toBe('harassment.hf_chatguard_wordpiece_bag');
    expect(REPORT_PATTERNS.reasonCode.test(modelReasonCode('self_harm', `a${'-b'.repeat(19)}`))).toBe(true);
  });

  it('leaves verdicts without a skipped field when no model is configured', async () => {
    const engine = createEngine({});
    const verdict = await engine.checkIncoming({ text: 'hello' });
    expect(verdict.skipped).toBeUndefined();
    engine.dispose();
  });
});
