import { relativeSummary, type RelativeSummary } from '../analysis/relative.ts';
import type { ComparisonDeclaration } from '../define/suite.ts';
import type { BenchmarkResult } from '../results/schema.ts';

/**
 * Relative summaries as a run goes: after each group (bench file) of the last round, the declared
 * comparisons whose sides have now all been measured, each printed once. A side that is not in
 * this run at all (filtered out, or not a benchmark of the project) leaves its comparison out.
 */
export class GroupRelatives {
  private readonly pending: ComparisonDeclaration[];

  constructor(
    declarations: readonly ComparisonDeclaration[],
    planned: ReadonlySet<string>,
    private readonly resultOf: (id: string) => BenchmarkResult | undefined,
  ) {
    this.pending = declarations.filter((d) => planned.has(d.subject) && ('ratioTo' in d || planned.has(d.anchor)));
  }

  /** The summaries that became complete after a group; `measured` says whether an id has results yet. */
  after(measured: (id: string) => boolean): RelativeSummary[] {
    const ready = this.pending.filter((d) => measured(d.subject) && ('ratioTo' in d || measured(d.anchor)));
    if (ready.length === 0) return [];
    for (const d of ready) this.pending.splice(this.pending.indexOf(d), 1);
    const out: RelativeSummary[] = [];
    for (const d of ready) {
      const ids = 'ratioTo' in d ? [d.subject] : [d.subject, d.anchor];
      const results = new Map<string, BenchmarkResult>();
      for (const id of ids) {
        const r = this.resultOf(id);
        if (r) results.set(id, r);
      }
      const s = relativeSummary(d, results);
      if (s) out.push(s);
    }
    return out;
  }
}
