import { formatTma, type TmaAnswer, type TmaSubmission } from '../../src/index.ts';

/** Questions are numbered 1–999 (layout.ts). */
const MAX_QUESTION = 999;

/** Part labels a–zz in alphabetical order (a, aa, ab, …, az, b, …): 702 per question. */
const PARTS: readonly string[] = (() => {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const parts: string[] = [];
  for (const a of letters) {
    parts.push(a);
    for (const b of letters) parts.push(a + b);
  }
  return parts;
})();

/**
 * A submission of `count` one-word answers, the shape that exposed the parser's super-linear
 * duplicate check: almost all of its bytes are headings. `order: 'document'` writes the headings in
 * order (question, then part), as submissions do; `'scattered'` cycles through the questions so
 * every heading is out of order and the parser falls back to its hash set.
 */
export function manyTinyAnswers(count: number, order: 'document' | 'scattered'): string {
  if (count > MAX_QUESTION * PARTS.length) throw new RangeError(`manyTinyAnswers: at most ${MAX_QUESTION * PARTS.length} answers`);
  const answers: TmaAnswer[] = [];
  const questions = Math.ceil(count / PARTS.length);
  for (let i = 0; i < count; i++) {
    const question = order === 'document' ? 1 + Math.floor(i / PARTS.length) : 1 + (i % questions);
    const part = order === 'document' ? PARTS[i % PARTS.length] : PARTS[Math.floor(i / questions)];
    answers.push({ question, part, text: 'x', wordCount: 1, line: 0 });
  }
  const submission: TmaSubmission = {
    header: { courseCode: 'TM112', tmaNumber: '01', studentId: 'A1234567', studentName: 'Sam Patel', submissionDate: '2024-03-15' },
    answers,
    wordCount: count,
  };
  return formatTma(submission);
}
