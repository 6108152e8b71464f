import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { createEngine } from '../engine/engine.js';
import type { Profile } from '../engine/policy-table.js';
import { defaultDetectors } from '../default-detectors.js';
import { scanLine } from './scan-line.js';

/**
 * Streams JSON Lines from `input` to verdict lines on `output`, one line at a
 * time and in order (so a conversation's lines share state), awaiting the
 * output's drain so memory stays flat on inputs of any length.
 */
export async function scanStream(input: Readable, output: Writable, profile: Profile): Promise<number> {
  const engine = createEngine({ profile, detectors: defaultDetectors() });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let count = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const result = await scanLine(engine, line);
    count += 1;
    if (!output.write(`${JSON.stringify(result)}\n`)) await once(output, 'drain');
  }
  engine.dispose();
  return count;
}
