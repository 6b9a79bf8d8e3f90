import { parseArgs } from 'node:util';
import { renderSelfcheck, runSelfcheck } from './selfcheck.ts';

/**
 * `bench-kit selfcheck [--processes N]`: every workload measured by bench-kit, mitata, tinybench
 * and a plain hrtime loop, each in N fresh processes (default 5); prints the table. Exit 0 (the
 * table is the result, not a pass or fail), 2 on bad flags.
 */
export async function runSelfcheckCommand(argv: readonly string[], fail: (message: string) => never): Promise<void> {
  let processes = 5;
  try {
    const { values } = parseArgs({ args: [...argv], options: { processes: { type: 'string' } }, strict: true });
    if (values.processes !== undefined) {
      processes = Number(values.processes);
      if (!Number.isInteger(processes) || processes < 1) fail(`--processes must be a positive whole number, got ${JSON.stringify(values.processes)}`);
    }
  } catch (error) {
    fail(`selfcheck: ${(error as Error).message}`);
  }
  const cells = await runSelfcheck({ processes, onProgress: (message) => process.stderr.write(`  · ${message}\n`) });
  process.stdout.write(`\n${renderSelfcheck(cells, processes)}\n`);
}
