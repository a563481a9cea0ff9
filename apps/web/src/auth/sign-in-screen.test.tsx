// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, FakeServer, json } from '../../test-support/fake-server.ts';
import { session } from '../../test-support/fixtures.ts';
import { renderWithApi } from '../../test-support/render-with-api.tsx';
import { SignInScreen } from './sign-in-screen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const setup = (server: FakeServer) => {
  vi.stubGlobal('fetch', server.fetch);
  const onSignedIn = vi.fn();
  renderWithApi(<SignInScreen onSignedIn={onSignedIn} />, null);
  return { onSignedIn, user: userEvent.setup() };
};

// What the server answers to every registration, whether or not the email was free.
const REGISTERED = { next: 'sign_in', message: 'Registration accepted: sign in with this email and password.' };

const ruleStates = () =>
  within(screen.getByRole('list', { name: 'Password rules' }))
    .getAllByRole('listitem')
    .map((item) => item.getAttribute('data-met'));

describe('SignInScreen', () => {
  it('signs in and hands over the session', async () => {
    const server = new FakeServer().on('POST', '/auth/login', session());
    const { onSignedIn, user } = setup(server);
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Password rules' })).toBeNull();
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'Secret123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onSignedIn).toHaveBeenCalledWith(session());
    expect(server.calls('POST', '/auth/login')[0]?.body).toEqual({ email: 'ada@example.com', password: 'Secret123' });
  });

  it('shows the server error in an alert and stays signed out', async () => {
    const server = new FakeServer().on('POST', '/auth/login', () =>
      apiError(401, 'invalid_credentials', 'Email or password is wrong.'),
    );
    const { onSignedIn, user } = setup(server);
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Email or password is wrong.');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('updates the password rules while typing in sign-up mode', async () => {
    const { user } = setup(new FakeServer());
    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    expect(screen.getByRole('heading', { name: 'Create account' })).toBeTruthy();
    expect(ruleStates()).toEqual(['false', 'false', 'false', 'false']);
    const password = screen.getByLabelText('Password');
    await user.type(password, 'a');
    expect(ruleStates()).toEqual(['false', 'false', 'true', 'false']);
    await user.type(password, 'B3');
    expect(ruleStates()).toEqual(['false', 'true', 'true', 'true']);
    await user.type(password, 'cdefg');
    expect(ruleStates()).toEqual(['true', 'true', 'true', 'true']);
    await user.click(screen.getByRole('button', { name: 'I already have an account' }));
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('creates the account, then signs in with it', async () => {
    const server = new FakeServer()
      .on('POST', '/auth/register', () => json(202, REGISTERED))
      .on('POST', '/auth/login', session());
    const { onSignedIn, user } = setup(server);
    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'Secret123');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    const posts = server.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.path)).toEqual(['/auth/register', '/auth/login']);
    expect(posts[0]?.body).toEqual({ email: 'ada@example.com', password: 'Secret123' });
    expect(onSignedIn).toHaveBeenCalledOnce();
  });

  it('says so without naming the account when a registered email has another password', async () => {
    const server = new FakeServer()
      .on('POST', '/auth/register', () => json(202, REGISTERED))
      .on('POST', '/auth/login', () => apiError(401, 'invalid_credentials', 'The email or password is wrong.'));
    const { onSignedIn, user } = setup(server);
    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'Secret123');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/If this email is already registered, sign in/);
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('shows how long to wait when sign-in is throttled', async () => {
    const server = new FakeServer().on('POST', '/auth/login', () =>
      apiError(429, 'too_many_attempts', 'Too many sign-in attempts; try again in 4 seconds.'),
    );
    const { user } = setup(server);
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many sign-in attempts; try again in 4 seconds.');
  });

  it('offers single sign-on as a link when the server has it', async () => {
    setup(new FakeServer().on('GET', '/auth/oidc/config', { enabled: true, name: 'Google' }));
    const link = await screen.findByRole('link', { name: 'Sign in with Google' });
    expect(link.getAttribute('href')).toBe('/auth/oidc/login');
  });

  it('shows no single sign-on link when it is off', async () => {
    const server = new FakeServer().on('GET', '/auth/oidc/config', { enabled: false });
    setup(server);
    await vi.waitFor(() => expect(server.calls('GET', '/auth/oidc/config')).toHaveLength(1));
    expect(screen.queryByRole('link')).toBeNull();
  });
});
