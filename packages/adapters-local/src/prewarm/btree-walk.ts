import { readBtreePage } from './btree-page.ts';
import type { PageReader } from './page-reader.ts';
import { pageRuns } from './page-runs.ts';

/** Pages apart that one read still covers (32 KiB at 4 KiB pages). */
const MAX_GAP_PAGES = 8;

/** What every read of one pre-read shares. */
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

/** One b-tree's pages as far as its interior pages tell. */
export interface BtreeLayout {
  /** Pages read to find the leaves: the interior pages, and the first leaf (the root, for a one-page b-tree). */
  pagesRead: number;
  /** Its leaves, not read yet (the root of a one-page b-tree is read, so not among them). */
  leaves: number[];
  /** False when the budget ran out or the store closed before the leaves were all known. */
  complete: boolean;
}

/**
 * Reads pages in runs (`pageRuns`), sorted, within the budget, and calls `visit` with each wanted
 * page read. Returns false when the budget or a close cut it short.
 */
export const readPages = async (
  pages: Iterable<number>,
  context: WalkContext,
  visit: (number: number, page: Uint8Array) => void = () => {},
): Promise<boolean> => {
  const { reader, pageSize, budget, signal } = context;
  const wanted = new Set(pages);
  for (const run of pageRuns(wanted, MAX_GAP_PAGES, context.maxReadPages)) {
    const affordable = Math.min(run.count, Math.floor(budget.remaining / pageSize));
    if (signal.aborted || affordable < 1) return false;
    const bytes = await reader.read((run.first - 1) * pageSize, affordable * pageSize);
    budget.remaining -= bytes.byteLength;
    for (let i = 0; (i + 1) * pageSize <= bytes.byteLength; i++) {
      if (wanted.has(run.first + i)) visit(run.first + i, bytes.subarray(i * pageSize, (i + 1) * pageSize));
    }
    if (affordable < run.count) return false;
  }
  return true;
};

/**
 * Finds the leaves of the b-tree rooted at `root` by reading its interior pages a level at a time.
 * A b-tree is balanced, so once the first page of a level is a leaf the whole level is: the
 * leaves are returned unread, for the caller to read with other b-trees' leaves in one pass over
 * the file (fewer, larger reads where the b-trees' pages lie interleaved).
 */
export const btreeLayout = async (root: number, context: WalkContext): Promise<BtreeLayout> => {
  const seen = new Set<number>([root]);
  let level = [root];
  let pagesRead = 0;
  while (level.length > 0) {
    const next: number[] = [];
    let leaves = false;
    const visit = (number: number, bytes: Uint8Array) => {
      const page = readBtreePage(bytes, number, context.pageCount);
      pagesRead++;
      if (page.kind === 'leaf') leaves = true;
      if (page.kind !== 'interior') return;
      for (const child of page.children) {
        // A page seen twice means a stale walk (a checkpoint rewrote a parent): read it once.
        if (!seen.has(child)) next.push(child);
        seen.add(child);
      }
    };
    const [first, ...rest] = level;
    if (!(await readPages([first as number], context, visit))) return { pagesRead, leaves: [], complete: false };
    if (leaves) return { pagesRead, leaves: rest, complete: true };
    if (!(await readPages(rest, context, visit))) return { pagesRead, leaves: [], complete: false };
    level = next;
  }
  return { pagesRead, leaves: [], complete: true };
};
