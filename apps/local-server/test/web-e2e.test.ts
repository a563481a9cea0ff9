import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QA_DEV } from './support/api-client.ts';
import { type BrowserHarness, launchBrowser, PHONE, recordFailure, screenshot } from './support/browser.ts';
import { type GatedEmbeddingServer, startGatedEmbeddingServer } from './support/gated-embedding-server.ts';
import { type ServerProcess, startServer } from './support/server-process.ts';
import { recordStatuses } from './support/status-recorder.ts';
import { ask, documentRow, eventually, goTo, signIn, UI_TIMEOUT, visible } from './support/web-app.ts';
import { ensureWebBuild } from './support/web-build.ts';

const EMAIL = 'web-e2e@example.com';
const PASSWORD = 'Wonderland1';
const PDF = 'bzip2-manual.pdf';
const DOCX = 'nodejs-url.docx';
const IN_PDF = 'How much memory does bunzip2 need to decompress a file compressed with the default 900k block size?';
const IN_PDF_ANSWER = 'bunzip2 will require about 3700 kbytes to decompress';
const NOT_IN_DOCUMENTS = 'How many times does wget retry a failed download by default?';
const IN_DOCX = 'Which protocol schemes does the WHATWG URL Standard treat as special?';
const HOSTILE_NAME = 'hostile-notes.txt';
const HOSTILE_TEXT = [
  'Zebra quartz notes for the hostile markup check.',
  'The zebra quartz marker is <img src=x onerror="window.__pwned=1"> followed by <script>window.__pwned=2</script> here.',
].join('\n');

// The web app as a person uses it: a real `docent serve` process serving the built app, driven
// through real Chromium by the accessible names of the web contract.
describe('Docent web app in Chromium', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: BrowserHarness;
  let embeddings: GatedEmbeddingServer;
  let signedUp = false;

  beforeAll(async () => {
    await ensureWebBuild();
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-web-e2e-'));
    // The `hashing` embedder's vectors, served over the OpenAI protocol so processing can be held.
    embeddings = await startGatedEmbeddingServer();
    [server, browser] = await Promise.all([startServer(dataDir, embeddings.env), launchBrowser()]);
  }, 180_000);

  afterEach(async ({ task }) => {
    // A test that failed while holding embeddings must not stall the ones after it.
    embeddings?.release();
    if (task.result?.state === 'fail') await recordFailure(browser, task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await embeddings?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const signedInPage = async (viewport?: { width: number; height: number }): Promise<Page> => {
    expect(signedUp, 'the sign-up test must run first').toBe(true);
    const page = await browser.newPage(viewport ? { viewport } : {});
    await signIn(page, server.url, EMAIL, PASSWORD);
    return page;
  };

  it('signs up with the password rules shown while typing, then signs in', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    await page.getByRole('button', { name: 'Create an account' }).click();
    await visible(page.getByRole('heading', { name: 'Create account' }));
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    const rules = page.getByRole('list', { name: 'Password rules' });
    const met = async () =>
      Object.fromEntries(
        await rules
          .getByRole('listitem')
          .evaluateAll((items) => items.map((item) => [item.textContent?.trim(), item.getAttribute('data-met')])),
      );
    const password = page.getByLabel('Password', { exact: true });
    const rule = async (pattern: RegExp) => ruleText(rules, pattern);
    await password.pressSequentially('W');
    await eventually(met).toEqual({
      [await rule(/8 characters/)]: 'false',
      [await rule(/upper-case/)]: 'true',
      [await rule(/lower-case/)]: 'false',
      [await rule(/digit/)]: 'false',
    });
    await password.pressSequentially('onderland');
    await eventually(met).toEqual({
      [await rule(/8 characters/)]: 'true',
      [await rule(/upper-case/)]: 'true',
      [await rule(/lower-case/)]: 'true',
      [await rule(/digit/)]: 'false',
    });
    await screenshot(page, 1, 'sign-up-password-rules-while-typing');
    await password.pressSequentially('1');
    expect(await password.inputValue()).toBe(PASSWORD);
    await eventually(async () => Object.values(await met())).toEqual(['true', 'true', 'true', 'true']);
    await page.getByRole('button', { name: 'Create account', exact: true }).click();

    // Registration returns no session: the app signs in with the new account by itself.
    await visible(page.getByRole('banner').getByText(EMAIL));
    await visible(page.getByRole('heading', { name: 'Documents', exact: true }));
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const link of ['Documents', 'Ask', 'History']) await visible(nav.getByRole('link', { name: link }));
    expect(new URL(page.url()).hash).toBe('#/documents');
    await screenshot(page, 2, 'signed-in-empty-documents');
    signedUp = true;
  });

  it('signs in with the keyboard alone', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    const email = page.getByLabel('Email', { exact: true });
    for (let presses = 0; !(await isFocused(email)); presses++) {
      expect(presses, 'Email is reachable with Tab').toBeLessThan(10);
      await page.keyboard.press('Tab');
    }
    // The focus is visible: an outline or a focus ring drawn as a shadow.
    const ring = await email.evaluate((element) => {
      const style = (globalThis as any).getComputedStyle(element);
      return { outline: style.outlineStyle, shadow: style.boxShadow };
    });
    expect(ring.outline !== 'none' || ring.shadow !== 'none', JSON.stringify(ring)).toBe(true);
    await page.keyboard.type(EMAIL);
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('Password', { exact: true }))).toBe(true);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await visible(page.getByRole('banner').getByText(EMAIL));
  });

  it('uploads a PDF and a DOCX with per-file progress, then shows processing until both are Ready', async () => {
    const page = await signedInPage();
    const statuses = await recordStatuses(page);
    // Hold each upload until its own progress bar is on screen: on localhost the bytes would
    // otherwise be sent before a frame could show them.
    const uploadProgress: Record<string, number> = {};
    let bothUploading: () => void = () => {};
    const uploading = new Promise<void>((resolve) => {
      bothUploading = resolve;
    });
    await page.route('**/documents/upload', async (route) => {
      const name = /filename="([^"]+)"/.exec(route.request().postDataBuffer()?.toString('latin1') ?? '')?.[1] ?? '';
      const bar = await visible(page.getByRole('progressbar', { name: `Uploading ${name}` }));
      uploadProgress[name] = Number(await bar.getAttribute('aria-valuenow'));
      if (Object.keys(uploadProgress).length === 2) bothUploading();
      await route.continue();
    });
    // Processing takes well under the list's 1 s refresh here: hold the embeddings back to see it.
    embeddings.hold();
    await page
      .getByLabel('Choose files')
      .setInputFiles([path.join(QA_DEV, 'docs', PDF), path.join(QA_DEV, 'docs', DOCX)]);
    await uploading;
    expect(Object.keys(uploadProgress).sort()).toEqual([PDF, DOCX].sort());
    for (const value of Object.values(uploadProgress)) expect(value >= 0 && value <= 100).toBe(true);

    // Both documents are processed at once (two processing loops by default), each with its bar;
    // while they embed, their passages are already searched by keyword, and the list says so.
    for (const name of [PDF, DOCX]) {
      await eventually(() => statusCell(page, name).textContent()).toBe('Searchable · embedding 0%');
    }
    // Let one batch of embeddings through: one percentage moves and the list follows on its own.
    await embeddings.holding();
    embeddings.releaseOne();
    const percentOf = async (name: string) => percentIn(await statusCell(page, name).textContent());
    await eventually(async () => Math.max(await percentOf(PDF), await percentOf(DOCX))).toBeGreaterThan(0);
    const first = (await percentOf(PDF)) > 0 ? PDF : DOCX;
    const percent = await percentOf(first);
    expect(percent).toBeLessThan(100);
    const processingBar = page.getByRole('progressbar', { name: `Processing ${first}` });
    expect(Number(await processingBar.getAttribute('aria-valuenow'))).toBe(percent);
    await screenshot(page, 3, 'documents-processing');
    embeddings.release();

    for (const name of [PDF, DOCX]) await visible(statusCell(page, name).getByText('Ready', { exact: true }));
    await screenshot(page, 4, 'documents-ready');
    const row = documentRow(page, PDF);
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('PDF');
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('38');
    // Every status shown on the way is one of the contract's (the log also proves no reload happened).
    for (const snapshot of await statuses()) {
      for (const status of Object.values(snapshot))
        expect(status).toMatch(
          /^(Uploaded|Ready|(Processing:|Searchable ·) \S+ \d{1,3}%( · (less than a minute|about [\w ]+) left)?)$/,
        );
    }
    // Both files were new: nothing may claim otherwise.
    expect(await page.getByText(/already uploaded/).allTextContents()).toEqual([]);
  });

  it('uploads the same file again as the existing document, saying so', async () => {
    const page = await signedInPage();
    await visible(documentRow(page, PDF));
    await page.getByLabel('Choose files').setInputFiles(path.join(QA_DEV, 'docs', PDF));
    await visible(page.getByRole('status').filter({ hasText: `${PDF} was already uploaded` }));
    expect(await documentRow(page, PDF).count()).toBe(1);
  });

  it('streams an answer from the PDF, lists its citations and opens the cited span in the viewer', async () => {
    const page = await signedInPage();
    await goTo(page, 'Ask');
    const exchange = await ask(page, IN_PDF);
    expect(exchange.accept).toContain('text/event-stream');
    expect(exchange.contentType).toContain('text/event-stream');
    const tokens = exchange.events.filter((event) => event.event === 'token').map((event) => event.data.text);
    expect(tokens.length).toBeGreaterThan(0);
    expect(exchange.events.at(-1)?.event).toBe('answer');
    expect(exchange.answer.abstained).toBe(false);
    expect(exchange.answer.answer).toContain(IN_PDF_ANSWER);

    const answer = page.getByRole('region', { name: 'Answer', exact: true });
    await eventually(() => answer.textContent()).toContain(IN_PDF_ANSWER);
    // What the region shows is the streamed text (followed by the citation markers).
    expect(await answer.textContent()).toContain(tokens.join(''));
    expect(await answer.getAttribute('aria-live')).toBe('polite');
    expect(await answer.getAttribute('data-abstained')).not.toBe('true');
    const citations = exchange.answer.citations;
    expect(citations.length).toBeGreaterThan(0);
    const first = citations[0];
    expect(first.documentName).toBe(PDF);
    await visible(answer.getByRole('button', { name: `Citation 1: ${PDF}, page ${first.page}` }));
    const list = await visible(page.getByRole('list', { name: 'Citations' }));
    await eventually(() => list.getByRole('listitem').count()).toBe(citations.length);
    await screenshot(page, 5, 'answer-with-citations');

    // Under the answer, the best passages; the cited sentence is marked where it lies.
    const sources: any[] = exchange.answer.sources;
    const evidence = await visible(page.getByRole('region', { name: 'Where this comes from' }));
    const passages = evidence.getByRole('list', { name: 'Passages' }).getByRole('listitem');
    expect(sources.length).toBeGreaterThan(0);
    expect(await passages.count()).toBeGreaterThanOrEqual(Math.min(5, sources.length));
    const holding = sources.findIndex((source) => citedIn(source, first));
    expect(holding, 'the first citation lies in a shown passage').toBeGreaterThanOrEqual(0);
    expect(holding).toBeLessThan(await passages.count());
    const cited = passages.nth(holding);
    expect(await cited.locator('mark').allTextContents()).toEqual(
      citations.filter((citation: any) => citedIn(sources[holding], citation)).map((citation: any) => citation.quote),
    );
    expect(await cited.textContent()).toContain(sources[holding].page ? `${PDF}, page ${sources[holding].page}` : PDF);
    for (const [index, source] of sources.slice(0, 5).entries()) {
      if (!citations.some((citation: any) => citedIn(source, citation)))
        expect(await passages.nth(index).locator('mark').count()).toBe(0);
    }
    await screenshot(page, 13, 'answer-evidence');

    await list.getByRole('listitem').first().getByRole('button').click();
    const viewer = await visible(page.getByRole('dialog', { name: PDF }));
    const mark = await visible(viewer.locator('mark'));
    expect(await mark.textContent()).toBe(first.quote);
    await visible(viewer.getByText(`Page ${first.page}`, { exact: true }));
    expect(
      await mark.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= (globalThis as any).innerHeight;
      }),
    ).toBe(true);
    await screenshot(page, 6, 'viewer-cited-span-on-pdf-page');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });

    // The passage opens the same viewer at its cited span.
    await cited.getByRole('button').click();
    await eventually(() => viewer.locator('mark').textContent()).toBe(first.quote);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  });

  it('shows a question the documents cannot answer as not found', async () => {
    const page = await signedInPage();
    await goTo(page, 'Ask');
    const exchange = await ask(page, NOT_IN_DOCUMENTS);
    expect(exchange.answer.abstained).toBe(true);
    const answer = page.getByRole('region', { name: 'Answer', exact: true });
    await eventually(() => answer.getAttribute('data-abstained')).toBe('true');
    await visible(answer.getByText('Not found in your documents'));
    expect(await page.getByRole('list', { name: 'Citations' }).count()).toBe(0);
    await screenshot(page, 7, 'answer-not-found');

    // The closest passages stay listed, marked as not answering, so the reader can check.
    const sources: any[] = exchange.answer.sources;
    expect(sources.length).toBeGreaterThan(0);
    const closest = await visible(
      page.getByRole('region', { name: 'Closest passages (they do not answer the question)' }),
    );
    const passages = closest.getByRole('list', { name: 'Passages' }).getByRole('listitem');
    expect(await passages.count()).toBe(Math.min(5, sources.length));
    expect(await passages.first().textContent()).toContain(sources[0].documentName);
    expect(await closest.locator('mark').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Where this comes from' }).count()).toBe(0);
    await screenshot(page, 14, 'abstention-evidence');
  });

  it('asks within one selected document and sends its id', async () => {
    const page = await signedInPage();
    await goTo(page, 'Ask');
    const within = page.getByRole('group', { name: 'Ask within' });
    await visible(within.getByRole('checkbox', { name: PDF }));
    await within.getByRole('checkbox', { name: DOCX }).check();
    const exchange = await ask(page, IN_DOCX);
    expect(exchange.requestBody.documentIds).toHaveLength(1);
    const docxId = exchange.requestBody.documentIds[0];
    expect(exchange.answer.abstained).toBe(false);
    expect(exchange.answer.citations.length).toBeGreaterThan(0);
    for (const citation of exchange.answer.citations) expect(citation.documentId).toBe(docxId);
    // A DOCX has no pages: its marker names the document only.
    await visible(
      page.getByRole('region', { name: 'Answer', exact: true }).getByRole('button', { name: `Citation 1: ${DOCX}` }),
    );
  });

  it('lists past questions in History and reopens one with its answer', async () => {
    const page = await signedInPage();
    await goTo(page, 'History');
    for (const question of [IN_PDF, NOT_IN_DOCUMENTS, IN_DOCX]) {
      await visible(page.getByRole('button', { name: question }));
    }
    await page.getByRole('button', { name: IN_PDF }).click();
    const answer = page.getByRole('region', { name: 'Answer', exact: true });
    await eventually(() => answer.textContent()).toContain(IN_PDF_ANSWER);
    const citations = await visible(page.getByRole('list', { name: 'Citations' }));
    await screenshot(page, 8, 'history-reopened-answer');
    // The reopened answer's citations open the same viewer.
    await citations.getByRole('button').first().click();
    const viewer = await visible(page.getByRole('dialog', { name: PDF }));
    await eventually(() => viewer.locator('mark').textContent()).toContain('3700 kbytes');
    await viewer.getByRole('button', { name: 'Close' }).click();
    await viewer.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  });

  it('shows hostile markup in a document as text and never runs it', async () => {
    const page = await signedInPage();
    await page.getByLabel('Choose files').setInputFiles({
      name: HOSTILE_NAME,
      mimeType: 'text/plain',
      buffer: Buffer.from(HOSTILE_TEXT),
    });
    await visible(statusCell(page, HOSTILE_NAME).getByText('Ready', { exact: true }));
    await goTo(page, 'Ask');
    await page.getByRole('group', { name: 'Ask within' }).getByRole('checkbox', { name: HOSTILE_NAME }).check();
    const exchange = await ask(page, 'What is the zebra quartz marker?');
    expect(exchange.answer.abstained).toBe(false);
    await visible(page.getByRole('list', { name: 'Citations' }));
    await page.getByRole('list', { name: 'Citations' }).getByRole('button').first().click();
    const viewer = await visible(page.getByRole('dialog', { name: HOSTILE_NAME }));
    await eventually(() => viewer.textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await viewer.textContent()).toContain('<script>window.__pwned=2</script>');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
    await screenshot(page, 9, 'viewer-hostile-markup-as-text');
  });

  it('fits the Ask screen on a phone', async () => {
    const page = await signedInPage(PHONE);
    await goTo(page, 'Ask');
    await ask(page, IN_PDF);
    await visible(page.getByRole('list', { name: 'Citations' }));
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, 10, 'ask-on-phone');
  });

  it('deletes a document after confirmation, and keeps it on Cancel', async () => {
    const page = await signedInPage();
    await visible(documentRow(page, DOCX));
    await documentRow(page, DOCX)
      .getByRole('button', { name: `Delete ${DOCX}` })
      .click();
    let dialog = await visible(page.getByRole('dialog', { name: `Delete ${DOCX}?` }));
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await visible(documentRow(page, DOCX));

    await documentRow(page, DOCX)
      .getByRole('button', { name: `Delete ${DOCX}` })
      .click();
    dialog = await visible(page.getByRole('dialog', { name: `Delete ${DOCX}?` }));
    await screenshot(page, 11, 'delete-confirmation');
    const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/documents/'));
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    expect((await deleted).status()).toBe(204);
    await documentRow(page, DOCX).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await visible(documentRow(page, PDF));
  });

  it('signs out back to the sign-in page, and stays signed out after a reload', async () => {
    const page = await signedInPage();
    const loggedOut = page.waitForResponse((r) => r.url().endsWith('/auth/logout'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect((await loggedOut).status()).toBe(204);
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    await screenshot(page, 12, 'signed-out');
    await page.reload();
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    expect(await page.evaluate(() => localStorage.getItem('docent.session'))).toBeNull();
    expect(browser.problems().filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });
});

/** Whether keyboard focus is on the element (the repository's TypeScript has no DOM library). */
const isFocused = (locator: Locator): Promise<boolean> =>
  locator.evaluate((element) => element === (globalThis as any).document.activeElement);

/** The number before `%` in a status text such as `Searchable · embedding 23%`. */
const percentIn = (status: string | null): number => Number(/(\d+)%/.exec(status ?? '')?.[1] ?? Number.NaN);

/** Whether a citation lies inside a source (same document, span within the passage's span). */
const citedIn = (source: any, citation: any): boolean =>
  source.documentId === citation.documentId &&
  source.charStart <= citation.charStart &&
  citation.charEnd <= source.charEnd;

const statusCell = (page: Page, name: string) => documentRow(page, name).getByRole('cell').nth(4);

const ruleText = async (rules: Locator, pattern: RegExp): Promise<string> =>
  ((await rules.getByRole('listitem').filter({ hasText: pattern }).textContent()) ?? '').trim();
