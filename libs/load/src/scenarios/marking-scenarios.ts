import { generateTma, type TmaSize } from '@workflow-bench/core';
import type { LoadTarget } from '../driver/load-target.ts';
import type { Scenario } from './scenario.ts';

/** The seed's scenarios against the marking API (apps/marking-api). */
export type MarkingScenarioName = 'submit' | 'status' | 'feedback' | 'mixed' | 'workflow';
export const MARKING_SCENARIOS: readonly MarkingScenarioName[] = ['submit', 'status', 'feedback', 'mixed', 'workflow'];

export interface MarkingScenarioOptions {
  /** Size of generated submissions (default medium). */
  tmaSize?: TmaSize;
  /** Distinct request bodies to cycle through (default 32). */
  bodies?: number;
  /** Submissions made (with feedback) before the run, for status and feedback requests (default 50). */
  seeded?: number;
}

/** Marking data shared by the iterations of a run. */
export interface MarkingData {
  bodies: string[];
  /** Ids of submissions that exist and have feedback. */
  ids: string[];
}

export class ScenarioSetupError extends Error {
  constructor(url: string, message: string) {
    super(`scenario setup against ${url}: ${message}`);
    this.name = 'ScenarioSetupError';
  }
}

/** JSON request bodies `{ "text": <TMA> }` from core's deterministic generator. */
export function submissionBodies(count: number, size: TmaSize = 'medium', firstSeed = 1): string[] {
  return Array.from({ length: count }, (_, i) => JSON.stringify({ text: generateTma(size, firstSeed + i).text }));
}

/** Submits `count` TMAs and generates feedback for each, returning their ids (untimed setup). */
export async function seedSubmissions(target: LoadTarget, bodies: readonly string[], count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await target.send({ name: 'seed', method: 'POST', path: '/api/tmas', body: bodies[i % bodies.length], readBody: true });
    if (res.status !== 202) throw new ScenarioSetupError(target.origin, `POST /api/tmas answered ${res.status || res.error}: ${res.body?.slice(0, 200) ?? ''}`);
    const id = (JSON.parse(res.body!) as { id: string }).id;
    const fb = await target.send({ name: 'seed', method: 'POST', path: `/api/tmas/${id}/feedback` });
    if (fb.status !== 200) throw new ScenarioSetupError(target.origin, `POST /api/tmas/${id}/feedback answered ${fb.status || fb.error}`);
    ids.push(id);
  }
  return ids;
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)];
}

/** Builds a scenario of the marking API. */
export function markingScenario(name: MarkingScenarioName, options: MarkingScenarioOptions = {}): Scenario<MarkingData> {
  const size = options.tmaSize ?? 'medium';
  const bodyCount = options.bodies ?? 32;
  const seeded = options.seeded ?? 50;
  const setup = async (target: LoadTarget): Promise<MarkingData> => {
    const bodies = submissionBodies(bodyCount, size);
    const ids = name === 'submit' || name === 'workflow' ? [] : await seedSubmissions(target, bodies, seeded);
    return { bodies, ids };
  };
  switch (name) {
    case 'submit':
      return {
        name,
        description: `POST /api/tmas with ${size} TMAs (parse, validate, anonymise, append 2 events)`,
        setup,
        iteration: async (http, data, ctx) => {
          await http.request({ name: 'submit', method: 'POST', path: '/api/tmas', body: data.bodies[ctx.iteration % data.bodies.length] });
        },
      };
    case 'status':
      return {
        name,
        description: 'GET /api/tmas/:id/status of seeded submissions',
        setup,
        iteration: async (http, data, ctx) => {
          await http.request({ name: 'status', method: 'GET', path: `/api/tmas/${pick(data.ids, ctx.random)}/status` });
        },
      };
    case 'feedback':
      return {
        name,
        description: 'POST /api/tmas/:id/feedback: rubric feedback and mark, appended as FeedbackGenerated + MarkRecorded',
        setup,
        iteration: async (http, data, ctx) => {
          await http.request({ name: 'feedback', method: 'POST', path: `/api/tmas/${pick(data.ids, ctx.random)}/feedback` });
        },
      };
    case 'mixed':
      return {
        name,
        description: 'a tutor-office mix: 20% submit, 50% status, 10% feedback generation, 20% feedback reads',
        setup,
        iteration: async (http, data, ctx) => {
          const r = ctx.random();
          if (r < 0.2) {
            await http.request({ name: 'submit', method: 'POST', path: '/api/tmas', body: data.bodies[ctx.iteration % data.bodies.length] });
          } else if (r < 0.7) {
            await http.request({ name: 'status', method: 'GET', path: `/api/tmas/${pick(data.ids, ctx.random)}/status` });
          } else if (r < 0.8) {
            await http.request({ name: 'feedback', method: 'POST', path: `/api/tmas/${pick(data.ids, ctx.random)}/feedback` });
          } else {
            await http.request({ name: 'feedback-read', method: 'GET', path: `/api/tmas/${pick(data.ids, ctx.random)}/feedback` });
          }
        },
      };
    case 'workflow':
      return {
        name,
        description: 'the TMA submission workflow: submit, check status, generate feedback, read feedback',
        setup,
        iteration: async (http, data, ctx) => {
          const res = await http.request({ name: 'submit', method: 'POST', path: '/api/tmas', body: data.bodies[ctx.iteration % data.bodies.length], readBody: true });
          if (res.status !== 202 || !res.body) return;
          const id = (JSON.parse(res.body) as { id: string }).id;
          await http.request({ name: 'status', method: 'GET', path: `/api/tmas/${id}/status` });
          await http.request({ name: 'feedback', method: 'POST', path: `/api/tmas/${id}/feedback` });
          await http.request({ name: 'feedback-read', method: 'GET', path: `/api/tmas/${id}/feedback` });
        },
      };
    default:
      throw new TypeError(`unknown scenario '${name as string}' (known: ${MARKING_SCENARIOS.join(', ')})`);
  }
}

export function isMarkingScenarioName(s: string): s is MarkingScenarioName {
  return (MARKING_SCENARIOS as readonly string[]).includes(s);
}
