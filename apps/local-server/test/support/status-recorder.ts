import type { Page } from 'playwright-core';

/** The Status column of the documents table at one moment, by document name. */
export type StatusSnapshot = Record<string, string>;

/**
 * Records every distinct state of the documents table's Status column from now on (a
 * MutationObserver sees each render, which polling from the test would miss); the returned
 * function reads the snapshots so far, oldest first.
 */
export const recordStatuses = async (page: Page): Promise<() => Promise<StatusSnapshot[]>> => {
  // Runs in the page; the repository's TypeScript has no DOM library, hence the untyped globals.
  await page.evaluate(() => {
    const g = globalThis as any;
    const log: StatusSnapshot[] = [];
    g.__docentStatuses = log;
    let last = '';
    const snap = () => {
      const table = [...g.document.querySelectorAll('table')].find(
        (t: any) => t.caption?.textContent?.trim() === 'Your documents',
      );
      const snapshot: StatusSnapshot = {};
      for (const row of table?.tBodies[0]?.rows ?? []) {
        const name = row.cells[0]?.textContent?.trim();
        if (name) snapshot[name] = row.cells[4]?.textContent?.trim() ?? '';
      }
      const key = JSON.stringify(snapshot);
      if (key !== last) {
        last = key;
        log.push(snapshot);
      }
    };
    new g.MutationObserver(snap).observe(g.document.body, { subtree: true, childList: true, characterData: true });
    snap();
  });
  return () => page.evaluate(() => (globalThis as any).__docentStatuses as StatusSnapshot[]);
};
