/**
 * The two shared records every model script writes: its entry in `models/manifest.json` and its
 * attribution block in `models/NOTICE`. Several scripts (and engineers) write the same files, so
 * each is read just before writing, only this model's part changes, and it is written in one call.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A manifest entry: `id` plus whatever the model records. */
export interface ManifestRecord {
  readonly id: string;
  readonly [key: string]: unknown;
}

const NOTICE_TITLE = 'ChatGuard models: third-party data notices\n';

/** Replaces this entry (by `id`) in `manifest.json`, keeping every other entry; entries stay sorted by id. */
export function writeManifestEntry(dir: string, entry: ManifestRecord): void {
  const path = resolve(dir, 'manifest.json');
  const manifest = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { models?: ManifestRecord[] }) : {};
  const models = (manifest.models ?? []).filter((model) => model.id !== entry.id);
  models.push(entry);
  models.sort((a, b) => a.id.localeCompare(b.id));
  writeFileSync(path, `${JSON.stringify({ ...manifest, models }, null, 2)}\n`);
}

function readNotice(dir: string): { path: string; existing: string } {
  const path = resolve(dir, 'NOTICE');
  return { path, existing: existsSync(path) ? readFileSync(path, 'utf8') : NOTICE_TITLE };
}

/** Appends `lines` under `header` to `NOTICE` unless that header is there already (attributions that never change). */
export function appendNotice(dir: string, header: string, lines: readonly string[]): void {
  const { path, existing } = readNotice(dir);
  if (existing.includes(header)) return;
  writeFileSync(path, `${existing.replace(/\n*$/, '\n')}\n${[header, ...lines].join('\n')}\n`);
}

/**
 * Writes `block` (its first line is its `## ` header) into `NOTICE`, replacing the block under the
 * same header up to the next `## `, or appending it (attributions that change with the training data).
 */
export function replaceNoticeBlock(dir: string, block: string): void {
  const { path, existing } = readNotice(dir);
  const header = block.split('\n')[0] as string;
  const start = existing.indexOf(header);
  if (start < 0) {
    writeFileSync(path, `${existing.replace(/\n*$/, '\n')}\n${block}`);
    return;
  }
  const next = existing.indexOf('\n## ', start + header.length);
  const end = next < 0 ? existing.length : next + 1;
  writeFileSync(path, `${existing.slice(0, start)}${block}${next < 0 ? '' : '\n'}${existing.slice(end)}`);
}
