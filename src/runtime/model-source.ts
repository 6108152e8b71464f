import { GuardError } from '../engine/errors.js';

/**
 * Where model files come from: the package's `models/` folder in Node, the host's server in the
 * browser. Paths are relative to that folder (`text-linear.onnx`, `manifest.json`).
 */
export interface ModelSource {
  /** Human-readable location, for error messages. */
  readonly description: string;
  /**
   * Reads one file.
   * @throws GuardError `MODEL_LOAD_FAILED` naming the file when it cannot be read.
   */
  read(path: string): Promise<Uint8Array>;
}

/** Rejects absolute paths and `..` so a manifest entry cannot point outside the models folder. */
export function assertRelativeModelPath(path: string): void {
  if (path === '' || path.startsWith('/') || path.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.split('/').includes('..')) {
    throw new GuardError('MODEL_LOAD_FAILED', `Model path "${path}" must be relative to the models folder, without "..".`);
  }
}

/**
 * A {@link ModelSource} that fetches files from `baseUrl` (for example `'/models/'` served by the
 * host). Never point it at a third-party CDN: the files are checked against the manifest, but the
 * manifest itself comes from the same place.
 * @example
 * const source = createFetchModelSource(new URL('/chatguard/models/', location.href));
 */
export function createFetchModelSource(baseUrl: string | URL, fetchImpl: typeof fetch = fetch): ModelSource {
  const base = String(baseUrl).endsWith('/') ? String(baseUrl) : `${String(baseUrl)}/`;
  return Object.freeze({
    description: base,
    async read(path: string): Promise<Uint8Array> {
      assertRelativeModelPath(path);
      const url = new URL(path, new URL(base, (globalThis as { location?: { href: string } }).location?.href));
      let response: Response;
      try {
        response = await fetchImpl(url, { credentials: 'same-origin' });
      } catch (cause) {
        throw new GuardError('MODEL_LOAD_FAILED', `Could not fetch model file "${path}" from ${base}.`, { cause });
      }
      if (!response.ok) {
        throw new GuardError('MODEL_LOAD_FAILED', `Could not fetch model file "${path}" from ${base}: HTTP ${response.status}.`);
      }
      return new Uint8Array(await response.arrayBuffer());
    },
  });
}
