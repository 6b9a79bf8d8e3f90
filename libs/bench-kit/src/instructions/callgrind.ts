import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Instruction counting with valgrind's callgrind.
 *
 * The measured region is marked by running it through `vm.Script#runInThisContext`: callgrind
 * collects only inside Node's `ContextifyScript::EvalMachine` (which runs the script) and dumps its
 * counters each time `ContextifyScript::RunInContext` (the caller) is entered. Each dump therefore
 * holds exactly the instructions of one region: start-up, set-up and warm-up are never counted.
 * (Toggling and dumping on the same function does not work in callgrind, hence the two names.)
 */
export const TOGGLE_FUNCTION = 'node::contextify::ContextifyScript::EvalMachine*';
export const DUMP_FUNCTION = 'node::contextify::ContextifyScript::RunInContext*';

/**
 * V8 flags that make instruction counts repeatable: `--predictable` runs compilation and GC on the
 * main thread in a fixed order (no concurrent recompilation, no background GC threads racing the
 * measured code); `--expose-gc` lets each region start from a collected heap.
 */
export const REPEATABLE_V8_FLAGS = ['--predictable', '--expose-gc'];

export const VALGRIND_INSTALL_HINT = 'valgrind is not installed: apt-get install valgrind (Debian/Ubuntu) or dnf install valgrind';

export function valgrindVersion(): string | null {
  try {
    return execFileSync('valgrind', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).toString().trim();
  } catch {
    return null;
  }
}

export function callgrindArgs(outFile: string): string[] {
  return [
    '--tool=callgrind',
    '--collect-atstart=no',
    `--toggle-collect=${TOGGLE_FUNCTION}`,
    `--dump-before=${DUMP_FUNCTION}`,
    `--callgrind-out-file=${outFile}`,
    '--trace-children=no',
  ];
}

/** Total instructions (Ir) of one callgrind output file. */
export function readTotals(path: string): number {
  const text = readFileSync(path, 'utf8');
  const m = /^totals:\s+(\d+)/m.exec(text) ?? /^summary:\s+(\d+)/m.exec(text);
  if (!m) throw new Error(`${path}: no totals line (not a callgrind output file?)`);
  return Number(m[1]);
}

/**
 * The per-dump totals of one process, in dump order. Callgrind writes `<base>.1`, `<base>.2`, …
 * for each triggered dump and `<base>` for the final one at exit.
 */
export function readDumpSequence(dir: string, base: string): number[] {
  const parts = readdirSync(dir)
    .filter((f) => f === base || f.startsWith(`${base}.`))
    .map((f) => ({ f, n: f === base ? Infinity : Number(f.slice(base.length + 1)) }))
    .filter((p) => Number.isFinite(p.n) || p.n === Infinity)
    .sort((a, b) => a.n - b.n);
  return parts.map((p) => readTotals(join(dir, p.f)));
}
