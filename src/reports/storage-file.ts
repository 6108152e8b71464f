import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { GuardError } from '../engine/errors.js';
import type { OutboxStorage } from './storage.js';

/** Options for {@link createFileStorage}. */
export interface FileStorageOptions {
  /** The JSON file holding the queue. Its folder must exist. */
  readonly path: string;
}

/**
 * An {@link OutboxStorage} in one JSON file, for Node. Each save writes a temporary file next to it,
 * fsyncs it, renames it over the old one (atomic on POSIX and on NTFS) and fsyncs the folder, so a
 * crash leaves either the old queue or the new one, never half of one.
 * A file that is not valid JSON is not overwritten: `load` throws `STORAGE_FAILED` and leaves it for
 * inspection.
 * @example
 * const storage = createFileStorage({ path: './chatguard-outbox.json' });
 */
export function createFileStorage(options: FileStorageOptions): OutboxStorage {
  const { path } = options;
  if (typeof path !== 'string' || path === '') throw new GuardError('INVALID_OPTIONS', 'Expected storage path to be a file path.');
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new GuardError('STORAGE_FAILED', 'The outbox file could not be read.', { cause });
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (cause) {
        throw new GuardError('STORAGE_FAILED', 'The outbox file is not valid JSON; it was left untouched.', { cause });
      }
    },
    async save(value) {
      const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        const file = await open(temporary, 'w');
        try {
          await file.writeFile(JSON.stringify(value), 'utf8');
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, path);
        await syncFolder(dirname(path));
      } catch (cause) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw new GuardError('STORAGE_FAILED', 'The outbox file could not be written.', { cause });
      }
    },
  };
}

/** Makes the rename durable. Some platforms (Windows) cannot open a folder; there the rename is all we get. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // best effort, see above
  } finally {
    await handle?.close();
  }
}
