import { describe, expect, it } from 'vitest';
import {
  Anonymiser,
  MARKING_EVENT_TYPES,
  TmaParseError,
  ValidationError,
  assessmentEvents,
  detectPii,
  generateTma,
  localSubmissionSteps,
  markingStreamId,
  prepareSubmission,
  rubricAssessment,
  rubricMark,
  sha256Hex,
  submissionEvents,
  type PrepareStage,
} from '../src/index.ts';

const KEY = 'marking-test-key';

describe('prepareSubmission', () => {
  it('parses, validates, anonymises the answers and the student id, hashes: the first two events, nothing personal left', async () => {
    const g = generateTma('medium', 3);
    const anonymiser = new Anonymiser(KEY);
    const { submission, submitted, anonymised } = await prepareSubmission('tma-3', g.text, localSubmissionSteps(anonymiser));
    expect(submission).toEqual(g.submission);
    expect(submitted).toEqual({
      tmaId: 'tma-3',
      courseCode: g.submission.header.courseCode,
      tmaNumber: g.submission.header.tmaNumber,
      student: anonymiser.pseudonym('student-id', g.submission.header.studentId),
      submissionDate: g.submission.header.submissionDate,
      contentSha256: sha256Hex(g.text),
      wordCount: g.submission.wordCount,
      answerCount: g.submission.answers.length,
    });
    expect(anonymised.answers.map((a) => a.text)).toEqual(g.submission.answers.map((a) => anonymiser.anonymise(a.text).text));
    // Every detected span is replaced once: the two counts agree.
    const detected = g.submission.answers.flatMap((a) => detectPii(a.text)).length;
    expect(Object.values(anonymised.piiDetected).reduce((s, n) => s + (n ?? 0), 0)).toBe(detected);
    expect(anonymised.replacements).toEqual(anonymised.piiDetected);
    const stored = JSON.stringify(submissionEvents(submitted, anonymised));
    expect(stored).not.toContain(g.submission.header.studentId);
    expect(stored).not.toContain(g.submission.header.studentName);
  });

  it('runs the five steps in order through the stage runner', async () => {
    const seen: PrepareStage[] = [];
    await prepareSubmission('t', generateTma('small', 1).text, localSubmissionSteps(new Anonymiser(KEY)), async (stage, step) => {
      seen.push(stage);
      return step();
    });
    expect(seen).toEqual(['parse', 'validate', 'pii-detect', 'anonymise', 'hash']);
  });

  it('throws the parser error for text that is not a TMA, and a ValidationError naming every invalid field', async () => {
    const steps = localSubmissionSteps(new Anonymiser(KEY));
    await expect(prepareSubmission('t', 'not a TMA', steps)).rejects.toBeInstanceOf(TmaParseError);
    const invalid = generateTma('small', 2).text.replace(/^Submitted: .*$/m, 'Submitted: 2024-02-31');
    const error = await prepareSubmission('t', invalid, steps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'header.submissionDate' });
  });

  it('takes its steps from elsewhere (another process): asynchronous steps give the same result', async () => {
    const local = localSubmissionSteps(new Anonymiser(KEY));
    const remote = Object.fromEntries(Object.entries(local).map(([name, step]) => [name, async (...args: unknown[]) => (step as (...a: unknown[]) => unknown)(...args)])) as unknown as typeof local;
    const text = generateTma('small', 4).text;
    expect(await prepareSubmission('t', text, remote)).toEqual(await prepareSubmission('t', text, local));
  });
});

describe('marking events and the rubric', () => {
  it('one marking is the four events, in order, in marking-<id>', async () => {
    const { submitted, anonymised } = await prepareSubmission('m1', generateTma('small', 5).text, localSubmissionSteps(new Anonymiser(KEY)));
    const { feedback, mark } = rubricAssessment(submitted.courseCode, submitted.tmaNumber, anonymised.answers);
    const events = [...submissionEvents(submitted, anonymised), ...assessmentEvents(feedback, mark)];
    expect(events.map((e) => e.type)).toEqual([...MARKING_EVENT_TYPES]);
    expect(markingStreamId('m1')).toBe('marking-m1');
  });

  it('the rubric is deterministic; its mark is the same with or without its comments, and within bounds', async () => {
    const { anonymised } = await prepareSubmission('r', generateTma('medium', 6).text, localSubmissionSteps(new Anonymiser(KEY)));
    const { feedback, mark } = rubricAssessment('TM112', '01', anonymised.answers);
    expect(rubricMark(anonymised.answers)).toEqual(mark);
    expect(rubricAssessment('TM112', '01', anonymised.answers)).toEqual({ feedback, mark });
    expect(mark.answers).toHaveLength(anonymised.answers.length);
    expect(mark.score).toBe(mark.answers.reduce((s, a) => s + a.score, 0));
    expect(mark.score).toBeGreaterThanOrEqual(0);
    expect(mark.score).toBeLessThanOrEqual(mark.max);
    expect(['Pass 1', 'Pass 2', 'Pass 3', 'Pass 4', 'Fail']).toContain(mark.band);
    expect(feedback).toMatchObject({ mode: 'rubric', summary: expect.stringContaining(`${mark.score}/${mark.max}`) });
    for (const a of feedback.answers) expect(a.criteria?.map((c) => c.name)).toEqual(['length', 'development', 'vocabulary', 'structure', 'evidence']);
  });

  it('anonymising with spans already detected gives what detecting again gives', () => {
    const anonymiser = new Anonymiser(KEY);
    const text = generateTma('medium', 7).text;
    expect(anonymiser.anonymise(text, detectPii(text))).toEqual(anonymiser.anonymise(text));
  });
});
