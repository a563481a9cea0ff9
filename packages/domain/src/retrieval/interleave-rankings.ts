/**
 * Merges the rankings of a question's parts by taking turns: the first of each part, then the
 * second of each, and so on, keeping each item once (at its first place). Each part then gets its
 * best passages near the top, however differently the parts' scores are scaled.
 */
export const interleaveRankings = <T>(rankings: readonly (readonly T[])[], keyOf: (item: T) => string): T[] => {
  if (rankings.length === 1) return [...(rankings[0] ?? [])];
  const merged: T[] = [];
  const seen = new Set<string>();
  const longest = Math.max(0, ...rankings.map((ranking) => ranking.length));
  for (let rank = 0; rank < longest; rank++) {
    for (const ranking of rankings) {
      const item = ranking[rank];
      if (item === undefined) continue;
      const key = keyOf(item);
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(item);
    }
  }
  return merged;
};
