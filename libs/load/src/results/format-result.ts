import type { LoadResult } from './load-result.ts';

const f = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '-');

/** A human-readable report of a run, k6-summary style. */
export function formatLoadResult(r: LoadResult): string {
  const lines: string[] = [];
  const l = r.latencyMs;
  lines.push(`scenario ${r.scenario} (${r.tool}${r.client ? `, ${r.client} client` : ''}), ${f(r.durationS, 1)} s`);
  lines.push(`  http_reqs..........: ${r.requests}  ${f(r.requestsPerSecond, 1)}/s`);
  lines.push(`  http_req_failed....: ${f(r.requests ? (100 * r.failures) / r.requests : 0)}%  ${r.failures} of ${r.requests}`);
  lines.push(`  http_req_duration..: p50=${f(l.p50)}ms p90=${f(l.p90)}ms p95=${f(l.p95)}ms p99=${f(l.p99)}ms max=${f(l.max)}ms`);
  if (r.serviceTimeMs && r.tool === 'embedded') {
    const s = r.serviceTimeMs;
    lines.push(`  (from actual send).: p50=${f(s.p50)}ms p99=${f(s.p99)}ms max=${f(s.max)}ms`);
  }
  lines.push(`  iterations.........: ${r.iterations}  dropped: ${r.droppedIterations}  interrupted requests: ${r.interruptedRequests}`);
  const codes = Object.entries(r.statusCodes).map(([k, v]) => `${k}×${v}`).join(' ');
  if (codes) lines.push(`  status codes.......: ${codes}`);
  const errs = Object.entries(r.errors).map(([k, v]) => `${k}×${v}`).join(' ');
  if (errs) lines.push(`  errors.............: ${errs}`);
  for (const [name, e] of Object.entries(r.endpoints)) {
    lines.push(`  ${name.padEnd(19, '.')}: ${e.requests} reqs, ${e.failures} failed, p50=${f(e.latencyMs.p50)}ms p99=${f(e.latencyMs.p99)}ms`);
  }
  if (r.driver) {
    lines.push(`  driver.............: cpu ${f(r.driver.cpuPercent, 0)}% of a core, event-loop lag p99 ${f(r.driver.eventLoopLagP99Ms, 1)} ms`);
    for (const w of r.driver.warnings) lines.push(`  WARNING: ${w}`);
  }
  if (r.locust) {
    const k = r.locust;
    const totals = k.totals === 'printed-summary' ? "totals from Locust's printed final summary" : 'totals from the last _stats.csv write (may trail the end of the run)';
    const duration = { run: 'duration from the run', 'locust-log': "duration from Locust's log", caller: 'duration as measured by the caller', 'locust-rate': "duration from Locust's requests ÷ req/s" }[k.duration];
    lines.push(`  source.............: ${totals}; ${duration}; history covers ${f(k.historyCoversS, 1)} s${k.historyPartial ? ' (partial)' : ''}, ${k.intervalPercentiles} percentiles`);
    if (k.workers) {
      const own = k.workers.every((w) => w.ownRequests !== undefined);
      const counts = k.workers.map((w) => (own ? w.ownRequests! : w.reportedRequests));
      const sum = counts.reduce((a, b) => a + b, 0);
      lines.push(`  workers............: ${k.workers.length}: ${counts.join(' + ')} = ${sum} requests (${own ? 'counted by each worker' : 'as the workers reported them'}); master counted ${r.requests}: ${sum - r.requests} lost`);
    }
  }
  if (r.k6) {
    const what = { 'summary-export': '--summary-export (legacy)', 'handle-summary': 'handleSummary data', 'machine-readable': `machine-readable summary ${r.k6.schemaVersion ?? ''}`.trim() }[r.k6.format];
    lines.push(`  source.............: k6 ${what}${r.k6.k6Version ? `, k6 ${r.k6.k6Version}` : ''}${r.k6.thresholdsIncluded ? '' : "; it carries no thresholds or per-endpoint figures (k6's exit code 99 tells of failed thresholds)"}`);
  }
  for (const t of r.thresholds) {
    lines.push(`  ${t.passed ? '✓' : '✗'} ${t.metric}: ${t.expression} (actual ${t.actual === undefined ? 'no data' : f(t.actual, 4)})`);
  }
  return lines.join('\n');
}
