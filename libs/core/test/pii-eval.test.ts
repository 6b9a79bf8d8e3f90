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
  // The held-out parts were written after the rules and are only reported (README). The first one's
  // misses led to three general rules in stop 25, the second's to six in stop 26 (README); the third is still unseen.
  const items = all.filter((i) => !i.id.startsWith('held-out-') && !i.id.startsWith('heldout2-') && !i.id.startsWith('heldout3-'));
  const heldOut = all.filter((i) => i.id.startsWith('held-out-'));
  const heldOut2 = all.filter((i) => i.id.startsWith('heldout2-'));
  const heldOut3 = all.filter((i) => i.id.startsWith('heldout3-'));
  const sharesWithGazetteer = (name: string): boolean => nameWords(name).some((w) => FIRST_NAMES.has(w) || SURNAMES.has(w) || AMBIGUOUS_FIRST_NAMES.has(w));

  it('draws its names from outside the detector gazetteer', () => {
    const drawn = items.filter((i) => i.id.startsWith('drawn-')).flatMap((i) => i.spans.map((s) => s.value));
    expect(drawn.length).toBeGreaterThan(150);
    expect(drawn.filter(sharesWithGazetteer)).toEqual([]);
    const drawn2 = heldOut2.filter((i) => i.id.startsWith('heldout2-drawn-')).flatMap((i) => i.spans.map((s) => s.value));
    expect(drawn2.length).toBeGreaterThan(40);
    expect(drawn2.filter(sharesWithGazetteer)).toEqual([]);
    const drawn3 = heldOut3.filter((i) => i.id.startsWith('heldout3-drawn-')).flatMap((i) => i.spans.map((s) => s.value));
    expect(drawn3.length).toBeGreaterThanOrEqual(14);
    expect(drawn3.filter(sharesWithGazetteer)).toEqual([]);
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

  it('reports the second held-out part (development material since its misses led to rules)', () => {
    const names = heldOut2.flatMap((i) => i.spans).filter((s) => s.type === 'person-name');
    expect(names.length).toBeGreaterThanOrEqual(60);
    expect(heldOut2.reduce((n, i) => n + i.keep.length, 0)).toBeGreaterThanOrEqual(40);
    const score = scorePiiEval(heldOut2, detectPii);
    console.log(`PII detection on the second held-out part (${heldOut2.length} texts):\n${formatScoreTable(score)}`);
  });

  it('reports the third held-out part (its table only: the items it misses are not printed)', () => {
    const names = heldOut3.flatMap((i) => i.spans).filter((s) => s.type === 'person-name');
    expect(names.length).toBeGreaterThanOrEqual(55);
    expect(heldOut3.reduce((n, i) => n + i.keep.length, 0)).toBeGreaterThanOrEqual(40);
    const score = scorePiiEval(heldOut3, detectPii);
    console.log(`PII detection on the third held-out part (${heldOut3.length} texts):\n${formatScoreTable(score)}`);
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
