/**
 * The load CLI.
 *
 *   node --import tsx libs/load/bin/load.ts --scenario mixed --profile medium --duration 10      # embedded driver
 *   node --import tsx libs/load/bin/load.ts locust --users 200 --workers 4                        # Locust, master + 4 workers
 *   node --import tsx libs/load/bin/load.ts locust --expect-workers 4 --master-bind-host 0.0.0.0 # workers on other hosts
 *   node --import tsx libs/load/bin/load.ts locust-worker --master-host 10.0.0.5                  # on each of those hosts
 *
 * Exit codes: 0 ok, 99 a threshold failed, 1 the run itself failed, 2 bad arguments.
 */
import { EXIT, UsageError } from '../src/cli/cli-common.ts';
import { EMBEDDED_USAGE, embeddedCommand } from '../src/cli/embedded-command.ts';
import { LOCUST_USAGE, locustCommand } from '../src/cli/locust-command.ts';
import { LOCUST_WORKER_USAGE, locustWorkerCommand } from '../src/cli/locust-worker-command.ts';

const COMMANDS = {
  locust: { run: locustCommand, usage: LOCUST_USAGE },
  'locust-worker': { run: locustWorkerCommand, usage: LOCUST_WORKER_USAGE },
} as const;

const [first, ...rest] = process.argv.slice(2);
const command = first !== undefined && first in COMMANDS ? COMMANDS[first as keyof typeof COMMANDS] : undefined;
const argv = command ? rest : process.argv.slice(2);
let code: number;
try {
  if (!command && (argv.includes('--help') || argv.includes('-h'))) {
    console.log([EMBEDDED_USAGE, LOCUST_USAGE, LOCUST_WORKER_USAGE].join('\n'));
    code = EXIT.ok;
  } else {
    code = await (command?.run ?? embeddedCommand)(argv);
  }
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`load: ${err.message}\n${command?.usage ?? EMBEDDED_USAGE}`);
  code = EXIT.usage;
}
process.exit(code);
