import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import type { DriverHealth } from '../results/load-result.ts';

/** Above this share of one core, the single-threaded driver is likely what limits the rate. */
const CPU_BOTTLENECK_PERCENT = 90;
/** Event-loop lag that delays sends noticeably compared with typical local latencies. */
const LAG_BOTTLENECK_MS = 20;

/**
 * Watches the driver's own CPU use and event-loop lag, so a run can say when the load generator,
 * not the server, was the bottleneck.
 */
export class SelfMonitor {
  private readonly cpuStart = process.cpuUsage();
  private readonly wallStart = performance.now();
  private readonly histogram: IntervalHistogram;

  constructor() {
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
  }

  stop(extra: { droppedIterations: number }): DriverHealth {
    this.histogram.disable();
    const cpu = process.cpuUsage(this.cpuStart);
    const wallUs = (performance.now() - this.wallStart) * 1000;
    const cpuPercent = wallUs > 0 ? ((cpu.user + cpu.system) / wallUs) * 100 : 0;
    // The histogram is in ns and includes the sampling resolution itself.
    const lagP99 = Math.max(0, this.histogram.percentile(99) / 1e6 - 10);
    const lagMax = Math.max(0, this.histogram.max / 1e6 - 10);
    const warnings: string[] = [];
    if (cpuPercent >= CPU_BOTTLENECK_PERCENT) {
      warnings.push(`driver used ${cpuPercent.toFixed(0)}% of a core: it may be the bottleneck (run fewer users, or Locust distributed / wrk for more load)`);
    }
    if (lagP99 >= LAG_BOTTLENECK_MS) {
      warnings.push(
        cpuPercent >= CPU_BOTTLENECK_PERCENT
          ? `driver event-loop lag p99 ${lagP99.toFixed(1)} ms: the busy driver delayed its own sends`
          : `driver event-loop lag p99 ${lagP99.toFixed(1)} ms at ${cpuPercent.toFixed(0)}% CPU: the driver was starved of CPU by other processes, sends were delayed`,
      );
    }
    if (extra.droppedIterations > 0 && (cpuPercent >= CPU_BOTTLENECK_PERCENT || lagP99 >= LAG_BOTTLENECK_MS)) {
      warnings.push(`${extra.droppedIterations} iterations dropped while the driver was saturated`);
    }
    return { cpuPercent, eventLoopLagP99Ms: lagP99, eventLoopLagMaxMs: lagMax, warnings };
  }
}
