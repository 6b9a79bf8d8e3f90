import { rm } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLmdbEventStore } from '@workflow-bench/core';
import type { BenchContext, Metric, SuiteBuilder } from '@workflow-bench/bench-kit';
import { runLoad } from '../driver/run-load.ts';
import { loadProfile, PROFILE_NAMES, type ProfileName } from '../profiles/load-profiles.ts';
import { markingScenario, type MarkingScenarioName } from '../scenarios/marking-scenarios.ts';
import { startMarkingApiProcess, type MarkingApiProcess } from '../tools/marking-api-process.ts';
import type { LoadResult } from '../results/load-result.ts';
import { loadBenchFull, toCustomMeasurement } from './load-measurement.ts';

interface State {
  server: MarkingApiProcess;
  lmdbPath: string;
}

/** Counts TmaSubmitted events in a closed server's LMDB store (the "no lost submission" check). */
async function countSubmittedEvents(path: string): Promise<number> {
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
 * durable appends), a short warm-up, then a closed-model run with the profile's users and no
 * think time: the throughput and latency the API gives that many concurrent users.
 */
export function embeddedLoadBenchmarks(s: SuiteBuilder, scenarioName: Exclude<MarkingScenarioName, 'workflow'>): void {
  s.bench<State, ProfileName>('', {
    kind: 'custom',
    params: PROFILE_NAMES,
    setup: async () => {
      const lmdbPath = mkdtempSync(join(tmpdir(), 'wb-load-lmdb-'));
      const server = await startMarkingApiProcess({ env: { MARKING_API_LMDB_PATH: lmdbPath, DATABASE_URL: '' } });
      return { server, lmdbPath };
    },
    measure: async (state, ctx: BenchContext<ProfileName>) => {
      const full = loadBenchFull();
      const profile = loadProfile(ctx.param ?? 'light', { full });
      const durationS = ctx.quick ? 4 : full ? 60 : 20;
      const scenario = markingScenario(scenarioName, { seeded: ctx.quick ? 20 : 50 });
      ctx.progress(`warm-up: ${profile.users} users, 1 s`);
      const warm = await runLoad({ url: state.server.url, scenario, executor: { type: 'constant-vus', vus: profile.users, durationS: 1 }, gracefulStopS: 5 });
      ctx.progress(`${scenarioName}: ${profile.users} users for ${durationS} s`);
      const r = await runLoad({
        url: state.server.url,
        scenario,
        executor: { type: 'constant-vus', vus: profile.users, durationS },
        gracefulStopS: 10,
        thresholds: { http_req_failed: ['rate<0.01'] },
        onProgress: (t, n) => ctx.progress(`${t.toFixed(0)} s: ${n} requests`),
      });
      const extraMetrics: Record<string, Metric> = {};
      const warnings: string[] = [];
      if (ctx.param === 'heavy' && (scenarioName === 'submit' || scenarioName === 'mixed')) {
        // No lost submission: every 2xx answer to POST /api/tmas is one TmaSubmitted event.
        await state.server.stop();
        const seeded = scenarioName === 'mixed' ? (ctx.quick ? 20 : 50) : 0;
        const accepted = seeded + acceptedSubmissions(warm) + acceptedSubmissions(r);
        const events = await countSubmittedEvents(state.lmdbPath);
        extraMetrics.accepted_submissions = { value: accepted, unit: 'count', note: '2xx answers to POST /api/tmas (seed, warm-up and run)' };
        extraMetrics.submitted_events = { value: events, unit: 'count', note: 'TmaSubmitted events in the store after shutdown' };
        extraMetrics.lost_submissions = { value: accepted - events, unit: 'count' };
        if (accepted !== events) warnings.push(`${accepted} accepted submissions but ${events} TmaSubmitted events`);
      }
      return toCustomMeasurement(r, {
        metrics: extraMetrics,
        details: { users: profile.users, executor: 'constant-vus', store: 'lmdb (sync)', server: 'separate process, 127.0.0.1', thresholdsPassed: r.thresholds.every((t) => t.passed) },
        warnings,
      });
    },
    teardown: async (state) => {
      await state.server.stop();
      await rm(state.lmdbPath, { recursive: true, force: true });
    },
  });
}
