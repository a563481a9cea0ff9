// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, FakeServer, json } from '../test-support/fake-server.ts';
import { session } from '../test-support/fixtures.ts';
import { App } from './app.tsx';
import { SESSION_KEY } from './session/session-store.ts';

const storeSession = () => window.localStorage.setItem(SESSION_KEY, JSON.stringify(session()));

const start = (server: FakeServer) => {
  vi.stubGlobal('fetch', server.fetch);
  // StrictMode as in main.tsx: effects run twice, which must not post a one-time code twice.
  render(
    <StrictMode>
      <App pollMs={20} />
    </StrictMode>,
  );
  return userEvent.setup();
};

beforeEach(() => {
  window.localStorage.clear();
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('App', () => {
  it('signs in, keeps the session and shows the documents screen with banner and navigation', async () => {
    const server = new FakeServer().on('POST', '/auth/login', session()).on('GET', '/documents', { documents: [] });
    const user = start(server);
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'Secret123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Documents' })).toBeTruthy();
    expect(within(screen.getByRole('banner')).getByText('ada@example.com')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Documents', 'Ask', 'History']);
    expect(window.location.hash).toBe('#/documents');
    expect(JSON.parse(window.localStorage.getItem(SESSION_KEY) ?? 'null')).toEqual(session());
    await vi.waitFor(() => expect(server.calls('GET', '/documents')).not.toHaveLength(0));
    expect(server.calls('GET', '/documents')[0]?.headers.get('authorization')).toBe('Bearer token-1');
  });

  it('signs out: revokes the token, forgets the session and returns to sign-in', async () => {
    storeSession();
    const server = new FakeServer()
      .on('GET', '/documents', { documents: [] })
      .on('POST', '/auth/logout', () => json(204, undefined));
    const user = start(server);
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(server.calls('POST', '/auth/logout')[0]?.headers.get('authorization')).toBe('Bearer token-1');
    expect(window.localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('signs out when any call answers 401', async () => {
    storeSession();
    start(new FakeServer().on('GET', '/documents', () => apiError(401, 'unauthorized', 'Token expired.')));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/session has ended/);
    expect(window.localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('ignores an expired stored session', () => {
    window.localStorage.setItem(SESSION_KEY, JSON.stringify(session({ expiresAt: '2000-01-01T00:00:00.000Z' })));
    start(new FakeServer());
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('follows the hash routes between screens', async () => {
    storeSession();
    const server = new FakeServer()
      .on('GET', '/documents', { documents: [] })
      .on('GET', '/query/history', { entries: [], nextCursor: null });
    const user = start(server);
    await user.click(await screen.findByRole('link', { name: 'History' }));
    expect(await screen.findByRole('heading', { name: 'History' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'History' }).getAttribute('aria-current')).toBe('page');
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('History'));
    await user.click(screen.getByRole('link', { name: 'Ask' }));
    expect(await screen.findByRole('heading', { name: 'Ask' })).toBeTruthy();
  });

  it('trades the single sign-on code for a session once and leaves the code out of the URL', async () => {
    window.history.replaceState(null, '', '/#/oidc?code=one-time');
    const server = new FakeServer()
      .on('POST', '/auth/oidc/session', session())
      .on('GET', '/documents', { documents: [] });
    start(server);
    expect(await screen.findByRole('heading', { name: 'Documents' })).toBeTruthy();
    expect(server.calls('POST', '/auth/oidc/session').map((request) => request.body)).toEqual([{ code: 'one-time' }]);
    expect(window.location.hash).toBe('#/documents');
  });

  it('shows a single sign-on failure from the redirect', async () => {
    window.history.replaceState(null, '', '/#/oidc?error=access_denied&message=You%20cancelled%20the%20sign-in.');
    const user = start(new FakeServer());
    expect(screen.getByRole('alert').textContent).toBe('You cancelled the sign-in.');
    await user.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });
});
