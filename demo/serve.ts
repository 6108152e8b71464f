// `npm run demo`: builds the page, starts the demo server (page, relay, collector) and prints the URL.
//   --dev        Vite's dev middleware instead of a build (edits show on reload)
//   --no-build   serve the existing dist/demo
//   --port N     default 5175 (0: any free port)
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { startDemo } from './server.js';

const { values } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: '5175' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

try {
  if (!values.dev && !values['no-build']) {
    process.stdout.write('Building the demo page…\n');
    await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) });
  }
  const demo = await startDemo({ port: Number(values.port), host: values.host, mode: values.dev ? 'dev' : 'build' });
  process.stdout.write(`\nChatGuard demo: ${demo.url}\n  relay: ${demo.url}relay/   collector: ${demo.collector}\n  Ctrl+C to stop.\n`);
  const stop = () => void demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`demo: ${(error as Error).message}\n`);
  process.exit(1);
}
