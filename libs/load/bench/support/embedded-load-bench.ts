import { openLmdbEventStore } from '@workflow-bench/core';
import type { BenchContext, Metric, SuiteBuilder } from '@workflow-bench/bench-kit';
import { LoadTarget } from '../../src/driver/load-target.ts';
import { runLoad } from '../../src/driver/run-load.ts';
import { loadProfile, PROFILE_NAMES, type ProfileName } from '../../src/profiles/load-profiles.ts';
import { markingScenario, type MarkingData, type MarkingScenarioName } from '../../src/scenarios/marking-scenarios.ts';
import type { LoadResult } from '../../src/results/load-result.ts';
import { loadBenchFull, toCustomMeasurement } from './load-measurement.ts';
import { SharedMarkingServer } from './shared-server.ts';

/** Counts TmaSubmitted events in a stopped server's LMDB store (the "no lost submission" check). */
export async function countSubmittedEvents(path: string): Promise<number> {
  const store = await openLmdbEventStore({ path });
  try {
    let n = 0;
    for (let from = 1; ; ) {
      const batch = await store.readAll({ from, limit: 5000 });
      for (const e of batch) if (e.type === 'TmaSubmitted') n++;
      if (batch.length < 5000) return n;
      from = batch[batch.length - 1].globalPosition + 1;
    }
  } finally {
    await store.close();
  }
}

function acceptedSubmissions(r: LoadResult): number {
  const s = r.endpoints.submit;
  return s ? s.requests - s.failures : 0;
}

/**
 * Registers `load/<scenario>/{light,medium,heavy}`: the marking API in its own process (LMDB,
 * durable appends; one process per bench file, seeded once, the profiles run one after another
 * against it), a short warm-up, then a closed-model run with the profile's users and no think
 * time: the throughput and latency the API gives that many concurrent users.
 */
export function embeddedLoadBenchmarks(s: SuiteBuilder, scenarioName: Exclude<MarkingScenarioName, 'workflow'>): void {
  const shared = new SharedMarkingServer();
  const last = PROFILE_NAMES[PROFILE_NAMES.length - 1];
  s.bench<undefined, ProfileName>('', {
    kind: 'custom',
    params: PROFILE_NAMES,
    measure: async (_state, ctx: BenchContext<ProfileName>) => {
      const srv = await shared.get();
      const full = loadBenchFull();
      const profile = loadProfile(ctx.param ?? 'light', { full });
      const durationS = ctx.quick ? 4 : full ? 60 : 20;
      const base = markingScenario(scenarioName, { seeded: ctx.quick ? 20 : 50 });
      let data = srv.seeded.get(scenarioName) as MarkingData | undefined;
      if (!data) {
        ctx.progress('seeding submissions');
        const target = new LoadTarget(srv.server.url, { connections: 4, requestTimeoutMs: 30_000 });
        try {
          data = await base.setup!(target);
        } finally {
          await target.destroy();
        }
        srv.seeded.set(scenarioName, data);
        srv.accepted += data.ids.length;
      }
      const seededData = data;
      const scenario = { ...base, setup: async () => seededData };
      ctx.progress(`warm-up: ${profile.users} users`);
      const warm = await runLoad({ url: srv.server.url, scenario, executor: { type: 'constant-vus', vus: profile.users, durationS: ctx.quick ? 0.5 : 2 }, gracefulStopS: 10 });
      srv.accepted += acceptedSubmissions(warm);
      ctx.progress(`${scenarioName}: ${profile.users} users for ${durationS} s`);
      const r = await runLoad({
        url: srv.server.url,
        scenario,
        executor: { type: 'constant-vus', vus: profile.users, durationS },
        gracefulStopS: 10,
        thresholds: { http_req_failed: ['rate<0.01'] },
        onProgress: (t, n) => ctx.progress(`${t.toFixed(0)} s: ${n} requests`),
      });
      srv.accepted += acceptedSubmissions(r);
      const extraMetrics: Record<string, Metric> = {};
      const warnings: string[] = [];
      if (ctx.param === 'heavy' && (scenarioName === 'submit' || scenarioName === 'mixed')) {
        // No lost submission: every 2xx answer to POST /api/tmas is one TmaSubmitted event.
        await shared.stop();
        const events = await countSubmittedEvents(srv.lmdbPath);
        extraMetrics.accepted_submissions = { value: srv.accepted, unit: 'count', note: '2xx answers to POST /api/tmas against this server (seed, warm-ups, runs)' };
        extraMetrics.submitted_events = { value: events, unit: 'count', note: 'TmaSubmitted events in the store after shutdown' };
        extraMetrics.lost_submissions = { value: srv.accepted - events, unit: 'count' };
        if (srv.accepted !== events) warnings.push(`${srv.accepted} accepted submissions but ${events} TmaSubmitted events`);
      }
      return toCustomMeasurement(r, {
        metrics: extraMetrics,
        details: { users: profile.users, executor: 'constant-vus', store: 'lmdb (sync)', server: 'separate process, 127.0.0.1, shared by the profiles of this file', thresholdsPassed: r.thresholds.every((t) => t.passed) },
        warnings,
      });
    },
    teardown: async (_state, ctx) => {
      if (ctx.param === last) await shared.dispose();
    },
  });
}
