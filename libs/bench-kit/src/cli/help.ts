import type { OptionDeclaration } from '../define/suite.ts';
import { BENCH_KIT_OPTIONS, COMMANDS, type DeclaredOptions } from './arguments.ts';

export const USAGE = `Usage:
  bench-kit run --project <name> --root <dir> [options]
  bench-kit list --project <name> --root <dir> [--filter <pattern>]     the benchmark ids
  bench-kit workload --project <name> --root <dir> --id <benchmark id> [--seconds 5] [--quick]
      runs one benchmark's function in a loop with no measurement (for profilers to wrap)
  bench-kit selfcheck [--processes <n>]
      bench-kit's estimates against a plain hrtime loop, mitata and tinybench (see the README)
`;

const EXIT_CODES = `Exit codes: 0 every benchmark ok or skipped; 1 a benchmark failed; 2 bad usage (an unknown
option, an unknown --against revision); 3 internal error; 4 the --against revision could not be
prepared (git worktree, npm ci); 5 its code does not type-check or a bench file fails to import;
130 interrupted.
`;

const THROUGH_NX = `Through Nx:  npx nx bench core   |   npx nx bench core -c quick   |   npx nx bench core --filter=hash
             npx nx bench core -c quick --against=HEAD~1   |   npx nx affected -t bench -c compare
`;

const WIDTH = 100;
const COLUMN = 23;

/** `  --name <value>      description`, the description wrapped under itself. */
function optionLine(flag: string, description: string): string {
  const words = description.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && COLUMN + line.length + 1 + w.length > WIDTH) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  const head = `  ${flag}`;
  const first = head.length + 1 < COLUMN ? `${head.padEnd(COLUMN)}${lines[0] ?? ''}` : `${head}\n${' '.repeat(COLUMN)}${lines[0] ?? ''}`;
  return [first, ...lines.slice(1).map((l) => `${' '.repeat(COLUMN)}${l}`)].join('\n');
}

function flagOf(name: string, spec: { type: 'string' | 'boolean'; valueName?: string; short?: string }): string {
  const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
  return spec.short ? `-${spec.short}, --${name}${value}` : `--${name}${value}`;
}

/** bench-kit's own options, one per line, wrapped. */
export function ownOptionsText(): string {
  return Object.entries(BENCH_KIT_OPTIONS)
    .map(([name, spec]) => {
      // Options of every command or of `run` read as they are; the others say where they apply.
      const where = spec.commands.length === COMMANDS.length || (spec.commands.length === 1 && spec.commands[0] === 'run') ? '' : `${spec.commands.join(' and ')}: `;
      return optionLine(flagOf(name, spec), `${where}${spec.description}`);
    })
    .join('\n');
}

/** What one project's suites declare, for help. */
export interface DeclaredSection {
  project: string;
  options: DeclaredOptions;
  loadErrors: string[];
}

export function declaredOptionsText(section: DeclaredSection): string {
  const head = `Options the ${section.project} benchmarks declare (passed to them; anything else is refused):`;
  const lines = [...section.options].map(([name, { declaration, files }]: [string, { declaration: OptionDeclaration; files: string[] }]) =>
    optionLine(flagOf(name, declaration), `${declaration.description} (${files.join(', ')})`),
  );
  if (lines.length === 0) lines.push('  (none)');
  if (section.loadErrors.length) lines.push(`  (not loaded, options unknown: ${section.loadErrors.join(', ')})`);
  return [head, ...lines].join('\n');
}

/**
 * The full help: usage, bench-kit's options, then what each given project's benchmarks declare
 * (none given: a hint how to see them).
 */
export function renderHelp(sections: readonly DeclaredSection[], title = "bench-kit — run a project's benchmarks"): string {
  // Projects whose benchmarks declare nothing share one line, so the ones that do stand out.
  const withOptions = sections.filter((x) => x.options.size > 0 || x.loadErrors.length > 0 || sections.length === 1);
  const without = sections.filter((x) => !withOptions.includes(x)).map((x) => x.project);
  const parts = withOptions.map(declaredOptionsText);
  if (without.length) parts.push(`The ${without.join(', ')} benchmarks declare no options of their own.`);
  const declared = sections.length
    ? parts.join('\n\n')
    : 'Options a project\'s benchmarks declare (e.g. the ai lib\'s --model <file.gguf>): see bench-kit --help --project <name> --root <dir>';
  return `${title}\n\n${USAGE}\nOptions (of run unless marked):\n${ownOptionsText()}\n\n${declared}\n\n${THROUGH_NX}\n${EXIT_CODES}`;
}
