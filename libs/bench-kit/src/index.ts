export { defineSuite, BenchSkip } from './define/suite.ts';
export type {
  BenchContext,
  BenchmarkDefinition,
  ComparisonDeclaration,
  CustomBenchmark,
  CustomMeasurement,
  GoalDefinition,
  GoalInput,
  OptionDeclaration,
  SamplingOverrides,
  Suite,
  SuiteBuilder,
  ThroughputSpec,
  TimedBenchmark,
} from './define/suite.ts';
export { blackBox } from './measure/black-box.ts';
export * from './results/schema.ts';
export * from './results/comparison-schema.ts';
export * from './stats/index.ts';
export { analyse, describe } from './analysis/analyse.ts';
export { evaluateGoal } from './analysis/goals.ts';
export { collectEnvironment } from './env/environment.ts';
export { writeFileAtomic, writeFileAtomicSync, writeJsonAtomic } from './results/write.ts';
export { formatBytes, formatCount, formatNs, formatThroughput, formatValue } from './report/format.ts';
export { renderResults, renderTable, type RenderOptions } from './report/table.ts';
export { mdCode, mdLink, mdText } from './report/markdown-text.ts';
export { renderRunMarkdown } from './report/markdown.ts';
export { colourEnabled, painter, painterFor, PLAIN, type Painter, type Tone } from './report/colour.ts';
export { relativeSummaries, relativeSummary, type RelativeSummary } from './analysis/relative.ts';
export { formatRelative } from './report/relative.ts';
export { runProject, discoverBenchFiles, type RunOptions, type RunOutcome } from './runner/run.ts';
export { compileFilter } from './runner/filter.ts';
export { runWorkload, findBenchmark, listBenchmarks, UnknownBenchmarkError, type WorkloadOptions, type WorkloadOutcome } from './runner/workload.ts';
export { findExecutable } from './env/executables.ts';
export { declaredOptionsOf, type ProjectDeclarations } from './cli/declared-options.ts';
export { renderHelp, type DeclaredSection } from './cli/help.ts';
