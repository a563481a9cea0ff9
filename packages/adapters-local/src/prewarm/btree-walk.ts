import { readBtreePage } from './btree-page.ts';
import type { PageReader } from './page-reader.ts';
import { pageRuns } from './page-runs.ts';

/** Pages apart that one read still covers (32 KiB at 4 KiB pages). */
const MAX_GAP_PAGES = 8;

/** What every b-tree walk of one pre-read shares. */
export interface WalkContext {
  reader: PageReader;
  pageSize: number;
  /** Pages in the database; children beyond it are not followed. */
  pageCount: number;
  /** Largest read, in pages. */
  maxReadPages: number;
  /** Bytes the pre-read may still read; every read takes from it. */
  budget: { remaining: number };
  /** Aborted when the store closes: no read starts after that. */
  signal: AbortSignal;
}

/** How far one b-tree was read. */
export interface WalkResult {
  pages: number;
  /** False when the budget ran out or the store closed before its last page. */
  complete: boolean;
}

/**
 * Reads every page of the b-tree rooted at `root`, a level at a time: each level's pages sorted and
 * read in runs (interior pages parsed for the next level, leaves only read), so the leaves, which
 * are nearly all of a b-tree, come in as few and as large reads as their placement allows.
 */
export const walkBtree = async (root: number, context: WalkContext): Promise<WalkResult> => {
  const { reader, pageSize, pageCount, budget, signal } = context;
  const seen = new Set<number>([root]);
  let level = [root];
  let pages = 0;
  while (level.length > 0) {
    const wanted = new Set(level);
    const next: number[] = [];
    for (const run of pageRuns(level, MAX_GAP_PAGES, context.maxReadPages)) {
      const affordable = Math.min(run.count, Math.floor(budget.remaining / pageSize));
      if (signal.aborted || affordable < 1) return { pages, complete: false };
      const bytes = await reader.read((run.first - 1) * pageSize, affordable * pageSize);
      budget.remaining -= bytes.byteLength;
      for (let i = 0; (i + 1) * pageSize <= bytes.byteLength; i++) {
        const number = run.first + i;
        if (!wanted.has(number)) continue;
        pages++;
        const page = readBtreePage(bytes.subarray(i * pageSize, (i + 1) * pageSize), number, pageCount);
        if (page.kind !== 'interior') continue;
        for (const child of page.children) {
          // A page seen twice means a stale walk (a checkpoint rewrote a parent): read it once.
          if (!seen.has(child)) next.push(child);
          seen.add(child);
        }
      }
      if (affordable < run.count) return { pages, complete: false };
    }
    level = next;
  }
  return { pages, complete: true };
};
