/**
 * Starts the marking API for a person or a benchmark:
 *   node --import tsx apps/marking-api/bin/serve.ts [--host 127.0.0.1] [--port 0]
 * Prints one line `marking-api listening on <url> (store: ...)`; SIGINT/SIGTERM drain and exit.
 */
import { parseArgs } from 'node:util';
import { startMarkingApi } from '../src/index.ts';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    port: { type: 'string', default: process.env.PORT ?? '0' },
    'body-limit': { type: 'string' },
    log: { type: 'boolean', default: false },
    'lmdb-path': { type: 'string', default: process.env.MARKING_API_LMDB_PATH },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`marking-api: --port must be an integer 0..65535, got '${values.port}'`);
  process.exit(2);
}
const api = await startMarkingApi({
  host: values.host,
  port,
  bodyLimit: values['body-limit'] ? Number(values['body-limit']) : undefined,
  logger: values.log,
  lmdbPath: values['lmdb-path'] || undefined,
});
console.log(`marking-api listening on ${api.url} (store: ${api.storeKind}, ${api.storeLocation}, feedback: rubric)`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`marking-api: ${signal}, draining requests in flight`);
  // A drain that never ends must not keep the process alive forever.
  setTimeout(() => process.exit(1), 10_000).unref();
  api.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('marking-api: shutdown failed', err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
