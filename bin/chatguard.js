#!/usr/bin/env node
// Runs the built CLI. `npm ci` builds dist/ through the `prepare` script.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('chatguard: dist/ is missing; run `npm run build:lib` (npm ci does it for you).\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
