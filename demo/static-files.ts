/**
 * Serving files from a folder on a local origin, shared by the demo server and the browser tests'
 * static server: content types, the request-body reader, and the path check that keeps a request
 * inside its folder.
 */
import { stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join, normalize, sep } from 'node:path';

/** Content types by file extension. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The whole body of a request (or response) stream. */
export function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * The file the URL path `relative` (still percent-encoded) names inside `folder`, or undefined when
 * it is not a file there or would leave the folder (`..`, an encoded NUL).
 */
export async function fileInFolder(folder: string, relative: string): Promise<{ path: string; size: number } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  const root = normalize(folder).replace(/[\\/]+$/, '');
  const path = normalize(join(root, decoded));
  if (!path.startsWith(root + sep) || decoded.includes('\0')) return undefined;
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? { path, size: info.size } : undefined;
}
