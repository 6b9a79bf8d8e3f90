import type { BenchmarkDefinition, OutputSpec, Suite } from '../define/suite.ts';

/** One id a benchmark instance reports. Most instances have one; multi-output custom ones several. */
export interface BenchmarkOutput {
  /** The key in the definition's `outputs`, or undefined for an ordinary single-result benchmark. */
  key: string | undefined;
  id: string;
  group: string;
  name?: string;
  param?: string;
}

export interface BenchmarkInstance {
  /** The first output's id: what progress lines, profilers and `workload --id` use. */
  id: string;
  group: string;
  name?: string;
  param?: string;
  definition: BenchmarkDefinition<unknown, string>;
  /** Every id this instance reports, in declaration order (after a filter: the matching ones). */
  outputs: BenchmarkOutput[];
}

function idOf(project: string, group: string, name: string | undefined, param: string | undefined): string {
  return [project, group, name || undefined, param].filter((p) => p !== undefined && p !== '').join('/');
}

/** Expands a suite's registered benchmarks into one instance per parameter value, in order. */
export function expandSuite(project: string, suite: Suite): BenchmarkInstance[] {
  const out: BenchmarkInstance[] = [];
  for (const { name, definition } of suite.benchmarks) {
    const params: readonly (string | undefined)[] = definition.params?.length ? definition.params : [undefined];
    const group = definition.group ?? suite.group;
    const specs: [string | undefined, OutputSpec][] =
      'outputs' in definition && definition.outputs ? Object.entries(definition.outputs) : [[undefined, {}]];
    for (const param of params) {
      const outputs: BenchmarkOutput[] = specs.map(([key, spec]) => {
        const g = spec.group ?? group;
        const n = spec.name ?? name;
        return { key, id: idOf(project, g, n, param), group: g, name: n || undefined, param };
      });
      out.push({ id: outputs[0].id, group: outputs[0].group, name: outputs[0].name, param, definition, outputs });
    }
  }
  const seen = new Set<string>();
  for (const b of out) {
    for (const o of b.outputs) {
      if (seen.has(o.id)) throw new Error(`duplicate benchmark id ${o.id} in suite ${suite.group}`);
      seen.add(o.id);
    }
  }
  return out;
}

/** Keeps the instances with at least one output matching, and only their matching outputs. */
export function filterInstances(instances: readonly BenchmarkInstance[], matches: (id: string) => boolean): BenchmarkInstance[] {
  const kept: BenchmarkInstance[] = [];
  for (const i of instances) {
    const outputs = i.outputs.filter((o) => matches(o.id));
    if (outputs.length > 0) kept.push({ ...i, id: outputs[0].id, outputs });
  }
  return kept;
}

/** Every id of a list of instances, in run order. */
export function idsOf(instances: readonly BenchmarkInstance[]): string[] {
  return instances.flatMap((i) => i.outputs.map((o) => o.id));
}

export function isSuite(value: unknown): value is Suite {
  return typeof value === 'object' && value !== null && (value as Suite).kind === 'workflow-bench-suite';
}
