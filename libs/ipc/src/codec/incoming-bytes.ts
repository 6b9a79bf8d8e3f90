/**
 * A byte string whose bytes are still arriving: the trailing byte string of a large MessagePack
 * request, handed to the server before its bulk has come in (see the codec's `decodeHead`).
 *
 * Its pieces are views into the input chunks they arrived in (never copied here). A reader either
 * takes them one by one as they come (`pipe`, what a streaming handler and the response writer
 * do) or waits for all of them in one buffer (`collect`, one copy, what every other handler
 * gets). Only one reader: the pieces are handed over, not kept.
 */
export class IncomingBytes {
  #received = 0;
  /** Pieces that arrived before a reader attached. */
  #pending: Uint8Array[] = [];
  #onPiece: ((piece: Uint8Array) => void) | undefined;
  #onEnd: ((error: Error | undefined) => void) | undefined;
  #failure: Error | undefined;
  #ended = false;
  #read = false;

  constructor(readonly length: number) {}

  /** Bytes received so far. */
  get received(): number {
    return this.#received;
  }

  /** True once every byte has arrived, or the bytes were cut off. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The next bytes (the frame reader calls this as chunks arrive). */
  push(piece: Uint8Array): void {
    if (this.#ended || piece.length === 0) return;
    this.#received += piece.length;
    if (this.#onPiece) this.#onPiece(piece);
    else this.#pending.push(piece);
    if (this.#received >= this.length) this.#end(undefined);
  }

  /** The bytes will never all arrive (the input ended or stalled inside the frame). */
  fail(error: Error): void {
    if (this.#ended) return;
    this.#failure = error;
    this.#pending = [];
    this.#end(error);
  }

  /**
   * Hands every piece to `onPiece`, those already here first, then `onEnd` once: without an
   * error when all `length` bytes have come, with one when they were cut off.
   */
  pipe(onPiece: (piece: Uint8Array) => void, onEnd: (error: Error | undefined) => void): void {
    if (this.#read) throw new Error('IncomingBytes: already being read');
    this.#read = true;
    const pending = this.#pending;
    this.#pending = [];
    for (const piece of pending) onPiece(piece);
    if (this.#ended) {
      onEnd(this.#failure);
      return;
    }
    this.#onPiece = onPiece;
    this.#onEnd = onEnd;
  }

  /** All the bytes in one buffer once they have arrived (a view when they came in one piece). */
  collect(): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const pieces: Uint8Array[] = [];
      this.pipe(
        (piece) => pieces.push(piece),
        (error) => {
          if (error) reject(error);
          else resolve(pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, this.length));
        },
      );
    });
  }

  #end(error: Error | undefined): void {
    this.#ended = true;
    const onEnd = this.#onEnd;
    this.#onPiece = undefined;
    this.#onEnd = undefined;
    onEnd?.(error);
  }
}
