import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { ArrivalSchedule } from './arrival-schedule.ts';
import { type Executor, executorDurationS, executorMaxVUs, isOpenModel, validateExecutor } from './executors.ts';
import { HttpSession } from './http-session.ts';
import { type LoadClientName, LoadTarget } from './load-target.ts';
import { MetricsCollector } from './metrics-collector.ts';
import { SelfMonitor } from './self-monitor.ts';
import { evaluateThresholds, parseThresholds, type ParsedThreshold, type ThresholdSpec } from './thresholds.ts';
import { seededRandom } from '@workflow-bench/bench-kit';
import type { IterationContext, Scenario } from '../scenarios/scenario.ts';
import type { LoadResult } from '../results/load-result.ts';

export interface RunLoadOptions<D> {
  /** Origin of the server under load, e.g. http://127.0.0.1:3000. */
  url: string;
  scenario: Scenario<D>;
  executor: Executor;
  thresholds?: ThresholdSpec | readonly ParsedThreshold[];
  /** Hard cap on iterations started (every run is bounded in requests as well as time). */
  maxIterations?: number;
  /** Time after the executor's duration to let in-flight iterations finish before aborting them (default 5 s). */
  gracefulStopS?: number;
  /** Per-request timeout (default 10 s). */
  requestTimeoutMs?: number;
  /** Connections in the pool (default: the executor's maximum VUs). */
  connections?: number;
  /** HTTP client (default `auto`: the raw node:net client for loopback targets, undici otherwise). */
  client?: LoadClientName | 'auto';
  /** Closed model only: pause between a VU's iterations, uniformly within [min, max] ms. */
  thinkTimeMs?: readonly [number, number];
  seed?: number;
  /** Called about once a second with the number of requests so far. */
  onProgress?: (elapsedS: number, requests: number, failures: number) => void;
  signal?: AbortSignal;
}

/** Default cap on iterations: large enough to never bind a sane run, small enough to bound a runaway one. */
const DEFAULT_MAX_ITERATIONS = 10_000_000;

/** Runs a load test with the embedded driver and returns its common result. */
export async function runLoad<D>(options: RunLoadOptions<D>): Promise<LoadResult> {
  const { executor, scenario } = options;
  validateExecutor(executor);
  const thresholds = Array.isArray(options.thresholds)
    ? (options.thresholds as readonly ParsedThreshold[])
    : parseThresholds((options.thresholds ?? {}) as ThresholdSpec);
  const maxVUs = executorMaxVUs(executor);
  const target = new LoadTarget(options.url, {
    connections: options.connections ?? Math.max(1, Math.ceil(maxVUs)),
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    client: options.client,
  });
  try {
    const data = (scenario.setup ? await scenario.setup(target) : undefined) as D;
    const monitor = new SelfMonitor();
    const start = performance.now();
    const metrics = new MetricsCollector(start);
    const run = new RunState(options, target, metrics, data, start);
    const progress = setInterval(() => {
      metrics.observeUsers(performance.now(), run.active);
      options.onProgress?.((performance.now() - start) / 1000, metrics.requests, metrics.failures);
    }, 1000);
    try {
      if (isOpenModel(executor)) await run.openModel();
      else await run.closedModel();
      await run.drain((options.gracefulStopS ?? 5) * 1000);
    } finally {
      clearInterval(progress);
    }
    const end = performance.now();
    await target.destroy();
    await run.settled();
    const durationS = Math.max((end - start) / 1000, 1e-3);
    const driver = monitor.stop({ droppedIterations: metrics.dropped });
    return {
      tool: 'embedded',
      client: target.client,
      scenario: scenario.name,
      durationS,
      requests: metrics.requests,
      failures: metrics.failures,
      requestsPerSecond: metrics.requests / durationS,
      latencyMs: metrics.latency.summaryMs(),
      serviceTimeMs: metrics.serviceTime.summaryMs(),
      statusCodes: Object.fromEntries([...metrics.statusCodes].map(([k, v]) => [String(k), v])),
      errors: Object.fromEntries(metrics.errors),
      iterations: metrics.iterations,
      droppedIterations: metrics.dropped,
      interruptedRequests: metrics.interrupted,
      intervals: metrics.intervalStats(end),
      endpoints: metrics.endpointStats(),
      thresholds: evaluateThresholds(thresholds, metrics.lookup(durationS)),
      driver,
    };
  } finally {
    await target.destroy();
  }
}

/** The mutable state of one run: in-flight iterations, VU numbering, stop flags. */
class RunState<D> {
  active = 0;
  private started = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly freeVus: number[] = [];
  private nextVu = 1;
  private readonly sessions = new Map<number, HttpSession>();
  private readonly randoms = new Map<number, () => number>();
  private readonly maxIterations: number;
  private stopped = false;

  constructor(
    private readonly options: RunLoadOptions<D>,
    private readonly target: LoadTarget,
    private readonly metrics: MetricsCollector,
    private readonly data: D,
    private readonly startMs: number,
  ) {
    this.maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  }

  private get aborted(): boolean {
    return this.stopped || this.options.signal?.aborted === true;
  }

  private vuSession(vu: number): HttpSession {
    let s = this.sessions.get(vu);
    if (!s) {
      s = new HttpSession(this.target, this.metrics);
      this.sessions.set(vu, s);
      this.randoms.set(vu, seededRandom((this.options.seed ?? 1) * 7919 + vu));
    }
    return s;
  }

  private async iterate(vu: number, intendedMs: number | undefined): Promise<void> {
    const session = this.vuSession(vu);
    const ctx: IterationContext = { vu, iteration: this.started++, random: this.randoms.get(vu)! };
    session.beginIteration(intendedMs);
    try {
      await this.options.scenario.iteration(session, this.data, ctx);
      if (!this.target.isClosed) {
        // From the intended start (open model) or the first send, to the last response: the
        // session's own clock reads, so the iteration costs no extra ones.
        const end = session.lastEndMs === session.lastEndMs ? session.lastEndMs : performance.now();
        const start = intendedMs ?? (session.firstSentMs === session.firstSentMs ? session.firstSentMs : end);
        this.metrics.recordIteration((end - start) * 1000);
      }
    } catch (err) {
      // A scenario bug must not stop the run silently: count it as a failed request.
      this.metrics.recordRequest('scenario-error', 0, err instanceof Error ? err.name : 'scenario-error', performance.now(), 0, 0);
    }
  }

  /** Open model: start iterations at their scheduled times; drop those that find no free VU. */
  async openModel(): Promise<void> {
    const e = this.options.executor;
    if (e.type !== 'constant-arrival-rate' && e.type !== 'ramping-arrival-rate') return;
    const schedule = e.type === 'constant-arrival-rate' ? ArrivalSchedule.constant(e.rate, e.durationS) : new ArrivalSchedule(e.startRate, e.stages);
    const maxVUs = e.maxVUs;
    let k = 0;
    for (;;) {
      const now = performance.now();
      const elapsedS = (now - this.startMs) / 1000;
      let due: number | undefined;
      while (!this.aborted && k < this.maxIterations && (due = schedule.dueAtS(k)) !== undefined && due <= elapsedS) {
        const intended = this.startMs + due * 1000;
        if (this.active < maxVUs) this.launch(this.freeVus.pop() ?? this.nextVu++, intended);
        else this.metrics.recordDropped(intended);
        k++;
      }
      if (this.aborted || k >= this.maxIterations || due === undefined || elapsedS >= schedule.durationS) return;
      // Sleep until the next iteration is due; timers fire >= 1 ms late, the intended time stays exact.
      await delay(Math.max(0, Math.min(due * 1000 - (now - this.startMs), 50)));
    }
  }

  private launch(vu: number, intendedMs: number | undefined): void {
    this.active++;
    this.metrics.observeUsers(performance.now(), this.active);
    const p = this.iterate(vu, intendedMs).finally(() => {
      this.active--;
      this.freeVus.push(vu);
      this.inFlight.delete(p);
    });
    this.inFlight.add(p);
  }

  /** Closed model: each VU loops; the VU count follows the executor's stages. */
  async closedModel(): Promise<void> {
    const e = this.options.executor;
    if (e.type !== 'constant-vus' && e.type !== 'ramping-vus') return;
    const durationS = executorDurationS(e);
    let target = e.type === 'constant-vus' ? e.vus : e.startVUs;
    const vuLoops = new Map<number, Promise<void>>();
    const wanted = { count: target };
    const think = this.options.thinkTimeMs;
    const loop = async (vu: number) => {
      const rnd = seededRandom((this.options.seed ?? 1) * 104729 + vu);
      while (!this.aborted && vu <= wanted.count && this.started < this.maxIterations && !this.pastEnd(durationS)) {
        this.active++;
        this.metrics.observeUsers(performance.now(), this.active);
        try {
          await this.iterate(vu, undefined);
        } finally {
          this.active--;
        }
        if (think && !this.aborted) await delay(think[0] + rnd() * (think[1] - think[0]));
      }
    };
    const adjust = () => {
      wanted.count = target;
      for (let vu = 1; vu <= target; vu++) {
        if (!vuLoops.has(vu)) {
          const p = loop(vu).finally(() => {
            vuLoops.delete(vu);
            this.inFlight.delete(p);
          });
          vuLoops.set(vu, p);
          this.inFlight.add(p);
        }
      }
    };
    adjust();
    while (!this.aborted && !this.pastEnd(durationS) && this.started < this.maxIterations) {
      await delay(e.type === 'ramping-vus' ? 100 : Math.min(250, Math.max(1, durationS * 1000 - (performance.now() - this.startMs))));
      if (e.type === 'ramping-vus') {
        target = Math.round(vusAt(e.startVUs, e.stages, (performance.now() - this.startMs) / 1000));
        adjust();
      }
    }
    // Stop looping VUs; in-flight iterations finish during drain.
    this.stopped = true;
  }

  private pastEnd(durationS: number): boolean {
    return performance.now() - this.startMs >= durationS * 1000;
  }

  /** Waits up to graceMs for in-flight iterations, then the caller aborts the rest. */
  async drain(graceMs: number): Promise<void> {
    this.stopped = true;
    if (this.inFlight.size === 0) return;
    const timer = delay(graceMs).then(() => 'timeout' as const);
    await Promise.race([Promise.allSettled([...this.inFlight]), timer]);
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}

function vusAt(startVUs: number, stages: readonly { durationS: number; target: number }[], tS: number): number {
  let from = startVUs;
  let t0 = 0;
  for (const s of stages) {
    if (tS < t0 + s.durationS) return from + ((s.target - from) * (tS - t0)) / s.durationS;
    t0 += s.durationS;
    from = s.target;
  }
  return from;
}
