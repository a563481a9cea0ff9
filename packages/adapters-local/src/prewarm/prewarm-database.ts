import type { DatabaseSync } from 'node:sqlite';
import { type BtreeLayout, btreeLayout, readPages, type WalkContext } from './btree-walk.ts';
import { openPageReader, type PageReader } from './page-reader.ts';
import { type BtreeRoot, prewarmOrder } from './prewarm-order.ts';

/** Largest read: big enough for few round trips, small enough that a question's read never queues long behind one. */
const DEFAULT_MAX_READ_BYTES = 1 << 20;

/** How the store pre-reads its database file when it opens. */
export interface PrewarmOptions {
  /** Bytes of the file it may read (the page cache it may fill); 0 turns it off. */
  budgetBytes: number;
  /** Largest single read (default 1 MiB). */
  maxReadBytes?: number;
  /** Opens the file (default `openPageReader`); tests wrap it to hold or count reads. */
  openReader?: (file: string, maxReadBytes: number) => Promise<PageReader>;
}

/** What a pre-read did. */
export interface PrewarmReport {
  /** Bytes of the database file read. */
  bytes: number;
  /** From start to end, wall-clock. */
  ms: number;
  /** The b-trees read, in order, with the pages read of each. */
  btrees: Array<{ name: string; pages: number; complete: boolean }>;
  /** The whole file was read after them, since it fits the budget. */
  wholeFile: boolean;
  /** `done`, or why it stopped early: the budget ran out, the store closed, a read failed, or it was off. */
  ended: 'done' | 'budget' | 'closed' | 'failed' | 'off';
}

/**
 * Reads the b-trees `roots`: first the interior pages of each, in order, to learn their leaves; then
 * as many of those leaves as the budget holds, taken in the same order, in one pass over the file.
 */
const readBtrees = async (roots: BtreeRoot[], context: WalkContext): Promise<PrewarmReport['btrees']> => {
  const layouts: Array<{ name: string; layout: BtreeLayout; taken: number[] }> = [];
  for (const root of roots) {
    const layout = await btreeLayout(root.rootPage, context);
    layouts.push({ name: root.name, layout, taken: [] });
    if (!layout.complete) break;
  }
  let room = Math.floor(context.budget.remaining / context.pageSize);
  for (const entry of layouts) {
    entry.taken = entry.layout.leaves.slice(0, Math.max(0, room));
    room -= entry.taken.length;
  }
  let highest = 0;
  const all = await readPages(
    layouts.flatMap((entry) => entry.taken),
    context,
    (number) => {
      highest = Math.max(highest, number);
    },
  );
  // Runs are read in page order, so a pass cut short has read the leaves up to `highest`.
  return layouts.map(({ name, layout, taken }) => {
    const read = all ? taken.length : taken.filter((number) => number <= highest).length;
    const complete = layout.complete && read === layout.leaves.length;
    return { name, pages: layout.pagesRead + read, complete };
  });
};

/** A pre-read under way. */
export interface Prewarm {
  /** Resolves when it ends, however it ends (never rejects). */
  done: Promise<PrewarmReport>;
  /** Stops it: no read starts after this. */
  stop(): void;
}

/**
 * Starts reading the pages questions read (`prewarmOrder`) from `file` into the OS page cache, and
 * the whole file after them when it fits the budget, so the first questions after a restart find
 * them there instead of waiting on the disk for each. It reads the schema now (one small query)
 * and everything else asynchronously, one read at a time, through its own file handle: questions
 * never wait for it, they only share the disk with it.
 */
export const startPrewarm = (db: DatabaseSync, file: string, options: PrewarmOptions): Prewarm => {
  const started = performance.now();
  const report = (fields: Omit<PrewarmReport, 'ms'>): PrewarmReport => ({ ...fields, ms: performance.now() - started });
  if (options.budgetBytes <= 0)
    return { done: Promise.resolve(report({ bytes: 0, btrees: [], wholeFile: false, ended: 'off' })), stop() {} };
  const roots = prewarmOrder(db);
  const pageSize = Number((db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size);
  const pageCount = Number((db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count);
  const maxReadBytes = Math.max(pageSize, options.maxReadBytes ?? DEFAULT_MAX_READ_BYTES);
  const abort = new AbortController();
  const { signal } = abort;
  const budget = { remaining: options.budgetBytes };
  const btrees: PrewarmReport['btrees'] = [];
  const run = async (): Promise<PrewarmReport> => {
    const reader = await (options.openReader ?? openPageReader)(file, maxReadBytes);
    try {
      const context = {
        reader,
        pageSize,
        pageCount,
        maxReadPages: Math.floor(maxReadBytes / pageSize),
        budget,
        signal,
      };
      btrees.push(...(await readBtrees(roots, context)));
      const read = options.budgetBytes - budget.remaining;
      const size = await reader.size();
      if (signal.aborted || budget.remaining < pageSize || size > options.budgetBytes) {
        const ended = signal.aborted ? 'closed' : btrees.every((b) => b.complete) ? 'done' : 'budget';
        return report({ bytes: read, btrees, wholeFile: false, ended });
      }
      // The whole file fits: read it in order (the pages above come from the page cache again).
      for (let at = 0; at < size; at += maxReadBytes) {
        if (signal.aborted) return report({ bytes: read + at, btrees, wholeFile: false, ended: 'closed' });
        await reader.read(at, maxReadBytes);
      }
      return report({ bytes: size, btrees, wholeFile: true, ended: 'done' });
    } finally {
      await reader.close();
    }
  };
  // A failed read (the file replaced by a restore, an I/O error) must not fail the store: the
  // questions then read those pages themselves, as without a pre-read.
  const done = run().catch(() =>
    report({
      bytes: options.budgetBytes - budget.remaining,
      btrees,
      wholeFile: false,
      ended: signal.aborted ? 'closed' : 'failed',
    }),
  );
  return { done, stop: () => abort.abort() };
};
