/**
 * One self-check measurement in a fresh process: `child.ts <tool> <workload>` prints
 * `{"tool":…,"workload":…,"ns":…}` on stdout.
 */
import { measureWith, TOOLS, type ToolName } from './tools.ts';
import { findWorkload } from './workloads.ts';

const [tool, workloadName] = process.argv.slice(2);
if (!TOOLS.includes(tool as ToolName)) {
  process.stderr.write(`selfcheck child: unknown tool ${JSON.stringify(tool)}\n`);
  process.exit(2);
}
const workload = findWorkload(workloadName ?? '');
const ns = await measureWith(tool as ToolName, workload.make());
process.stdout.write(`${JSON.stringify({ tool, workload: workload.name, ns })}\n`);
