import { GuardError } from '../engine/errors.js';
import { verifySha256 } from '../runtime/integrity.js';

/** A progress event while a configured model loads, as transformers.js reports it plus the model's id. */
export interface ModelProgress {
  /** The configured model's `id`. */
  readonly model: string;
  /** `initiate` → `download` → `progress`… → `done` per file, then `ready` for the model (or `error`). */
  readonly status: 'initiate' | 'download' | 'progress' | 'done' | 'ready' | 'error';
  /** The file, relative to the model folder (`onnx/model.onnx`). */
  readonly file?: string;
  /** Bytes read so far and in all, for `progress`. */
  readonly loaded?: number;
  readonly total?: number;
  /** 0..100, for `progress`. */
  readonly progress?: number;
}

/** Receives {@link ModelProgress} events. */
export type ProgressListener = (event: ModelProgress) => void;

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

/** True when `from` names a remote folder (http or https). */
export function isRemote(from: string): boolean {
  return /^https?:\/\//i.test(from);
}

/** Rejects file names that could leave the model folder. */
function assertInside(file: string): void {
  if (file === '' || file.startsWith('/') || file.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(file) || file.split('/').includes('..')) {
    throw new GuardError('MODEL_LOAD_FAILED', `Model file "${file}" must be relative to the model folder, without "..".`);
  }
}

/** The folder's URL, with a trailing slash, resolved against the page (browser) or the working directory (Node). */
async function folderUrl(from: string): Promise<URL> {
  const slashed = from.endsWith('/') ? from : `${from}/`;
  if (/^(https?|file):/i.test(slashed)) return new URL(slashed);
  if (isNode()) {
    const [{ resolve }, { pathToFileURL }] = await Promise.all([import('node:path'), import('node:url')]);
    return pathToFileURL(`${resolve(slashed)}/`);
  }
  const base = (globalThis as { location?: { href: string } }).location?.href;
  if (!base) throw new GuardError('MODEL_LOAD_FAILED', `Cannot resolve the relative model folder "${from}" here; pass an absolute URL.`);
  return new URL(slashed, base);
}

/**
 * Reads one file of a model folder, only from `from`, reporting progress, and checks it against `sha256`
 * when the model lists digests. Resolves to `undefined` when the file does not exist (transformers.js asks
 * for optional files).
 * @throws GuardError `MODEL_INTEGRITY` when the model lists digests and the file is unlisted or differs;
 * `MODEL_LOAD_FAILED` when it cannot be read.
 */
export async function readModelFile(
  model: { readonly id: string; readonly from: string; readonly sha256?: Readonly<Record<string, string>> },
  file: string,
  onProgress?: ProgressListener,
): Promise<Uint8Array | undefined> {
  assertInside(file);
  const folder = await folderUrl(model.from);
  const url = new URL(file, folder);
  if (!url.href.startsWith(folder.href)) throw new GuardError('MODEL_LOAD_FAILED', `Model file "${file}" resolves outside ${model.from}.`);
  const bytes = url.protocol === 'file:' ? await readDisk(url, file, model.from) : await readHttp(url, file, model, onProgress);
  if (bytes === undefined) return undefined;
  if (url.protocol === 'file:') onProgress?.({ model: model.id, status: 'progress', file, loaded: bytes.byteLength, total: bytes.byteLength, progress: 100 });
  if (model.sha256) {
    const expected = model.sha256[file];
    if (expected === undefined) {
      throw new GuardError('MODEL_INTEGRITY', `Model "${model.id}" lists sha256 digests but not one for "${file}", which it loads; add it or the file cannot be trusted.`);
    }
    await verifySha256(bytes, expected, `${model.id}/${file}`);
  }
  return bytes;
}

async function readDisk(url: URL, file: string, from: string): Promise<Uint8Array | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    return new Uint8Array(await readFile(url));
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ENOENT') return undefined;
    throw new GuardError('MODEL_LOAD_FAILED', `Could not read model file "${file}" in ${from}.`, { cause });
  }
}

async function readHttp(url: URL, file: string, model: { readonly id: string; readonly from: string }, onProgress?: ProgressListener): Promise<Uint8Array | undefined> {
  let response: Response;
  try {
    // The model folder may be on another host the embedder named; never send that host our cookies.
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw new GuardError('MODEL_LOAD_FAILED', `Could not fetch model file "${file}" from ${model.from}.`, { cause });
  }
  if (response.status === 404) return undefined;
  if (!response.ok) throw new GuardError('MODEL_LOAD_FAILED', `Could not fetch model file "${file}" from ${model.from}: HTTP ${response.status}.`);
  const total = Number(response.headers.get('content-length')) || 0;
  if (!response.body || !onProgress) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress({ model: model.id, status: 'progress', file, loaded, total: Math.max(total, loaded), progress: total > 0 ? Math.min(100, (loaded / total) * 100) : 0 });
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
