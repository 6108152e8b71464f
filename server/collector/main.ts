// The reference collector's command line: `npm run collector -- --port 8787 --db ./collector.sqlite`.
import { parseArgs } from 'node:util';
import { startCollector } from './server.js';

const USAGE = `Usage: npm run collector -- [--port 8787] [--host 127.0.0.1] [--db ./collector.sqlite | --postgres URL]
                             [--k 10] [--max-body 1048576] [--max-batch 100]

Endpoints:
  POST /v1/reports     {"reports": [report, …]}   metadata-only reports, validated with the device's validator
  POST /v1/telemetry   {"records": [record, …]}   LDP telemetry records
  GET  /v1/aggregates  counts per cell with at least k reports; LDP estimates per model version
  GET  /healthz`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: './collector.sqlite' },
    postgres: { type: 'string' },
    k: { type: 'string', default: '10' },
    'max-body': { type: 'string', default: '1048576' },
    'max-batch': { type: 'string', default: '100' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

try {
  const collector = await startCollector({
    port: Number(values.port),
    host: values.host,
    db: values.db,
    ...(values.postgres === undefined ? {} : { postgres: values.postgres }),
    k: Number(values.k),
    maxBodyBytes: Number(values['max-body']),
    maxBatch: Number(values['max-batch']),
  });
  const where = values.postgres === undefined ? values.db : 'postgres';
  process.stdout.write(`chatguard collector listening on ${collector.url} (store: ${where}, k = ${values.k})\n`);
  const stop = () => void collector.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`collector: ${(error as Error).message}\n\n${USAGE}\n`);
  process.exit(2);
}
