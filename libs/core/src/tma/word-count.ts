/**
 * Word counting shared by the parser and the validator: a word is a maximal run of
 * non-whitespace characters (the way tutors' word limits are usually counted).
 *
 * A 64 K-entry class table makes the per-character step branch-free (word starts are counted as
 * `previousWasSeparator & !isSeparator`), about twice as fast as a chain of comparisons.
 */

/**
 * Bit 0: separates words. Bit 1: a control character that plain-text submissions must not contain:
 * C0 (U+0000–U+001F) except tab and line feed, DEL (U+007F) and C1 (U+0080–U+009F).
 */
const CharClass = { Word: 0, Separator: 1, Control: 2, ControlSeparator: 3 } as const;

export const CHAR_CLASS: Uint8Array = buildCharClasses();

function buildCharClasses(): Uint8Array {
  const table = new Uint8Array(65536);
  for (let c = 0; c < 32; c++) table[c] = CharClass.Control;
  table[127] = CharClass.Control;
  // C1 controls (U+0080–U+009F: NEL, CSI, …) are as foreign to plain text as the C0 ones; they
  // mostly arrive from mis-decoded Windows-1252 or terminal escape sequences.
  for (let c = 0x80; c <= 0x9f; c++) table[c] = CharClass.Control;
  table[9] = CharClass.Separator; // tab
  table[10] = CharClass.Separator; // line feed
  table[11] = CharClass.ControlSeparator; // vertical tab
  table[12] = CharClass.ControlSeparator; // form feed
  table[13] = CharClass.ControlSeparator; // carriage return (only as part of CRLF, which the parser normalises)
  table[32] = CharClass.Separator;
  for (const c of [0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) table[c] = CharClass.Separator;
  for (let c = 0x2000; c <= 0x200a; c++) table[c] = CharClass.Separator;
  return table;
}

/** True for the whitespace characters that separate words (ASCII and Unicode spaces). */
export function isWordSeparator(c: number): boolean {
  return (CHAR_CLASS[c] & 1) === 1;
}

/** Number of words in `text[start, end)`. */
export function countWords(text: string, start = 0, end = text.length): number {
  const table = CHAR_CLASS;
  let words = 0;
  let previousSeparator = 1;
  for (let i = start; i < end; i++) {
    const separator = table[text.charCodeAt(i)] & 1;
    words += previousSeparator & (separator ^ 1);
    previousSeparator = separator;
  }
  return words;
}

/** True for the control characters a submission must not contain (see CHAR_CLASS): the one rule of parser and validator. */
export function isControlChar(c: number): boolean {
  return (CHAR_CLASS[c] & CharClass.Control) !== 0;
}

/** Index of the first control character in `text[start, end)`, or -1. */
export function findControlChar(text: string, start = 0, end = text.length): number {
  for (let i = start; i < end; i++) if ((CHAR_CLASS[text.charCodeAt(i)] & CharClass.Control) !== 0) return i;
  return -1;
}

/** `U+0085`: how errors name a character. */
export function codePointLabel(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Number of words in `text[start, end)`, or `-1 - i` when `text[i]` is the first control
 * character: one pass serves both the count and the check.
 */
export function countWordsRejectingControls(text: string, start = 0, end = text.length): number {
  const table = CHAR_CLASS;
  let words = 0;
  let previousSeparator = 1;
  for (let i = start; i < end; i++) {
    const cls = table[text.charCodeAt(i)];
    if (cls > CharClass.Separator) return -1 - i;
    const separator = cls & 1;
    words += previousSeparator & (separator ^ 1);
    previousSeparator = separator;
  }
  return words;
}
