import { Ajv } from 'ajv';
import { codePointLabel, countWordsRejectingControls, findControlChar } from '../tma/word-count.ts';
import type { TmaSubmission } from '../tma/types.ts';
import { pointerToPath } from './json-path.ts';
import { submissionSchema } from './schema.ts';
import { ValidationError, type ValidationIssue, type ValidationResult } from './validation-error.ts';

// Compiled once at module load: validation runs per submission and is benchmarked.
const ajv = new Ajv({ allErrors: true, strict: true });
const checkShape = ajv.compile<TmaSubmission>(submissionSchema);

/** Schema checks, then what a schema cannot say: no control characters, real dates, unique questions, consistent word counts. */
export function validateSubmission(s: unknown): ValidationResult {
  if (!checkShape(s)) {
    const errors = (checkShape.errors ?? []).map((e) => ({
      field: pointerToPath(e.instancePath, e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : undefined),
      message: e.keyword === 'additionalProperties' ? `has unexpected property "${(e.params as { additionalProperty: string }).additionalProperty}"` : (e.message ?? 'is invalid'),
    }));
    return { valid: false, errors };
  }
  const errors = checkSemantics(s);
  return { valid: errors.length === 0, errors };
}

export function assertValidSubmission(s: unknown): TmaSubmission {
  const result = validateSubmission(s);
  if (!result.valid) throw new ValidationError(result.errors);
  return s as TmaSubmission;
}

function checkSemantics(s: TmaSubmission): ValidationIssue[] {
  const errors: ValidationIssue[] = [];
  if (!isCalendarDate(s.header.submissionDate)) {
    errors.push({ field: 'header.submissionDate', message: `is not a real calendar date: ${s.header.submissionDate}` });
  }
  for (const field of Object.keys(s.header) as (keyof TmaSubmission['header'])[]) {
    const at = findControlChar(s.header[field]);
    if (at >= 0) errors.push({ field: `header.${field}`, message: controlCharMessage(s.header[field], at) });
  }
  const seen = new Set<string>();
  let total = 0;
  for (let i = 0; i < s.answers.length; i++) {
    const a = s.answers[i];
    const key = `${a.question}/${a.part ?? ''}`;
    if (seen.has(key)) errors.push({ field: `answers[${i}]`, message: `duplicates question ${a.question}${a.part === null ? '' : ` (${a.part})`}` });
    seen.add(key);
    const words = countWordsRejectingControls(a.text);
    if (words < 0) errors.push({ field: `answers[${i}].text`, message: controlCharMessage(a.text, -1 - words) });
    else if (words !== a.wordCount) errors.push({ field: `answers[${i}].wordCount`, message: `is ${a.wordCount} but the text has ${words} words` });
    total += a.wordCount;
  }
  if (total !== s.wordCount) errors.push({ field: 'wordCount', message: `is ${s.wordCount} but the answers add up to ${total}` });
  return errors;
}

/** The parser's rule (word-count.ts): a submission never holds C0 controls but tab and line feed, DEL or C1. */
function controlCharMessage(text: string, at: number): string {
  return `contains control character ${codePointLabel(text.charCodeAt(at))} at offset ${at}`;
}

/** `YYYY-MM-DD` naming a day that exists (2023-02-29 does not). */
function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  const daysInMonth = lastDay.getUTCDate();
  return day <= daysInMonth;
}
