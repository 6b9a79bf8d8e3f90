/**
 * `--filter` patterns: `/regex/` is a regular expression, a pattern with `*` a glob over ids
 * (`*` = any characters), anything else a case-insensitive substring.
 */
export function compileFilter(pattern: string | null): (id: string) => boolean {
  if (!pattern) return () => true;
  const regex = /^\/(.*)\/([a-z]*)$/.exec(pattern);
  if (regex) {
    const re = new RegExp(regex[1], regex[2]);
    return (id) => re.test(id);
  }
  if (pattern.includes('*')) {
    const re = new RegExp(
      '^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$',
      'i',
    );
    return (id) => re.test(id);
  }
  const needle = pattern.toLowerCase();
  return (id) => id.toLowerCase().includes(needle);
}
