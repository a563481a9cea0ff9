import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** The repository root (four levels above this file). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

/** Where the e2e tests leave their screenshots (git-ignored). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'e2e-output', 'screenshots');

/** Where a failed test leaves a picture of its last page, apart from the screenshots the note uses. */
const FAILURE_DIR = path.join(REPO_ROOT, 'e2e-output', 'failures');

/** Debian's Chromium: playwright-core cannot download its own browser on this machine or in CI. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// No network chatter of its own (the tests must never reach the internet) and nothing a sandboxed
// container cannot provide (user namespaces, a GPU).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Pages may link the internet (the test provider's login page imports a Google font): resolve
  // no name but loopback, so nothing leaves the machine and nothing waits on DNS.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** The desktop viewport every page gets unless a test asks for another. */
export const DESKTOP = { width: 1280, height: 800 } as const;

/** A phone-sized viewport (iPhone X class). */
export const PHONE = { width: 375, height: 812 } as const;

/** One Chromium for a test file; each page lives in its own context (fresh storage, no shared session). */
export interface BrowserHarness {
  browser: Browser;
  /** A new page in a fresh context; console errors and page crashes are collected in `problems`. */
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /** Uncaught page errors and console errors seen on any page so far (for failure messages). */
  problems(): string[];
  /** The page opened last, if any (for a screenshot when a test fails). */
  lastPage(): Page | undefined;
  /** Closes every context and the browser. */
  close(): Promise<void>;
}

/** Launches headless Chromium with a temporary profile. */
export const launchBrowser = async (): Promise<BrowserHarness> => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let last: Page | undefined;
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP });
      contexts.push(context);
      const page = await context.newPage();
      last = page;
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      return page;
    },
    problems: () => [...problems],
    lastPage: () => last,
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
};

/**
 * Saves a full-page PNG as `e2e-output/screenshots/NN-name.png`; the number orders the closing
 * note's pictures, so each test file takes its own range. Returns the file's path.
 */
export const screenshot = async (page: Page, number: number, name: string): Promise<string> => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${String(number).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  return file;
};

/**
 * For `afterEach`: when the test failed, saves its last page as `e2e-output/failures/{test}.png`
 * and prints the page's URL, text and problems, which a timeout alone does not explain.
 */
export const recordFailure = async (harness: BrowserHarness | undefined, testName: string): Promise<void> => {
  const page = harness?.lastPage();
  if (!page || page.isClosed()) return;
  await mkdir(FAILURE_DIR, { recursive: true });
  const slug = testName.replace(/[^a-z0-9]+/giu, '-').toLowerCase();
  await page.screenshot({ path: path.join(FAILURE_DIR, `${slug}.png`), fullPage: true }).catch(() => {});
  const text = await page
    .locator('body')
    .textContent({ timeout: 1000 })
    .catch(() => '(no text)');
  console.error(
    `after "${testName}" failed, ${page.url()} showed:\n${text}\nproblems: ${harness?.problems().join('\n')}`,
  );
};
