import { parseArgs } from 'node:util';
import type { OptionDeclaration } from '../define/suite.ts';
import { didYouMean } from './did-you-mean.ts';

/** bench-kit's commands. */
export const COMMANDS = ['run', 'list', 'workload'] as const;
export type Command = (typeof COMMANDS)[number];

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** `--filter <pattern>` in help. */
  valueName?: string;
  description: string;
  /** The commands the option applies to; elsewhere it is refused. */
  commands: readonly Command[];
}

const ALL: readonly Command[] = COMMANDS;
const RUN: readonly Command[] = ['run'];

/** bench-kit's own options: the one list that parsing, refusing, suggesting and `--help` use. */
export const BENCH_KIT_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  project: { type: 'string', valueName: 'name', description: 'project name: the first part of every benchmark id (e.g. core)', commands: ALL },
  root: { type: 'string', valueName: 'dir', description: 'project folder holding bench/*.bench.ts', commands: ALL },
  quick: { type: 'boolean', description: 'short sampling plan (15 samples, ~0.3 s each) and smaller workloads', commands: ['run', 'workload'] },
  filter: {
    type: 'string',
    valueName: 'pattern',
    description: 'only ids matching: a substring, a glob with * (core/hash/*), or /regex/; results go to a file named for the filter (latest.json keeps the last full run)',
    commands: ['run', 'list'],
  },
  rounds: { type: 'string', valueName: 'n', description: 'repeat the whole run n times, each bench file in a fresh process per round; rounds are the independent units for estimates and verdicts (default 1)', commands: RUN },
  samples: { type: 'string', valueName: 'n', description: 'samples per benchmark (default 50, quick 15)', commands: RUN },
  measure: { type: 'string', valueName: 'm', description: 'time (default) or instructions: instruction counts per iteration under valgrind\'s callgrind (deterministic; written to bench-results/instructions.json)', commands: RUN },
  out: { type: 'string', valueName: 'file', description: 'results file (default <root>/bench-results/latest.json; comparison.json with --against)', commands: RUN },
  json: { type: 'string', valueName: 'file', description: 'also export this run\'s results as JSON to <file> (the results file\'s schema)', commands: RUN },
  markdown: { type: 'string', valueName: 'file', description: 'also export a Markdown table of this run (results, relative summaries, goals) to <file>', commands: RUN },
  against: {
    type: 'string',
    valueName: 'ref',
    description: 'compare the working tree (uncommitted changes included) with a git revision (main, HEAD~1, a sha), both measured in the same processes, interleaved; writes <root>/bench-results/comparison.json (verdict: bench-report compare)',
    commands: RUN,
  },
  compare: { type: 'boolean', description: '--against the revision in $NX_BASE (set by nrwl/nx-set-shas in CI)', commands: RUN },
  id: { type: 'string', valueName: 'benchmark id', description: 'the benchmark to run as a workload', commands: ['workload'] },
  seconds: { type: 'string', valueName: 's', description: 'how long the workload loops (default 5)', commands: ['workload'] },
  help: { type: 'boolean', short: 'h', description: 'this help (with --project and --root: also the options the project\'s benchmarks declare)', commands: ALL },
};

/** A mistake on the command line: exit 2 with the message and the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An option that is not bench-kit's: one of the benchmarks' declared options, or a typo. */
export interface ForeignOption {
  name: string;
  rawName: string;
  /** `--model=x.gguf` → `x.gguf`. */
  inlineValue: string | undefined;
  /** Index (in `positionals`) of the argument right after it, which may be its value. */
  nextPositional: number | undefined;
}

export interface ParsedArguments {
  command: Command;
  /** bench-kit's own options: strings, or true for booleans given. */
  values: Record<string, string | boolean>;
  foreign: ForeignOption[];
  /** Positionals after the command, before declared options take their values. */
  positionals: string[];
}

/**
 * First pass: bench-kit's own options and the command; every other option is kept aside until the
 * project's declared options are known (`resolveForeignOptions`).
 */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  const options = Object.fromEntries(
    Object.entries(BENCH_KIT_OPTIONS).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}) }]),
  );
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean> = {};
  const foreign: ForeignOption[] = [];
  const positionals: string[] = [];
  let command: Command | undefined;
  for (const [i, t] of tokens.entries()) {
    if (t.kind === 'option-terminator') throw new UsageError('"--" is not supported: declared benchmark options are given as --name=value');
    if (t.kind === 'positional') {
      if (command === undefined && !foreignTakes(tokens, i)) {
        if (!(COMMANDS as readonly string[]).includes(t.value)) throw new UsageError(unknownCommand(t.value));
        command = t.value as Command;
      } else positionals.push(t.value);
      continue;
    }
    const spec = BENCH_KIT_OPTIONS[t.name];
    if (!spec) {
      const next = tokens[i + 1];
      foreign.push({ name: t.name, rawName: t.rawName, inlineValue: t.value, nextPositional: next?.kind === 'positional' ? positionals.length : undefined });
      continue;
    }
    if (spec.type === 'boolean') {
      if (t.value !== undefined && t.value !== 'true' && t.value !== 'false') throw new UsageError(`${t.rawName} takes no value (got ${JSON.stringify(t.value)})`);
      if (t.value !== 'false') values[t.name] = true;
      else delete values[t.name];
      continue;
    }
    // A string option followed by another option (`--filter --quick`) is missing its value.
    if (t.value === undefined || (!t.inlineValue && t.value.startsWith('-') && t.value.length > 1)) {
      throw new UsageError(`${t.rawName} needs a value: ${t.rawName} <${spec.valueName ?? 'value'}>${t.value ? ` (or ${t.rawName}=${t.value} if you mean that)` : ''}`);
    }
    values[t.name] = t.value;
  }
  return { command: command ?? 'run', values, foreign, positionals };
}

/** Whether a positional at token `i` is the value of the foreign option just before it (unknown yet: false). */
function foreignTakes(tokens: ReturnType<typeof parseArgs>['tokens'] & object, i: number): boolean {
  const prev = tokens[i - 1];
  return prev?.kind === 'option' && !BENCH_KIT_OPTIONS[prev.name] && prev.value === undefined;
}

function unknownCommand(word: string): string {
  const near = didYouMean(word, COMMANDS);
  return `unknown command ${JSON.stringify(word)}${near.length ? ` (did you mean ${near[0]}?)` : ''}: use ${COMMANDS.join(', ')}`;
}

/** Options a project's suites declare, with the bench files that declare each. */
export type DeclaredOptions = ReadonlyMap<string, { declaration: OptionDeclaration; files: string[] }>;

/**
 * Second pass: every foreign option must be declared by one of the project's suites; its value is
 * taken (inline, or the next argument for a string option) and it becomes a `--name=value`
 * argument for the benchmark processes. Anything else is refused with the nearest names.
 */
export function resolveForeignOptions(parsed: ParsedArguments, declared: DeclaredOptions, context: { project?: string; loadErrors?: string[] }): string[] {
  const benchArgs: string[] = [];
  const consumed = new Set<number>();
  const unknown: string[] = [];
  for (const f of parsed.foreign) {
    const d = declared.get(f.name)?.declaration;
    if (!d) {
      unknown.push(f.rawName);
      continue;
    }
    if (d.type === 'boolean') {
      if (f.inlineValue !== undefined && f.inlineValue !== 'true' && f.inlineValue !== 'false') throw new UsageError(`${f.rawName} takes no value (got ${JSON.stringify(f.inlineValue)})`);
      if (f.inlineValue !== 'false') benchArgs.push(`--${f.name}`);
      continue;
    }
    let value = f.inlineValue;
    if (value === undefined && f.nextPositional !== undefined && !consumed.has(f.nextPositional)) {
      value = parsed.positionals[f.nextPositional];
      consumed.add(f.nextPositional);
    }
    if (value === undefined) throw new UsageError(`${f.rawName} needs a value: ${f.rawName} <${d.valueName ?? 'value'}>`);
    benchArgs.push(`--${f.name}=${value}`);
  }
  if (unknown.length > 0) {
    const candidates = [...Object.keys(BENCH_KIT_OPTIONS).filter((n) => BENCH_KIT_OPTIONS[n].commands.includes(parsed.command)), ...declared.keys()];
    const lines = unknown.map((raw) => {
      const near = didYouMean(raw.replace(/^-+/, ''), candidates);
      return `unknown option ${raw}${near.length ? ` (did you mean ${near.slice(0, 2).map((n) => `--${n}`).join(' or ')}?)` : ''}`;
    });
    const whose = context.project ? `the ${context.project} benchmarks declare ${declared.size ? [...declared.keys()].map((n) => `--${n}`).join(', ') : 'no options of their own'}` : 'no project given, so no declared options are known';
    const broken = context.loadErrors?.length ? `; not loaded (their options unknown): ${context.loadErrors.join(', ')}` : '';
    throw new UsageError(`${lines.join('\n')}\n(bench-kit refuses options it does not know, so a typo never runs the wrong benchmarks; ${whose}${broken})`);
  }
  const left = parsed.positionals.filter((_, i) => !consumed.has(i));
  if (left.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(left[0])}`);
  return benchArgs;
}

/** Refuses bench-kit options that do not apply to the command (`list --rounds 3`). */
export function checkOptionsApply(parsed: ParsedArguments): void {
  for (const name of Object.keys(parsed.values)) {
    if (!BENCH_KIT_OPTIONS[name].commands.includes(parsed.command)) {
      throw new UsageError(`--${name} does not apply to ${parsed.command} (it applies to ${BENCH_KIT_OPTIONS[name].commands.join(', ')})`);
    }
  }
}
