/** A stage of a ramp: move linearly to `target` over `durationS` (k6's `stages`). */
export interface Stage {
  durationS: number;
  target: number;
}

/**
 * How load is offered, after k6's executors.
 *
 * Open model (arrival rate): iterations start on a schedule whatever the server does; an
 * iteration that finds no free virtual user is dropped and counted. Closed model (VUs): each
 * virtual user starts its next iteration when the previous one ends.
 */
export type Executor =
  | { type: 'constant-arrival-rate'; /** iterations per second */ rate: number; durationS: number; maxVUs: number }
  | { type: 'ramping-arrival-rate'; startRate: number; stages: readonly Stage[]; maxVUs: number }
  | { type: 'constant-vus'; vus: number; durationS: number }
  | { type: 'ramping-vus'; startVUs: number; stages: readonly Stage[] };

export function isOpenModel(e: Executor): e is Extract<Executor, { type: 'constant-arrival-rate' | 'ramping-arrival-rate' }> {
  return e.type === 'constant-arrival-rate' || e.type === 'ramping-arrival-rate';
}

export function executorDurationS(e: Executor): number {
  switch (e.type) {
    case 'constant-arrival-rate':
    case 'constant-vus':
      return e.durationS;
    case 'ramping-arrival-rate':
    case 'ramping-vus':
      return e.stages.reduce((s, st) => s + st.durationS, 0);
  }
}

/** Largest number of concurrent virtual users the executor may use (sizes the connection pool). */
export function executorMaxVUs(e: Executor): number {
  switch (e.type) {
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate':
      return e.maxVUs;
    case 'constant-vus':
      return e.vus;
    case 'ramping-vus':
      return Math.max(e.startVUs, ...e.stages.map((s) => s.target));
  }
}

export class ExecutorError extends Error {
  constructor(field: string, message: string) {
    super(`executor.${field}: ${message}`);
    this.name = 'ExecutorError';
  }
}

export function validateExecutor(e: Executor): void {
  const positive = (field: string, v: number) => {
    if (!(Number.isFinite(v) && v > 0)) throw new ExecutorError(field, `must be a positive number, got ${v}`);
  };
  const nonNegative = (field: string, v: number) => {
    if (!(Number.isFinite(v) && v >= 0)) throw new ExecutorError(field, `must be >= 0, got ${v}`);
  };
  const stages = (list: readonly Stage[]) => {
    if (list.length === 0) throw new ExecutorError('stages', 'needs at least one stage');
    list.forEach((s, i) => {
      nonNegative(`stages[${i}].durationS`, s.durationS);
      nonNegative(`stages[${i}].target`, s.target);
    });
    positive('stages (total duration)', list.reduce((a, s) => a + s.durationS, 0));
  };
  switch (e.type) {
    case 'constant-arrival-rate':
      positive('rate', e.rate);
      positive('durationS', e.durationS);
      positive('maxVUs', e.maxVUs);
      return;
    case 'ramping-arrival-rate':
      nonNegative('startRate', e.startRate);
      stages(e.stages);
      positive('maxVUs', e.maxVUs);
      return;
    case 'constant-vus':
      positive('vus', e.vus);
      positive('durationS', e.durationS);
      return;
    case 'ramping-vus':
      nonNegative('startVUs', e.startVUs);
      stages(e.stages);
      return;
    default:
      throw new ExecutorError('type', `unknown executor ${(e as { type: unknown }).type}`);
  }
}
