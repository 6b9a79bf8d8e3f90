import type { Anonymiser, AnonymisedText } from '../anonymise/anonymiser.ts';
import { sha256Hex } from '../hash/sha256.ts';
import { detectPii } from '../pii/detect.ts';
import type { PiiSpan, PiiType } from '../pii/types.ts';
import { parseTma } from '../tma/parse.ts';
import type { TmaSubmission } from '../tma/types.ts';
import { validateSubmission } from '../validate/validate.ts';
import { ValidationError, type ValidationResult } from '../validate/validation-error.ts';
import type { AnonymisedAnswer, TmaAnonymisedData, TmaSubmittedData } from './marking-events.ts';

type Awaitable<T> = T | Promise<T>;

/** The steps of preparing a submission, in the order they run; stage timers use these names. */
export type PrepareStage = 'parse' | 'validate' | 'pii-detect' | 'anonymise' | 'hash';

/**
 * The core operations a submission is prepared with. `localSubmissionSteps` runs them in this
 * process; the IPC marker passes the core server's methods, so the same sequence runs with each
 * step one round trip away.
 */
export interface SubmissionSteps {
  parse(text: string): Awaitable<TmaSubmission>;
  validate(submission: TmaSubmission): Awaitable<ValidationResult>;
  detectPii(text: string): Awaitable<PiiSpan[]>;
  /** Replaces the PII of `text` with pseudonyms; `spans` are what `detectPii(text)` found. */
  anonymise(text: string, spans: readonly PiiSpan[]): Awaitable<AnonymisedText>;
  pseudonym(type: PiiType, value: string): Awaitable<string>;
  hash(text: string): Awaitable<string>;
}

/** Runs one step of the preparation; pass one that times it to get a per-stage breakdown. */
export type StageRunner = <T>(stage: PrepareStage, step: () => Awaitable<T>) => Promise<T>;

/** A parsed, valid submission and its first two marking events, with nothing personal left in them. */
export interface PreparedSubmission {
  submission: TmaSubmission;
  submitted: TmaSubmittedData;
  anonymised: TmaAnonymisedData;
}

/** The steps run by core in this process, pseudonyms keyed by `anonymiser`. */
export function localSubmissionSteps(anonymiser: Anonymiser): SubmissionSteps {
  return {
    parse: parseTma,
    validate: validateSubmission,
    detectPii,
    anonymise: (text, spans) => anonymiser.anonymise(text, spans),
    pseudonym: (type, value) => anonymiser.pseudonym(type, value),
    hash: sha256Hex,
  };
}

const runDirectly: StageRunner = async (_stage, step) => step();

/**
 * Parse, validate, detect PII, anonymise the answers and the student id, hash the text: everything
 * a marking does before feedback, the same for every way in. Throws the parser's TmaParseError, a
 * ValidationError naming every invalid field, or the failing step's own error.
 */
export async function prepareSubmission(tmaId: string, text: string, steps: SubmissionSteps, runStage: StageRunner = runDirectly): Promise<PreparedSubmission> {
  const submission = await runStage('parse', () => steps.parse(text));
  await runStage('validate', async () => {
    const result = await steps.validate(submission);
    if (!result.valid) throw new ValidationError(result.errors);
  });
  // Answers go out together: over IPC the requests are in flight at once.
  const spans = await runStage('pii-detect', () => Promise.all(submission.answers.map((a) => steps.detectPii(a.text))));
  const { answers, replacements, student } = await runStage('anonymise', async () => {
    const [anonymised, student] = await Promise.all([
      Promise.all(submission.answers.map((a, i) => steps.anonymise(a.text, spans[i]))),
      steps.pseudonym('student-id', submission.header.studentId),
    ]);
    const answers: AnonymisedAnswer[] = submission.answers.map((a, i) => ({ question: a.question, part: a.part, text: anonymised[i].text, wordCount: a.wordCount }));
    return { answers, replacements: countByType(anonymised.flatMap((a) => a.replacements)), student };
  });
  const contentSha256 = await runStage('hash', () => steps.hash(text));
  const h = submission.header;
  return {
    submission,
    submitted: {
      tmaId,
      courseCode: h.courseCode,
      tmaNumber: h.tmaNumber,
      student,
      submissionDate: h.submissionDate,
      contentSha256,
      wordCount: submission.wordCount,
      answerCount: submission.answers.length,
    },
    anonymised: { answers, piiDetected: countByType(spans.flat()), replacements },
  };
}

function countByType(items: readonly { type: PiiType }[]): Partial<Record<PiiType, number>> {
  const out: Partial<Record<PiiType, number>> = {};
  for (const { type } of items) out[type] = (out[type] ?? 0) + 1;
  return out;
}
