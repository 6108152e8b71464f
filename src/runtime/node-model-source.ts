import { GuardError } from '../engine/errors.js';
import { assertRelativeModelPath, type ModelSource } from './model-source.js';

/**
 * The package's own `models/` folder. This file sits two levels below the package root both as
 * source (`src/runtime/`, run by vitest or tsx) and when built (`dist/runtime/`), so the same
 * relative URL works in both.
 */
export const PACKAGE_MODELS_URL: URL = new URL('../../models/', import.meta.url);

/**
 * A {@link ModelSource} reading files from a folder on disk, for Node (CLI, tests, servers).
 * `node:` modules are imported lazily so that browser bundles, which never call this, stay free of them.
 * @param directory - a folder path or `file:` URL; @defaultValue the package's `models/` folder
 * @example
 * const source = createNodeModelSource(); // node_modules/chatguard/models
 */
export function createNodeModelSource(directory: string | URL = PACKAGE_MODELS_URL): ModelSource {
  const description = directory instanceof URL ? decodeURIComponent(directory.pathname) : directory;
  let folder: Promise<URL> | undefined;
  const resolveFolder = async (): Promise<URL> => {
    if (directory instanceof URL) return directory.href.endsWith('/') ? directory : new URL(`${directory.href}/`);
    const [{ resolve }, { pathToFileURL }] = await Promise.all([import('node:path'), import('node:url')]);
    return pathToFileURL(`${resolve(directory)}/`);
  };
  return Object.freeze({
    description,
    async read(path: string): Promise<Uint8Array> {
      assertRelativeModelPath(path);
      folder ??= resolveFolder();
      const { readFile } = await import('node:fs/promises');
      try {
        return new Uint8Array(await readFile(new URL(path, await folder)));
      } catch (cause) {
        throw new GuardError('MODEL_LOAD_FAILED', `Could not read model file "${path}" in ${description}.`, { cause });
      }
    },
  });
}
