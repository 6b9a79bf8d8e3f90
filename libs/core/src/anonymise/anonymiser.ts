import { createHmac } from 'node:crypto';
import { detectPii } from '../pii/detect.ts';
import type { PiiSpan, PiiType } from '../pii/types.ts';
import { normalisePiiValue } from './normalise.ts';

export interface AnonymisedText {
  text: string;
  replacements: { type: PiiType; start: number; end: number; pseudonym: string }[];
}

const LABELS: Record<PiiType, string> = {
  email: 'EMAIL',
  phone: 'PHONE',
  postcode: 'POSTCODE',
  'ni-number': 'NINO',
  'student-id': 'STUDENT-ID',
  'date-of-birth': 'DOB',
  'person-name': 'PERSON',
};

/** Hex digits of the HMAC kept in a token: 32 bits tell thousands of people in one cohort apart. */
const TOKEN_HEX_DIGITS = 8;
/** Memoised pseudonyms per anonymiser; cleared when full so a long-lived instance stays bounded. */
const CACHE_LIMIT = 10_000;

/**
 * Replaces personal data with keyed pseudonyms such as `[PERSON-3f9a1c2b]`: HMAC-SHA256 of the
 * type and normalised value under a secret key, so the same person gets the same token in every
 * document (tutors can still follow a student across TMAs) while the token reveals nothing without
 * the key, and a different key gives unrelated tokens.
 */
export class Anonymiser {
  readonly #key: Buffer;
  readonly #cache = new Map<string, string>();

  constructor(key: string | Uint8Array) {
    if (typeof key === 'string' ? key.length === 0 : !(key instanceof Uint8Array) || key.byteLength === 0) {
      throw new TypeError('Anonymiser: key must be a non-empty string or Uint8Array');
    }
    this.#key = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  }

  pseudonym(type: PiiType, value: string): string {
    const canonical = `${type}\u0000${normalisePiiValue(type, value)}`;
    let token = this.#cache.get(canonical);
    if (token === undefined) {
      const digest = createHmac('sha256', this.#key).update(canonical).digest('hex');
      token = `[${LABELS[type]}-${digest.slice(0, TOKEN_HEX_DIGITS)}]`;
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      this.#cache.set(canonical, token);
    }
    return token;
  }

  /**
   * Replaces each PII span of `text`; `replacements` give the spans' positions in the input.
   * `spans` are the ones `detectPii(text)` found, when the caller already ran it (a marking detects
   * once and anonymises with the same spans); otherwise they are detected here.
   */
  anonymise(text: string, spans: readonly PiiSpan[] = detectPii(text)): AnonymisedText {
    const parts: string[] = [];
    const replacements: AnonymisedText['replacements'] = [];
    let last = 0;
    for (const span of spans) {
      const pseudonym = this.pseudonym(span.type, span.value);
      parts.push(text.slice(last, span.start), pseudonym);
      replacements.push({ type: span.type, start: span.start, end: span.end, pseudonym });
      last = span.end;
    }
    parts.push(text.slice(last));
    return { text: parts.join(''), replacements };
  }
}
