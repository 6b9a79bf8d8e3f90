import { MAX_PART_LENGTH } from './layout.ts';

/** Radix of a part letter: 1–26 for a–z, 0 for "no letter here". */
const PART_RADIX = 27;
const PART_SPAN = PART_RADIX ** MAX_PART_LENGTH;
/** Keys are below 1000 × 27⁴ < 2³⁰: three 10-bit radix passes sort them. */
const RADIX_BITS = 10;
const RADIX_PASSES = 3;

/** A heading that repeats an earlier one. */
export interface DuplicateHeading {
  question: number;
  part: string | null;
  /** 1-based line of the repeat. */
  line: number;
}

/**
 * The headings of a submission, for finding a repeated one in time linear in their number.
 *
 * Headings nearly always come in order, and a heading greater than the one before cannot repeat
 * any earlier one: then a comparison per heading is the whole check. A hash set of every heading
 * (the parser's former check) costs a random access into a table as large as the input, and those
 * cache misses made parsing super-linear (25k→400k tiny answers: 16× the input, 57× the time).
 * Headings out of order are checked at the end with a radix sort, which reads and writes memory in
 * sequence; only when a duplicate exists does a set find the first one in document order.
 */
export class HeadingKeys {
  readonly #keys: number[] = [];
  readonly #lines: number[] = [];
  #last = -1;
  #inOrder = true;

  add(question: number, part: string | null, line: number): void {
    const key = headingKey(question, part);
    if (key <= this.#last) this.#inOrder = false;
    this.#last = key;
    this.#keys.push(key);
    this.#lines.push(line);
  }

  /** The first heading, in document order, that repeats an earlier one; null when all differ. */
  firstDuplicate(): DuplicateHeading | null {
    if (this.#inOrder || !hasEqualNeighbours(radixSort(Uint32Array.from(this.#keys)))) return null;
    const seen = new Set<number>();
    for (let i = 0; i < this.#keys.length; i++) {
      const key = this.#keys[i];
      if (seen.has(key)) return { ...headingOfKey(key), line: this.#lines[i] };
      seen.add(key);
    }
    return null;
  }
}

/**
 * A heading as one integer, ordered like headings: by question, then no part, then parts in
 * alphabetical order (a < aa < b < zzzz), each letter a base-27 digit padded with zeros.
 */
export function headingKey(question: number, part: string | null): number {
  let p = 0;
  for (let k = 0; k < MAX_PART_LENGTH; k++) {
    p = p * PART_RADIX + (part !== null && k < part.length ? part.charCodeAt(k) - 96 : 0);
  }
  return question * PART_SPAN + p;
}

function headingOfKey(key: number): { question: number; part: string | null } {
  let p = key % PART_SPAN;
  let part = '';
  for (let k = 0; k < MAX_PART_LENGTH; k++) {
    const digit = p % PART_RADIX;
    if (digit !== 0) part = String.fromCharCode(96 + digit) + part;
    p = (p - digit) / PART_RADIX;
  }
  return { question: (key - (key % PART_SPAN)) / PART_SPAN, part: part === '' ? null : part };
}

/** LSD radix sort of keys below 2^30 (sorts `keys` in place or returns the sorted copy). */
function radixSort(keys: Uint32Array): Uint32Array {
  const buckets = 1 << RADIX_BITS;
  const mask = buckets - 1;
  const counts = new Uint32Array(buckets);
  let from: Uint32Array = keys;
  let to: Uint32Array = new Uint32Array(keys.length);
  for (let pass = 0; pass < RADIX_PASSES; pass++) {
    const shift = pass * RADIX_BITS;
    counts.fill(0);
    for (let i = 0; i < from.length; i++) counts[(from[i] >>> shift) & mask]++;
    let sum = 0;
    for (let b = 0; b < buckets; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < from.length; i++) {
      const key = from[i];
      to[counts[(key >>> shift) & mask]++] = key;
    }
    [from, to] = [to, from];
  }
  return from;
}

function hasEqualNeighbours(sorted: Uint32Array): boolean {
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return true;
  return false;
}
