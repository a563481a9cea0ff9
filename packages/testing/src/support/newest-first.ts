/**
 * Sorts a copy newest first by an ISO-8601 timestamp, ties broken by id descending: the order the
 * repositories promise for listings.
 */
export const newestFirst = <T>(items: readonly T[], timeOf: (item: T) => string, idOf: (item: T) => string): T[] =>
  [...items].sort((a, b) => {
    const byTime = Date.parse(timeOf(b)) - Date.parse(timeOf(a));
    if (byTime !== 0) return byTime;
    const idA = idOf(a);
    const idB = idOf(b);
    return idA === idB ? 0 : idA < idB ? 1 : -1;
  });
