/** One failed check; `field` is a JSON path into the submission, e.g. `header.studentId` or `answers[2].text`. */
export interface ValidationIssue {
  field: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
}

/** Thrown by assertValidSubmission; names the first failing field. */
export class ValidationError extends Error {
  readonly field: string;
  constructor(readonly errors: readonly ValidationIssue[]) {
    const first = errors[0] ?? { field: '', message: 'invalid submission' };
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    super(`invalid submission: ${first.field || '(root)'} ${first.message}${more}`);
    this.name = 'ValidationError';
    this.field = first.field;
  }
}
