import type { AnonymisedAnswer, AnswerComment, CriterionScore, FeedbackGeneratedData, MarkRecordedData } from './marking-events.ts';

/**
 * The deterministic rubric: scores each anonymised answer on length, development, vocabulary,
 * structure and use of evidence from the text itself. It gives every marking its mark, whoever
 * writes the comments, and it is the marking API's "no model" feedback, so pure HTTP load still
 * does real per-request work proportional to the submission's size.
 */

const TARGET_WORDS_PER_ANSWER = 250;
const MATTR_WINDOW = 50;
const CONNECTIVES = [
  'however', 'therefore', 'because', 'although', 'moreover', 'furthermore', 'consequently', 'whereas',
  'thus', 'hence', 'similarly', 'in contrast', 'for example', 'for instance', 'in addition', 'as a result',
];
const EVIDENCE = /\b(for example|for instance|such as|e\.g\.|according to|\(\s*[A-Z][A-Za-z-]+(?: et al\.)?,\s*\d{4}\s*\)|\d+(?:\.\d+)?\s*%|figure \d+|table \d+)/gi;
const WORD = /[A-Za-z][A-Za-z'-]*/g;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/).filter((s) => /[A-Za-z]/.test(s));
}

/** Moving-average type-token ratio: lexical variety that does not fall just because a text is long. */
function mattr(tokens: readonly string[]): number {
  if (tokens.length === 0) return 0;
  if (tokens.length <= MATTR_WINDOW) return new Set(tokens).size / tokens.length;
  const counts = new Map<string, number>();
  let distinct = 0;
  for (let i = 0; i < MATTR_WINDOW; i++) {
    const c = counts.get(tokens[i]) ?? 0;
    if (c === 0) distinct++;
    counts.set(tokens[i], c + 1);
  }
  let sum = distinct;
  for (let i = MATTR_WINDOW; i < tokens.length; i++) {
    const out = tokens[i - MATTR_WINDOW];
    const co = counts.get(out)! - 1;
    counts.set(out, co);
    if (co === 0) distinct--;
    const cin = counts.get(tokens[i]) ?? 0;
    if (cin === 0) distinct++;
    counts.set(tokens[i], cin + 1);
    sum += distinct;
  }
  return sum / (tokens.length - MATTR_WINDOW + 1) / MATTR_WINDOW;
}

function band(scorePercent: number): string {
  if (scorePercent >= 85) return 'Pass 1';
  if (scorePercent >= 70) return 'Pass 2';
  if (scorePercent >= 55) return 'Pass 3';
  if (scorePercent >= 40) return 'Pass 4';
  return 'Fail';
}

function criterion(name: string, fraction: number, good: string, fair: string, weak: string): CriterionScore {
  const score = Math.round(Math.max(0, Math.min(1, fraction)) * 5);
  return { name, score, max: 5, comment: score >= 4 ? good : score >= 2 ? fair : weak };
}

function label(a: { question: number; part: string | null }): string {
  return `Question ${a.question}${a.part ? ` (${a.part})` : ''}`;
}

interface ScoredAnswer extends AnswerComment {
  criteria: CriterionScore[];
  score: number;
  max: number;
}

function scoreAnswer(answer: AnonymisedAnswer): ScoredAnswer {
  const tokens = words(answer.text);
  const sents = sentences(answer.text);
  const lower = answer.text.toLowerCase();
  const n = tokens.length;
  const lengthFit = n === 0 ? 0 : n <= TARGET_WORDS_PER_ANSWER ? n / TARGET_WORDS_PER_ANSWER : Math.max(0.4, 1 - (n - 2 * TARGET_WORDS_PER_ANSWER) / (4 * TARGET_WORDS_PER_ANSWER));
  const avgSentence = sents.length === 0 ? 0 : n / sents.length;
  const development = sents.length === 0 ? 0 : Math.min(1, sents.length / 6) * (avgSentence >= 10 && avgSentence <= 28 ? 1 : 0.6);
  const variety = Math.min(1, mattr(tokens) / 0.75);
  const paragraphs = answer.text.split(/\n\s*\n/).filter((p) => p.trim() !== '').length;
  let connectives = 0;
  for (const c of CONNECTIVES) {
    for (let i = lower.indexOf(c); i !== -1; i = lower.indexOf(c, i + c.length)) connectives++;
  }
  const structure = Math.min(1, (n > 150 ? Math.min(paragraphs, 3) / 3 : 1) * 0.5 + Math.min(connectives, 4) / 8);
  const evidenceCount = (answer.text.match(EVIDENCE) ?? []).length;
  const evidence = Math.min(1, evidenceCount / 2);

  const criteria = [
    criterion('length', lengthFit, 'Well judged length.', 'Length is a little off the guide; check the word limit.', 'Far too short or too long for the question.'),
    criterion('development', development, 'Ideas are developed in well-formed sentences.', 'Develop each point further.', 'Write the answer out in full sentences.'),
    criterion('vocabulary', variety, 'Varied, precise vocabulary.', 'Some repetition; vary your wording.', 'Heavy repetition of the same words.'),
    criterion('structure', structure, 'Clear structure with linked points.', 'Use paragraphs and linking words to guide the reader.', 'The answer needs a clear structure.'),
    criterion('evidence', evidence, 'Good use of examples and sources.', 'Support claims with an example or a source.', 'No examples or sources support the answer.'),
  ];
  const score = criteria.reduce((s, c) => s + c.score, 0);
  const max = criteria.length * 5;
  const weakest = [...criteria].sort((a, b) => a.score - b.score)[0];
  return {
    question: answer.question,
    part: answer.part,
    score,
    max,
    criteria,
    comment: `${label(answer)}: ${score}/${max}. ${weakest.score < 4 ? `Focus on ${weakest.name}: ${weakest.comment}` : 'A strong answer.'}`,
  };
}

function markOf(scored: readonly ScoredAnswer[]): MarkRecordedData {
  const score = scored.reduce((s, a) => s + a.score, 0);
  const max = scored.reduce((s, a) => s + a.max, 0);
  return {
    score,
    max,
    band: band(max === 0 ? 0 : (score / max) * 100),
    answers: scored.map((a) => ({ question: a.question, part: a.part, score: a.score, max: a.max })),
  };
}

/** The mark of a submission: the rubric's scores over its anonymised answers. */
export function rubricMark(answers: readonly AnonymisedAnswer[]): MarkRecordedData {
  return markOf(answers.map(scoreAnswer));
}

/** The rubric's comments (with the criteria behind each) and the mark, scored once. */
export function rubricAssessment(courseCode: string, tmaNumber: string, answers: readonly AnonymisedAnswer[]): { feedback: FeedbackGeneratedData; mark: MarkRecordedData } {
  const scored = answers.map(scoreAnswer);
  const mark = markOf(scored);
  const percent = mark.max === 0 ? 0 : (mark.score / mark.max) * 100;
  return {
    feedback: {
      mode: 'rubric',
      summary: `${courseCode} TMA ${tmaNumber}: ${mark.score}/${mark.max} (${percent.toFixed(0)}%, ${mark.band}) over ${scored.length} answers.`,
      answers: scored.map((a) => ({ question: a.question, part: a.part, comment: a.comment, criteria: a.criteria })),
    },
    mark,
  };
}
