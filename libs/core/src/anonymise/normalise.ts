import type { PiiType } from '../pii/types.ts';

/**
 * The canonical form of a PII value, so that differently written forms of the same datum get the
 * same pseudonym ("+44 7700 900123" and "07700900123"; "jane@X.com" and "Jane@x.com").
 */
export function normalisePiiValue(type: PiiType, value: string): string {
  switch (type) {
    case 'email':
      return value.toLowerCase();
    case 'phone': {
      const digits = value.replace(/\D/g, '');
      return digits.startsWith('44') && value.trimStart().startsWith('+') ? `0${digits.slice(2).replace(/^0/, '')}` : digits;
    }
    case 'postcode':
    case 'ni-number':
      return value.replace(/\s/g, '').toUpperCase();
    case 'student-id':
      return value.toUpperCase();
    case 'person-name':
      return value.replace(/\s+/g, ' ').trim().toLowerCase();
    case 'date-of-birth':
      return value.replace(/\s+/g, ' ').trim().toLowerCase();
  }
}
