/** Consecutive pages read in one call. */
export interface PageRun {
  first: number;
  count: number;
}

/**
 * Groups page numbers into reads: sorted, each run covering pages at most `maxGap` apart (the gap's
 * pages are read too: one larger read costs less than two round trips to the thread pool and the
 * disk) and at most `maxPages` long.
 */
export const pageRuns = (pages: Iterable<number>, maxGap: number, maxPages: number): PageRun[] => {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const runs: PageRun[] = [];
  let run: PageRun | undefined;
  for (const page of sorted) {
    if (run !== undefined && page - (run.first + run.count - 1) <= maxGap + 1 && page - run.first < maxPages) {
      run.count = page - run.first + 1;
      continue;
    }
    run = { first: page, count: 1 };
    runs.push(run);
  }
  return runs;
};
