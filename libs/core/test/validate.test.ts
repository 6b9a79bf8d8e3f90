import { describe, expect, it } from 'vitest';
import { ValidationError, assertValidSubmission, generateTma, validateSubmission, type TmaSubmission } from '../src/index.ts';

const valid = (): TmaSubmission => structuredClone(generateTma('small', 3).submission);

function firstField(s: unknown): string | undefined {
  return validateSubmission(s).errors[0]?.field;
}

describe('validateSubmission', () => {
  it('accepts generated submissions of every size', () => {
    for (const size of ['small', 'medium', 'large'] as const) expect(validateSubmission(generateTma(size, 9).submission)).toEqual({ valid: true, errors: [] });
  });

  it('names the failing header field as a JSON path', () => {
    const s = valid();
    s.header.studentId = 'a123';
    expect(validateSubmission(s).valid).toBe(false);
    expect(firstField(s)).toBe('header.studentId');

    const c = valid();
    c.header.courseCode = 'tm112';
    expect(firstField(c)).toBe('header.courseCode');

    const missing = valid();
    delete (missing.header as Partial<TmaSubmission['header']>).studentName;
    expect(firstField(missing)).toBe('header.studentName');
  });

  it('rejects dates that do not exist', () => {
    const s = valid();
    s.header.submissionDate = '2023-02-29';
    expect(firstField(s)).toBe('header.submissionDate');
    s.header.submissionDate = '2024-02-29';
    expect(validateSubmission(s).valid).toBe(true);
    s.header.submissionDate = '2024-13-01';
    expect(firstField(s)).toBe('header.submissionDate');
    s.header.submissionDate = '24-01-01';
    expect(firstField(s)).toBe('header.submissionDate');
  });

  it('rejects empty answers and names the answer', () => {
    const s = valid();
    s.answers[1] = { ...s.answers[1], text: '  \n ', wordCount: 0 };
    expect(firstField(s)).toBe('answers[1].text');
  });

  it('rejects the control characters the parser rejects (C0 but tab and line feed, DEL, C1), naming the field', () => {
    for (const c of ['\u0000', '\u0007', '\r', '\u007f', '\u0080', '\u0085', '\u009b', '\u009f']) {
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase();
      const s = valid();
      s.answers[1].text = `fine${c}text`;
      expect(validateSubmission(s).errors, hex).toEqual([{ field: 'answers[1].text', message: `contains control character U+${hex} at offset 4` }]);
      const h = valid();
      h.header.studentName = `Sam${c}Patel`;
      expect(validateSubmission(h).errors, hex).toEqual([{ field: 'header.studentName', message: `contains control character U+${hex} at offset 3` }]);
    }
    const ok = valid();
    ok.answers[0].text = 'tab\tand\nnewline, no\u00a0break ~ ©';
    ok.wordCount += 7 - ok.answers[0].wordCount;
    ok.answers[0].wordCount = 7;
    expect(validateSubmission(ok)).toEqual({ valid: true, errors: [] });
  });

  it('checks word counts against the text and the total', () => {
    const s = valid();
    s.answers[2].wordCount += 1;
    s.wordCount += 1;
    expect(validateSubmission(s).errors).toEqual([{ field: 'answers[2].wordCount', message: expect.stringContaining('words') }]);
    const t = valid();
    t.wordCount = 1;
    expect(firstField(t)).toBe('wordCount');
  });

  it('rejects duplicate questions, bad parts and unexpected properties', () => {
    const s = valid();
    s.answers[1] = { ...s.answers[1], question: s.answers[0].question, part: s.answers[0].part };
    expect(firstField(s)).toBe('answers[1]');
    const p = valid();
    p.answers[0].part = 'A';
    expect(firstField(p)).toBe('answers[0].part');
    const x = { ...valid(), extra: true };
    expect(validateSubmission(x).errors[0]).toEqual({ field: '', message: 'has unexpected property "extra"' });
    expect(firstField(null)).toBe('');
  });

  it('assertValidSubmission throws a ValidationError naming the field', () => {
    const s = valid();
    expect(assertValidSubmission(s)).toBe(s);
    s.header.tmaNumber = '1';
    expect(() => assertValidSubmission(s)).toThrow(ValidationError);
    try {
      assertValidSubmission(s);
    } catch (error) {
      expect((error as ValidationError).field).toBe('header.tmaNumber');
      expect((error as Error).message).toContain('header.tmaNumber');
    }
  });
});
