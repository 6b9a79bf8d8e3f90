import { Prng } from '../random/prng.ts';

/**
 * A SentencePiece-style ("llama" tokenizer model in GGUF) vocabulary: the three special tokens,
 * all 256 byte-fallback tokens `<0x00>`…`<0xFF>`, then word pieces with `▁` standing for a space.
 * Because every byte has a token, any text can be encoded; because the word pieces are
 * prefix-closed, the SPM merge loop can actually reach every piece, so tokenisation looks like a
 * real model's (whole words and sub-words), not one token per byte.
 */

/** llama_token_type values stored in `tokenizer.ggml.token_type`. */
export const TokenType = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, USER_DEFINED: 4, UNUSED: 5, BYTE: 6 } as const;
export type TokenTypeId = (typeof TokenType)[keyof typeof TokenType];

export const SPACE_MARKER = '\u2581'; // ▁
export const UNK_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;
export const FIRST_BYTE_ID = 3;

export interface Vocabulary {
  tokens: string[];
  scores: Float32Array;
  types: Int32Array;
}

// Common English and marking-domain words, so prompts about assignments tokenise into whole words.
const WORDS = (
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you ' +
  'were her she there been one all we their has would when if so no will more can about what up said out some them ' +
  'into only other time new could these two may first then do any like my now over such our man me even most made ' +
  'after also did many before must through back years where much your way well down should because each just those ' +
  'people how too little state good very make world still own see men work long get here between both life being ' +
  'under never day same another know while last might us great old year off come since against go came right used ' +
  'take three student students essay essays assignment assignments tutor tutors marking mark marks marked feedback ' +
  'answer answers question questions score scores grade grades module course university submission submitted report ' +
  'analysis argument evidence structure clear clearly good excellent weak strong improve improvement reference ' +
  'references paragraph paragraphs conclusion introduction discussion word words page pages point points section ' +
  'example examples explain explained understanding concept concepts theory data result results method methods ' +
  'figure table please note well done could would should however therefore although further overall'
).split(' ');

const ONSETS = ['', 'b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'y', 'z',
  'bl', 'br', 'ch', 'cl', 'cr', 'dr', 'fl', 'fr', 'gl', 'gr', 'pl', 'pr', 'sc', 'sh', 'sk', 'sl', 'sm', 'sn', 'sp',
  'st', 'str', 'sw', 'th', 'tr', 'tw', 'wh', 'qu'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'y', 'ai', 'ea', 'ee', 'io', 'oo', 'ou', 'ie', 'au'];
const CODAS = ['', '', 'b', 'ck', 'd', 'ft', 'g', 'l', 'll', 'm', 'n', 'nd', 'ng', 'nt', 'p', 'r', 'rd', 'rt', 's',
  'ss', 'st', 't', 'tion', 'ment', 'ness', 'ing', 'ed', 'er', 'ly', 'es'];

/**
 * Builds a vocabulary of exactly `size` tokens, deterministically from `seed`.
 * `size` must leave room for the specials, the 256 bytes and the single characters (≥ 512).
 */
export function buildVocabulary(size: number, seed: number): Vocabulary {
  const tokens: string[] = ['<unk>', '<s>', '</s>'];
  const types: number[] = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TokenType.BYTE);
  }
  const pieces = new Set<string>();
  const ordered: string[] = [];
  const room = size - tokens.length;
  if (room < 128) throw new RangeError(`vocabulary size ${size} is too small (needs at least ${tokens.length + 128})`);
  // Adds a piece and, first, all its prefixes: SPM only merges pairs whose union is a token.
  const add = (piece: string): void => {
    const chars = Array.from(piece);
    for (let i = 1; i <= chars.length; i++) {
      const prefix = chars.slice(0, i).join('');
      if (pieces.has(prefix) || ordered.length >= room) continue;
      // Pieces that could spell a control or byte token would let plain text turn into one.
      if (prefix.startsWith('<') && prefix.length > 1) continue;
      pieces.add(prefix);
      ordered.push(prefix);
    }
  };
  add(SPACE_MARKER);
  for (let c = 0x21; c < 0x7f; c++) add(String.fromCharCode(c));
  for (const w of WORDS) {
    add(SPACE_MARKER + w);
    add(w);
  }
  const rng = new Prng(seed ^ 0x5eed);
  const pick = <T>(xs: readonly T[]): T => xs[rng.nextInt(xs.length)]!;
  for (let guard = 0; ordered.length < room && guard < size * 50; guard++) {
    const syllables = 1 + rng.nextInt(3);
    let word = '';
    for (let s = 0; s < syllables; s++) word += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    add(rng.nextFloat() < 0.6 ? SPACE_MARKER + word : word);
  }
  // Whatever is left (only for huge sizes): numbered filler pieces keep the size exact.
  for (let n = 0; ordered.length < room; n++) add(`${SPACE_MARKER}x${n}`);
  for (const piece of ordered) {
    tokens.push(piece);
    types.push(TokenType.NORMAL);
  }
  // Scores are log-probability-like: earlier (more common) pieces score higher, as in Llama 2's.
  const scores = new Float32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) scores[i] = i < FIRST_BYTE_ID + 256 ? 0 : -(i - FIRST_BYTE_ID - 256);
  return { tokens, scores, types: Int32Array.from(types) };
}
