import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGuardError } from '../../src/engine/errors.js';
import {
  TEXT_MODEL_LABELS,
  calibrate,
  createTextModelDetector,
  normalizerFingerprint,
  type TextModelDetector,
  type TextModelSidecar,
} from '../../src/text/text-model-detector.js';

const sidecar = JSON.parse(readFileSync(new URL('../../models/text-linear.json', import.meta.url), 'utf8')) as TextModelSidecar;
const manifest = JSON.parse(readFileSync(new URL('../../models/manifest.json', import.meta.url), 'utf8')) as {
  models: { id: string; sha256: string }[];
};

/** ONNX (float32, wasm) against training's float64 TypeScript on the same int8 weights. */
const GOLDEN_TOLERANCE = 1e-4;

const input = (text: string) => ({ text, direction: 'incoming' as const, message: { text } });

describe('createTextModelDetector (committed model)', () => {
  let detector: TextModelDetector;
  beforeAll(async () => {
    detector = createTextModelDetector();
    await detector.load();
  });
  afterAll(() => detector.dispose());

  it('reports its id, labels and the model sha256 prefix as version', () => {
    expect(detector.id).toBe('text-linear');
    expect(detector.labels).toEqual(TEXT_MODEL_LABELS);
    const entry = manifest.models.find((model) => model.id === 'text-linear');
    expect(detector.version).toBe(entry?.sha256.slice(0, 12));
  });

  it('reproduces the golden probabilities training computed in TypeScript', async () => {
    expect(sidecar.golden?.length).toBeGreaterThan(0);
    for (const { text, probabilities } of sidecar.golden ?? []) {
      const scored = await detector.score(text);
      TEXT_MODEL_LABELS.forEach((label, l) => {
        expect(Math.abs(scored.probabilities[label] - (probabilities[l] as number))).toBeLessThanOrEqual(GOLDEN_TOLERANCE);
      });
    }
  });

  it('was trained with the current normalizeText', async () => {
    // A mismatch means normalisation changed since training: run `npm run train:text` and commit models/.
    expect(await normalizerFingerprint()).toBe(sidecar.normalizer_fingerprint);
  });

  it('scores a clearly spammy SMS over 0.5 on spam, with a reason that does not quote it', async () => {
    const text = 'URGENT! You have won a guaranteed £1000 cash prize. To claim call 09061701461 now. T&Cs apply, 150p/min';
    const result = await detector.detect(input(text));
    expect(result.scores.spam).toBeGreaterThan(0.5);
    const reason = result.reasons.find((r) => r.code === 'spam.model');
    expect(reason?.label).toBe('spam');
    for (const r of result.reasons) expect(r.message).not.toMatch(/09061701461|£1000|claim/i);
  });

  it('scores everyday chat under 0.5 on every label', async () => {
    const result = await detector.detect(input('see you at 6 for dinner'));
    for (const label of TEXT_MODEL_LABELS) expect(result.scores[label]).toBeLessThan(0.5);
    expect(result.reasons.filter((r) => (result.scores[r.label as (typeof TEXT_MODEL_LABELS)[number]] ?? 0) >= 0.5)).toEqual([]);
  });

  it('serialises concurrent runs and gives the same scores as sequential ones', async () => {
    const texts = ['hello there', 'you idiot', 'WIN a prize now', 'ok', 'see you later'];
    const sequential = [];
    for (const text of texts) sequential.push(await detector.score(text));
    const concurrent = await Promise.all([...texts, ...texts].map((text) => detector.score(text)));
    expect(concurrent.slice(0, texts.length)).toEqual(sequential);
    expect(concurrent.slice(texts.length)).toEqual(sequential);
  });

  it('rejects calls after dispose with DISPOSED', async () => {
    const other = createTextModelDetector();
    await other.load();
    await other.dispose();
    await other.dispose(); // idempotent
    const error = await other.score('hi').catch((e: unknown) => e);
    expect(isGuardError(error) && error.code).toBe('DISPOSED');
  });
});

describe('calibrate', () => {
  it('maps the threshold to 0.5, stays monotone and clamps to 0..1', () => {
    expect(calibrate(0.3, 0.3)).toBeCloseTo(0.5, 12);
    expect(calibrate(0, 0.3)).toBe(0);
    expect(calibrate(1, 0.3)).toBe(1);
    expect(calibrate(-1, 0.3)).toBe(0);
    expect(calibrate(2, 0.3)).toBe(1);
    let previous = -1;
    for (let p = 0; p <= 1; p += 0.01) {
      const c = calibrate(p, 0.7);
      expect(c).toBeGreaterThanOrEqual(previous);
      previous = c;
    }
  });
});
