import type { Faker } from '@faker-js/faker';
import { createEnGbFaker } from './faker-instance.ts';
import type { PiiSpan, PiiType } from '../pii/types.ts';
import { countWords } from './word-count.ts';
import { layoutTma } from './format.ts';
import { parseTma } from './parse.ts';
import { COURSES, CONCEPTS, TOOLS, proseSentence } from './prose.ts';
import * as fake from './fake-pii.ts';
import type { GeneratedTma, TmaAnswer, TmaSize, TmaSubmission } from './types.ts';

export const TMA_SIZES: readonly TmaSize[] = ['small', 'medium', 'large'];

/** Answers, total words and embedded personal-data sentences per size. */
const PRESETS: Record<TmaSize, { answers: number; words: number; piiSentences: number }> = {
  small: { answers: 3, words: 300, piiSentences: 4 },
  medium: { answers: 8, words: 2_000, piiSentences: 10 },
  large: { answers: 20, words: 10_000, piiSentences: 30 },
};

/** A piece of generated text: plain, or personal data whose position is recorded. */
type Piece = string | { type: PiiType; value: string };

interface Cast {
  student: fake.Person;
  studentId: string;
  course: string;
}

/** Sentences that carry personal data, each a list of pieces. */
const PII_SENTENCES: ((f: Faker, cast: Cast) => Piece[])[] = [
  (f, c) => ['If there are any problems with this submission, please email me at ', { type: 'email', value: fake.email(f, c.student) }, ' or ring me on ', { type: 'phone', value: fake.phone(f) }, '.'],
  (f, c) => {
    const p = fake.person(f);
    return ['I discussed the approach with my study buddy ', { type: 'person-name', value: `${p.firstName} ${p.lastName}` }, `, who is also taking ${c.course}.`];
  },
  (f) => ['My tutor, ', `${f.helpers.arrayElement(fake.TITLES)} `, { type: 'person-name', value: fake.person(f).lastName }, `, suggested that I revisit ${f.helpers.arrayElement(CONCEPTS)} before attempting this part.`],
  (f) => ['Please note that my postcode is now ', { type: 'postcode', value: fake.postcode(f) }, ' as I moved house last month.'],
  (f) => ['For the additional support form I gave my National Insurance number (', { type: 'ni-number', value: fake.niNumber(f) }, ') and my date of birth, ', { type: 'date-of-birth', value: fake.dateOfBirth(f) }, '.'],
  (f) => ['I was born on ', { type: 'date-of-birth', value: fake.dateOfBirth(f) }, ', so I am returning to study after a long break.'],
  (_f, c) => ['My personal identifier is ', { type: 'student-id', value: c.studentId }, ' in case the cover sheet goes missing.'],
  (f) => {
    const p = fake.person(f);
    return [{ type: 'person-name', value: `${p.firstName} ${p.lastName}` }, ' from my workplace, who can be reached on ', { type: 'phone', value: fake.phone(f) }, ', let me use the office network for the experiment.'];
  },
  (f) => {
    const a = fake.person(f);
    const b = fake.person(f);
    return ['The short survey went to ', { type: 'email', value: fake.email(f, a) }, ' and ', { type: 'email', value: fake.email(f, b) }, ' for comments.'];
  },
  (f) => ['DOB: ', { type: 'date-of-birth', value: fake.dateOfBirth(f) }, ' (the accessibility team asked me to include it).'],
  (f) => {
    const p = fake.person(f);
    return ['I interviewed my line manager, ', `${f.helpers.arrayElement(fake.TITLES)} `, { type: 'person-name', value: `${p.firstName} ${p.lastName}` }, ', about how our office in ', { type: 'postcode', value: fake.postcode(f) }, ` uses ${f.helpers.arrayElement(TOOLS)}.`];
  },
  (f) => ['My NI number is ', { type: 'ni-number', value: fake.niNumber(f) }, ' and my mobile number is ', { type: 'phone', value: fake.phone(f) }, '.'],
];

// One instance for the module, re-seeded on every call: generation is synchronous, so calls never interleave.
const faker = createEnGbFaker();

/**
 * A deterministic, realistic submission: same size and seed → same text, byte for byte. Personal
 * data (the student's own and other people's) is embedded in the header and the prose, and every
 * occurrence is returned as ground truth for the PII detector.
 */
export function generateTma(size: TmaSize, seed = 1): GeneratedTma {
  const preset = PRESETS[size];
  if (preset === undefined) throw new TypeError(`generateTma: size must be one of ${TMA_SIZES.join(', ')}, got ${String(size)}`);
  const f = faker;
  f.seed(seed);

  const student = fake.person(f);
  const cast: Cast = { student, studentId: fake.studentId(f), course: f.helpers.arrayElement(COURSES) };
  const numbering = questionNumbering(f, preset.answers);
  // Which answers carry the personal-data sentences: spread evenly, templates in rotation.
  const piiPerAnswer = new Array<number>(preset.answers).fill(0);
  for (let k = 0; k < preset.piiSentences; k++) piiPerAnswer[k % preset.answers]++;
  let template = f.number.int({ min: 0, max: PII_SENTENCES.length - 1 });

  const answers: TmaAnswer[] = [];
  const answerSpans: { type: PiiType; start: number; end: number; value: string }[][] = [];
  const wordsPerAnswer = preset.words / preset.answers;
  for (let a = 0; a < preset.answers; a++) {
    const target = Math.round(wordsPerAnswer * f.number.float({ min: 0.8, max: 1.2 }));
    const piiSlots = new Set<number>();
    const sentencesEstimate = Math.max(2, Math.round(target / 16));
    for (let k = 0; k < piiPerAnswer[a]; k++) piiSlots.add(f.number.int({ min: 0, max: sentencesEstimate - 1 }) + k * 1000);
    const body = new TextBuilder();
    let words = 0;
    let sentence = 0;
    let inParagraph = 0;
    let piiLeft = piiPerAnswer[a];
    const paragraphLength = (): number => f.number.int({ min: 3, max: 6 });
    let paragraphTarget = paragraphLength();
    while (words < target || piiLeft > 0) {
      if (inParagraph === paragraphTarget) {
        body.text('\n\n');
        inParagraph = 0;
        paragraphTarget = paragraphLength();
      } else if (inParagraph > 0) body.text(' ');
      const wantPii = piiLeft > 0 && (isSlot(piiSlots, sentence) || words >= target);
      if (wantPii) {
        const pieces = PII_SENTENCES[template % PII_SENTENCES.length](f, cast);
        template++;
        piiLeft--;
        for (const piece of pieces) typeof piece === 'string' ? body.text(piece) : body.pii(piece.type, piece.value);
      } else {
        body.text(proseSentence(f));
      }
      words = countWords(body.value());
      sentence++;
      inParagraph++;
    }
    const text = body.value();
    answers.push({ question: numbering[a].question, part: numbering[a].part, text, wordCount: countWords(text), line: 0 });
    answerSpans.push(body.spans);
  }

  const draft: TmaSubmission = {
    header: {
      courseCode: cast.course,
      tmaNumber: `0${f.number.int({ min: 1, max: 3 })}`,
      studentId: cast.studentId,
      studentName: `${student.firstName} ${student.lastName}`,
      submissionDate: fake.submissionDate(f),
    },
    answers,
    wordCount: 0,
  };
  const layout = layoutTma(draft);
  const pii: PiiSpan[] = [
    headerSpan('student-id', layout.headerValueOffsets.studentId, draft.header.studentId),
    headerSpan('person-name', layout.headerValueOffsets.studentName, draft.header.studentName),
  ];
  answerSpans.forEach((spans, a) => {
    const offset = layout.answerTextOffsets[a];
    if (offset < 0) throw new Error('generateTma: generated prose needed escaping (a template produces a heading-like line)');
    for (const s of spans) pii.push({ type: s.type, start: offset + s.start, end: offset + s.end, value: s.value });
  });
  pii.sort((x, y) => x.start - y.start);
  // Line numbers and word counts come from the parser, so the pair is consistent by construction.
  const submission = parseTma(layout.text);
  return { text: layout.text, submission, pii };
}

function isSlot(slots: Set<number>, sentence: number): boolean {
  for (const s of slots) if (s % 1000 === sentence) return true;
  return false;
}

function headerSpan(type: PiiType, start: number, value: string): PiiSpan {
  return { type, start, end: start + value.length, value };
}

/** Question numbers with parts: some questions have (a), (b), (c)…, others stand alone. */
function questionNumbering(f: Faker, count: number): { question: number; part: string | null }[] {
  const out: { question: number; part: string | null }[] = [];
  let question = 1;
  while (out.length < count) {
    const parts = Math.min(count - out.length, f.helpers.weightedArrayElement([
      { weight: 3, value: 1 },
      { weight: 2, value: 2 },
      { weight: 2, value: 3 },
      { weight: 1, value: 4 },
    ]));
    if (parts === 1 && f.datatype.boolean()) out.push({ question, part: null });
    else for (let p = 0; p < parts; p++) out.push({ question, part: String.fromCharCode(97 + p) });
    question++;
  }
  return out;
}

/** Accumulates text and the positions of the personal data in it. */
class TextBuilder {
  readonly #parts: string[] = [];
  #length = 0;
  readonly spans: { type: PiiType; start: number; end: number; value: string }[] = [];

  text(s: string): void {
    this.#parts.push(s);
    this.#length += s.length;
  }

  pii(type: PiiType, value: string): void {
    this.spans.push({ type, start: this.#length, end: this.#length + value.length, value });
    this.text(value);
  }

  value(): string {
    return this.#parts.join('');
  }
}
