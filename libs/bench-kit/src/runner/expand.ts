import type { BenchmarkDefinition, Suite } from '../define/suite.ts';

export interface BenchmarkInstance {
  id: string;
  group: string;
  name?: string;
  param?: string;
  definition: BenchmarkDefinition<unknown, string>;
}

/** Expands a suite's registered benchmarks into one instance per parameter value, in order. */
export function expandSuite(project: string, suite: Suite): BenchmarkInstance[] {
  const out: BenchmarkInstance[] = [];
  for (const { name, definition } of suite.benchmarks) {
    const params: readonly (string | undefined)[] = definition.params?.length ? definition.params : [undefined];
    for (const param of params) {
      const group = definition.group ?? suite.group;
      const id = [project, group, name || undefined, param].filter((p) => p !== undefined && p !== '').join('/');
      out.push({ id, group, name: name || undefined, param, definition });
    }
  }
  const seen = new Set<string>();
  for (const b of out) {
    if (seen.has(b.id)) throw new Error(`duplicate benchmark id ${b.id} in suite ${suite.group}`);
    seen.add(b.id);
  }
  return out;
}

export function isSuite(value: unknown): value is Suite {
  return typeof value === 'object' && value !== null && (value as Suite).kind === 'workflow-bench-suite';
}
