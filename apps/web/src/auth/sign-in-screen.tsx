import { type FormEvent, useId, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError, messageOf } from '../api/api-error.ts';
import { login, register } from '../api/endpoints.ts';
import type { Session } from '../api/types.ts';
import { OidcLink } from './oidc-link.tsx';
import { PasswordRulesList } from './password-rules-list.tsx';

/** Props of the sign-in screen. */
export interface SignInScreenProps {
  onSignedIn: (session: Session) => void;
  /** A note on why the user is here again (their session ended). */
  notice?: string | undefined;
}

type Mode = 'sign-in' | 'sign-up';

// After a registration, a refused sign-in means the email already had an account with another password.
const NOT_CREATED =
  'These details do not open an account. If this email is already registered, sign in with its password.';

const isWrongCredentials = (error: unknown): boolean =>
  error instanceof ApiError && error.code === 'invalid_credentials';

/** Sign in, or create an account and sign in with it; offers single sign-on when configured. */
export const SignInScreen = ({ onSignedIn, notice }: SignInScreenProps) => {
  const api = useApi();
  const ids = useId();
  const [mode, setMode] = useState<Mode>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signingUp = mode === 'sign-up';
  const title = signingUp ? 'Create account' : 'Sign in';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    // The server validates too; this only spares a round trip for the obvious case.
    if (email.trim() === '' || password === '') {
      setError('Enter your email and password.');
      return;
    }
    setBusy(true);
    const credentials = { email: email.trim(), password };
    try {
      if (signingUp) {
        // The server answers alike whether or not the email was free (so nobody can learn who has an
        // account); signing in next tells whether these credentials open one.
        await register(api, credentials);
        setMode('sign-in');
      }
      onSignedIn(await login(api, credentials));
    } catch (thrown) {
      setError(signingUp && isWrongCredentials(thrown) ? NOT_CREATED : messageOf(thrown));
      setBusy(false);
    }
  };

  const switchMode = (next: Mode) => {
    setMode(next);
    setError(null);
  };

  return (
    <main className="auth">
      <div className="card auth-card">
        <p className="brand brand-large">Docent</p>
        <h1>{title}</h1>
        {notice && !error ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <form onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor={`${ids}-email`}>Email</label>
            <input
              id={`${ids}-email`}
              type="email"
              autoComplete={signingUp ? 'email' : 'username'}
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-password`}>Password</label>
            <input
              id={`${ids}-password`}
              type="password"
              autoComplete={signingUp ? 'new-password' : 'current-password'}
              required
              value={password}
              aria-describedby={signingUp ? `${ids}-rules` : undefined}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {signingUp ? <PasswordRulesList id={`${ids}-rules`} password={password} /> : null}
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          <button className="button" type="submit" disabled={busy}>
            {title}
          </button>
        </form>
        <p className="switch">
          {signingUp ? (
            <button className="link-button" type="button" onClick={() => switchMode('sign-in')}>
              I already have an account
            </button>
          ) : (
            <button className="link-button" type="button" onClick={() => switchMode('sign-up')}>
              Create an account
            </button>
          )}
        </p>
        {signingUp ? null : <OidcLink />}
      </div>
    </main>
  );
};
