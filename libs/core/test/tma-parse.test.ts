import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TMA_SIZES, TmaParseError, formatTma, generateTma, parseTma, type TmaSubmission } from '../src/index.ts';

const SAMPLE = `Course: TM112
TMA: 02
Student ID: B7654321
Student name: Sam Patel
Submitted: 2024-11-05

Question 1 (a)
A short answer.

Question 1 (b)
First paragraph of part b.

Second paragraph, after a blank line.

Question 2
Answer to a question without parts.
`;

/** Asserts that parsing throws a TmaParseError at `line`, and returns it. */
function parseError(text: string, line: number): TmaParseError {
  try {
    parseTma(text);
  } catch (error) {
    expect(error).toBeInstanceOf(TmaParseError);
    expect((error as TmaParseError).line, (error as Error).message).toBe(line);
    return error as TmaParseError;
  }
  throw new Error('expected a TmaParseError');
}

describe('parseTma', () => {
  it('parses the header, questions, parts, paragraphs and word counts', () => {
    const s = parseTma(SAMPLE);
    expect(s.header).toEqual({ courseCode: 'TM112', tmaNumber: '02', studentId: 'B7654321', studentName: 'Sam Patel', submissionDate: '2024-11-05' });
    expect(s.answers.map((a) => [a.question, a.part, a.line, a.wordCount])).toEqual([
      [1, 'a', 7, 3],
      [1, 'b', 10, 11],
      [2, null, 15, 6],
    ]);
    expect(s.answers[1].text).toBe('First paragraph of part b.\n\nSecond paragraph, after a blank line.');
    expect(s.wordCount).toBe(20);
  });

  it('accepts CRLF line endings, a BOM, header fields in any order and case, trailing blanks', () => {
    const crlf = `\uFEFFstudent name:  Sam Patel \r\nCOURSE: TM112\r\nSubmitted: 2024-11-05\r\nTMA: 02\r\nStudent ID: B7654321\r\n\r\nQuestion 3 (c)   \r\nText here.\r\n\r\n\r\n`;
    const s = parseTma(crlf);
    expect(s.header.studentName).toBe('Sam Patel');
    expect(s.answers).toEqual([{ question: 3, part: 'c', text: 'Text here.', wordCount: 2, line: 7 }]);
  });

  it('keeps an empty answer (validation, not parsing, rejects it)', () => {
    const s = parseTma(SAMPLE.replace('A short answer.\n', ''));
    expect(s.answers[0]).toMatchObject({ question: 1, part: 'a', text: '', wordCount: 0 });
  });

  it('counts words across Unicode spaces and punctuation', () => {
    const s = parseTma(`${SAMPLE.split('\n\n')[0]}\n\nQuestion 1\nnaïve café\u00a0résumé — ok\tdone\n`);
    expect(s.answers[0].wordCount).toBe(6);
  });
});

describe('formatTma', () => {
  it.each(TMA_SIZES)('round-trips generated %s submissions', (size) => {
    for (const seed of [1, 2, 3]) {
      const g = generateTma(size, seed);
      expect(formatTma(g.submission)).toBe(g.text);
      expect(parseTma(formatTma(g.submission))).toEqual(g.submission);
    }
  });

  it('round-trips the hand-written sample byte for byte', () => {
    expect(formatTma(parseTma(SAMPLE))).toBe(SAMPLE);
  });

  it('escapes answer lines that would read as headings, backslashes and blank edges', () => {
    const base = parseTma(SAMPLE);
    const tricky: TmaSubmission = {
      ...base,
      answers: [
        { question: 1, part: null, text: 'Question 2\n\\ starts with a backslash\nQuestion 3 (b)', wordCount: 0, line: 0 },
        { question: 2, part: 'a', text: '   \nindented start and blank first line\n\t', wordCount: 0, line: 0 },
      ],
    };
    const text = formatTma(tricky);
    const parsed = parseTma(text);
    expect(parsed.answers.map((a) => a.text)).toEqual(tricky.answers.map((a) => a.text));
    expect(parseTma(formatTma(parsed))).toEqual(parsed);
  });

  it('refuses header values the format cannot hold', () => {
    const s = parseTma(SAMPLE);
    expect(() => formatTma({ ...s, header: { ...s.header, studentName: 'two\nlines' } })).toThrow(/header\.studentName/);
  });
});

describe('malformed submissions', () => {
  const header = SAMPLE.slice(0, SAMPLE.indexOf('\n\n') + 2);

  it('reports the line of each problem', () => {
    expect(parseError('', 1).reason).toMatch(/empty/);
    expect(parseError('\n\n  \n', 3).reason).toMatch(/empty/);
    expect(parseError('Course TM112\n', 1).reason).toMatch(/Field: value/);
    expect(parseError('Course: TM112\nTutor: Bob\n', 2).reason).toMatch(/unknown header field "Tutor"/);
    expect(parseError('Course: TM112\nCourse: TM111\n', 2).reason).toMatch(/duplicate header field/);
    expect(parseError('Course: TM112\nTMA:   \n', 2).reason).toMatch(/empty/);
    expect(parseError('Course: TM112\nTMA: 01\n\nQuestion 1\nx\n', 3).reason).toMatch(/missing header field "Student ID"/);
    expect(parseError('Question 1\nx\n', 1).reason).toMatch(/must start with the header/);
    expect(parseError(`${header}Some text before any question\n`, 7).reason).toMatch(/before the first/);
    expect(parseError(header, 6).reason).toMatch(/no "Question <n>" headings/);
    expect(parseError(`${header}Question 1\na\n\nQuestion 2\nb\n\nQuestion 1\nc\n`, 13).reason).toMatch(/duplicate heading for question 1/);
    expect(parseError(`${header}Question 1\nfine\nbad \u0000 byte\n`, 9).reason).toMatch(/control character U\+0000/);
    expect(parseError(`${header}Question 1\n\\escaped\nbad \u0007 bell\n`, 9).reason).toMatch(/control character/);
    expect(parseError(`Course: TM\u0001112\n`, 1).reason).toMatch(/control character/);
  });

  it('rejects C1 control characters (U+0080–U+009F) like the C0 ones, in answers, escaped answers and the header', () => {
    for (const c of ['\u0080', '\u0085', '\u009b', '\u009f']) {
      const hex = c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      expect(parseError(`${header}Question 1\nfine\nbad ${c} char\n`, 9).reason).toMatch(new RegExp(`control character U\\+${hex}`));
      expect(parseError(`${header}Question 1\n\\escaped\nbad ${c} char\n`, 9).reason).toMatch(/control character/);
      expect(parseError(`Course: TM${c}112\n`, 1).reason).toMatch(/control character/);
    }
    // The neighbours stay ordinary text: U+007E (~), U+00A0 (no-break space), U+00A9 (©).
    expect(parseTma(`${header}Question 1\na~b\u00a0c \u00a9\n`).answers[0].wordCount).toBe(3);
  });

  it('finds duplicate headings that come out of order, after the parser has seen many in order', () => {
    const parts = ['a', 'b', 'c', 'aa', 'zzzz'];
    const inOrder = Array.from({ length: 40 }, (_, q) => parts.map((p) => `Question ${q + 1} (${p})\nx\n`).join('\n')).join('\n');
    expect(parseTma(`${header}${inOrder}`).answers).toHaveLength(200);
    // Question 7 (aa) again after question 40: line of the repeat = 6 header lines + 200 answers × 3 lines + 1.
    expect(parseError(`${header}${inOrder}\nQuestion 7 (aa)\ny\n`, 6 + 200 * 3 + 1).reason).toMatch(/duplicate heading for question 7 \(aa\)/);
    // Out of order but unique is fine, and a duplicate after that is still found.
    const shuffled = `${header}Question 3\nx\n\nQuestion 1 (b)\nx\n\nQuestion 1\nx\n\nQuestion 1 (a)\nx\n\nQuestion 2\nx\n`;
    expect(parseTma(shuffled).answers.map((a) => `${a.question}${a.part ?? ''}`)).toEqual(['3', '1b', '1', '1a', '2']);
    expect(parseError(`${shuffled}\nQuestion 1 (b)\nz\n`, 22).reason).toMatch(/duplicate heading for question 1 \(b\)/);
    expect(parseError(`${shuffled}\nQuestion 3\nz\n`, 22).reason).toMatch(/duplicate heading for question 3$/);
    expect(parseError(`${header}Question 999 (zzzz)\nx\n\nQuestion 1\nx\n\nQuestion 999 (zzzz)\ny\n`, 13).reason).toMatch(/question 999 \(zzzz\)$/);
    // Of several problems, the first in the text is reported.
    expect(parseError(`${shuffled}\nQuestion 1 (b)\nz\n\nQuestion 9\nbad \u0000\n`, 22).reason).toMatch(/duplicate heading/);
    expect(parseError(`${shuffled}\nQuestion 9\nbad \u0000\n\nQuestion 1 (b)\nz\n`, 23).reason).toMatch(/control character U\+0000/);
    expect(parseError(`${header}Question 2\nx\n\nQuestion 1\nx\n\nQuestion 2\nbad \u0085\n`, 13).reason).toMatch(/duplicate heading for question 2$/);
  });

  it('treats "Question" lines that are not headings as text, not as new questions', () => {
    const s = parseTma(`${header}Question 1\nQuestion 2 asks about loops.\nQuestion 0\nQuestion 1 (A)\n`);
    expect(s.answers).toHaveLength(1);
    expect(s.answers[0].text).toBe('Question 2 asks about loops.\nQuestion 0\nQuestion 1 (A)');
  });

  const runs = Number(process.env.CORE_FUZZ_RUNS ?? 300);

  it(`never throws anything but TmaParseError on random text (${runs} runs)`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        try {
          parseTma(text);
        } catch (error) {
          if (!(error instanceof TmaParseError) || !(error.line >= 1)) throw error;
        }
      }),
      { numRuns: runs },
    );
  });

  it(`never throws anything but TmaParseError on random bytes or mutated submissions (${runs} runs)`, () => {
    const valid = generateTma('small', 5).text;
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4096 }),
        fc.nat(valid.length),
        fc.string({ maxLength: 20 }),
        (bytes, at, insert) => {
          for (const text of [Buffer.from(bytes).toString('utf8'), Buffer.from(bytes).toString('latin1'), valid.slice(0, at) + insert + valid.slice(at)]) {
            try {
              const s = parseTma(text);
              expect(s.answers.length).toBeGreaterThan(0);
            } catch (error) {
              if (!(error instanceof TmaParseError) || !(error.line >= 1)) throw error;
            }
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it('stays linear on pathological input (no backtracking)', () => {
    const huge = `${header}Question 1\n${'Question 1 ('.repeat(50_000)}\n${'a '.repeat(200_000)}`;
    expect(parseTma(huge).answers[0].wordCount).toBe(100_001 + 200_000);
  });
});
