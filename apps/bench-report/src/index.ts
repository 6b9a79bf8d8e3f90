/** Public API of bench-report: the CLI entry, the verdict, and the file formats it reads/writes. */
export { main, EXIT, type CliIo } from './cli/main.ts';
export { evaluate, estimateOf, type BenchmarkVerdict, type Evaluation, type EvaluateOptions } from './verdict/evaluate.ts';
export { evaluatePaired, type PairedVerdict } from './verdict/paired.ts';
export { DEFAULT_POLICY, type Outcome, type VerdictPolicy } from './verdict/outcome.ts';
export { DEFAULT_THRESHOLDS, type ThresholdConfig, type ResolvedThreshold } from './verdict/thresholds.ts';
export type { TargetCheck, TargetStatus } from './verdict/target-check.ts';
export { chooseProfile, type HardwareProfile, type ProfileChoice } from './baseline/choose-baseline.ts';
export type { BaselineFile, BaselineEntry, Target, MeasuredBaseline } from './baseline/baseline-file.ts';
export { validateBaseline } from './baseline/validate-baseline.ts';
export { validateResults } from './input/validate-results.ts';
export { BadInputError } from './input/bad-input-error.ts';
export type { Report, ReportSummary } from './report/report-model.ts';
export { PR_COMMENT_MARKER } from './report/markdown.ts';
