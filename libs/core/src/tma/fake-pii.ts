import type { Faker } from '@faker-js/faker';

/**
 * UK-format personal data for generated submissions. Faker supplies names and randomness; the
 * formats are built here because faker's en_GB postcodes and phone numbers do not follow the real
 * UK patterns closely enough (e.g. its inward postcodes lack the digit-letter-letter shape).
 */

const POSTCODE_AREAS = ['AB', 'B', 'BN', 'BS', 'CB', 'CF', 'CV', 'EH', 'EX', 'G', 'L', 'LE', 'LS', 'M', 'MK', 'NE', 'NG', 'NR', 'OX', 'PL', 'RG', 'S', 'SO', 'YO'];
const LONDON_AREAS = ['E', 'EC', 'N', 'NW', 'SE', 'SW', 'W', 'WC'];
/** Letters used in inward codes (C, I, K, M, O, V never are). */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const NI_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NI_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const NI_INVALID = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EMAIL_PROVIDERS = ['gmail.com', 'outlook.com', 'yahoo.co.uk', 'btinternet.com', 'hotmail.co.uk', 'open.ac.uk', 'sky.com'];
export const TITLES = ['Dr', 'Mr', 'Mrs', 'Ms', 'Prof', 'Dr'];

export interface Person {
  firstName: string;
  lastName: string;
}

export function person(f: Faker): Person {
  return { firstName: f.person.firstName(), lastName: f.person.lastName() };
}

export function studentId(f: Faker): string {
  return `${f.string.alpha({ length: 1, casing: 'upper' })}${f.string.numeric({ length: 7, allowLeadingZeros: true })}`;
}

export function email(f: Faker, p: Person): string {
  const clean = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  switch (f.number.int({ min: 0, max: 3 })) {
    case 0:
      return f.internet.email({ firstName: p.firstName, lastName: p.lastName }).replace(/[^A-Za-z0-9._%+@-]/g, '');
    case 1:
      return `${clean(p.firstName)}.${clean(p.lastName)}@${f.helpers.arrayElement(EMAIL_PROVIDERS)}`;
    case 2:
      return `${clean(p.firstName).charAt(0)}${clean(p.lastName)}${f.number.int({ min: 1, max: 99 })}@${f.helpers.arrayElement(EMAIL_PROVIDERS)}`;
    default:
      return `${clean(p.lastName)}_${clean(p.firstName)}@${f.internet.domainName()}`;
  }
}

export function phone(f: Faker): string {
  const d = (n: number): string => f.string.numeric({ length: n, allowLeadingZeros: true });
  switch (f.number.int({ min: 0, max: 6 })) {
    case 0:
      return `07${d(3)} ${d(6)}`;
    case 1:
      return `+44 7${d(3)} ${d(6)}`;
    case 2:
      return `+447${d(9)}`;
    case 3:
      return `01${d(3)} ${d(6)}`;
    case 4:
      return `020 ${d(4)} ${d(4)}`;
    case 5:
      return `+44 20 ${d(4)} ${d(4)}`;
    default:
      return `01${d(2)} ${d(3)} ${d(4)}`;
  }
}

export function postcode(f: Faker): string {
  const digit = (): string => String(f.number.int({ min: 0, max: 9 }));
  const letter = (): string => f.helpers.arrayElement(INWARD_LETTERS.split(''));
  let outward: string;
  if (f.number.int({ min: 0, max: 4 }) === 0) {
    // Central London style: SW1A, EC2V, W1D.
    outward = `${f.helpers.arrayElement(LONDON_AREAS)}${f.number.int({ min: 1, max: 9 })}${f.helpers.arrayElement('ABCDEHJKMNPRVWXY'.split(''))}`;
  } else {
    outward = `${f.helpers.arrayElement(POSTCODE_AREAS)}${f.number.int({ min: 1, max: 29 })}`;
  }
  const inward = `${digit()}${letter()}${letter()}`;
  return f.number.int({ min: 0, max: 9 }) === 0 ? `${outward}${inward}` : `${outward} ${inward}`;
}

export function niNumber(f: Faker): string {
  let prefix: string;
  do {
    prefix = f.helpers.arrayElement(NI_FIRST.split('')) + f.helpers.arrayElement(NI_SECOND.split(''));
  } while (NI_INVALID.has(prefix));
  const pairs = [f.string.numeric(2), f.string.numeric(2), f.string.numeric(2)];
  const suffix = f.helpers.arrayElement(['A', 'B', 'C', 'D']);
  return f.datatype.boolean() ? `${prefix} ${pairs.join(' ')} ${suffix}` : `${prefix}${pairs.join('')}${suffix}`;
}

/** A date of birth, written in one of the ways people write them. */
export function dateOfBirth(f: Faker): string {
  const year = f.number.int({ min: 1950, max: 2005 });
  const month = f.number.int({ min: 1, max: 12 });
  const day = f.number.int({ min: 1, max: 28 });
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  const ordinal = day === 1 || day === 21 ? 'st' : day === 2 || day === 22 ? 'nd' : day === 3 || day === 23 ? 'rd' : 'th';
  switch (f.number.int({ min: 0, max: 4 })) {
    case 0:
      return `${dd}/${mm}/${year}`;
    case 1:
      return `${day} ${MONTHS[month - 1]} ${year}`;
    case 2:
      return `${day}${ordinal} ${MONTHS[month - 1]} ${year}`;
    case 3:
      return `${year}-${mm}-${dd}`;
    default:
      return `${MONTHS[month - 1]} ${day}, ${year}`;
  }
}

/** A submission date in the 2024–25 presentation, as YYYY-MM-DD. */
export function submissionDate(f: Faker): string {
  const year = f.number.int({ min: 2024, max: 2025 });
  const month = f.number.int({ min: 1, max: 12 });
  const day = f.number.int({ min: 1, max: 28 });
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
