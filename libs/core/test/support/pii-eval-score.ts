import { readFileSync } from 'node:fs';
import { PII_TYPES, type PiiSpan, type PiiType } from '../../src/index.ts';
import type { EvalItem } from '../fixtures/build-pii-eval.ts';

export function loadPiiEval(): EvalItem[] {
  const raw = JSON.parse(readFileSync(new URL('../fixtures/pii-eval.json', import.meta.url), 'utf8')) as { items: EvalItem[] };
  return raw.items;
}

export interface TypeScore {
  type: PiiType;
  /** Labelled items of this type. */
  truth: number;
  /** Labelled items fully covered by detected spans of this type (nothing of them left in the output). */
  found: number;
  /** Detected spans of this type. */
  detected: number;
  /** Detected spans lying inside a labelled item of the same type. */
  correct: number;
  recall: number;
  precision: number;
}

export interface EvalScore {
  rows: TypeScore[];
  missed: { id: string; type: PiiType; value: string }[];
  wrong: { id: string; type: PiiType; value: string }[];
  /** Must-survive strings touched by any detected span. */
  lostKeeps: { id: string; value: string }[];
  keeps: number;
}

/**
 * Scores a detector on the evaluation set. Recall counts an item as found only when detected spans
 * of its type cover every character of it (a half-removed name still leaks); precision counts a
 * detected span as correct only when it lies within an item of its type (a span that runs into
 * the next word removes text that is not personal data).
 */
export function scorePiiEval(items: readonly EvalItem[], detect: (text: string) => PiiSpan[]): EvalScore {
  const rows = new Map<PiiType, TypeScore>(PII_TYPES.map((type) => [type, { type, truth: 0, found: 0, detected: 0, correct: 0, recall: 0, precision: 0 }]));
  const missed: EvalScore['missed'] = [];
  const wrong: EvalScore['wrong'] = [];
  const lostKeeps: EvalScore['lostKeeps'] = [];
  let keeps = 0;
  for (const item of items) {
    const found = detect(item.text);
    for (const truth of item.spans) {
      const row = rows.get(truth.type)!;
      row.truth++;
      if (covered(truth, found.filter((s) => s.type === truth.type))) row.found++;
      else missed.push({ id: item.id, type: truth.type, value: truth.value });
    }
    for (const span of found) {
      const row = rows.get(span.type)!;
      row.detected++;
      if (item.spans.some((t) => t.type === span.type && t.start <= span.start && span.end <= t.end)) row.correct++;
      else wrong.push({ id: item.id, type: span.type, value: span.value });
    }
    for (const keep of item.keep) {
      keeps++;
      if (found.some((s) => s.start < keep.end && keep.start < s.end)) lostKeeps.push({ id: item.id, value: keep.value });
    }
  }
  for (const row of rows.values()) {
    row.recall = row.truth === 0 ? 1 : row.found / row.truth;
    row.precision = row.detected === 0 ? 1 : row.correct / row.detected;
  }
  return { rows: [...rows.values()], missed, wrong, lostKeeps, keeps };
}

function covered(truth: { start: number; end: number }, spans: readonly PiiSpan[]): boolean {
  let at = truth.start;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start > at) break;
    if (s.end > at) at = s.end;
    if (at >= truth.end) return true;
  }
  return at >= truth.end;
}

/** The table for the README: type, items, recall, precision. */
export function formatScoreTable(score: EvalScore): string {
  const lines = ['| type | items | recall | precision |', '| --- | ---: | ---: | ---: |'];
  for (const r of score.rows) lines.push(`| ${r.type} | ${r.truth} | ${r.recall.toFixed(3)} (${r.found}/${r.truth}) | ${r.precision.toFixed(3)} (${r.correct}/${r.detected}) |`);
  lines.push(`| must survive (places, codes, organisations) | ${score.keeps} | ${score.keeps - score.lostKeeps.length}/${score.keeps} kept | |`);
  return lines.join('\n');
}
