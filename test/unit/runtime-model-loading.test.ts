import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isGuardError } from '../../src/engine/errors.js';
import { readVerified, sha256Hex, verifySha256 } from '../../src/runtime/integrity.js';
import { findModel, readManifest } from '../../src/runtime/manifest.js';
import { createFetchModelSource } from '../../src/runtime/model-source.js';
import { createNodeModelSource, PACKAGE_MODELS_URL } from '../../src/runtime/node-model-source.js';
import { createTextModelDetector } from '../../src/text/text-model-detector.js';

const MODELS = new URL('../../models/', import.meta.url);
const dirs: string[] = [];

/** A copy of the shipped text model, manifest and sidecar in a fresh temp dir. */
function copyModels(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chatguard-models-'));
  dirs.push(dir);
  for (const file of ['manifest.json', 'text-linear.onnx', 'text-linear.json']) copyFileSync(new URL(file, MODELS), join(dir, file));
  return dir;
}

async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { ...(isGuardError(error) ? { code: error.code } : {}), message: (error as Error).message };
  }
  throw new Error('expected a rejection');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('model integrity', () => {
  it('computes sha256 with WebCrypto', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('rejects a tampered model with MODEL_INTEGRITY naming the file, and loads once it is restored', async () => {
    const dir = copyModels();
    const path = join(dir, 'text-linear.onnx');
    const original = readFileSync(path);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 10] = (tampered[tampered.length - 10] as number) ^ 0xff;
    writeFileSync(path, tampered);
    const detector = createTextModelDetector({ source: createNodeModelSource(dir) });
    const error = await errorOf(detector.load());
    expect(error.code).toBe('MODEL_INTEGRITY');
    expect(error.message).toContain('text-linear.onnx');
    writeFileSync(path, original); // the failed load is forgotten, so a retry works
    await detector.load();
    expect((await detector.score('see you at 6 for dinner')).scores.spam).toBeLessThan(0.5);
    await detector.dispose();
  });

  it('rejects a tampered sidecar with MODEL_INTEGRITY', async () => {
    const dir = copyModels();
    const path = join(dir, 'text-linear.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"spam": 0.', '"spam": 0.0'));
    const error = await errorOf(createTextModelDetector({ source: createNodeModelSource(dir) }).load());
    expect(error).toMatchObject({ code: 'MODEL_INTEGRITY' });
    expect(error.message).toContain('text-linear.json');
  });

  /** Loads a copy of the text model whose sidecar `edit` changed, the manifest re-hashed to match: only the loader's own checks stand. */
  async function loadEditedSidecar(edit: (sidecar: Record<string, unknown>) => void): Promise<{ code?: string; message: string }> {
    const dir = copyModels();
    const sidecarPath = join(dir, 'text-linear.json');
    const sidecar = JSON.parse(readFileSync(sidecarPath, 'utf8')) as Record<string, unknown>;
    edit(sidecar);
    const text = JSON.stringify(sidecar);
    writeFileSync(sidecarPath, text);
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { models: { id: string; sidecar?: { sha256: string } }[] };
    const entry = manifest.models.find((model) => model.id === 'text-linear');
    if (entry?.sidecar) entry.sidecar.sha256 = await sha256Hex(new TextEncoder().encode(text));
    writeFileSync(manifestPath, JSON.stringify(manifest));
    return errorOf(createTextModelDetector({ source: createNodeModelSource(dir) }).load());
  }

  // Without its word lists or vocabulary a model would score silently wrong: loading must refuse.
  for (const [field, weight] of [
    ['lexicon', 'lexiconWeight'],
    ['vocabulary', 'segmentWeight'],
  ] as const) {
    it(`rejects a sidecar whose features need a ${field} it lacks with MODEL_LOAD_FAILED`, async () => {
      const error = await loadEditedSidecar((sidecar) => {
        expect((sidecar['features'] as Record<string, number>)[weight]).toBeGreaterThan(0);
        delete sidecar[field];
      });
      expect(error).toMatchObject({ code: 'MODEL_LOAD_FAILED' });
      expect(error.message).toContain(field);
    });
  }

  // Version 1 graphs took int64 indices: fed int32 they would fail on every message, so loading refuses them.
  it('rejects a sidecar of another version with MODEL_LOAD_FAILED naming both versions', async () => {
    const error = await loadEditedSidecar((sidecar) => {
      expect(sidecar['version']).toBe(2);
      sidecar['version'] = 1;
    });
    expect(error).toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    expect(error.message).toMatch(/version 1; this ChatGuard runs version 2/);
  });

  it('fails closed on a malformed digest', async () => {
    const error = await errorOf(verifySha256(new Uint8Array([1]), 'not-a-digest', 'x.onnx'));
    expect(error).toMatchObject({ code: 'MODEL_INTEGRITY' });
  });

  it('reports a missing file or manifest entry as MODEL_LOAD_FAILED', async () => {
    const dir = copyModels();
    rmSync(join(dir, 'text-linear.onnx'));
    const source = createNodeModelSource(dir);
    expect(await errorOf(createTextModelDetector({ source }).load())).toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    const manifest = await readManifest(source);
    expect(() => findModel(manifest, 'no-such-model')).toThrow(/no entry "no-such-model"/);
    expect(await errorOf(readVerified(source, '../package.json', '0'.repeat(64)))).toMatchObject({ code: 'MODEL_LOAD_FAILED' });
  });
});

describe('model sources', () => {
  it('finds the package models folder two levels up from src/runtime', async () => {
    expect(PACKAGE_MODELS_URL.href).toBe(MODELS.href);
    const manifest = await readManifest(createNodeModelSource());
    expect(findModel(manifest, 'text-linear', true).sidecar?.path).toBe('text-linear.json');
  });

  it('fetches from a base URL and maps HTTP errors to MODEL_LOAD_FAILED', async () => {
    const requested: string[] = [];
    const fakeFetch = (async (url: URL | RequestInfo) => {
      requested.push(String(url));
      return String(url).endsWith('manifest.json') ? new Response('{"models":[]}') : new Response('nope', { status: 404 });
    }) as typeof fetch;
    const source = createFetchModelSource('https://chat.example/assets/models', fakeFetch);
    expect((await readManifest(source)).models).toEqual([]);
    expect(await errorOf(source.read('text-linear.onnx'))).toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    expect(requested).toEqual(['https://chat.example/assets/models/manifest.json', 'https://chat.example/assets/models/text-linear.onnx']);
  });
});
