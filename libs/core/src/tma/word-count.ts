/**
 * Word counting shared by the parser and the validator: a word is a maximal run of
 * non-whitespace characters (the way tutors' word limits are usually counted).
 */

/** True for the whitespace characters that separate words (ASCII and Unicode spaces). */
export function isWordSeparator(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Number of words in `text[start, end)`. */
export function countWords(text: string, start = 0, end = text.length): number {
  let words = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // Fast path for the common ASCII letters/punctuation before the full separator test.
    if (c > 32 && c < 0xa0) {
      if (!inWord) {
        words++;
        inWord = true;
      }
    } else if (isWordSeparator(c)) {
      inWord = false;
    } else if (!inWord) {
      words++;
      inWord = true;
    }
  }
  return words;
}
