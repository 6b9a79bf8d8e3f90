import { describe, expect, it } from 'vitest';
import { Anonymiser, generateTma, normalisePiiValue } from '../src/index.ts';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Anonymiser', () => {
  const anonymiser = new Anonymiser('cohort-2024-secret');

  it('removes every original PII value from generated documents', () => {
    for (let seed = 0; seed < 15; seed++) {
      const g = generateTma((['small', 'medium', 'large'] as const)[seed % 3], 500 + seed);
      const out = anonymiser.anonymise(g.text);
      for (const span of g.pii) {
        // Whole-word search: a short surname may legitimately occur inside another word.
        expect(out.text, `${span.type} ${span.value} leaked (seed ${500 + seed})`).not.toMatch(new RegExp(`(?<![\\w@.])${escapeRegExp(span.value)}(?![\\w@])`));
      }
      expect(out.replacements.length).toBeGreaterThanOrEqual(g.pii.length);
    }
    // Generating 15 documents takes seconds on a loaded machine; the default 5 s limit is not a goal.
  }, 60_000);

  it('writes typed tokens and reports where they went', () => {
    const text = 'Email jane@example.com or call 07700 900123; my id is A1234567.';
    const out = anonymiser.anonymise(text);
    expect(out.text).toMatch(/^Email \[EMAIL-[0-9a-f]{8}\] or call \[PHONE-[0-9a-f]{8}\]; my id is \[STUDENT-ID-[0-9a-f]{8}\]\.$/);
    expect(out.replacements.map((r) => [r.type, text.slice(r.start, r.end)])).toEqual([
      ['email', 'jane@example.com'],
      ['phone', '07700 900123'],
      ['student-id', 'A1234567'],
    ]);
  });

  it('gives the same value the same pseudonym across documents and writing styles', () => {
    const a = anonymiser.anonymise('Contact Jane Abbott on +44 7700 900123.');
    const b = new Anonymiser('cohort-2024-secret').anonymise('Later, Jane  Abbott phoned from 07700900123 again.');
    expect(a.replacements.map((r) => r.pseudonym)).toEqual(b.replacements.map((r) => r.pseudonym));
    expect(anonymiser.pseudonym('email', 'Jane@Example.com')).toBe(anonymiser.pseudonym('email', 'jane@example.com'));
    expect(anonymiser.pseudonym('postcode', 'sw1a 1aa')).toBe(anonymiser.pseudonym('postcode', 'SW1A1AA'));
  });

  it('gives different values and different keys different pseudonyms', () => {
    expect(anonymiser.pseudonym('person-name', 'Jane Abbott')).not.toBe(anonymiser.pseudonym('person-name', 'Jane Abbot'));
    expect(anonymiser.pseudonym('person-name', 'Jane Abbott')).not.toBe(new Anonymiser('another key').pseudonym('person-name', 'Jane Abbott'));
    expect(new Anonymiser(new Uint8Array([1, 2, 3])).pseudonym('phone', '07700 900123')).toMatch(/^\[PHONE-[0-9a-f]{8}\]$/);
    // The type is part of the HMAC input: the same string as two types gives unrelated tokens.
    expect(anonymiser.pseudonym('student-id', 'A1234567').slice(-9)).not.toBe(anonymiser.pseudonym('person-name', 'A1234567').slice(-9));
  });

  it('rejects an empty key and leaves PII-free text alone', () => {
    expect(() => new Anonymiser('')).toThrow(TypeError);
    expect(() => new Anonymiser(new Uint8Array())).toThrow(TypeError);
    expect(anonymiser.anonymise('Nothing personal here.')).toEqual({ text: 'Nothing personal here.', replacements: [] });
  });

  it('normalises values per type', () => {
    expect(normalisePiiValue('phone', '+44 (0)20 7946 0958')).toBe('02079460958');
    expect(normalisePiiValue('phone', '+447700900123')).toBe('07700900123');
    expect(normalisePiiValue('ni-number', 'ab 12 34 56 c')).toBe('AB123456C');
    for (const form of ['0044 7700 900123', '0044 (0)7700 900123', '+44-7700-900123', '(07700) 900 123', '07700.900.123']) {
      expect(normalisePiiValue('phone', form), form).toBe('07700900123');
    }
    expect(normalisePiiValue('postcode', 'mk7 6aa')).toBe('MK76AA');
    expect(normalisePiiValue('student-id', 'b2345678')).toBe('B2345678');
  });
});
