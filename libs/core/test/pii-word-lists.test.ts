import { describe, expect, it } from 'vitest';
import { SpanWordSet } from '../src/pii/span-word-set.ts';
import { WordClass, wordClasses } from '../src/pii/word-class.ts';

describe('SpanWordSet', () => {
  const text = 'my Colleague, COLLEAGUE and colleagues; Dear Siân, a fiancé and a FIANCÉ';
  const span = (word: string, from = 0): [number, number] => {
    const start = text.indexOf(word, from);
    return [start, start + word.length];
  };

  it('matches a whole span exactly, never a prefix or a longer word', () => {
    const set = new SpanWordSet(['colleague', 'Dear']);
    expect(set.has(text, ...span('colleagues'))).toBe(false);
    expect(set.has(text, span('colleagues')[0], span('colleagues')[0] + 9)).toBe(true);
    expect(set.has(text, ...span('Dear'))).toBe(true);
    expect(set.has(text, ...span('Colleague'))).toBe(false);
    expect(set.has(text, 5, 5)).toBe(false);
  });

  it('folds case like toLowerCase, beyond ASCII too', () => {
    const set = new SpanWordSet(['colleague', 'fiancé'], { foldCase: true });
    expect(set.has(text, ...span('Colleague'))).toBe(true);
    expect(set.has(text, ...span('COLLEAGUE'))).toBe(true);
    expect(set.has(text, ...span('fiancé'))).toBe(true);
    expect(set.has(text, ...span('FIANCÉ'))).toBe(true);
    expect(set.has(text, ...span('Dear'))).toBe(false);
  });

  it('finds words whose first letter is not ASCII', () => {
    const set = new SpanWordSet(['Ólafur', 'ní'], { foldCase: true });
    expect(set.has('ÓLAFUR', 0, 6)).toBe(true);
    expect(set.has('Ní Bhriain', 0, 2)).toBe(true);
    expect(set.has('Olafur', 0, 6)).toBe(false);
  });
});

describe('wordClasses', () => {
  it('answers every list a word is on with one lookup', () => {
    const may = wordClasses('May');
    expect(may & WordClass.AmbiguousFirstName).not.toBe(0);
    expect(may & WordClass.NotSurname).not.toBe(0);
    expect(wordClasses('Dr') & WordClass.Title).not.toBe(0);
    expect(wordClasses('Hall') & WordClass.PlaceEnding).not.toBe(0);
    expect(wordClasses('London') & WordClass.Place).not.toBe(0);
    expect(wordClasses('Microsoft') & WordClass.Product).not.toBe(0);
  });

  it('is case-sensitive and 0 for unknown words', () => {
    expect(wordClasses('hall')).toBe(0);
    expect(wordClasses('Wójcik')).toBe(0);
  });
});
