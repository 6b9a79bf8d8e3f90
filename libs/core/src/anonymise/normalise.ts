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
      // +44 and 0044 are the same country code; "(0)" after it is the trunk prefix written twice.
      const digits = value.replace(/\D/g, '');
      const international = value.trimStart().startsWith('+') ? digits.startsWith('44') : digits.startsWith('0044');
      if (!international) return digits;
      return `0${digits.slice(value.trimStart().startsWith('+') ? 2 : 4).replace(/^0/, '')}`;
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
