import { GuardError } from '../engine/errors.js';
import type { ModelSource } from './model-source.js';

/** A file listed in the manifest with its digest. */
export interface ManifestFile {
  readonly path: string;
  readonly sha256: string;
}

/** One model's entry in `models/manifest.json`; fields beyond these (metrics, licences) are informational. */
export interface ManifestEntry extends ManifestFile {
  readonly id: string;
  readonly bytes: number;
  readonly labels: readonly string[];
  readonly sidecar?: ManifestFile;
  readonly [key: string]: unknown;
}

/** `models/manifest.json`: every shipped model with its sha256, licence, metrics and rebuild command. */
export interface ModelManifest {
  readonly models: readonly ManifestEntry[];
}

/** The manifest's file name inside the models folder. */
export const MANIFEST_PATH = 'manifest.json';

function isFile(value: unknown): value is ManifestFile {
  const file = value as Partial<ManifestFile> | null;
  return typeof file === 'object' && file !== null && typeof file.path === 'string' && typeof file.sha256 === 'string';
}

/**
 * Reads and shape-checks the manifest.
 * @throws GuardError `MODEL_LOAD_FAILED` when it is missing, not JSON or malformed.
 */
export async function readManifest(source: ModelSource): Promise<ModelManifest> {
  const bytes = await source.read(MANIFEST_PATH);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new GuardError('MODEL_LOAD_FAILED', `The model manifest in ${source.description} is not valid JSON.`, { cause });
  }
  const models = (parsed as { models?: unknown } | null)?.models;
  if (!Array.isArray(models)) {
    throw new GuardError('MODEL_LOAD_FAILED', `The model manifest in ${source.description} has no "models" list.`);
  }
  return { models: models as ManifestEntry[] };
}

/**
 * The entry for `id`, checked to name a model file (and a sidecar when `needsSidecar`).
 * @throws GuardError `MODEL_LOAD_FAILED` listing the ids present when `id` is missing or malformed.
 */
export function findModel(manifest: ModelManifest, id: string, needsSidecar = false): ManifestEntry {
  const entry = manifest.models.find((model) => (model as { id?: unknown }).id === id);
  if (!entry) {
    const ids = manifest.models.map((model) => `"${String((model as { id?: unknown }).id)}"`).join(', ') || 'none';
    throw new GuardError('MODEL_LOAD_FAILED', `The model manifest has no entry "${id}"; it lists ${ids}.`);
  }
  if (!isFile(entry) || (needsSidecar && !isFile(entry.sidecar))) {
    throw new GuardError('MODEL_LOAD_FAILED', `The manifest entry "${id}" lacks a path and sha256${needsSidecar ? ' for the model and its sidecar' : ''}.`);
  }
  return entry;
}
