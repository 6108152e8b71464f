// The relay on its own: `npx tsx server/relay/main.ts --port 8788`. The demo (`demo/serve.ts`) mounts it itself.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createRelay } from './relay.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8788' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const relay = createRelay();
const server = createServer((request, response) => {
  if (!relay.handle(request, response)) {
    request.resume();
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
  }
});
server.listen(Number(values.port), values.host, () => {
  process.stdout.write(`chatguard relay listening on http://${values.host}:${values.port}/relay/\n`);
});
const stop = () => {
  relay.close();
  server.close(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
