import { parseArgs } from 'node:util';
import { PROFILES, type Profile } from '../engine/policy-table.js';
import { scanStream } from './scan.js';

const USAGE = `Usage: chatguard scan [--profile child|teen|adult]

Reads JSON Lines on stdin, one message per line:
  {"id": string, "text": string, "direction"?: "incoming"|"outgoing",
   "conversation"?: string, "contact"?: boolean, "sender"?: string, "image"?: string (PNG/JPEG path)}
Writes one JSON line per input line to stdout (a verdict, or {"id"?, "error": {"code", "message"}}).
Blank lines are skipped. Exit code 0 unless the input stream itself fails; 2 for bad arguments.`;

/** Runs the CLI and resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { profile: { type: 'string', default: 'adult' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'scan') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (!(PROFILES as readonly string[]).includes(values.profile)) {
    process.stderr.write(`Expected --profile to be one of ${PROFILES.join(', ')}, got "${values.profile}".\n`);
    return 2;
  }
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A closed pipe (`| head`) is the reader's choice, not a failure.
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await scanStream(process.stdin, process.stdout, values.profile as Profile);
    return 0;
  } catch (error) {
    process.stderr.write(`chatguard: the input stream failed: ${(error as Error).message}\n`);
    return 1;
  }
}
