/**
 * "Did you mean" for mistyped option names: the candidates within a small edit distance
 * (insertions, deletions, substitutions and swaps of neighbours, each counting 1), closest first.
 * A word that starts a candidate (`--filt`) also suggests it.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  const scored: { name: string; distance: number }[] = [];
  for (const name of new Set(candidates)) {
    const d = editDistance(w, name.toLowerCase());
    const prefix = w.length >= 3 && name.toLowerCase().startsWith(w);
    if (d <= limit || prefix) scored.push({ name, distance: prefix ? Math.min(d, limit) : d });
  }
  return scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name)).map((s) => s.name);
}

/** Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
