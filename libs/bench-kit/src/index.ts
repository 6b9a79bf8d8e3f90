export { defineSuite, BenchSkip } from './define/suite.ts';
export type {
  BenchContext,
  BenchmarkDefinition,
  CustomBenchmark,
  CustomMeasurement,
  GoalDefinition,
  GoalInput,
  SamplingOverrides,
  Suite,
  SuiteBuilder,
  ThroughputSpec,
  TimedBenchmark,
} from './define/suite.ts';
export { blackBox } from './measure/black-box.ts';
export * from './results/schema.ts';
