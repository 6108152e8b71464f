import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileInFolder } from '../../demo/static-files.js';

describe('fileInFolder (demo server and test server)', () => {
  const root = mkdtempSync(join(tmpdir(), 'chatguard-static-'));
  const folder = join(root, 'public');
  mkdirSync(join(folder, 'assets'), { recursive: true });
  writeFileSync(join(folder, 'assets', 'a b.js'), 'x');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');

  it('finds files inside the folder, percent-decoded', async () => {
    expect(await fileInFolder(folder, 'assets/a%20b.js')).toEqual({ path: join(folder, 'assets', 'a b.js'), size: 1 });
    expect(await fileInFolder(`${folder}/`, 'assets/a%20b.js')).toEqual({ path: join(folder, 'assets', 'a b.js'), size: 1 });
  });

  it('refuses paths that leave the folder, NULs, bad escapes, folders and missing files', async () => {
    for (const relative of ['../secret.txt', '..%2Fsecret.txt', 'assets/../../secret.txt', 'assets/a%00b.js', '%E0%A4%A', 'assets', '', 'missing.js']) {
      expect(await fileInFolder(folder, relative)).toBeUndefined();
    }
  });
});
