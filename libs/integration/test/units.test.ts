import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LlamaFeedback } from '../src/feedback/llama-feedback.ts';
import { modelSizeFromEnv } from '../src/feedback/feedback-model.ts';
import { isLmdbCommitFailure } from '../src/markers/lmdb-commit-failure-guard.ts';
import { FailureLog } from '../src/pipeline/failure-log.ts';
import { meanTimings, sumTimings } from '../src/pipeline/marking-pipeline.ts';
import { recordFailure } from '../src/pipeline/record-failure.ts';
import { StageError, StageTimer } from '../src/pipeline/stage-timer.ts';
import { workloadTmas } from '../src/workload/tma-workload.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'integration-unit-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('StageTimer', () => {
  it('times each stage, adds repeated stages, keeps first-run order, tells the observer', async () => {
    const seen: string[] = [];
    const timer = new StageTimer((s) => void seen.push(s));
    expect(await timer.stage('parse', () => 42)).toBe(42);
    await timer.stage('feedback', () => new Promise((r) => setTimeout(r, 5)));
    await timer.stage('parse', async () => undefined);
    expect([...timer.timings.keys()]).toEqual(['parse', 'feedback']);
    expect(timer.timings.get('feedback')!).toBeGreaterThan(0);
    expect(seen).toEqual(['parse', 'feedback', 'parse']);
    expect(timer.totalMs()).toBeCloseTo(timer.timings.get('parse')! + timer.timings.get('feedback')!);
  });

  it('wraps a failure in a StageError naming the stage, still timing it; an inner StageError keeps its stage', async () => {
    const timer = new StageTimer();
    const error = await timer.stage('validate', () => Promise.reject(new TypeError('bad field'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageError);
    expect(error).toMatchObject({ stage: 'validate', message: "stage 'validate' failed: TypeError: bad field" });
    expect(timer.timings.has('validate')).toBe(true);
    const inner = await timer.stage('feedback-request', () => Promise.reject(new StageError('model-load', new Error('x')))).catch((e: unknown) => e);
    expect(inner).toMatchObject({ stage: 'model-load' });
  });

  it('split moves time measured inside a stage to its own stage', () => {
    const timer = new StageTimer();
    timer.add('feedback-request', 100);
    timer.split('feedback-request', 'feedback', 70);
    expect(timer.toRecord()).toEqual({ 'feedback-request': 30, feedback: 70 });
  });

  it('sums and averages timings over markings', () => {
    const all: Record<string, number>[] = [{ parse: 1, feedback: 10 }, { parse: 3, feedback: 20, 'model-load': 50 }];
    expect(sumTimings(all)).toEqual({ parse: 4, feedback: 30, 'model-load': 50 });
    expect(meanTimings(all)).toEqual({ parse: 2, feedback: 15, 'model-load': 25 });
  });
});

describe('failure recording', () => {
  it('appends MarkingFailed to the store when it takes it', async () => {
    const appended: unknown[] = [];
    const log = new FailureLog(join(tempDir(), 'f.jsonl'));
    const record = await recordFailure(async (stream, events) => void appended.push({ stream, events }), { tmaId: 't1', stage: 'parse', error: 'boom' }, log, 'in-process');
    expect(record).toEqual({ recordedIn: 'event-store', location: 'marking-t1' });
    expect(appended).toEqual([{ stream: 'marking-t1', events: [{ type: 'MarkingFailed', data: { tmaId: 't1', stage: 'parse', error: 'boom' } }] }]);
    expect(log.read()).toEqual([]);
  });

  it('falls back to the failure log (whole lines, atomic rewrite) when the store refuses', async () => {
    const path = join(tempDir(), 'sub', 'failures.jsonl');
    const log = new FailureLog(path);
    const refuse = async () => {
      throw new Error('MDB_MAP_FULL');
    };
    await recordFailure(refuse, { tmaId: 'a', stage: 'store', error: 'full' }, log, 'in-process');
    const second = await recordFailure(undefined, { tmaId: 'b', stage: 'parse', error: 'gone' }, log, 'ipc', 'child gone');
    expect(second).toMatchObject({ recordedIn: 'failure-log', location: path, storeError: 'child gone' });
    expect(log.read()).toEqual([
      expect.objectContaining({ tmaId: 'a', stage: 'store', way: 'in-process', storeError: 'MDB_MAP_FULL' }),
      expect.objectContaining({ tmaId: 'b', stage: 'parse', way: 'ipc', storeError: 'child gone' }),
    ]);
    expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
  });

  it('a corrupt failure log line is reported with the file and line', () => {
    const path = join(tempDir(), 'f.jsonl');
    const log = new FailureLog(path);
    log.append({ tmaId: 'a', stage: 'store', error: 'x', way: 'ipc', recordedAt: '', storeError: '' });
    appendFileSync(path, '{not json\n');
    expect(() => log.read()).toThrow(`${path}: line 2 is not JSON`);
  });
});

describe('inputs', () => {
  it('workload TMAs are distinct, deterministic and named by the tag', () => {
    const a = workloadTmas(3, 'small', 'run1');
    expect(a.map((t) => t.id)).toEqual(['run1-1', 'run1-2', 'run1-3']);
    expect(new Set(a.map((t) => t.text)).size).toBe(3);
    expect(workloadTmas(3, 'small', 'run2').map((t) => t.text)).toEqual(a.map((t) => t.text));
    expect(() => workloadTmas(0, 'small', 'x')).toThrow(RangeError);
  });

  it('bad sizes and model sizes are refused with the name of the setting', () => {
    const model = { path: '/x.gguf', label: 'x' };
    expect(() => new LlamaFeedback({ model, tokensPerAnswer: 0, maxPromptTokens: 64 })).toThrow(/tokensPerAnswer/);
    expect(() => new LlamaFeedback({ model, tokensPerAnswer: 8, maxPromptTokens: 2000 })).toThrow(/context/);
    expect(modelSizeFromEnv({ INTEGRATION_MODEL_SIZE: 'tiny' })).toBe('tiny');
    expect(modelSizeFromEnv({})).toBe('small');
    expect(() => modelSizeFromEnv({ INTEGRATION_MODEL_SIZE: 'huge' })).toThrow(/INTEGRATION_MODEL_SIZE=huge/);
  });

  it('the lmdb guard recognises only lmdb commit failures', () => {
    expect(isLmdbCommitFailure(new Error('Commit failed (see commitError for details)'))).toBe(true);
    const write = Object.assign(new Error('File too large'), { code: 27, stack: 'Error: File too large\n    at x (file:///w/node_modules/lmdb/write.js:516:7)' });
    expect(isLmdbCommitFailure(write)).toBe(true);
    expect(isLmdbCommitFailure(new Error('something else'))).toBe(false);
    expect(isLmdbCommitFailure('Commit failed')).toBe(false);
  });
});
