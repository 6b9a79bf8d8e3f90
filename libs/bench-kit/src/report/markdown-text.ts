/**
 * Text from the inputs (CPU and GPU names, project names, ids, reasons, labels) placed into
 * Markdown (bench-kit's `--markdown` export and bench-report's reports). Results files are input like any other: a CPU model of `<img src=x onerror=…>` or a
 * project called `[x](javascript:…)` must show as text on GitHub, never become HTML, a link or a
 * broken table. Everything input-derived goes through one of these.
 */

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Plain text: `&`, `<`, `>` as entities (so no HTML tag, comment or autolink can form); the
 * punctuation that starts emphasis, links, code or strikethrough backslash-escaped (CommonMark
 * allows a backslash before any ASCII punctuation; `_` inside a word cannot open emphasis, so
 * `baseline_cpu_only` stays readable); `|` escaped so table cells stay cells; line breaks folded
 * into spaces so a value cannot start a new block.
 */
export function mdText(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*[\]~|]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (c) => `\\${c}`)
    // GFM turns bare URLs, www. names and e-mail addresses into links, and GitHub turns @name
    // into a mention that notifies people: a backslash before the punctuation stops all of them.
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@')
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * An inline code span. Inside a code span nothing is parsed (entities would show literally), so
 * the text is kept as is and only fenced safely: the fence is one backtick longer than the longest
 * run of backticks in the text (the CommonMark rule), padded with spaces when the text starts or
 * ends with a backtick. In a table `|` is escaped too, because GFM splits cells before it parses
 * code spans (and drops the backslash); elsewhere the backslash would show, so it is left alone.
 */
export function mdCode(value: string, where: 'table' | 'text'): string {
  const flat = value.replace(/\r\n?|\n/g, ' ');
  const text = where === 'table' ? flat.replace(/\|/g, '\\|') : flat;
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.trim() === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A link whose target is a relative path we made: characters that could end the destination are percent-encoded. */
export function mdLink(label: string, href: string): string {
  const target = encodeURI(href).replace(/[()[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${mdText(label)}](${target})`;
}
