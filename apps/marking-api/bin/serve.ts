/**
 * Starts the marking API for a person or a benchmark (usage below, or `--help`).
 * Prints one line `marking-api listening on <url> (store: ...)`; SIGINT/SIGTERM drain and exit.
 * Exit codes: 0 stopped cleanly, 1 start or shutdown failed, 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { bindHost, DEFAULT_HOST } from '../src/bind-host.ts';
import { startMarkingApi } from '../src/index.ts';

const USAGE = `usage: node --import tsx apps/marking-api/bin/serve.ts [options]
  --host ADDRESS          interface to bind (env HOST; empty or unset: ${DEFAULT_HOST})
  --port N                port, 0 picks a free one (env PORT; default 0)
  --body-limit BYTES      largest request body (default 1048576)
  --headers-timeout MS    time a client has to send its request headers (default 15000)
  --request-timeout MS    time a client has to send its whole request, body included (default 30000)
  --lmdb-path DIR         keep the LMDB event store in DIR (env MARKING_API_LMDB_PATH; default a temp dir)
  --log                   log every request (Fastify's logger)
  -h, --help              this text`;

/** A bad argument: the message and the usage on stderr, exit 2. */
function usage(message: string): never {
  console.error(`marking-api: ${message}\n${USAGE}`);
  process.exit(2);
}

function whole(flag: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) usage(`--${flag} must be a whole number ${min}..${max}, got '${raw}'`);
  return n;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'body-limit': { type: 'string' },
      'headers-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      'lmdb-path': { type: 'string' },
      log: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  usage((error as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const bind = bindHost(values.host, process.env.HOST);
const port = whole('port', values.port ?? process.env.PORT, 0, 65535) ?? 0;
const bodyLimit = whole('body-limit', values['body-limit'], 1);
const headersTimeoutMs = whole('headers-timeout', values['headers-timeout'], 1);
const requestTimeoutMs = whole('request-timeout', values['request-timeout'], 1);
// Anything but the default interface is the user's choice: say so before serving on it.
if (bind.stated) console.log(`marking-api: binding ${bind.host} as asked by ${bind.stated}${bind.loopback ? '' : ': other machines can reach this server'}`);
const api = await startMarkingApi({
  host: bind.host,
  port,
  bodyLimit,
  timeouts: { ...(headersTimeoutMs === undefined ? {} : { headersMs: headersTimeoutMs }), ...(requestTimeoutMs === undefined ? {} : { requestMs: requestTimeoutMs }) },
  logger: values.log,
  lmdbPath: values['lmdb-path'] || process.env.MARKING_API_LMDB_PATH || undefined,
});

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
// Printed once the handlers are in place: whoever waits for this line may stop the server at once.
console.log(`marking-api listening on ${api.url} (store: ${api.storeKind}, ${api.storeLocation}, feedback: rubric)`);
