export type PiiType = 'email' | 'phone' | 'postcode' | 'ni-number' | 'student-id' | 'date-of-birth' | 'person-name';

export const PII_TYPES: readonly PiiType[] = ['email', 'phone', 'postcode', 'ni-number', 'student-id', 'date-of-birth', 'person-name'];

/** A piece of personal data in a text: `text.slice(start, end) === value`. */
export interface PiiSpan {
  type: PiiType;
  start: number;
  end: number;
  value: string;
}
