import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, type OidcTestProvider, startOidcTestProvider } from '@docent/testing';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, launchBrowser, recordFailure, screenshot } from './support/browser.ts';
import { type ServerProcess, startServer } from './support/server-process.ts';
import { visible } from './support/web-app.ts';
import { ensureWebBuild } from './support/web-build.ts';

// Single sign-on as a person goes through it: the sign-in page's provider link, the provider's own
// login and consent pages (a real OpenID Provider on 127.0.0.1), and back into the app signed in.
describe('Docent web app sign-in with an OpenID provider', () => {
  let dataDir: string;
  let provider: OidcTestProvider;
  let server: ServerProcess;
  let browser: BrowserHarness;

  beforeAll(async () => {
    const [port] = await Promise.all([freePort(), ensureWebBuild()]);
    const appUrl = `http://127.0.0.1:${port}`;
    provider = await startOidcTestProvider({
      redirectUri: `${appUrl}/auth/oidc/callback`,
      accounts: {
        ada: { email: 'ada@example.com', email_verified: true },
        mallory: { email: 'mallory@example.com', email_verified: false },
      },
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-web-oidc-'));
    [server, browser] = await Promise.all([
      startServer(dataDir, {
        PORT: String(port),
        DOCENT_EMBEDDER: 'hashing',
        DOCENT_OIDC_ISSUER: provider.issuer,
        DOCENT_OIDC_CLIENT_ID: provider.clientId,
        DOCENT_OIDC_CLIENT_SECRET: provider.clientSecret,
        DOCENT_OIDC_REDIRECT_URI: `${appUrl}/auth/oidc/callback`,
        DOCENT_OIDC_NAME: 'Google',
        DOCENT_OIDC_ALLOW_HTTP: 'true',
      }),
      launchBrowser(),
    ]);
    expect(server.url.replace(/\/$/, '')).toBe(appUrl);
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await recordFailure(browser, task.name);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await provider?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** From the app's sign-in page through the provider's login form (and consent when asked). */
  const signInAtProvider = async (page: Page, login: string, shots?: { login: number; consent: number }) => {
    await page.goto(server.url);
    const link = await visible(page.getByRole('link', { name: 'Sign in with Google' }));
    expect(new URL((await link.getAttribute('href')) ?? '', server.url).pathname).toBe('/auth/oidc/login');
    await link.click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    if (shots) await screenshot(page, shots.login, 'oidc-provider-login');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // The provider asks for consent on a first visit; either way the browser ends up back in the app.
    const consent = page.getByRole('button', { name: 'Continue' });
    const backInApp = page.getByRole('button', { name: 'Sign out' }).or(page.getByRole('alert'));
    await visible(consent.or(backInApp));
    if (await consent.isVisible()) {
      if (shots) await screenshot(page, shots.consent, 'oidc-provider-consent');
      await consent.click();
    }
  };

  it('signs in with the provider and lands on Documents signed in', async () => {
    const page = await browser.newPage();
    await signInAtProvider(page, 'ada', { login: 20, consent: 21 });
    await visible(page.getByRole('banner').getByText('ada@example.com'));
    await visible(page.getByRole('heading', { name: 'Documents', exact: true }));
    expect(new URL(page.url()).hash).toBe('#/documents');
    const session = JSON.parse((await page.evaluate(() => localStorage.getItem('docent.session'))) ?? '{}');
    expect(session.user.email).toBe('ada@example.com');
    // The session is a real one: the API accepts its token.
    const profile = await fetch(new URL('/auth/profile', server.url), {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(profile.status).toBe(200);
    expect(((await profile.json()) as any).email).toBe('ada@example.com');
    await screenshot(page, 22, 'oidc-signed-in');
  });

  it('refuses an account whose email the provider has not verified, with a visible error', async () => {
    const page = await browser.newPage();
    await signInAtProvider(page, 'mallory');
    const alert = await visible(page.getByRole('alert'));
    expect(await alert.textContent()).toMatch(/verif/i);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('docent.session'))).toBeNull();
    await screenshot(page, 23, 'oidc-unverified-email-refused');
  });
});
