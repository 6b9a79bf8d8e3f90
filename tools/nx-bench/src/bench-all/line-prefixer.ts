/**
 * Splits a child's output stream into lines and hands each complete line on with a prefix computed
 * when the line ends (the elapsed time), so a long run shows at every line how long it has taken.
 * Carriage-return progress updates count as line ends too: a piped child cannot redraw in place.
 */
export class LinePrefixer {
  private pending = '';

  constructor(
    private readonly prefix: () => string,
    private readonly write: (text: string) => void,
  ) {}

  push(chunk: string): void {
    const text = this.pending + chunk;
    const parts = text.split(/\r\n|\n|\r/);
    this.pending = parts.pop() ?? '';
    for (const line of parts) this.write(`${this.prefix()}${line}\n`);
  }

  /** Emits a last line that had no line break. */
  flush(): void {
    if (this.pending.length > 0) this.write(`${this.prefix()}${this.pending}\n`);
    this.pending = '';
  }
}
