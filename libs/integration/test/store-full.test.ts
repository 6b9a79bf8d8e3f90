import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markingStreamId, openLmdbEventStore } from '@workflow-bench/core';
import { FailureLog } from '../src/pipeline/failure-log.ts';
import type { MarkingOutcome } from '../src/pipeline/marking-pipeline.ts';
import { TEST_SIZING } from './support/tiny-feedback.ts';

const MARK_ONE = fileURLToPath(new URL('../bin/mark-one.ts', import.meta.url));
const LIB_ROOT = fileURLToPath(new URL('..', import.meta.url));

function run(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { cwd: LIB_ROOT, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('event store full', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'integration-store-full-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('the final append fails as one transaction: no marking events, the failure in the store or the failure log', async () => {
    // A fresh process under a 2 MiB file size limit (sh's ulimit -f counts 512-byte blocks) fills
    // its LMDB store until writes fail (EFBIG), then marks two TMAs.
    const command = `ulimit -f 4096 && exec "${process.execPath}" --import tsx "${MARK_ONE}" --fill-store --model-size tiny --tokens ${TEST_SIZING.tokensPerAnswer} --prompt-tokens ${TEST_SIZING.maxPromptTokens} --count 2 --tag full --dir "${dir}"`;
    const result = await run(command);
    expect(result.code, result.stderr.slice(-2000)).toBe(1); // 1: a marking failed (not a crash)
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { filled: number; markings: MarkingOutcome[] };
    expect(report.filled).toBeGreaterThan(0);
    expect(report.markings).toHaveLength(2);
    const log = new FailureLog(join(dir, 'failures.jsonl')).read();
    const store = await openLmdbEventStore({ path: join(dir, 'events') });
    try {
      for (const outcome of report.markings) {
        expect(outcome).toMatchObject({ ok: false, stage: 'store' });
        if (outcome.ok) continue;
        expect(outcome.error).toMatch(/File too large|No space|commit/i);
        // Not one event of the marking went in; the small MarkingFailed may still have fitted.
        const types = (await store.readStream(markingStreamId(outcome.tmaId))).map((e) => e.type);
        if (outcome.failure.recordedIn === 'event-store') expect(types).toEqual(['MarkingFailed']);
        else {
          expect(types).toEqual([]);
          expect(outcome.failure.recordedIn).toBe('failure-log');
          expect(log).toContainEqual(expect.objectContaining({ tmaId: outcome.tmaId, stage: 'store', way: 'in-process' }));
        }
      }
    } finally {
      await store.close();
    }
  });
});
