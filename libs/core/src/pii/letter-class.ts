/**
 * Letter classes for the name scanner, one table lookup per character. Built once from fixed
 * Unicode block ranges (a scan of all 64 K code points with \p{…} regexes took 150+ ms at load).
 */
export const Letter = { None: 0, Upper: 1, Lower: 2, Caseless: 3, Mark: 4 } as const;

/** Blocks with upper and lower case: Latin-1 letters to Armenian, Latin Extended Additional, Greek Extended. */
const CASED_BLOCKS: [number, number][] = [[0x00c0, 0x058f], [0x1e00, 0x1fff]];

/**
 * Blocks of scripts without case (Hebrew, Arabic, Thaana, the Indic scripts, Thai, Lao, Tibetan,
 * Myanmar, Georgian, Hangul, Ethiopic, Khmer, Mongolian, kana, CJK, Arabic presentation forms).
 * Their vowel signs and digits count as letters here: a run of them is one word.
 */
const CASELESS_BLOCKS: [number, number][] = [
  [0x0590, 0x05ff], [0x0600, 0x06ff], [0x0700, 0x07bf], [0x0750, 0x077f], [0x08a0, 0x08ff], [0x0900, 0x0dff],
  [0x0e00, 0x0fff], [0x1000, 0x109f], [0x10d0, 0x10ff], [0x1100, 0x11ff], [0x1200, 0x139f], [0x1780, 0x17ff],
  [0x1800, 0x18af], [0x3040, 0x30ff], [0x3100, 0x312f], [0x3130, 0x318f], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
  [0xa960, 0xa97f], [0xac00, 0xd7af], [0xf900, 0xfaff], [0xfb1d, 0xfdff], [0xfe70, 0xfefe],
];


function buildLetterClasses(): Uint8Array {
  const table = new Uint8Array(65536);
  for (let c = 65; c <= 90; c++) table[c] = Letter.Upper;
  for (let c = 97; c <= 122; c++) table[c] = Letter.Lower;
  for (const [from, to] of CASED_BLOCKS) {
    for (let c = from; c <= to; c++) {
      const s = String.fromCharCode(c);
      const lower = s.toLowerCase();
      const upper = s.toUpperCase();
      if (lower !== upper) table[c] = s === upper ? Letter.Upper : Letter.Lower;
    }
  }
  table[0xd7] = Letter.None; // ×
  table[0xf7] = Letter.None; // ÷
  table[0xdf] = Letter.Lower; // ß has no single upper-case form
  table[0x131] = Letter.Lower; // dotless ı
  for (let c = 0x0300; c <= 0x036f; c++) table[c] = Letter.Mark; // combining diacritics
  for (const [from, to] of CASELESS_BLOCKS) for (let c = from; c <= to; c++) table[c] = Letter.Caseless;
  return table;
}

/** Letter class of each BMP code point. */
export const LETTER: Uint8Array = buildLetterClasses();
