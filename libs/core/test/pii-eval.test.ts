import { describe, expect, it } from 'vitest';
import { Anonymiser, detectPii } from '../src/index.ts';
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, SURNAMES } from '../src/pii/name-gazetteer.ts';
import { nameWords } from './fixtures/build-pii-eval.ts';
import { formatScoreTable, loadPiiEval, scorePiiEval } from './support/pii-eval-score.ts';

/**
 * PII detection on an evaluation set that shares nothing with the generator or the detector's
 * lists (test/fixtures/pii-eval.json, built by build-pii-eval.ts; see the README).
 */
describe('detectPii on the evaluation set', { timeout: 60_000 }, () => {
  const all = loadPiiEval();
  // The held-out part was written after the rules and is only reported (README), never tuned on.
  const items = all.filter((i) => !i.id.startsWith('held-out-'));
  const heldOut = all.filter((i) => i.id.startsWith('held-out-'));

  it('draws its names from outside the detector gazetteer', () => {
    const drawn = items.filter((i) => i.id.startsWith('drawn-')).flatMap((i) => i.spans.map((s) => s.value));
    expect(drawn.length).toBeGreaterThan(150);
    const shared = drawn.filter((name) => nameWords(name).some((w) => FIRST_NAMES.has(w) || SURNAMES.has(w) || AMBIGUOUS_FIRST_NAMES.has(w)));
    expect(shared).toEqual([]);
  });

  it('reaches recall ≥ 0.98 and precision ≥ 0.95 for every type, and keeps places and codes', () => {
    const score = scorePiiEval(items, detectPii);
    console.log(`PII detection on the evaluation set (${items.length} texts):\n${formatScoreTable(score)}`);
    if (score.missed.length > 0) console.log('missed:', score.missed);
    if (score.wrong.length > 0) console.log('wrong:', score.wrong);
    if (score.lostKeeps.length > 0) console.log('lost:', score.lostKeeps);
    for (const row of score.rows) {
      expect(row.truth, `${row.type} items`).toBeGreaterThanOrEqual(10);
      expect(row.recall, `${row.type} recall`).toBeGreaterThanOrEqual(0.98);
      expect(row.precision, `${row.type} precision`).toBeGreaterThanOrEqual(0.95);
    }
    expect(score.lostKeeps.length / score.keeps, 'share of must-survive text removed').toBeLessThanOrEqual(0.05);
  });

  it('reports the held-out part', () => {
    expect(heldOut.length).toBeGreaterThan(50);
    const score = scorePiiEval(heldOut, detectPii);
    console.log(`PII detection on the held-out part (${heldOut.length} texts):\n${formatScoreTable(score)}`);
    console.log('held-out missed:', score.missed, 'wrong:', score.wrong, 'lost:', score.lostKeeps);
    expect(score.rows.reduce((n, r) => n + r.truth, 0)).toBeGreaterThan(50);
  });

  it('leaves no labelled value in the anonymised text', () => {
    const anonymiser = new Anonymiser('eval-key');
    const leaks: string[] = [];
    for (const item of items) {
      const out = anonymiser.anonymise(item.text).text;
      for (const span of item.spans) if (out.includes(span.value)) leaks.push(`${item.id}: ${span.value}`);
    }
    expect(leaks.length / items.reduce((n, i) => n + i.spans.length, 0)).toBeLessThanOrEqual(0.02);
  });
});
