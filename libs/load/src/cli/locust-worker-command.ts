import { parseArgs } from 'node:util';
import { LOCUST_INSTALL_HINT, LOCUST_MASTER_PORT, locustPath, runLocustWorkers } from '../tools/locust.ts';
import { EXIT, positive, UsageError } from './cli-common.ts';

export const LOCUST_WORKER_USAGE = `usage: load locust-worker --master-host ADDR [--master-port P (default ${LOCUST_MASTER_PORT})] [--processes N] [--timeout S]`;

/**
 * `load.ts locust-worker`: Locust workers of the repo's locustfile for a master on another host
 * (`load.ts locust --expect-workers N --master-bind-host ADDR` prints this command). They take the
 * target, users and options from the master and exit when it quits; each prints its request count.
 */
export async function locustWorkerCommand(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        'master-host': { type: 'string' },
        'master-port': { type: 'string' },
        processes: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (args.help) {
    console.log(LOCUST_WORKER_USAGE);
    return EXIT.ok;
  }
  const masterHost = args['master-host'];
  if (!masterHost) throw new UsageError('--master-host is required (the address the master listens on)');
  const masterPort = positive('master-port', args['master-port'], true) ?? LOCUST_MASTER_PORT;
  const processes = positive('processes', args.processes, true) ?? 1;
  const timeoutS = positive('timeout', args.timeout) ?? 3600;
  if (!locustPath()) {
    console.error(`load: ${LOCUST_INSTALL_HINT}`);
    return EXIT.runFailed;
  }
  console.error(`load: ${processes} locust worker(s) for the master at ${masterHost}:${masterPort}`);
  const { counts, exitCodes, output } = await runLocustWorkers({ masterHost, masterPort, processes, timeoutS });
  for (const [id, n] of counts) console.log(`worker ${id}: ${n} requests`);
  const failed = exitCodes.filter((c) => c !== 0).length;
  if (failed > 0 || counts.size < processes) {
    console.error(`load: ${failed} of ${processes} worker(s) failed\n${output.slice(-3000)}`);
    return EXIT.runFailed;
  }
  return EXIT.ok;
}
