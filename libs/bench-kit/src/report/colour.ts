import { styleText } from 'node:util';

/**
 * Colour for terminal output, and only there. Order of precedence (Node's own, and
 * https://no-color.org / https://force-color.org): `FORCE_COLOR` set → colour, unless it is `0` or
 * `false`; `NO_COLOR` or `NODE_DISABLE_COLORS` set (non-empty) → plain; `CI` set → plain (CI logs
 * stay plain unless forced); otherwise colour exactly when the stream is a terminal (and `TERM` is
 * not `dumb`). Styling itself is `node:util`'s `styleText`; the decision is ours, made once per
 * stream, because styleText's own check looks at process.stdout whatever we write to.
 */
export function colourEnabled(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR || env.NODE_DISABLE_COLORS) return false;
  if (env.CI) return false;
  if (!stream.isTTY) return false;
  return env.TERM !== 'dumb';
}

/** What a piece of output means; the palette decides how that looks. */
export type Tone = 'ok' | 'skipped' | 'failed' | 'warning' | 'dim' | 'better' | 'worse' | 'unsure' | 'strong';

const STYLES: Record<Tone, Parameters<typeof styleText>[0]> = {
  ok: 'green',
  skipped: 'yellow',
  failed: 'red',
  warning: 'dim',
  dim: 'dim',
  better: 'green',
  worse: ['bold', 'red'],
  unsure: 'yellow',
  strong: 'bold',
};

/** Paints text in a tone, or returns it unchanged when colour is off. */
export interface Painter {
  readonly enabled: boolean;
  (tone: Tone, text: string): string;
}

export function painter(enabled: boolean): Painter {
  const paint = (tone: Tone, text: string): string => (enabled && text !== '' ? styleText(STYLES[tone], text, { validateStream: false }) : text);
  return Object.assign(paint, { enabled });
}

/** Plain text: files, pipes, CI logs, tests. */
export const PLAIN: Painter = painter(false);

/** The painter for a stream, from `colourEnabled`. */
export function painterFor(stream: { isTTY?: boolean }, env?: Readonly<Record<string, string | undefined>>): Painter {
  return painter(colourEnabled(stream, env));
}
