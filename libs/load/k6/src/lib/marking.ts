/**
 * The marking API's scenarios as k6 functions. BASE_URL comes from the environment; TMA_BODIES
 * may name a JSON file of TMA plain texts (libs/load's runner writes one from core's generator).
 */
import http from 'k6/http';
import { check, sleep } from 'k6';
import type { Options } from 'k6/options';
import { ENDPOINT } from './endpoints.ts';

export const BASE_URL = (__ENV.BASE_URL || 'http://127.0.0.1:3000').replace(/\/$/, '');

const SAMPLE_TMA = [
  'Course: TM112',
  'TMA: 01',
  'Student ID: A1234567',
  'Student name: Jane Smith',
  'Submitted: 2024-03-15',
  '',
  'Question 1 (a)',
  'Computers store numbers in binary because the hardware has two stable states. For example, a transistor is either conducting or not.',
  '',
  'Question 2',
  'A network protocol is a set of rules that both ends agree on. Therefore a browser and a server can exchange pages.',
  '',
].join('\n');

// open() is only allowed in the init context: read the bodies once per VU here.
const texts: string[] = __ENV.TMA_BODIES ? (JSON.parse(open(__ENV.TMA_BODIES)) as string[]) : [SAMPLE_TMA];
const JSON_PARAMS = { headers: { 'Content-Type': 'application/json' } };

/** Percentiles the summary export should contain (k6's default has no p(99)). */
export const SUMMARY_TREND_STATS: Options['summaryTrendStats'] = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)', 'count'];

export function submit(): string | undefined {
  const body = JSON.stringify({ text: texts[Math.floor(Math.random() * texts.length)] });
  const res = http.post(`${BASE_URL}/api/tmas`, body, { ...JSON_PARAMS, tags: { name: ENDPOINT.submit } });
  check(res, { 'submit: 202': (r) => r.status === 202 });
  if (res.status !== 202) return undefined;
  const id = res.json('id');
  return typeof id === 'string' ? id : undefined;
}

export function status(id: string): void {
  const res = http.get(`${BASE_URL}/api/tmas/${id}/status`, { tags: { name: ENDPOINT.status } });
  check(res, { 'status: 200': (r) => r.status === 200 });
}

export function generateFeedback(id: string): void {
  const res = http.post(`${BASE_URL}/api/tmas/${id}/feedback`, null, { tags: { name: ENDPOINT.feedback } });
  check(res, { 'feedback: 200': (r) => r.status === 200 });
}

export function readFeedback(id: string): void {
  const res = http.get(`${BASE_URL}/api/tmas/${id}/feedback`, { tags: { name: ENDPOINT.feedbackRead } });
  check(res, { 'feedback-read: 200': (r) => r.status === 200 });
}

/** The TMA submission workflow: submit, check status, generate and read feedback. */
export function workflow(): void {
  const id = submit();
  if (!id) return;
  status(id);
  generateFeedback(id);
  readFeedback(id);
}

/** Submissions made in setup() for the status and feedback scenarios. */
export function seed(count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = submit();
    if (id) {
      generateFeedback(id);
      ids.push(id);
    }
  }
  return ids;
}

export type ScenarioName = 'workflow' | 'submit' | 'status' | 'feedback' | 'mixed';

/** Runs one iteration of the scenario named by SCENARIO (default workflow). */
export function iteration(ids: readonly string[]): void {
  const scenario = (__ENV.SCENARIO || 'workflow') as ScenarioName;
  const pick = () => ids[Math.floor(Math.random() * ids.length)];
  switch (scenario) {
    case 'submit':
      submit();
      break;
    case 'status':
      status(pick());
      break;
    case 'feedback':
      generateFeedback(pick());
      break;
    case 'mixed': {
      const r = Math.random();
      if (r < 0.2) submit();
      else if (r < 0.7) status(pick());
      else if (r < 0.8) generateFeedback(pick());
      else readFeedback(pick());
      break;
    }
    default:
      workflow();
  }
  const think = Number(__ENV.THINK_S || '0');
  if (think > 0) sleep(think * (0.5 + Math.random()));
}
