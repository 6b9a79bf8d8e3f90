import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpmTokenizer } from '../src/tokenizer/spm-tokenizer.ts';
import { BOS_ID, EOS_ID, SPACE_MARKER, TokenType, buildVocabulary } from '../src/tokenizer/vocabulary.ts';
import { representableText } from './support/arbitraries.ts';

const FULL_RUNS = process.env['AI_FUZZ_RUNS'] ? Number(process.env['AI_FUZZ_RUNS']) : 300;
const tiny = new SpmTokenizer(buildVocabulary(1024, 42));
const small = new SpmTokenizer(buildVocabulary(32000, 42));


describe('vocabulary', () => {
  it('has exactly the requested size, specials, all 256 byte tokens and unique pieces', () => {
    for (const size of [1024, 32000]) {
      const v = buildVocabulary(size, 42);
      expect(v.tokens.length).toBe(size);
      expect(v.scores.length).toBe(size);
      expect(new Set(v.tokens).size).toBe(size);
      expect(v.tokens[BOS_ID]).toBe('<s>');
      expect(v.tokens[EOS_ID]).toBe('</s>');
      expect(v.types.filter((t) => t === TokenType.BYTE).length).toBe(256);
      expect(v.tokens).toContain('<0xFF>');
    }
  });

  it('is prefix-closed, so SPM merges can reach every piece', () => {
    const v = buildVocabulary(32000, 42);
    const normal = new Set(v.tokens.filter((_, i) => v.types[i] === TokenType.NORMAL));
    const missing: string[] = [];
    for (const piece of normal) {
      const chars = Array.from(piece);
      for (let i = 1; i < chars.length; i++) if (!normal.has(chars.slice(0, i).join(''))) missing.push(piece);
    }
    expect(missing).toEqual([]);
  });

  it('tokenises words as word pieces, not bytes', () => {
    const ids = small.tokenize('The student essay');
    expect(ids.map((id) => small.vocabulary.tokens[id])).toEqual(['T', 'he', `${SPACE_MARKER}student`, `${SPACE_MARKER}essay`]);
  });
});

describe('tokenizer round trip: detokenize(tokenize(text)) === text', () => {
  it.each([
    ['tiny', tiny],
    ['small', small],
  ])('%s vocabulary, arbitrary strings incl. unicode/emoji', (_, tokenizer) => {
    fc.assert(
      fc.property(representableText, (text) => {
        expect(tokenizer.detokenize(tokenizer.tokenize(text))).toBe(text);
      }),
      { numRuns: FULL_RUNS },
    );
  });

  it('falls back to UTF-8 byte tokens for characters outside the vocabulary', () => {
    const ids = tiny.tokenize('日');
    expect(ids.length).toBe(3);
    expect(ids.every((id) => tiny.vocabulary.types[id] === TokenType.BYTE)).toBe(true);
    expect(tiny.detokenize(ids)).toBe('日');
  });

  it('renders special tokens as nothing and rejects ids outside the vocabulary', () => {
    expect(tiny.detokenize([BOS_ID, ...tiny.tokenize('hi'), EOS_ID])).toBe('hi');
    expect(() => tiny.detokenize([5000])).toThrow(RangeError);
  });
});
