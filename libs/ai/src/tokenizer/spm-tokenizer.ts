import { FIRST_BYTE_ID, SPACE_MARKER, TokenType, type Vocabulary } from './vocabulary.ts';

interface Symbol {
  text: string;
  prev: number;
  next: number;
  /** Length in UTF-16 units; 0 once merged into its left neighbour. */
  n: number;
  start: number;
}

interface Bigram {
  left: number;
  right: number;
  score: number;
  size: number;
}

/** Max-heap on (score, then leftmost) — llama.cpp's llm_bigram_spm comparator. */
class BigramQueue {
  private readonly items: Bigram[] = [];
  get size(): number {
    return this.items.length;
  }
  private before(a: Bigram, b: Bigram): boolean {
    return a.score > b.score || (a.score === b.score && a.left < b.left);
  }
  push(item: Bigram): void {
    const xs = this.items;
    xs.push(item);
    let i = xs.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(xs[i]!, xs[parent]!)) break;
      [xs[i], xs[parent]] = [xs[parent]!, xs[i]!];
      i = parent;
    }
  }
  pop(): Bigram {
    const xs = this.items;
    const top = xs[0]!;
    const last = xs.pop()!;
    if (xs.length > 0) {
      xs[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < xs.length && this.before(xs[l]!, xs[best]!)) best = l;
        if (r < xs.length && this.before(xs[r]!, xs[best]!)) best = r;
        if (best === i) break;
        [xs[i], xs[best]] = [xs[best]!, xs[i]!];
        i = best;
      }
    }
    return top;
  }
}

const utf8 = new TextEncoder();

/**
 * The llama.cpp SPM tokenizer (llm_tokenizer_spm_session) over a generated vocabulary: spaces
 * become `▁`, the text is split into characters, the highest-scoring adjacent pair that forms a
 * token is merged until none does, and characters that are no token fall back to byte tokens.
 * `detokenize(tokenize(t)) === t` for every string without U+2581 (which SPM, like Llama 2's
 * tokenizer, cannot tell apart from an escaped space) or lone surrogates (not valid UTF-8).
 */
export class SpmTokenizer {
  private readonly ids = new Map<string, number>();

  constructor(readonly vocabulary: Vocabulary) {
    vocabulary.tokens.forEach((t, id) => {
      if (vocabulary.types[id] === TokenType.NORMAL || vocabulary.types[id] === TokenType.USER_DEFINED) this.ids.set(t, id);
    });
  }

  get size(): number {
    return this.vocabulary.tokens.length;
  }

  tokenize(text: string): number[] {
    if (text === '') return [];
    const escaped = text.replaceAll(' ', SPACE_MARKER);
    const symbols: Symbol[] = [];
    let start = 0;
    for (const ch of escaped) {
      symbols.push({ text: escaped, start, n: ch.length, prev: symbols.length - 1, next: symbols.length + 1 });
      start += ch.length;
    }
    symbols[symbols.length - 1]!.next = -1;
    const queue = new BigramQueue();
    const revMerge = new Map<string, [number, number]>();
    const tryAdd = (left: number, right: number): void => {
      if (left === -1 || right === -1) return;
      const l = symbols[left]!;
      const r = symbols[right]!;
      const piece = escaped.slice(l.start, l.start + l.n + r.n);
      const id = this.ids.get(piece);
      if (id === undefined) return;
      queue.push({ left, right, score: this.vocabulary.scores[id]!, size: piece.length });
      revMerge.set(piece, [left, right]);
    };
    for (let i = 1; i < symbols.length; i++) tryAdd(i - 1, i);
    while (queue.size > 0) {
      const bigram = queue.pop();
      const left = symbols[bigram.left]!;
      const right = symbols[bigram.right]!;
      if (left.n === 0 || right.n === 0 || left.n + right.n !== bigram.size) continue;
      left.n += right.n;
      right.n = 0;
      left.next = right.next;
      if (right.next >= 0) symbols[right.next]!.prev = bigram.left;
      tryAdd(left.prev, bigram.left);
      tryAdd(bigram.left, left.next);
    }
    const out: number[] = [];
    const resegment = (sym: Symbol): void => {
      const piece = escaped.slice(sym.start, sym.start + sym.n);
      const id = this.ids.get(piece);
      if (id !== undefined) {
        out.push(id);
        return;
      }
      const merge = revMerge.get(piece);
      if (merge === undefined) {
        for (const byte of utf8.encode(piece)) out.push(FIRST_BYTE_ID + byte);
        return;
      }
      resegment(symbols[merge[0]]!);
      resegment(symbols[merge[1]]!);
    };
    for (let i = 0; i !== -1; i = symbols[i]!.next) resegment(symbols[i]!);
    return out;
  }

  /** Special tokens (BOS/EOS/UNK) render as nothing, as llama.cpp does without `special`. */
  detokenize(tokens: readonly number[]): string {
    const bytes: number[] = [];
    for (const id of tokens) {
      const type = this.vocabulary.types[id];
      if (type === TokenType.BYTE) bytes.push(id - FIRST_BYTE_ID);
      else if (type === TokenType.NORMAL || type === TokenType.USER_DEFINED) {
        for (const b of utf8.encode(this.vocabulary.tokens[id]!.replaceAll(SPACE_MARKER, ' '))) bytes.push(b);
      } else if (type === undefined) throw new RangeError(`token id ${id} is outside the vocabulary of ${this.size}`);
    }
    return Buffer.from(bytes).toString('utf8');
  }
}
