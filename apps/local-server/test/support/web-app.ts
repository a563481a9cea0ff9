import { parseEventStream, type StreamEvent } from '@docent/testing';
import type { Locator, Page, Route } from 'playwright-core';
import { expect } from 'vitest';

/** How long a UI state may take to appear (processing, streaming) before a test fails. */
export const UI_TIMEOUT = 10_000;

/** Waits until the locator is visible (playwright-core has no auto-retrying assertions). */
export const visible = async (locator: Locator, timeout = UI_TIMEOUT): Promise<Locator> => {
  await locator.waitFor({ state: 'visible', timeout });
  return locator;
};

/** Retries `read` until it satisfies `check` (vitest's `expect.poll` with the UI timeout). */
export const eventually = <T>(read: () => Promise<T>, timeout = UI_TIMEOUT) =>
  expect.poll(read, { timeout, interval: 50 });

/** Fills the sign-in form and submits it, then waits for the signed-in banner. */
export const signIn = async (page: Page, baseUrl: string, email: string, password: string): Promise<void> => {
  await page.goto(baseUrl);
  await visible(page.getByRole('heading', { name: 'Sign in' }));
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await visible(page.getByRole('banner').getByText(email));
};

/** Follows the main navigation to one screen and waits for its heading. */
export const goTo = async (page: Page, screen: 'Documents' | 'Ask' | 'History'): Promise<void> => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
  await visible(page.getByRole('heading', { name: screen, exact: true }));
};

/** What the browser sent to and got back from `POST /query/ask`. */
export interface AskExchange {
  requestBody: any;
  accept: string | undefined;
  contentType: string | undefined;
  events: StreamEvent[];
  /** The final `answer` event's data. */
  answer: any;
}

/**
 * Types the question on the Ask screen, presses Ask and returns the exchange with the server. The
 * request goes through a route that passes the server's real response on unchanged: Chromium
 * keeps no body of a streamed fetch for `response.text()`, so the route reads it on the way.
 */
export const ask = async (page: Page, question: string): Promise<AskExchange> => {
  let exchanged: (exchange: AskExchange) => void = () => {};
  const done = new Promise<AskExchange>((resolve) => {
    exchanged = resolve;
  });
  const relay = async (route: Route) => {
    const request = route.request();
    const response = await route.fetch();
    const body = await response.text();
    await route.fulfill({ response, body });
    const events = parseEventStream(body);
    exchanged({
      requestBody: request.postDataJSON(),
      accept: (await request.headerValue('accept')) ?? undefined,
      contentType: response.headers()['content-type'],
      events,
      answer: events.find((event) => event.event === 'answer')?.data,
    });
  };
  await page.route('**/query/ask', relay);
  try {
    await page.getByLabel('Question', { exact: true }).fill(question);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    return await done;
  } finally {
    await page.unroute('**/query/ask', relay);
  }
};

/** The table row of one document on the Documents screen. */
export const documentRow = (page: Page, name: string): Locator =>
  page.getByRole('table', { name: 'Your documents' }).getByRole('row').filter({ hasText: name });
